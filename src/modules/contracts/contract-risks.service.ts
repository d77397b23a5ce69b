import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { recordEvent } from './contract-rows.js';
import { ContractState } from './contract-state.js';
import type { Contract } from './contract.types.js';
import { ContractRisk, type RiskCategory } from './contract-risk.types.js';
import { ContractsService } from './contracts.service.js';
import type { AddContractRiskInput, RiskResponseInput, UpdateContractRiskInput } from './dto/contract-risk.input.js';
import { RiskPriority, compareRisks, riskPriority, riskScore } from './risk-priority.js';

const RISK_COLUMNS = `branch_id, id, contract_id, description, category, probability, impact, mitigation, response_owner_id,
  response_due_on::text AS response_due_on, created_by, created_at, updated_at`;

interface RiskRow {
  branch_id: string;
  id: string;
  contract_id: string;
  description: string;
  category: RiskCategory;
  probability: number;
  impact: number;
  mitigation: string | null;
  response_owner_id: string | null;
  response_due_on: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const toRisk = (r: RiskRow): ContractRisk => ({
  id: r.id,
  branchId: r.branch_id,
  contractId: r.contract_id,
  description: r.description,
  category: r.category,
  probability: r.probability,
  impact: r.impact,
  score: riskScore(r.probability, r.impact),
  priority: riskPriority(r.probability, r.impact),
  mitigation: r.mitigation,
  responseOwnerId: r.response_owner_id,
  responseDueOn: r.response_due_on,
  answered: r.mitigation !== null,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A closed contract's register is history: risks are worked on until completion or termination. */
const CLOSED: readonly ContractState[] = [ContractState.COMPLETED, ContractState.TERMINATED];

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
    const rows = await tx.query<RiskRow>(
      `SELECT ${RISK_COLUMNS} FROM contract_risks WHERE branch_id = $1 AND contract_id = $2`,
      [c.branchId, c.id],
    );
    return rows.map(toRisk).sort(compareRisks);
  }

  /** The HIGH risks that still have no response (the signing gate). */
  async unansweredHighRisks(tx: Tx, c: Contract): Promise<ContractRisk[]> {
    return (await this.ofContract(tx, c)).filter((r) => r.priority === RiskPriority.HIGH && !r.answered);
  }

  async add(ctx: RequestContext, input: AddContractRiskInput): Promise<ContractRisk> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const c = await this.contracts.lock(ctx, tx, input.contractId.toLowerCase());
    this.assertOpen(c);
    const response = input.response ? await this.checkResponse(ctx, c, input.response) : null;
    const [row] = await tx.query<RiskRow>(
      `INSERT INTO contract_risks (branch_id, id, contract_id, description, category, probability, impact, mitigation,
         response_owner_id, response_due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${RISK_COLUMNS}`,
      [
        c.branchId,
        randomUUID(),
        c.id,
        input.description.trim(),
        input.category,
        input.probability,
        input.impact,
        response?.mitigation ?? null,
        response?.ownerId ?? null,
        response?.dueOn ?? null,
        actor.userId,
      ],
    );
    const risk = toRisk(row);
    await this.record(ctx, tx, c, 'RISK_IDENTIFIED', null, risk);
    return risk;
  }

  async update(ctx: RequestContext, id: string, input: UpdateContractRiskInput): Promise<ContractRisk> {
    const tx = await ctx.tx();
    const { risk: before, contract: c } = await this.lockRisk(ctx, tx, id);
    this.assertOpen(c);
    const response = input.response ? await this.checkResponse(ctx, c, input.response) : null;
    const [row] = await tx.query<RiskRow>(
      `UPDATE contract_risks SET description = $3, category = $4, probability = $5, impact = $6, mitigation = $7,
         response_owner_id = $8, response_due_on = $9, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${RISK_COLUMNS}`,
      [
        before.branchId,
        before.id,
        input.description?.trim() ?? before.description,
        input.category ?? before.category,
        input.probability ?? before.probability,
        input.impact ?? before.impact,
        response ? response.mitigation : before.mitigation,
        response ? response.ownerId : before.responseOwnerId,
        response ? response.dueOn : before.responseDueOn,
      ],
    );
    const after = toRisk(row);
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
    const [row] = await tx.query<RiskRow>(
      `SELECT ${RISK_COLUMNS} FROM contract_risks WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    if (!row) throw new NotFoundError('Contract risk', id);
    // The contract first (the order every contract write takes), then the risk row.
    const contract = await this.contracts.lock(ctx, tx, row.contract_id);
    const [locked] = await tx.query<RiskRow>(
      `SELECT ${RISK_COLUMNS} FROM contract_risks WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [row.branch_id, id],
    );
    if (!locked) throw new NotFoundError('Contract risk', id);
    return { risk: toRisk(locked), contract };
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
    if (!(await this.branches.memberRole(ctx, c.branchId, ownerId))) {
      throw BadUserInputError.field('response.ownerId', 'must be a person of the contract’s branch');
    }
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
    await recordEvent(ctx, tx, c, action, `${r.priority} (${r.score}): ${r.description}`.slice(0, 2000));
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
