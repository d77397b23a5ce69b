import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  NotFoundError,
  type RequestContext,
  parseMoney,
} from '@app/core';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { checkTerm } from './contract-checks.js';
import { diffTerms, termsOf, type ContractTerms, type FieldChange } from './contract-diff.js';
import { refreshExpiryReminders } from './contract-due-dates.js';
import { AMENDABLE_STATES } from './contract-state.js';
import { recordChange } from './contract-timeline.js';
import { ContractVersions, Contracts, type Contract } from './contract.entity.js';
import { ContractVersionStatus } from './contract.enums.js';
import { ContractsService } from './contracts.service.js';
import type { AmendContractInput } from './dto/contract.input.js';

export const AMENDMENT_SUBJECT = 'CONTRACT_AMENDMENT';

/**
 * Amendments of a signed contract: new terms proposed as a version, approved through the engine (subject
 * CONTRACT_AMENDMENT); approved, the version's terms become the contract's. Every version is kept forever.
 */
@Injectable()
export class ContractAmendmentsService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: AMENDMENT_SUBJECT,
      label: 'Contract amendment',
      onDecided: (ctx, request, outcome) => this.amendmentDecided(ctx, request, outcome),
    });
  }

  async amend(ctx: RequestContext, id: string, input: AmendContractInput): Promise<Contract> {
    const tx = await ctx.tx();
    const c = await Contracts.lock(ctx, id);
    if (!AMENDABLE_STATES.includes(c.state)) {
      throw new InvalidStateError(
        `A contract in ${c.state} cannot be amended (only ${AMENDABLE_STATES.join(' or ')}); before signing, edit it`,
      );
    }
    const terms: ContractTerms = {
      ...termsOf(c),
      amount: input.amount != null ? parseMoney('amount', input.amount, 'positive') : c.amount,
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
    const version = await ContractVersions.insert(tx, {
      branchId: c.branchId,
      id: randomUUID(),
      contractId: c.id,
      version: n,
      status: ContractVersionStatus.PENDING,
      terms,
      reason,
      approvalRequestId: null,
      createdById: ctx.requireActor().userId,
    });
    await recordChange(ctx, tx, {
      before: c,
      after: c,
      action: 'AMENDMENT_SUBMITTED',
      note: `Version ${n}: ${reason}`,
    });
    const request = await this.approvals.submit(ctx, {
      branchId: c.branchId,
      subjectType: AMENDMENT_SUBJECT,
      subjectId: version.id,
      title: `Amendment v${n}: ${c.number ?? c.title}`.slice(0, 200),
      amount: terms.amount,
      currency: c.currency,
    });
    await ContractVersions.update(tx, ContractVersions.keyOf(version), { approvalRequestId: request.id });
    return this.contracts.lockKey(tx, c.branchId, c.id);
  }

  /** APPROVED: the proposed version's terms become the contract's; otherwise the version is kept, marked. */
  private async amendmentDecided(
    ctx: RequestContext,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
  ): Promise<void> {
    const tx = await ctx.tx();
    const v = await ContractVersions.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!v) throw new NotFoundError('Contract version', request.subjectId);
    if (v.status !== ContractVersionStatus.PENDING) {
      throw new InvalidStateError(`Version ${v.version} is ${v.status}, not waiting for approval`);
    }
    const before = await this.contracts.lockKey(tx, v.branchId, v.contractId);
    if (outcome === 'APPROVED' && !AMENDABLE_STATES.includes(before.state)) {
      // Completed or terminated while the amendment waited: approving it now would change a closed contract.
      throw new InvalidStateError(
        `The contract is ${before.state}; amendment version ${v.version} can no longer take effect: reject it instead`,
      );
    }
    const status = outcome === 'APPROVED' ? ContractVersionStatus.EFFECTIVE : (outcome as ContractVersionStatus);
    await ContractVersions.update(tx, ContractVersions.keyOf(v), { status, approvalRequestId: request.id });
    if (outcome !== 'APPROVED') {
      await recordChange(ctx, tx, {
        before,
        after: before,
        action: `AMENDMENT_${outcome}`,
        note: `Version ${v.version}`,
      });
      return;
    }
    const t = v.terms;
    await this.contracts.change(
      ctx,
      before,
      { amount: t.amount, startsOn: t.startsOn, endsOn: t.endsOn, specialTerms: t.specialTerms, version: v.version },
      'AMENDED',
      `Version ${v.version}`,
    );
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
}
