import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  NotFoundError,
  formatNumber,
  nextInSequence,
  todayIn,
  type RequestContext,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { termsOf } from './contract-diff.js';
import { scheduleOriginalCheck } from './contract-due-dates.js';
import { yearOf } from './contract-number.js';
import { ContractReviewsService } from './contract-reviews.service.js';
import { ContractRisksService } from './contract-risks.service.js';
import { ContractSettingsService } from './contract-settings.service.js';
import { recordChange } from './contract-timeline.js';
import { renewalTerm } from './contract-term.js';
import { RENEWABLE_STATES, type ContractTransition } from './contract-state.js';
import { ContractVersions, Contracts, type Contract } from './contract.entity.js';
import { ContractVersionStatus, SignatorySide } from './contract.enums.js';
import { ContractsService } from './contracts.service.js';
import type { RenewContractInput, SignContractInput } from './dto/contract.input.js';
import { emitEvent } from '@app/jobs';
import { KpiEventKind } from '../performance/kpi.enums.js';

export const CONTRACT_SUBJECT = 'CONTRACT';

const OUTCOME_MOVE: Record<ApprovalOutcome, ContractTransition> = {
  APPROVED: 'APPROVAL_APPROVED',
  RETURNED: 'APPROVAL_RETURNED',
  REJECTED: 'APPROVAL_REJECTED',
  WITHDRAWN: 'APPROVAL_WITHDRAWN',
};

/**
 * The gate and what follows it: approval through the engine, signing with a gap-free number, and
 * renewals. Amendments of a signed contract are ContractAmendmentsService's.
 */
