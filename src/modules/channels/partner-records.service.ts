import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  clean,
  todayIn,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import {
  PartnerDisputes,
  PartnerEndUsers,
  Partners,
  PartnerSupportRecords,
  type Partner,
  type PartnerDispute,
  type PartnerEndUser,
  type PartnerSupportRecord,
} from './channel.entity.js';
import { DisputeState } from './channel.enums.js';
import type {
  HandlePartnerDisputeInput,
  OpenPartnerDisputeInput,
  PartnerDisputeFilter,
  PartnerEndUserFilter,
  PartnerRecordFilter,
  PartnerSupportFilter,
  RecordPartnerEndUserInput,
  RecordPartnerSupportInput,
} from './partner-records.types.js';

/** What is recorded under a partner: disputes (handled and closed), training and support given, end users. */
@Injectable()
export class PartnerRecordsService {
  constructor(private readonly branches: BranchesService) {}

  // ---------- lists (a rep sees the records of the partners they own) ----------

  /** The scope of a partner's children: branches, own-only, and one partner when the filter names it. */
  private scope(ctx: RequestContext, f: PartnerRecordFilter): SqlFilter {
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('partner_id', f.partnerId?.toLowerCase(), 'uuid');
    if (ctx.ownOnly) {
      filter.where(
        (p) => `EXISTS (SELECT 1 FROM partners o WHERE o.branch_id = r.branch_id AND o.id = r.partner_id
          AND o.owner_id = ${p(ctx.actor!.userId, 'uuid')})`,
      );
    }
    return filter;
  }

  disputes(ctx: RequestContext, args: { first?: number; after?: string; filter?: PartnerDisputeFilter }) {
    const f = args.filter ?? {};
    return keysetPage(ctx, args, {
      columns: PartnerDisputes.cols(),
      from: 'partner_disputes r',
      filter: this.scope(ctx, f).eq('state', f.state),
      order: { column: 'opened_at', cast: 'timestamptz', desc: true, value: (d: PartnerDispute) => d.openedAt },
      map: PartnerDisputes.map,
    });
  }

