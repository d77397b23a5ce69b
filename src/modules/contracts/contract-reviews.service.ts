import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConflictError, InvalidStateError, type RequestContext } from '@app/core';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { PRE_SIGNING_STATES } from './contract-state.js';
import { recordChange } from './contract-timeline.js';
import { Contracts, type Contract } from './contract.entity.js';
import { ContractsService } from './contracts.service.js';

export const LEGAL_REVIEW_SUBJECT = 'LEGAL_REVIEW';
export const SPECIAL_TERMS_SUBJECT = 'SPECIAL_TERMS';

/**
 * The two reviews a contract passes besides its internal approval, both through the approval engine
 * (so they get its policies per branch, SLA, reminders, delegation and the approver's inbox):
 * LEGAL_REVIEW, decided by the branch's legal reviewer, is the only way from LEGAL_REVIEW to
 * NEGOTIATION; SPECIAL_TERMS approves special terms, a non-standard price and special fees before
 * signing. The contract keeps the latest request of each; a change of what it covered clears it.
 */
@Injectable()
export class ContractReviewsService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: LEGAL_REVIEW_SUBJECT,
      label: 'Legal review',
      onDecided: (ctx, request, outcome) => this.legalDecided(ctx, request, outcome),
    });
    this.subjects.register({
      type: SPECIAL_TERMS_SUBJECT,
      label: 'Special terms',
      onDecided: (ctx, request, outcome) => this.specialTermsDecided(ctx, request, outcome),
    });
  }

  // ---------- legal review ----------

  /** DRAFT -> LEGAL_REVIEW: opens the LEGAL_REVIEW request the branch's legal reviewer decides. */
  async submitForLegalReview(ctx: RequestContext, id: string): Promise<Contract> {
    const before = await Contracts.lock(ctx, id);
    const moved = await this.contracts.move(ctx, before, 'SEND_TO_LEGAL');
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: LEGAL_REVIEW_SUBJECT,
      subjectId: before.id,
      title: `Legal review: ${before.title}`.slice(0, 200),
      amount: before.amount,
      currency: before.currency,
    });
    return Contracts.update(await ctx.tx(), Contracts.keyOf(moved), { legalReviewRequestId: request.id });
  }

  /** In the deciding transaction: APPROVED opens negotiation; RETURNED, REJECTED or WITHDRAWN go back to DRAFT. */
  private async legalDecided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const before = await this.contracts.lockKey(await ctx.tx(), request.branchId, request.subjectId);
    await this.contracts.move(ctx, before, outcome === 'APPROVED' ? 'LEGAL_APPROVED' : 'LEGAL_RETURNED', {
      set: { legalReviewRequestId: request.id },
      note: await this.decisionNote(ctx, request, `Legal review ${outcome.toLowerCase()}`),
    });
  }

  /** Internal approval is asked only for terms legal approved: the contract's LEGAL_REVIEW request, APPROVED. */
  async assertLegalApproved(ctx: RequestContext, c: Contract): Promise<void> {
    const r = c.legalReviewRequestId
      ? await this.approvals.requestByKey(ctx, c.branchId, c.legalReviewRequestId)
      : null;
    if (r?.status !== 'APPROVED' || r.subjectType !== LEGAL_REVIEW_SUBJECT || r.subjectId !== c.id) {
      throw new InvalidStateError(
        'Legal review has not approved the current terms of this contract: send it to legal review (moveContractToLegalReview) first',
      );
    }
  }

  // ---------- special terms ----------

  /** Opens the SPECIAL_TERMS request for the contract's current special terms, non-standard price and fees. */
  async submitSpecialTerms(ctx: RequestContext, id: string): Promise<Contract> {
    const before = await Contracts.lock(ctx, id);
    if (!PRE_SIGNING_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A contract in ${before.state} is past signing: special terms are approved before it (after it, amend the contract)`,
      );
    }
    if (!carriesSpecialTerms(before)) {
      throw new InvalidStateError(
        'This contract carries no special terms, non-standard price or special fees: there is nothing to approve',
      );
    }
    const current = before.specialTermsRequestId
      ? await this.approvals.requestByKey(ctx, before.branchId, before.specialTermsRequestId)
      : null;
    if (current?.status === 'APPROVED') {
      throw new InvalidStateError('The special terms of this contract are already approved as they stand');
    }
    if (current?.status === 'PENDING') throw new ConflictError('These special terms are already waiting for approval');
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: SPECIAL_TERMS_SUBJECT,
      subjectId: before.id,
      title: `Special terms: ${before.title}`.slice(0, 200),
      amount: before.amount,
      currency: before.currency,
    });
    return this.contracts.change(
      ctx,
      before,
      { specialTermsRequestId: request.id },
      'SPECIAL_TERMS_SUBMITTED',
      specialSummary(before),
    );
  }

  /** In the deciding transaction: the decision goes on the contract's timeline (the gate reads the request). */
  private async specialTermsDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const tx = await ctx.tx();
    const c = await this.contracts.lockKey(tx, request.branchId, request.subjectId);
    const stale = c.specialTermsRequestId !== null && c.specialTermsRequestId !== request.id;
    const note = await this.decisionNote(
      ctx,
      request,
      `Special terms ${outcome.toLowerCase()}${stale ? ' (a request for earlier content)' : ''}`,
    );
    await recordChange(ctx, tx, { before: c, after: c, action: `SPECIAL_TERMS_${outcome}`, note });
  }

  /**
   * The signing gate of special content: when the contract carries special terms, a non-standard price
   * or special fees, its SPECIAL_TERMS request on exactly this content is APPROVED. Null when it may sign.
   */
  async specialTermsProblem(ctx: RequestContext, c: Contract): Promise<string | null> {
    if (!carriesSpecialTerms(c)) return null;
    const r = c.specialTermsRequestId
      ? await this.approvals.requestByKey(ctx, c.branchId, c.specialTermsRequestId)
      : null;
    if (r?.status === 'APPROVED' && r.subjectType === SPECIAL_TERMS_SUBJECT && r.subjectId === c.id) return null;
    const what = specialSummary(c);
    if (r?.status === 'PENDING') return `its ${what} are still waiting for SPECIAL_TERMS approval`;
    return `its ${what} have no SPECIAL_TERMS approval${r ? ` (the last request was ${r.status.toLowerCase()})` : ''}: submit them with submitSpecialTermsForApproval`;
  }

  // ---------- helpers ----------

  private async decisionNote(ctx: RequestContext, request: ApprovalRequest, head: string): Promise<string> {
    const d = await this.approvals.finalDecision(ctx, request);
    return d?.comment ? `${head}: ${d.comment}` : head;
  }
}

/** Special terms, a non-standard price or special fees: what needs the SPECIAL_TERMS approval before signing. */
export const carriesSpecialTerms = (c: Pick<Contract, 'specialTerms' | 'nonStandardPrice' | 'specialFees'>): boolean =>
  c.specialTerms !== null || c.nonStandardPrice !== null || c.specialFees.length > 0;

/** "special terms, non-standard price and 2 special fees": what a contract carries that needs approval. */
export function specialSummary(c: Contract): string {
  const parts: string[] = [];
  if (c.specialTerms !== null) parts.push('special terms');
  if (c.nonStandardPrice !== null) parts.push('non-standard price');
  if (c.specialFees.length) parts.push(`${c.specialFees.length} special fee${c.specialFees.length > 1 ? 's' : ''}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? 'nothing');
}
