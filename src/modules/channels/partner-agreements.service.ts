import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, InvalidStateError, NotFoundError, writeAudit, type RequestContext } from '@app/core';
import type { CreatePartnerAgreementInput, UpdatePartnerAgreementInput } from './dto/partner.input.js';
import { PartnerAgreements, Partners, type PartnerAgreement } from './channel.entity.js';
import { AgreementStatus } from './channel.enums.js';
import { refreshAgreementActions } from './partner-agreement-actions.js';
import { checkRebateRate } from './rebate-rate.js';

/**
 * Cooperation agreements of partners: term, territory and terms; their end reminders and expiry are the
 * worker's (channels.jobs.ts), driven by the next action set here (partner-agreement-actions.ts).
 */
@Injectable()
export class PartnerAgreementsService {
  /** The agreements of many partners in one statement, latest end first. */
  agreementsLoader(ctx: RequestContext): DataLoader<string, PartnerAgreement[]> {
    return PartnerAgreements.childLoader(ctx, 'partnerId', 'x.ends_on DESC, x.id');
  }

  async create(ctx: RequestContext, input: CreatePartnerAgreementInput): Promise<PartnerAgreement> {
    if (input.endsOn < input.startsOn) throw BadUserInputError.field('endsOn', 'must not be before startsOn');
    const rebateRate = input.rebateRate == null ? null : checkRebateRate('rebateRate', input.rebateRate);
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    const { branchId, id } = await PartnerAgreements.insert(tx, {
      branchId: partner.branchId,
      id: randomUUID(),
      partnerId: partner.id,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      territory: input.territory.trim(),
      terms: input.terms.trim(),
      rebateRate,
      createdById: actor.userId,
    });
    await refreshAgreementActions(tx, branchId, [id]);
    const after = (await PartnerAgreements.find(tx, { branchId, id }))!;
    await writeAudit(ctx, { branchId, entity: 'partner_agreement', entityId: id, action: 'create', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdatePartnerAgreementInput): Promise<PartnerAgreement> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, id);
    if (before.status !== AgreementStatus.ACTIVE) {
      throw new InvalidStateError(`An agreement in ${before.status} cannot be changed; record a new one instead`);
    }
    const rebateRate = input.rebateRate == null ? before.rebateRate : checkRebateRate('rebateRate', input.rebateRate);
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    if (endsOn < startsOn)
      throw BadUserInputError.field(input.endsOn ? 'endsOn' : 'startsOn', 'the term must not end before it starts');
    const key = PartnerAgreements.keyOf(before);
    let after = await PartnerAgreements.update(tx, key, {
      startsOn,
      endsOn,
      territory: input.territory?.trim() ?? before.territory,
      terms: input.terms?.trim() ?? before.terms,
      rebateRate,
    });
    // A new end moves the reminders (their dedupe keys name the end, so they are sent again for it).
    if (endsOn !== before.endsOn) {
      await refreshAgreementActions(tx, before.branchId, [id]);
      after = (await PartnerAgreements.find(tx, key))!;
    }
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'partner_agreement',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async terminate(ctx: RequestContext, id: string, reason: string): Promise<PartnerAgreement> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const tx = await ctx.tx();
    const before = await this.lock(ctx, id);
    if (before.status !== AgreementStatus.ACTIVE) {
      throw new InvalidStateError(`Only an ACTIVE agreement can be terminated; this one is ${before.status}`);
    }
    const after = await PartnerAgreements.update(tx, PartnerAgreements.keyOf(before), {
      status: AgreementStatus.TERMINATED,
      terminationReason: why,
      nextReminderDays: null,
      nextActionAt: null,
    });
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'partner_agreement',
      entityId: id,
      action: 'terminate',
      before,
      after,
    });
    return after;
  }

  /** An agreement whose partner is in scope, locked with its partner, or NOT_FOUND. */
  private async lock(ctx: RequestContext, id: string): Promise<PartnerAgreement> {
    const tx = await ctx.tx();
    const rows = await tx.query<PartnerAgreement>(
      `SELECT ${PartnerAgreements.cols('a')} FROM partner_agreements a
       JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
       WHERE a.branch_id = ANY($1::uuid[]) AND a.id = $2 FOR UPDATE OF a, p`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Partner agreement', id);
    return PartnerAgreements.map(rows[0]);
  }
}
