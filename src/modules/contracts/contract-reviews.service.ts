import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConflictError, InvalidStateError, NotFoundError, type RequestContext, type Tx } from '@app/core';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { CONTRACT_COLUMNS, recordChange, toContract, type ContractRow } from './contract-rows.js';
import { PRE_SIGNING_STATES } from './contract-state.js';
import type { Contract } from './contract.types.js';
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
    const tx = await ctx.tx();
    const before = await this.contracts.lock(ctx, tx, id);
    await this.contracts.move(ctx, tx, before, 'SEND_TO_LEGAL');
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: LEGAL_REVIEW_SUBJECT,
      subjectId: before.id,
      title: `Legal review: ${before.title}`.slice(0, 200),
      amount: before.amount,
      currency: before.currency,
    });
    return this.setColumn(tx, before, 'legal_review_request_id', request.id);
  }

  /** In the deciding transaction: APPROVED opens negotiation; RETURNED, REJECTED or WITHDRAWN go back to DRAFT. */
  private async legalDecided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await this.lockKey(tx, request.branchId, request.subjectId);
    await this.contracts.move(ctx, tx, before, outcome === 'APPROVED' ? 'LEGAL_APPROVED' : 'LEGAL_RETURNED', {
      set: { legal_review_request_id: request.id },
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
    const tx = await ctx.tx();
    const before = await this.contracts.lock(ctx, tx, id);
    if (!PRE_SIGNING_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A contract in ${before.state} is past signing: special terms are approved before it (after it, amend the contract)`,
      );
    }
    if (!before.carriesSpecialTerms) {
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
    const after = await this.setColumn(tx, before, 'special_terms_request_id', request.id);
    await recordChange(ctx, tx, { before, after, action: 'SPECIAL_TERMS_SUBMITTED', note: specialSummary(before) });
    return after;
  }

  /** In the deciding transaction: the decision goes on the contract's timeline (the gate reads the request). */
  private async specialTermsDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const tx = await ctx.tx();
    const c = await this.lockKey(tx, request.branchId, request.subjectId);
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
    if (!c.carriesSpecialTerms) return null;
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

  private async lockKey(tx: Tx, branchId: string, id: string): Promise<Contract> {
    const rows = await tx.query<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [branchId, id],
    );
    if (!rows[0]) throw new NotFoundError('Contract', id);
    return toContract(rows[0]);
  }

  private async setColumn(
    tx: Tx,
    c: Contract,
    column: 'legal_review_request_id' | 'special_terms_request_id',
    requestId: string,
  ): Promise<Contract> {
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET ${column} = $3 WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [c.branchId, c.id, requestId],
    );
    return toContract(rows[0]);
  }
}

/** "special terms, non-standard price and 2 special fees": what a contract carries that needs approval. */
export function specialSummary(c: Contract): string {
  const parts: string[] = [];
  if (c.specialTerms !== null) parts.push('special terms');
  if (c.nonStandardPrice !== null) parts.push('non-standard price');
  if (c.specialFees.length) parts.push(`${c.specialFees.length} special fee${c.specialFees.length > 1 ? 's' : ''}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? 'nothing');
}
