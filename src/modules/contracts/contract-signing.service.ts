import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  type RequestContext,
  type Tx,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { diffTerms, type ContractTerms, type FieldChange } from './contract-diff.js';
import { refreshExpiryReminders, scheduleOriginalCheck } from './contract-due-dates.js';
import { formatContractNumber, yearOf } from './contract-number.js';
import { ContractReviewsService } from './contract-reviews.service.js';
import { ContractRisksService } from './contract-risks.service.js';
import { ContractSettingsService } from './contract-settings.service.js';
import {
  CONTRACT_COLUMNS,
  checkContractAmount,
  checkTerm,
  recordChange,
  termsOf,
  toContract,
  type ContractRow,
  type VersionRow,
} from './contract-rows.js';
import { renewalTerm } from './contract-term.js';
import { AMENDABLE_STATES, RENEWABLE_STATES, type ContractTransition } from './contract-state.js';
import { ContractVersionStatus, SignatorySide, type Contract } from './contract.types.js';
import { ContractsService } from './contracts.service.js';
import type { AmendContractInput, RenewContractInput, SignContractInput } from './dto/contract.input.js';

export const CONTRACT_SUBJECT = 'CONTRACT';
export const AMENDMENT_SUBJECT = 'CONTRACT_AMENDMENT';

const OUTCOME_MOVE: Record<ApprovalOutcome, ContractTransition> = {
  APPROVED: 'APPROVAL_APPROVED',
  RETURNED: 'APPROVAL_RETURNED',
  REJECTED: 'APPROVAL_REJECTED',
  WITHDRAWN: 'APPROVAL_WITHDRAWN',
};

