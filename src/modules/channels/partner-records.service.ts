import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import {
  DisputeState,
  type HandlePartnerDisputeInput,
  type OpenPartnerDisputeInput,
  type PartnerDispute,
  type PartnerDisputeFilter,
  type PartnerEndUser,
  type PartnerEndUserFilter,
  type PartnerRecordFilter,
  type PartnerSupportFilter,
  type PartnerSupportRecord,
  type RecordPartnerEndUserInput,
  type RecordPartnerSupportInput,
  type SupportKind,
} from './partner-records.types.js';
import type { Partner } from './partner.types.js';
import { PartnersService } from './partners.service.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

const DISPUTE_COLUMNS = `branch_id, id, partner_id, subject, description, state, handler_id, handling_notes, resolution,
  opened_at, closed_at, created_by`;

interface DisputeRow {
  branch_id: string;
  id: string;
  partner_id: string;
  subject: string;
  description: string;
  state: DisputeState;
  handler_id: string | null;
  handling_notes: string | null;
  resolution: string | null;
  opened_at: Date;
  closed_at: Date | null;
  created_by: string;
}

const toDispute = (r: DisputeRow): PartnerDispute => ({
  id: r.id,
  branchId: r.branch_id,
  partnerId: r.partner_id,
  subject: r.subject,
  description: r.description,
  state: r.state,
  handlerId: r.handler_id,
  handlingNotes: r.handling_notes,
  resolution: r.resolution,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  createdById: r.created_by,
});

const SUPPORT_COLUMNS = `branch_id, id, partner_id, kind, given_on::text AS given_on, topic, details, attendees, recorded_by`;

interface SupportRow {
  branch_id: string;
  id: string;
  partner_id: string;
  kind: SupportKind;
  given_on: string;
  topic: string;
  details: string | null;
  attendees: number | null;
  recorded_by: string;
}

const toSupport = (r: SupportRow): PartnerSupportRecord => ({
  id: r.id,
  branchId: r.branch_id,
  partnerId: r.partner_id,
  kind: r.kind,
  givenOn: r.given_on,
  topic: r.topic,
  details: r.details,
  attendees: r.attendees,
  recordedById: r.recorded_by,
});

const END_USER_COLUMNS = `branch_id, id, partner_id, name, industry, region, purchased, purchased_on::text AS purchased_on,
  recorded_by, created_at`;

interface EndUserRow {
  branch_id: string;
  id: string;
  partner_id: string;
  name: string;
  industry: string | null;
  region: string | null;
  purchased: string;
  purchased_on: string | null;
  recorded_by: string;
  created_at: Date;
}

const toEndUser = (r: EndUserRow): PartnerEndUser => ({
  id: r.id,
  branchId: r.branch_id,
  partnerId: r.partner_id,
  name: r.name,
  industry: r.industry,
  region: r.region,
  purchased: r.purchased,
  purchasedOn: r.purchased_on,
  recordedById: r.recorded_by,
  createdAt: r.created_at,
});