@Injectable()
export class ContractSigningService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly branches: BranchesService,
    private readonly settings: ContractSettingsService,
    private readonly reviews: ContractReviewsService,
    private readonly risks: ContractRisksService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: CONTRACT_SUBJECT,
      label: 'Contract',
      onDecided: (ctx, request, outcome) => this.contractDecided(ctx, request, outcome),
    });
  }

  // ---------- approval ----------

  async submitForApproval(ctx: RequestContext, id: string): Promise<Contract> {
    const tx = await ctx.tx();
    const before = await Contracts.lock(ctx, id);
    // The state moves first: an amount no policy step covers is approved inside submit().
    const moved = await this.contracts.move(ctx, before, 'SUBMIT_FOR_APPROVAL');
    await this.reviews.assertLegalApproved(ctx, before);
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: CONTRACT_SUBJECT,
      subjectId: before.id,
      title: `Contract: ${before.title}`.slice(0, 200),
      amount: before.amount,
      currency: before.currency,
    });
    return Contracts.update(tx, Contracts.keyOf(moved), { approvalRequestId: request.id });
  }

  /** In the deciding transaction: APPROVED opens signing, RETURNED / WITHDRAWN reopen negotiation, REJECTED goes to DRAFT. */
  private async contractDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const before = await this.contracts.lockKey(await ctx.tx(), request.branchId, request.subjectId);
    await this.contracts.move(ctx, before, OUTCOME_MOVE[outcome], {
      set: { approvalRequestId: request.id },
      note: `Approval request ${outcome.toLowerCase()}`,
    });
  }

  // ---------- signing ----------

  async sign(ctx: RequestContext, id: string, input: SignContractInput): Promise<Contract> {
    const sides = new Set(input.signatories.map((s) => s.side));
    if (!sides.has(SignatorySide.OURS) || !sides.has(SignatorySide.CUSTOMER)) {
      throw BadUserInputError.field('signatories', 'name at least one signatory of ours and one of the customer');
    }
    const tx = await ctx.tx();
    const before = await Contracts.lock(ctx, id);
    const branch = await this.branches.branchLoader(ctx).load(before.branchId);
    if (!branch) throw new NotFoundError('Branch', before.branchId);
    if (input.signedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('signedOn', 'cannot be in the future: record a signing after it happened');
    }
    const approvedAt = await this.assertApproved(ctx, before);
    // A signing is recorded after it happened, and it happened after the application and its approval
    // (business days of the branch). The check also keeps the number year a year the counter accepts.
    const draftedOn = todayIn(branch.timeZone, before.createdAt);
    if (input.signedOn < draftedOn) {
      throw BadUserInputError.field('signedOn', `cannot be before the contract was drafted (${draftedOn})`);
    }
    const approvedOn = todayIn(branch.timeZone, approvedAt);
    if (input.signedOn < approvedOn) {
      throw BadUserInputError.field('signedOn', `cannot be before the contract was approved (${approvedOn})`);
    }
    await this.assertSignable(ctx, before);
    // The counter row stays locked until this transaction ends: a concurrent signing in the same branch
    // and year waits, and a rolled-back signing gives its number back. No gap, no duplicate.
    const sequence = await nextInSequence(tx, 'contract_number_counters', {
      branch_id: before.branchId,
      year: yearOf(input.signedOn),
    });
    const number = formatNumber((await this.settings.read(tx, before.branchId)).numberRule, {
      branchCode: branch.code,
      year: yearOf(input.signedOn),
      sequence,
    });
    const after = await this.contracts.move(ctx, before, 'SIGN', {
      set: {
        number,
        signedOn: input.signedOn,
        signatories: input.signatories.map((s) => ({ name: s.name.trim(), side: s.side })),
        originalReceived: input.originalReceived ?? false,
        version: 1,
      },
      note: number,
    });
    await emitEvent(ctx, {
      kind: KpiEventKind.CONTRACT_SIGNED,
      branchId: after.branchId,
      subjectId: after.id,
      personId: after.ownerId,
      day: input.signedOn,
      amount: after.amount,
    });
    await scheduleOriginalCheck(tx, after.branchId, after.id);
    await ContractVersions.insert(tx, {
      branchId: after.branchId,
      id: randomUUID(),
      contractId: after.id,
      version: 1,
      status: ContractVersionStatus.EFFECTIVE,
      terms: termsOf(after),
      reason: 'Signed',
      approvalRequestId: before.approvalRequestId,
      createdById: ctx.requireActor().userId,
    });
    return after;
  }

  /** The one path to signing: the contract's own approval request, decided APPROVED. Returns when it was decided. */
  private async assertApproved(ctx: RequestContext, c: Contract): Promise<Date> {
    const request = c.approvalRequestId ? await this.approvals.findRequest(ctx, c.approvalRequestId) : null;
    const ok =
      c.state === 'APPROVED' &&
      request?.status === 'APPROVED' &&
      request.subjectType === CONTRACT_SUBJECT &&
      request.subjectId === c.id &&
      request.decidedAt !== null;
    if (!ok || !request?.decidedAt) {
      throw new InvalidStateError(
        `A contract cannot move from ${c.state} to SIGNED: it is signed only after its approval request is APPROVED`,
      );
    }
    return request.decidedAt;
  }

  /** The gates besides the approval (DOMAIN.md section 4): special terms approved beforehand, high risks answered. */
  private async assertSignable(ctx: RequestContext, c: Contract): Promise<void> {
    const missing: string[] = [];
    const special = await this.reviews.specialTermsProblem(ctx, c);
    if (special) missing.push(special);
    const open = await this.risks.unansweredHighRisks(await ctx.tx(), c);
    if (open.length) {
      const list = open.map((r) => `"${r.description.slice(0, 80)}"`).join(', ');
      missing.push(`${open.length} HIGH risk${open.length > 1 ? 's have' : ' has'} no response (${list})`);
    }
    if (missing.length) {
      throw new InvalidStateError(`The contract cannot be signed yet: ${missing.join('; ')}`);
    }
  }

  // ---------- renewal ----------

  async renew(ctx: RequestContext, id: string, input: RenewContractInput = {}): Promise<Contract> {
    const tx = await ctx.tx();
    const source = await Contracts.lock(ctx, id);
    if (!RENEWABLE_STATES.includes(source.state)) {
      throw new InvalidStateError(
        `A contract in ${source.state} cannot be renewed (only ${RENEWABLE_STATES.join(', ')})`,
      );
    }
    const existing = await tx.query(`SELECT 1 FROM contracts WHERE branch_id = $1 AND renewed_from_id = $2`, [
      source.branchId,
      source.id,
    ]);
    if (existing.length) throw new ConflictError('This contract has already been renewed');
    const term = renewalTerm(source.startsOn, source.endsOn, input.startsOn);
    const startsOn = term.startsOn;
    const endsOn = input.endsOn ?? term.endsOn;
    const successor = await this.contracts.create(
      ctx,
      {
        branchId: source.branchId,
        customerId: source.customerId,
        title: input.title ?? source.title,
        amount: input.amount ?? source.amount,
        currency: source.currency,
        startsOn,
        endsOn,
        ownerId: source.ownerId,
        specialTerms: source.specialTerms ?? undefined,
        nonStandardPrice: source.nonStandardPrice ?? undefined,
        specialFees: source.specialFees,
      },
      source.id,
    );
    await recordChange(ctx, tx, { before: source, after: source, action: 'RENEWAL_CREATED', note: successor.id });
    return successor;
  }

  /** The approval request of a contract, for its field (visible to the same people the engine shows it to). */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return this.approvals.requestLoader(ctx);
  }
}