  supportRecords(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerSupportFilter },
  ): Promise<ConnectionShape<PartnerSupportRecord>> {
    const f = args.filter ?? {};
    return keysetPage(ctx, args, {
      columns: PartnerSupportRecords.cols(),
      from: 'partner_support_records r',
      filter: this.scope(ctx, f).eq('kind', f.kind),
      order: { column: 'given_on', cast: 'date', desc: true, value: (s: PartnerSupportRecord) => s.givenOn },
      map: PartnerSupportRecords.map,
    });
  }

  endUsers(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerEndUserFilter },
  ): Promise<ConnectionShape<PartnerEndUser>> {
    const f = args.filter ?? {};
    return keysetPage(ctx, args, {
      columns: PartnerEndUsers.cols(),
      from: 'partner_end_users r',
      filter: this.scope(ctx, f).eq('industry', f.industry?.trim()).eq('region', f.region?.trim()),
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (e: PartnerEndUser) => e.createdAt },
      map: PartnerEndUsers.map,
    });
  }

  // ---------- disputes ----------

  async openDispute(ctx: RequestContext, input: OpenPartnerDisputeInput): Promise<PartnerDispute> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    const after = await PartnerDisputes.insert(tx, {
      branchId: partner.branchId,
      id: randomUUID(),
      partnerId: partner.id,
      subject: input.subject.trim(),
      description: input.description.trim(),
      createdById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'partner_dispute',
      entityId: after.id,
      action: 'open',
      after,
    });
    return after;
  }

  /** OPENED -> HANDLING: someone of the branch takes it on (a sales rep takes it on themselves). */
  async handleDispute(ctx: RequestContext, id: string, input: HandlePartnerDisputeInput): Promise<PartnerDispute> {
    const actor = ctx.requireActor();
    const before = await this.lockDispute(ctx, id);
    if (before.state !== DisputeState.OPENED) {
      throw new InvalidStateError(`A dispute moves to HANDLING from OPENED; this one is ${before.state}`);
    }
    const handler = (input.handlerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && handler !== actor.userId) {
      throw new ForbiddenError('A sales representative takes a dispute on themselves; leave handlerId out');
    }
    if (!(await this.branches.memberRole(ctx, before.branchId, handler))) {
      throw BadUserInputError.field('handlerId', 'must be a person of the partner’s branch');
    }
    return this.change(ctx, before, 'handle', {
      state: DisputeState.HANDLING,
      handlerId: handler,
      handlingNotes: clean(input.notes) ?? null,
    });
  }

  /** HANDLING -> CLOSED with the resolution. */
  async closeDispute(ctx: RequestContext, id: string, resolution: string): Promise<PartnerDispute> {
    const how = resolution.trim();
    if (how.length < 1 || how.length > 4000)
      throw BadUserInputError.field('resolution', 'must be 1 to 4000 characters');
    const before = await this.lockDispute(ctx, id);
    if (before.state !== DisputeState.HANDLING) {
      throw new InvalidStateError(
        `A dispute is closed from HANDLING (someone handled it); this one is ${before.state}`,
      );
    }
    return this.change(ctx, before, 'close', {
      state: DisputeState.CLOSED,
      resolution: how,
      closedAt: new Date(),
    });
  }

  // ---------- support and end users ----------

  async recordSupport(ctx: RequestContext, input: RecordPartnerSupportInput): Promise<PartnerSupportRecord> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    await this.notFuture(ctx, partner, 'givenOn', input.givenOn);
    const after = await PartnerSupportRecords.insert(tx, {
      branchId: partner.branchId,
      id: randomUUID(),
      partnerId: partner.id,
      kind: input.kind,
      givenOn: input.givenOn,
      topic: input.topic.trim(),
      details: clean(input.details) ?? null,
      attendees: input.attendees ?? null,
      recordedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'partner_support',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  async recordEndUser(ctx: RequestContext, input: RecordPartnerEndUserInput): Promise<PartnerEndUser> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    if (input.purchasedOn) await this.notFuture(ctx, partner, 'purchasedOn', input.purchasedOn);
    const after = await PartnerEndUsers.insert(tx, {
      branchId: partner.branchId,
      id: randomUUID(),
      partnerId: partner.id,
      name: input.name.trim(),
      industry: clean(input.industry) ?? null,
      region: clean(input.region) ?? null,
      purchased: input.purchased.trim(),
      purchasedOn: input.purchasedOn ?? null,
      recordedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'partner_end_user',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  // ---------- helpers ----------

  /** A business day that has come, in the branch's time zone. */
  private async notFuture(ctx: RequestContext, partner: Partner, field: string, day: string): Promise<void> {
    const branch = await this.branches.branchLoader(ctx).load(partner.branchId);
    if (!branch) throw new NotFoundError('Branch', partner.branchId);
    if (day > todayIn(branch.timeZone)) throw BadUserInputError.field(field, 'must not be in the future');
  }

  /** A dispute whose partner is in scope, locked with it, or NOT_FOUND (the same for another branch's). */
  private async lockDispute(ctx: RequestContext, id: string): Promise<PartnerDispute> {
    const tx = await ctx.tx();
    const rows = await tx.query<PartnerDispute>(
      `SELECT ${PartnerDisputes.cols('d')}
       FROM partner_disputes d JOIN partners p ON p.branch_id = d.branch_id AND p.id = d.partner_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d, p`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Partner dispute', id);
    return PartnerDisputes.map(rows[0]);
  }

  /** A move of a dispute: the update and its audit row (entity partner_dispute). */
  private async change(
    ctx: RequestContext,
    before: PartnerDispute,
    action: string,
    set: Values<PartnerDispute>,
  ): Promise<PartnerDispute> {
    const after = await PartnerDisputes.update(await ctx.tx(), PartnerDisputes.keyOf(before), set);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'partner_dispute',
      entityId: after.id,
      action,
      before,
      after,
    });
    return after;
  }
}
