import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  type RequestContext,
  type Values,
  dayStart,
} from '@app/core';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { BranchesService } from '../branches/branches.service.js';
import type { Contract } from './contract.entity.js';
import { ContractLinesService } from './contract-lines.service.js';
import { ContractsService } from './contracts.service.js';
import type { ContractFromQuoteInput } from './dto/quote.input.js';
import { auditQuote, changeQuote } from './quote-changes.js';
import { QuoteState, quoteTransition, type QuoteTransition } from './quote-state.js';
import { DEFAULT_QUOTE_REMINDER_DAYS, Quotes, type Quote } from './quote.entity.js';
import { emitEvent } from '@app/jobs';
import { KpiEventKind } from '../performance/kpi.enums.js';

export const QUOTE_SUBJECT = 'QUOTE';

const OUTCOME_MOVE: Record<ApprovalOutcome, QuoteTransition> = {
  APPROVED: 'APPROVAL_APPROVED',
  RETURNED: 'APPROVAL_RETURNED',
  REJECTED: 'APPROVAL_REJECTED',
  WITHDRAWN: 'APPROVAL_WITHDRAWN',
};

/**
 * The moves of a quote: the discount gate through the approval engine (subject QUOTE), sending, the
 * customer's answer, and the contract made from an accepted quote. Expiry is the worker's (quotes.jobs.ts).
 */
