import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InvalidStateError, NotFoundError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { checkOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ContractState } from './contract-state.js';
import { recordEvent } from './contract-timeline.js';
import { ContractRisks, type ContractRisk } from './contract-risk.entity.js';
import { Contracts, type Contract } from './contract.entity.js';
import { ContractsService } from './contracts.service.js';
import type { AddContractRiskInput, RiskResponseInput, UpdateContractRiskInput } from './dto/contract-risk.input.js';
import { RiskPriority, compareRisks, riskPriority, riskScore } from './risk-priority.js';

/** A closed contract's register is history: risks are worked on until completion or termination. */
const CLOSED: readonly ContractState[] = [ContractState.COMPLETED, ContractState.TERMINATED];

/** A risk has its response when the mitigation (with its owner and due day) is recorded. */
export const riskAnswered = (r: ContractRisk): boolean => r.mitigation !== null;

/**
 * The risk register of a contract (DOMAIN.md section 4): risks identified, scored on probability and
 * impact, prioritised, each with a response; signing waits while a HIGH risk has none.
 */
@Injectable()
export class ContractRisksService {
  constructor(
    private readonly contracts: ContractsService,
    private readonly branches: BranchesService,
  ) {}

  /** A contract's risks, HIGH first (then by score, oldest first); NOT_FOUND for a contract the caller may not see. */
  async list(ctx: RequestContext, contractId: string): Promise<ContractRisk[]> {
    const c = await this.contracts.findOne(ctx, contractId);
    if (!c) throw new NotFoundError('Contract', contractId);
    return this.ofContract(await ctx.tx(), c);
  }

  private async ofContract(tx: Tx, c: Contract): Promise<ContractRisk[]> {
    const rows = await tx.query<ContractRisk>(
      `SELECT ${ContractRisks.cols()} FROM contract_risks WHERE branch_id = $1 AND contract_id = $2`,
      [c.branchId, c.id],
    );
    return rows.map(ContractRisks.map).sort(compareRisks);
  }

  /** The HIGH risks that still have no response (the signing gate). */
  async unansweredHighRisks(tx: Tx, c: Contract): Promise<ContractRisk[]> {
    return (await this.ofContract(tx, c)).filter(
      (r) => riskPriority(r.probability, r.impact) === RiskPriority.HIGH && !riskAnswered(r),
    );
  }

  async add(ctx: RequestContext, input: AddContractRiskInput): Promise<ContractRisk> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const c = await Contracts.lock(ctx, input.contractId.toLowerCase());
    this.assertOpen(c);
    const response = input.response ? await this.checkResponse(ctx, c, input.response) : null;
    const risk = await ContractRisks.insert(tx, {
      branchId: c.branchId,
      id: randomUUID(),
      contractId: c.id,
      description: input.description.trim(),
      category: input.category,
      probability: input.probability,
      impact: input.impact,
      mitigation: response?.mitigation ?? null,
      responseOwnerId: response?.ownerId ?? null,
      responseDueOn: response?.dueOn ?? null,
      createdById: actor.userId,
    });
    await this.record(ctx, tx, c, 'RISK_IDENTIFIED', null, risk);
    return risk;
  }

  async update(ctx: RequestContext, id: string, input: UpdateContractRiskInput): Promise<ContractRisk> {
    const tx = await ctx.tx();
    const { risk: before, contract: c } = await this.lockRisk(ctx, tx, id);
    this.assertOpen(c);
    const response = input.response ? await this.checkResponse(ctx, c, input.response) : null;
    const after = await ContractRisks.update(tx, ContractRisks.keyOf(before), {
      description: input.description?.trim() ?? before.description,
      category: input.category ?? before.category,
      probability: input.probability ?? before.probability,
      impact: input.impact ?? before.impact,
      mitigation: response ? response.mitigation : before.mitigation,
      responseOwnerId: response ? response.ownerId : before.responseOwnerId,
      responseDueOn: response ? response.dueOn : before.responseDueOn,
    });
    await this.record(ctx, tx, c, response ? 'RISK_ANSWERED' : 'RISK_UPDATED', before, after);
    return after;
  }

  async remove(ctx: RequestContext, id: string): Promise<ContractRisk> {
    const tx = await ctx.tx();
    const { risk, contract: c } = await this.lockRisk(ctx, tx, id);
    this.assertOpen(c);
    await tx.query('DELETE FROM contract_risks WHERE branch_id = $1 AND id = $2', [risk.branchId, risk.id]);
    await this.record(ctx, tx, c, 'RISK_REMOVED', risk, null);
    return risk;
  }

  /** The risk and its contract, both locked; NOT_FOUND alike for another branch's, a colleague's or no risk. */
  private async lockRisk(ctx: RequestContext, tx: Tx, id: string): Promise<{ risk: ContractRisk; contract: Contract }> {
    const row = await ContractRisks.findInScope(ctx, id);
    if (!row) throw new NotFoundError('Contract risk', id);
    // The contract first (the order every contract write takes), then the risk row.
    const contract = await Contracts.lock(ctx, row.contractId);
    const locked = await ContractRisks.find(tx, ContractRisks.keyOf(row), { lock: true });
    if (!locked) throw new NotFoundError('Contract risk', id);
    return { risk: locked, contract };
  }

  private assertOpen(c: Contract): void {
    if (CLOSED.includes(c.state)) {
      throw new InvalidStateError(`A contract in ${c.state} is closed: its risk register no longer changes`);
    }
  }

  private async checkResponse(
    ctx: RequestContext,
    c: Contract,
    r: RiskResponseInput,
  ): Promise<{ mitigation: string; ownerId: string; dueOn: string }> {
    const ownerId = r.ownerId.toLowerCase();
    await checkOwner(ctx, this.branches, c.branchId, ownerId, { noun: 'contract', field: 'response.ownerId' });
    return { mitigation: r.mitigation.trim(), ownerId, dueOn: r.dueOn };
  }

  /** One timeline entry on the contract and the audit row of the risk itself. */
  private async record(
    ctx: RequestContext,
    tx: Tx,
    c: Contract,
    action: string,
    before: ContractRisk | null,
    after: ContractRisk | null,
  ): Promise<void> {
    const r = after ?? before;
    if (!r) return;
    const head = `${riskPriority(r.probability, r.impact)} (${riskScore(r.probability, r.impact)})`;
    await recordEvent(ctx, tx, c, action, `${head}: ${r.description}`.slice(0, 2000));
    await writeAudit(ctx, {
      branchId: c.branchId,
      entity: 'contract_risk',
      entityId: r.id,
      action: action.toLowerCase(),
      before: before ?? undefined,
      after: after ?? undefined,
    });
  }
}
