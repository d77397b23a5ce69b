import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  fromCents,
  lineValue,
  parseMoney,
  toCents,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { BranchesService } from '../../branches/branches.service.js';
import { Vendors } from '../catalogue.entity.js';
import { VendorKind } from '../fulfillment.enums.js';
import { checkText } from '../fulfillment-rules.js';
import { findOrganizationRow } from '../organization-rows.js';
import {
  IssuedTenderBidLines,
  IssuedTenderBids,
  IssuedTenderScores,
  IssuedTenders,
  type IssuedTender,
  type IssuedTenderBid,
  type IssuedTenderBidLine,
  type IssuedTenderScore,
} from './issued-tender.entity.js';
import { IssuedTenderState } from './issued-tender.enums.js';
import { MIN_VALID_BIDS, issuedTenderMove, rankBids } from './issued-tender-rules.js';
import type { IssuedTenderRanking, IssuedTenderScoreInput, RecordIssuedTenderBidInput } from './issued-tender.types.js';
import { ProcurementConflict } from './procurement-rules.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import { IssuedTendersService } from './issued-tenders.service.js';
import { linkedMembers } from './issued-tender-parties.js';

/**
 * The bids of an issued tender: received sealed until the deadline (one live bid per supplier, a revision replaces
 * it), opened after it (fewer than 3 valid bids: FAILED), scored by each committee member per technical criterion,
 * ranked (issued-tender-rules.ts), tie broken by the chair. The award is in IssuedTenderAwardService.
 */
@Injectable()
export class IssuedTenderBidsService {
  constructor(
    private readonly tenders: IssuedTendersService,
    private readonly requests: ProcurementRequestsService,
    private readonly branches: BranchesService,
  ) {}

  /** The bids of many tenders ("branchId:tenderId"), amounts blanked while the tender is not opened. */
  bidsLoader(ctx: RequestContext): DataLoader<string, IssuedTenderBid[]> {
    return IssuedTenderBids.childLoader(ctx, 'tenderId', 'x.received_at, x.id');
  }

  bidLinesLoader(ctx: RequestContext): DataLoader<string, IssuedTenderBidLine[]> {
    return IssuedTenderBidLines.childLoader(ctx, 'bidId', 'x.tender_line_id');
  }

  scoresLoader(ctx: RequestContext): DataLoader<string, IssuedTenderScore[]> {
    return IssuedTenderScores.childLoader(ctx, 'bidId', 'x.criterion_id, x.member_id');
  }

  /** Bids as the API shows them: sealed (no amount) until the tender is opened. */
  async bids(ctx: RequestContext, tender: IssuedTender): Promise<IssuedTenderBid[]> {
    const bids = await this.bidsLoader(ctx).load(`${tender.branchId}:${tender.id}`);
    return tender.openedAt ? bids : bids.map((b) => ({ ...b, amount: null }));
  }