@Injectable()
export class QuoteLifecycleService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly contracts: ContractsService,
    private readonly contractLines: ContractLinesService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: QUOTE_SUBJECT,
      label: 'Quote',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  /** DRAFT -> PENDING_APPROVAL: only a quote beyond the branch's discount limit needs (and gets) an approval request. */
  async submitForApproval(ctx: RequestContext, id: string): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await Quotes.lock(ctx, id);
    quoteTransition(before.state, 'SUBMIT_FOR_APPROVAL');
    if (!before.needsApproval) {
      throw new InvalidStateError(
        `A quote within the discount limit (${before.discountLimitPercent}%) needs no approval: send it`,
      );
    }
    // The state moves first: an amount no policy step covers is approved inside submit().
    const moved = await this.move(ctx, before, 'SUBMIT_FOR_APPROVAL', { set: { approvalNote: null } });
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: QUOTE_SUBJECT,
      subjectId: before.id,
      title: `Quote: ${before.title}`.slice(0, 200),
      amount: before.total,
      currency: before.currency,
    });
    return Quotes.update(tx, Quotes.keyOf(moved), { approvalRequestId: request.id });
  }

  /** In the deciding transaction: APPROVED opens sending; every other outcome sends the quote back to DRAFT with the reason. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await Quotes.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before) throw new NotFoundError('Quote', request.subjectId);
    let note: string | null = null;
    if (outcome !== 'APPROVED') {
      const key = `${request.branchId}:${request.id}`;
      const events = await this.approvals.eventsLoader(ctx).clear(key).load(key);
      const last = [...events].reverse().find((e) => e.action === outcome && e.comment);
      note = `Approval ${outcome.toLowerCase()}${last?.comment ? `: ${last.comment}` : ''}`.slice(0, 2000);
    }
    await this.move(ctx, before, OUTCOME_MOVE[outcome], {
      set: { approvalRequestId: request.id, approvalNote: note },
      note,
    });
  }

  /**
   * DRAFT -> SENT within the discount limit; beyond it only APPROVED -> SENT with the quote's own
   * approval request APPROVED. Sets the expiry (the day after validUntil) and the reminder before it.
   */
  async send(ctx: RequestContext, id: string): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await Quotes.lock(ctx, id);
    const to = quoteTransition(before.state, 'SEND');
    if (before.needsApproval) {
      const request = before.approvalRequestId ? await this.approvals.findRequest(ctx, before.approvalRequestId) : null;
      const approved =
        before.state === QuoteState.APPROVED &&
        request?.status === 'APPROVED' &&
        request.subjectType === QUOTE_SUBJECT &&
        request.subjectId === before.id;
      if (!approved) {
        throw new InvalidStateError(
          `A quote cannot move from ${before.state} to SENT: a discount beyond the branch limit of ` +
            `${before.discountLimitPercent}% is sent only after its approval request is APPROVED (submitQuoteForApproval)`,
        );
      }
    }
    const today = await this.today(ctx, before.branchId);
    if (before.validUntil < today) {
      throw new InvalidStateError(
        `A quote cannot move from ${before.state} to SENT: it was valid until ${before.validUntil}; set a new validUntil first`,
      );
    }
    // The due timestamps are the starts of business days in the branch's time zone, computed by PostgreSQL.
    const reminder = dayStart(
      `q.valid_until - coalesce((SELECT s.quote_expiry_reminder_days FROM contract_settings s WHERE s.branch_id = q.branch_id), ${DEFAULT_QUOTE_REMINDER_DAYS})`,
      'q.branch_id',
    );
    const [row] = await tx.query<Quote>(
      `UPDATE quotes q SET state = $3, sent_at = now(), expires_at = ${dayStart('q.valid_until + 1', 'q.branch_id')},
         next_reminder_at = CASE WHEN ${reminder} > now() THEN ${reminder} END, updated_at = now()
       WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${Quotes.cols('q')}`,
      [before.branchId, before.id, to],
    );
    const after = Quotes.map(row);
    await auditQuote(ctx, { before, after, action: 'SEND' });
    await emitEvent(ctx, {
      kind: KpiEventKind.QUOTE_SENT,
      branchId: after.branchId,
      subjectId: after.id,
      personId: after.ownerId,
      amount: after.total,
    });
    return after;
  }

  /** The customer accepted: SENT -> ACCEPTED, on or before the validity date (branch time zone). */
  async accept(ctx: RequestContext, id: string): Promise<Quote> {
    const before = await Quotes.lock(ctx, id);
    quoteTransition(before.state, 'ACCEPT');
    if (before.validUntil < (await this.today(ctx, before.branchId))) {
      throw new InvalidStateError(
        `A quote cannot move from ${before.state} to ACCEPTED: it expired after ${before.validUntil} (branch time zone)`,
      );
    }
    return this.move(ctx, before, 'ACCEPT', { set: { expiresAt: null, nextReminderAt: null } });
  }

  async decline(ctx: RequestContext, id: string, reason: string): Promise<Quote> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const before = await Quotes.lock(ctx, id);
    return this.move(ctx, before, 'DECLINE', {
      set: { declineReason: why, expiresAt: null, nextReminderAt: null },
      note: why,
    });
  }

  /**
   * A DRAFT contract from an ACCEPTED quote (customer, owner, title, total and currency copied, and the quote's lines
   * as the contract's lines, which orders then draw down); one per quote.
   */
  async createContract(ctx: RequestContext, quoteId: string, input: ContractFromQuoteInput): Promise<Contract> {
    const quote = await Quotes.lock(ctx, quoteId);
    if (quote.state !== QuoteState.ACCEPTED) {
      throw new InvalidStateError(`A contract is created from an ACCEPTED quote; this quote is ${quote.state}`);
    }
    if (quote.contractId) throw new ConflictError('A contract was already created from this quote');
    const contract = await this.contracts.create(ctx, {
      branchId: quote.branchId,
      customerId: quote.customerId,
      title: input.title ?? quote.title,
      amount: quote.total,
      currency: quote.currency,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ownerId: quote.ownerId,
      specialTerms: input.specialTerms,
    });
    await this.contractLines.copyFromQuote(ctx, contract, quote.id);
    await changeQuote(ctx, quote, { contractId: contract.id }, 'CONTRACT_CREATED', contract.id);
    return contract;
  }

  // ---------- helpers ----------

  /** Sets a new state (and any other properties) after the guard, with its audit row. */
  private move(
    ctx: RequestContext,
    before: Quote,
    t: QuoteTransition,
    extra: { set?: Values<Quote>; note?: string | null } = {},
  ): Promise<Quote> {
    const state = quoteTransition(before.state, t);
    return changeQuote(ctx, before, { ...extra.set, state }, t, extra.note);
  }

  /** Today in the quote's branch (its time zone). */
  private async today(ctx: RequestContext, branchId: string): Promise<string> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    return todayIn(branch.timeZone);
  }
}