/** What is recorded under a partner: disputes (handled and closed), training and support given, end users. */
@Injectable()
export class PartnerRecordsService {
  constructor(
    private readonly partners: PartnersService,
    private readonly branches: BranchesService,
  ) {}

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
      columns: DISPUTE_COLUMNS,
      from: 'partner_disputes r',
      filter: this.scope(ctx, f).eq('state', f.state),
      order: { column: 'opened_at', cast: 'timestamptz', desc: true, value: (d: PartnerDispute) => d.openedAt },
      map: toDispute,
    });
  }

  supportRecords(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerSupportFilter },
  ): Promise<ConnectionShape<PartnerSupportRecord>> {
    const f = args.filter ?? {};
    return keysetPage(ctx, args, {
      columns: SUPPORT_COLUMNS,
      from: 'partner_support_records r',
      filter: this.scope(ctx, f).eq('kind', f.kind),
      order: { column: 'given_on', cast: 'date', desc: true, value: (s: PartnerSupportRecord) => s.givenOn },
      map: toSupport,
    });
  }

  endUsers(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerEndUserFilter },
  ): Promise<ConnectionShape<PartnerEndUser>> {
    const f = args.filter ?? {};
    return keysetPage(ctx, args, {
      columns: END_USER_COLUMNS,
      from: 'partner_end_users r',
      filter: this.scope(ctx, f).eq('industry', f.industry?.trim()).eq('region', f.region?.trim()),
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (e: PartnerEndUser) => e.createdAt },
      map: toEndUser,
    });
  }

  // ---------- disputes ----------

  async openDispute(ctx: RequestContext, input: OpenPartnerDisputeInput): Promise<PartnerDispute> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await this.partners.lock(ctx, tx, input.partnerId.toLowerCase());
    const rows = await tx.query<DisputeRow>(
      `INSERT INTO partner_disputes (branch_id, id, partner_id, subject, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DISPUTE_COLUMNS}`,
      [partner.branchId, randomUUID(), partner.id, input.subject.trim(), input.description.trim(), actor.userId],
    );
    const after = toDispute(rows[0]);
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
    const tx = await ctx.tx();
    const before = await this.lockDispute(ctx, tx, id);
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
    return this.change(ctx, tx, before, 'handle', {
      state: DisputeState.HANDLING,
      handler_id: handler,
      handling_notes: clean(input.notes),
    });
  }

  /** HANDLING -> CLOSED with the resolution. */
  async closeDispute(ctx: RequestContext, id: string, resolution: string): Promise<PartnerDispute> {
    const how = resolution.trim();
    if (how.length < 1 || how.length > 4000)
      throw BadUserInputError.field('resolution', 'must be 1 to 4000 characters');
    const tx = await ctx.tx();
    const before = await this.lockDispute(ctx, tx, id);
    if (before.state !== DisputeState.HANDLING) {
      throw new InvalidStateError(
        `A dispute is closed from HANDLING (someone handled it); this one is ${before.state}`,
      );
    }
    return this.change(ctx, tx, before, 'close', {
      state: DisputeState.CLOSED,
      resolution: how,
      closed_at: new Date(),
    });
  }

  // ---------- support and end users ----------

  async recordSupport(ctx: RequestContext, input: RecordPartnerSupportInput): Promise<PartnerSupportRecord> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await this.partners.lock(ctx, tx, input.partnerId.toLowerCase());
    await this.notFuture(ctx, partner, 'givenOn', input.givenOn);
    const rows = await tx.query<SupportRow>(
      `INSERT INTO partner_support_records (branch_id, id, partner_id, kind, given_on, topic, details, attendees, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SUPPORT_COLUMNS}`,
      [
        partner.branchId,
        randomUUID(),
        partner.id,
        input.kind,
        input.givenOn,
        input.topic.trim(),
        clean(input.details),
        input.attendees ?? null,
        actor.userId,
      ],
    );
    const after = toSupport(rows[0]);
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
    const partner = await this.partners.lock(ctx, tx, input.partnerId.toLowerCase());
    if (input.purchasedOn) await this.notFuture(ctx, partner, 'purchasedOn', input.purchasedOn);
    const rows = await tx.query<EndUserRow>(
      `INSERT INTO partner_end_users (branch_id, id, partner_id, name, industry, region, purchased, purchased_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${END_USER_COLUMNS}`,
      [
        partner.branchId,
        randomUUID(),
        partner.id,
        input.name.trim(),
        clean(input.industry),
        clean(input.region),
        input.purchased.trim(),
        input.purchasedOn ?? null,
        actor.userId,
      ],
    );
    const after = toEndUser(rows[0]);
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
  private async lockDispute(ctx: RequestContext, tx: Tx, id: string): Promise<PartnerDispute> {
    const rows = await tx.query<DisputeRow>(
      `SELECT ${DISPUTE_COLUMNS.split(',')
        .map((c) => `d.${c.trim()}`)
        .join(', ')}
       FROM partner_disputes d JOIN partners p ON p.branch_id = d.branch_id AND p.id = d.partner_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d, p`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Partner dispute', id);
    return toDispute(rows[0]);
  }

  private async change(
    ctx: RequestContext,
    tx: Tx,
    before: PartnerDispute,
    action: string,
    set: Record<string, unknown>,
  ): Promise<PartnerDispute> {
    const cols = Object.keys(set);
    const rows = await tx.query<DisputeRow>(
      `UPDATE partner_disputes SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${DISPUTE_COLUMNS}`,
      [before.branchId, before.id, ...Object.values(set)],
    );
    const after = toDispute(rows[0]);
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