  /**
   * A supplier's bid received while ANNOUNCED and before the deadline (after it: CONFLICT DEADLINE_PASSED): a price
   * for every line of the tender; the supplier's earlier bid is replaced (revision + 1). Invited bidding takes
   * invited suppliers only; a supplier linked to a committee member is refused (COMMITTEE_MEMBER_LINKED).
   */
  async record(ctx: RequestContext, tenderId: string, input: RecordIssuedTenderBidInput): Promise<IssuedTenderBid> {
    const note = checkText('note', input.note, 4000);
    const tender = await IssuedTenders.lock(ctx, tenderId.toLowerCase());
    if (tender.state !== IssuedTenderState.ANNOUNCED) {
      throw new InvalidStateError(
        `Issued tender ${tender.number} is ${tender.state}: bids are received while ANNOUNCED`,
      );
    }
    const now = new Date();
    if (now >= tender.submissionDeadline) {
      throw new ProcurementConflict(
        'DEADLINE_PASSED',
        `The submission deadline ${tender.submissionDeadline.toISOString()} has passed: the bid is not received`,
        { submissionDeadline: tender.submissionDeadline.toISOString() },
      );
    }
    const vendor = await findOrganizationRow(ctx, Vendors, input.supplierId.toLowerCase()).catch(() => {
      throw BadUserInputError.field('supplierId', 'is not a supplier of your organization');
    });
    if (vendor.kind === VendorKind.MAKER || !vendor.active) {
      throw BadUserInputError.field('supplierId', `${vendor.name} is not an active supplier`);
    }
    const key = `${tender.branchId}:${tender.id}`;
    if (!tender.openBidding) {
      const invited = await this.tenders.suppliersLoader(ctx).load(key);
      if (!invited.some((s) => s.vendorId === vendor.id)) {
        throw BadUserInputError.field('supplierId', `${vendor.name} was not invited to this tender`);
      }
    }
    const members = await this.tenders.membersLoader(ctx).load(key);
    const people = await Promise.all(
      members.map((m) => this.branches.staffLoader(ctx).load(`${tender.branchId}:${m.userId}`)),
    );
    const linked = await linkedMembers(
      ctx,
      people.flatMap((p) => (p ? [p.email] : [])),
      [vendor.id],
    );
    if (linked.size) {
      throw new ProcurementConflict(
        'COMMITTEE_MEMBER_LINKED',
        `${vendor.name} has a committee member among its contacts: replace that member (setIssuedTenderCommittee) ` +
          'before its bid is received',
        { supplierId: vendor.id },
      );
    }
    const branch = await this.requests.branch(ctx, tender.branchId);
    if (input.validUntil < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('validUntil', 'must be today or later (the branch’s today)');
    }
    const tenderLines = await this.tenders.linesLoader(ctx).load(key);
    const requestLines = new Map(
      (await this.requests.linesLoader(ctx).load(`${tender.branchId}:${tender.requestId}`)).map((l) => [l.id, l]),
    );
    const prices = new Map<string, string>();
    for (const [i, l] of input.lines.entries()) {
      const id = l.tenderLineId.toLowerCase();
      if (!tenderLines.some((t) => t.id === id)) {
        throw BadUserInputError.field(`lines[${i}].tenderLineId`, 'is not a line of this tender');
      }
      if (prices.has(id)) throw BadUserInputError.field(`lines[${i}].tenderLineId`, 'is named twice');
      prices.set(id, parseMoney(`lines[${i}].unitPrice`, l.unitPrice, 'positive'));
    }
    const missing = tenderLines.find((t) => !prices.has(t.id));
    if (missing) throw BadUserInputError.field('lines', `price every line of the tender (line ${missing.position})`);
    const totals = tenderLines.map((t) => lineValue(requestLines.get(t.requestLineId)!.quantity, prices.get(t.id)!));
    const amount = fromCents(totals.reduce((s, v) => s + toCents(v), 0n));
    if (toCents(amount) >= 10n ** 15n) throw BadUserInputError.field('lines', 'the total must be below 10^13');

    const tx = await ctx.tx();
    const before = await IssuedTenderBids.find(tx, {
      branchId: tender.branchId,
      tenderId: tender.id,
      vendorId: vendor.id,
    });
    const values = {
      amount,
      leadTimeDays: input.leadTimeDays,
      validUntil: input.validUntil,
      note,
      receivedAt: now,
      recordedById: ctx.requireActor().userId,
    };
    const bid = before
      ? await IssuedTenderBids.update(tx, IssuedTenderBids.keyOf(before), { ...values, revision: before.revision + 1 })
      : await IssuedTenderBids.insert(tx, {
          branchId: tender.branchId,
          id: randomUUID(),
          tenderId: tender.id,
          organizationId: vendor.organizationId,
          vendorId: vendor.id,
          ...values,
        });
    if (before)
      await tx.query(`DELETE FROM issued_tender_bid_lines WHERE branch_id = $1 AND bid_id = $2`, [
        bid.branchId,
        bid.id,
      ]);
    for (const [i, t] of tenderLines.entries()) {
      await IssuedTenderBidLines.insert(tx, {
        branchId: bid.branchId,
        id: randomUUID(),
        bidId: bid.id,
        tenderLineId: t.id,
        unitPrice: prices.get(t.id)!,
        lineTotal: totals[i],
      });
    }
    await writeAudit(ctx, {
      branchId: bid.branchId,
      entity: 'issuedTenderBid',
      entityId: bid.id,
      action: before ? 'revise' : 'receive',
      ...(before ? { before } : {}),
      after: bid,
    });
    this.bidsLoader(ctx).clear(key);
    return { ...bid, amount: null }; // sealed until the opening
  }