/**
 * The gate and what follows it: approval through the engine, signing with a gap-free number,
 * amendments (approved again, each a version kept forever) and renewals.
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
    this.subjects.register({
      type: AMENDMENT_SUBJECT,
      label: 'Contract amendment',
      onDecided: (ctx, request, outcome) => this.amendmentDecided(ctx, request, outcome),
    });
  }

  // ---------- approval ----------

  async submitForApproval(ctx: RequestContext, id: string): Promise<Contract> {
    const tx = await ctx.tx();
    const before = await this.contracts.lock(ctx, tx, id);
    // The state moves first: an amount no policy step covers is approved inside submit().
    await this.contracts.move(ctx, tx, before, 'SUBMIT_FOR_APPROVAL');
    await this.reviews.assertLegalApproved(ctx, before);
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: CONTRACT_SUBJECT,
      subjectId: before.id,
      title: `Contract: ${before.title}`.slice(0, 200),
      amount: before.amount,
      currency: before.currency,
    });
    return this.setRequest(tx, before, request.id);
  }

  private async setRequest(tx: Tx, c: Contract, requestId: string): Promise<Contract> {
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET approval_request_id = $3 WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [c.branchId, c.id, requestId],
    );
    return toContract(rows[0]);
  }

  /** Locks a contract by its exact key (the approval engine names the branch). */
  private async lockKey(ctx: RequestContext, tx: Tx, branchId: string, id: string): Promise<Contract> {
    const rows = await tx.query<ContractRow>(
      `SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [branchId, id],
    );
    if (!rows[0]) throw new NotFoundError('Contract', id);
    return toContract(rows[0]);
  }

  /** In the deciding transaction: APPROVED opens signing, RETURNED / WITHDRAWN reopen negotiation, REJECTED goes to DRAFT. */
  private async contractDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const tx = await ctx.tx();
    const before = await this.lockKey(ctx, tx, request.branchId, request.subjectId);
    await this.contracts.move(ctx, tx, before, OUTCOME_MOVE[outcome], {
      set: { approval_request_id: request.id },
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
    const before = await this.contracts.lock(ctx, tx, id);
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
    await this.assertSignable(ctx, tx, before);
    // The counter row stays locked until this transaction ends: a concurrent signing in the same branch
    // and year waits, and a rolled-back signing gives its number back. No gap, no duplicate.
    const [counter] = await tx.query<{ last: number }>(
      `INSERT INTO contract_number_counters (branch_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = contract_number_counters.last + 1
       RETURNING last`,
      [before.branchId, yearOf(input.signedOn)],
    );
    const number = formatContractNumber(await this.settings.numberRule(tx, before.branchId), {
      branchCode: branch.code,
      year: yearOf(input.signedOn),
      sequence: counter.last,
    });
    const signatories = input.signatories.map((s) => ({ name: s.name.trim(), side: s.side }));
    const after = await this.contracts.move(ctx, tx, before, 'SIGN', {
      set: {
        number,
        signed_on: input.signedOn,
        signatories: JSON.stringify(signatories),
        original_received: input.originalReceived ?? false,
        version: 1,
      },
      note: number,
    });
    await scheduleOriginalCheck(tx, after.branchId, after.id);
    await this.insertVersion(
      ctx,
      tx,
      after,
      1,
      ContractVersionStatus.EFFECTIVE,
      termsOf(after),
      'Signed',
      before.approvalRequestId,
    );
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
  private async assertSignable(ctx: RequestContext, tx: Tx, c: Contract): Promise<void> {
    const missing: string[] = [];
    const special = await this.reviews.specialTermsProblem(ctx, c);
    if (special) missing.push(special);
    const open = await this.risks.unansweredHighRisks(tx, c);
    if (open.length) {
      const list = open.map((r) => `"${r.description.slice(0, 80)}"`).join(', ');
      missing.push(`${open.length} HIGH risk${open.length > 1 ? 's have' : ' has'} no response (${list})`);
    }
    if (missing.length) {
      throw new InvalidStateError(`The contract cannot be signed yet: ${missing.join('; ')}`);
    }
  }

  private async insertVersion(
    ctx: RequestContext,
    tx: Tx,
    c: Contract,
    version: number,
    status: ContractVersionStatus,
    terms: ContractTerms,
    reason: string,
    requestId: string | null,
  ): Promise<string> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO contract_versions (branch_id, id, contract_id, version, status, snapshot, reason, approval_request_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.branchId, id, c.id, version, status, JSON.stringify(terms), reason, requestId, ctx.requireActor().userId],
    );
    return id;
  }

  // ---------- amendments ----------

  async amend(ctx: RequestContext, id: string, input: AmendContractInput): Promise<Contract> {
    const tx = await ctx.tx();
    const c = await this.contracts.lock(ctx, tx, id);
    if (!AMENDABLE_STATES.includes(c.state)) {
      throw new InvalidStateError(
        `A contract in ${c.state} cannot be amended (only ${AMENDABLE_STATES.join(' or ')}); before signing, edit it`,
      );
    }
    const terms: ContractTerms = {
      ...termsOf(c),
      amount: input.amount != null ? checkContractAmount('amount', input.amount) : c.amount,
      startsOn: input.startsOn ?? c.startsOn,
      endsOn: input.endsOn ?? c.endsOn,
      specialTerms: input.specialTerms !== undefined ? input.specialTerms.trim() || null : c.specialTerms,
    };
    checkTerm(terms.startsOn, terms.endsOn);
    if (diffTerms(termsOf(c), terms).length === 0) {
      throw BadUserInputError.field('input', 'changes nothing: give a new amount, term or special terms');
    }
    const pending = await tx.query(
      `SELECT 1 FROM contract_versions WHERE branch_id = $1 AND contract_id = $2 AND status = 'PENDING'`,
      [c.branchId, c.id],
    );
    if (pending.length) throw new ConflictError('An amendment of this contract is already waiting for approval');
    const [{ n }] = await tx.query<{ n: number }>(
      `SELECT coalesce(max(version), 0) + 1 AS n FROM contract_versions WHERE branch_id = $1 AND contract_id = $2`,
      [c.branchId, c.id],
    );
    const reason = input.reason.trim();
    const versionId = await this.insertVersion(ctx, tx, c, n, ContractVersionStatus.PENDING, terms, reason, null);
    await recordChange(ctx, tx, {
      before: c,
      after: c,
      action: 'AMENDMENT_SUBMITTED',
      note: `Version ${n}: ${reason}`,
    });
    const request = await this.approvals.submit(ctx, {
      branchId: c.branchId,
      subjectType: AMENDMENT_SUBJECT,
      subjectId: versionId,
      title: `Amendment v${n}: ${c.number ?? c.title}`.slice(0, 200),
      amount: terms.amount,
      currency: c.currency,
    });
    await tx.query(`UPDATE contract_versions SET approval_request_id = $3 WHERE branch_id = $1 AND id = $2`, [
      c.branchId,
      versionId,
      request.id,
    ]);
    return this.lockKey(ctx, tx, c.branchId, c.id);
  }

  /** APPROVED: the proposed version's terms become the contract's; otherwise the version is kept, marked. */
  private async amendmentDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const tx = await ctx.tx();
    const [v] = await tx.query<VersionRow>(
      `SELECT branch_id, id, contract_id, version, status, snapshot, reason, approval_request_id, created_by, created_at
       FROM contract_versions WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [request.branchId, request.subjectId],
    );
    if (!v) throw new NotFoundError('Contract version', request.subjectId);
    if (v.status !== ContractVersionStatus.PENDING) {
      throw new InvalidStateError(`Version ${v.version} is ${v.status}, not waiting for approval`);
    }
    const before = await this.lockKey(ctx, tx, v.branch_id, v.contract_id);
    if (outcome === 'APPROVED' && !AMENDABLE_STATES.includes(before.state)) {
      // Completed or terminated while the amendment waited: approving it now would change a closed contract.
      throw new InvalidStateError(
        `The contract is ${before.state}; amendment version ${v.version} can no longer take effect: reject it instead`,
      );
    }
    const status = outcome === 'APPROVED' ? ContractVersionStatus.EFFECTIVE : (outcome as ContractVersionStatus);
    await tx.query(
      `UPDATE contract_versions SET status = $3, approval_request_id = $4 WHERE branch_id = $1 AND id = $2`,
      [v.branch_id, v.id, status, request.id],
    );
    if (outcome !== 'APPROVED') {
      await recordChange(ctx, tx, {
        before,
        after: before,
        action: `AMENDMENT_${outcome}`,
        note: `Version ${v.version}`,
      });
      return;
    }
    const t = v.snapshot;
    const rows = await tx.query<ContractRow>(
      `UPDATE contracts SET amount = $3, starts_on = $4, ends_on = $5, special_terms = $6, version = $7, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CONTRACT_COLUMNS}`,
      [before.branchId, before.id, t.amount, t.startsOn, t.endsOn, t.specialTerms, v.version],
    );
    await recordChange(ctx, tx, {
      before,
      after: toContract(rows[0]),
      action: 'AMENDED',
      note: `Version ${v.version}`,
    });
    // A new end of term moves the reminders before it.
    await refreshExpiryReminders(tx, before.branchId, [before.id]);
  }

  async versionDiff(ctx: RequestContext, id: string, from: number, to: number): Promise<FieldChange[]> {
    const c = await this.contracts.findOne(ctx, id);
    if (!c) throw new NotFoundError('Contract', id);
    const tx = await ctx.tx();
    const rows = await tx.query<{ version: number; snapshot: ContractTerms }>(
      `SELECT version, snapshot FROM contract_versions WHERE branch_id = $1 AND contract_id = $2 AND version = ANY($3::int[])`,
      [c.branchId, c.id, [from, to]],
    );
    const a = rows.find((r) => r.version === from);
    const b = rows.find((r) => r.version === to);
    if (!a) throw BadUserInputError.field('from', `this contract has no version ${from}`);
    if (!b) throw BadUserInputError.field('to', `this contract has no version ${to}`);
    return diffTerms(a.snapshot, b.snapshot);
  }

  // ---------- renewal ----------

  async renew(ctx: RequestContext, id: string, input: RenewContractInput = {}): Promise<Contract> {
    const tx = await ctx.tx();
    const source = await this.contracts.lock(ctx, tx, id);
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