  /** ANNOUNCED -> EVALUATING at or after the opening time; with fewer than 3 bids -> FAILED (流标). */
  async open(ctx: RequestContext, id: string): Promise<IssuedTender> {
    const before = await IssuedTenders.lock(ctx, id.toLowerCase());
    if (before.state !== IssuedTenderState.ANNOUNCED) issuedTenderMove(before.state, 'OPEN');
    if (new Date() < before.openingAt) {
      throw new ProcurementConflict(
        'BEFORE_OPENING',
        `The bids of ${before.number} are opened at ${before.openingAt.toISOString()}, not before`,
        { openingAt: before.openingAt.toISOString() },
      );
    }
    const bids = await this.bidsLoader(ctx).load(`${before.branchId}:${before.id}`);
    const now = new Date();
    if (bids.length < MIN_VALID_BIDS) {
      return this.tenders.move(ctx, before, 'OPEN_FAILED', {
        openedAt: now,
        endedAt: now,
        endedReason: `Fewer than ${MIN_VALID_BIDS} valid bids (${bids.length}): the tender failed`,
      });
    }
    return this.tenders.move(ctx, before, 'OPEN', { openedAt: now });
  }

  /** The chair finds a bid not valid (EVALUATING); fewer than 3 valid bids left and the tender FAILED. */
  async disqualify(ctx: RequestContext, bidId: string, reason: string): Promise<IssuedTender> {
    const why = checkText('reason', reason, 2000, true)!;
    const { tender, bid } = await this.evaluating(ctx, bidId, 'chair');
    if (bid.disqualifiedReason) {
      throw new ProcurementConflict(
        'ALREADY_DISQUALIFIED',
        `The bid was disqualified already: ${bid.disqualifiedReason}`,
      );
    }
    await IssuedTenderBids.change(ctx, bid, { disqualifiedReason: why }, 'disqualify');
    const key = `${tender.branchId}:${tender.id}`;
    const valid = (await this.bidsLoader(ctx).clear(key).load(key)).filter((b) => !b.disqualifiedReason);
    if (valid.length >= MIN_VALID_BIDS) return tender;
    return this.tenders.move(ctx, tender, 'FAIL', {
      endedAt: new Date(),
      endedReason: `Fewer than ${MIN_VALID_BIDS} valid bids (${valid.length}) after a disqualification: the tender failed`,
    });
  }

  /** A committee member scores a valid bid on technical criteria (0-100; again: replaces that score) while EVALUATING. */
  async score(ctx: RequestContext, bidId: string, scores: IssuedTenderScoreInput[]): Promise<IssuedTenderBid> {
    const { tender, bid, me } = await this.evaluating(ctx, bidId, 'member');
    if (bid.disqualifiedReason) throw new InvalidStateError('The bid was disqualified: it is not scored');
    const criteria = await this.tenders.criteriaLoader(ctx).load(`${tender.branchId}:${tender.id}`);
    if (!scores.length) throw BadUserInputError.field('scores', 'give at least one score');
    const tx = await ctx.tx();
    const seen = new Set<string>();
    for (const [i, s] of scores.entries()) {
      const criterionId = s.criterionId.toLowerCase();
      if (!criteria.some((c) => c.id === criterionId)) {
        throw BadUserInputError.field(`scores[${i}].criterionId`, 'is not a criterion of this tender');
      }
      if (seen.has(criterionId)) throw BadUserInputError.field(`scores[${i}].criterionId`, 'is named twice');
      seen.add(criterionId);
      const score = parseMoney(`scores[${i}].score`, s.score);
      if (toCents(score) > 10000n) throw BadUserInputError.field(`scores[${i}].score`, 'must be at most 100');
      await tx.query(
        `INSERT INTO issued_tender_scores (branch_id, id, tender_id, bid_id, criterion_id, member_id, score)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT issued_tender_scores_once DO UPDATE SET score = EXCLUDED.score, scored_at = now()`,
        [bid.branchId, randomUUID(), tender.id, bid.id, criterionId, me, score],
      );
    }
    await writeAudit(ctx, {
      branchId: bid.branchId,
      entity: 'issuedTenderBid',
      entityId: bid.id,
      action: 'score',
      after: { memberId: me, scores },
    });
    this.scoresLoader(ctx).clearAll();
    return bid;
  }

  /** The ranking of the valid bids (after opening; empty before). */
  async ranking(ctx: RequestContext, tender: IssuedTender): Promise<IssuedTenderRanking> {
    const key = `${tender.branchId}:${tender.id}`;
    if (!tender.openedAt) return { complete: false, lowestPrice: null, rows: [], tiedForFirst: [] };
    const bids = (await this.bidsLoader(ctx).load(key)).filter((b) => !b.disqualifiedReason);
    const criteria = await this.tenders.criteriaLoader(ctx).load(key);
    const members = await this.tenders.membersLoader(ctx).load(key);
    const tx = await ctx.tx();
    const rows = await tx.query<{ k: string; score: string }>(
      `SELECT bid_id || ':' || criterion_id || ':' || member_id AS k, score::text AS score
       FROM issued_tender_scores WHERE branch_id = $1 AND tender_id = $2`,
      [tender.branchId, tender.id],
    );
    const ranking = rankBids({
      priceWeight: tender.priceWeight,
      criteria,
      memberIds: members.map((m) => m.userId),
      bids: bids.map((b) => ({ id: b.id, amount: b.amount! })),
      scores: new Map(rows.map((r) => [r.k, r.score])),
    });
    const byId = new Map(bids.map((b) => [b.id, b]));
    return {
      ...ranking,
      rows: ranking.rows.map((r) => ({
        ...r,
        supplierId: byId.get(r.bidId)!.vendorId,
        amount: byId.get(r.bidId)!.amount!,
      })),
    };
  }

  /** The chair prefers one of the bids tied for first, with a reason (CONFLICT NO_TIE when there is no such tie). */
  async breakTie(ctx: RequestContext, bidId: string, reason: string): Promise<IssuedTender> {
    const why = checkText('reason', reason, 2000, true)!;
    const { tender, bid } = await this.evaluating(ctx, bidId, 'chair');
    const ranking = await this.ranking(ctx, tender);
    if (!ranking.tiedForFirst.includes(bid.id)) {
      throw new ProcurementConflict(
        'NO_TIE',
        ranking.tiedForFirst.length
          ? 'The bid is not among those tied for first: name one of them'
          : 'No bids share the first rank: the winner is the first of the ranking',
        { tiedForFirst: ranking.tiedForFirst },
      );
    }
    return IssuedTenders.change(ctx, tender, { tieBreakBidId: bid.id, tieBreakReason: why }, 'break_tie');
  }

  /** The tender (locked) EVALUATING and its bid, the caller a member (or the chair): FORBIDDEN otherwise. */
  async evaluating(ctx: RequestContext, bidId: string, who: 'member' | 'chair') {
    const bid = await IssuedTenderBids.findInScope(ctx, bidId.toLowerCase());
    if (!bid) throw new NotFoundError('IssuedTenderBid', bidId);
    const tender = await IssuedTenders.lock(ctx, bid.tenderId);
    const me = ctx.requireActor().userId;
    const members = await this.tenders.membersLoader(ctx).load(`${tender.branchId}:${tender.id}`);
    const mine = members.find((m) => m.userId === me);
    if (!mine || (who === 'chair' && !mine.chair)) {
      throw new ForbiddenError(
        who === 'chair' ? 'Only the chair of the evaluation committee does this' : 'Only committee members score bids',
      );
    }
    if (tender.state !== IssuedTenderState.EVALUATING) {
      throw new InvalidStateError(
        `Issued tender ${tender.number} is ${tender.state}: bids are evaluated while EVALUATING`,
      );
    }
    return { tender, bid: (await IssuedTenderBids.lock(ctx, bid.id)) as IssuedTenderBid, me };
  }
}
