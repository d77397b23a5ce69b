import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { AMENDABLE_STATES } from './contract-state.js';
import { checkContractAmount } from './contract-rows.js';
import { branchToday, dayStart } from './contract-due-dates.js';
import {
  InstalmentStatus,
  MilestoneStatus,
  type ContractInstalment,
  type ContractMilestone,
  type InstalmentKind,
} from './contract-schedule.types.js';
import type { Contract } from './contract.types.js';
import { ContractsService } from './contracts.service.js';
import type {
  AddInstalmentInput,
  AddMilestoneInput,
  UpdateInstalmentInput,
  UpdateMilestoneInput,
} from './dto/contract-schedule.input.js';

export interface InstalmentRow {
  branch_id: string;
  id: string;
  contract_id: string;
  kind: InstalmentKind;
  due_on: string;
  amount: string;
  currency: string;
  status: InstalmentStatus;
  paid_on: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MilestoneRow {
  branch_id: string;
  id: string;
  contract_id: string;
  title: string;
  due_on: string;
  status: MilestoneStatus;
  done_on: string | null;
  created_at: Date;
  updated_at: Date;
}

export const INSTALMENT_COLUMNS = `branch_id, id, contract_id, kind, due_on::text AS due_on, amount::text AS amount, currency,
  status, paid_on::text AS paid_on, created_at, updated_at`;
export const MILESTONE_COLUMNS = `branch_id, id, contract_id, title, due_on::text AS due_on, status,
  done_on::text AS done_on, created_at, updated_at`;

const toInstalment = (r: InstalmentRow): ContractInstalment => ({
  id: r.id,
  branchId: r.branch_id,
  contractId: r.contract_id,
  kind: r.kind,
  dueOn: r.due_on,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  paidOn: r.paid_on,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toMilestone = (r: MilestoneRow): ContractMilestone => ({
  id: r.id,
  branchId: r.branch_id,
  contractId: r.contract_id,
  title: r.title,
  dueOn: r.due_on,
  status: r.status,
  doneOn: r.done_on,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const OPEN_INSTALMENT = [InstalmentStatus.PENDING, InstalmentStatus.OVERDUE];
const OPEN_MILESTONE = [MilestoneStatus.PENDING, MilestoneStatus.OVERDUE];

/**
 * Performance tracking of a signed contract: the payment schedule and the delivery milestones.
 * Each row keeps `next_action_at` (the start of its due day, branch time zone) for the worker.
 */
@Injectable()
export class ContractSchedulesService {
  constructor(private readonly contracts: ContractsService) {}

  instalmentsLoader(ctx: RequestContext): DataLoader<string, ContractInstalment[]> {
    return this.contracts.childLoader(
      ctx,
      'contracts.instalments',
      `SELECT ${INSTALMENT_COLUMNS} FROM contract_instalments`,
      'due_on, id',
      toInstalment,
    );
  }

  milestonesLoader(ctx: RequestContext): DataLoader<string, ContractMilestone[]> {
    return this.contracts.childLoader(
      ctx,
      'contracts.milestones',
      `SELECT ${MILESTONE_COLUMNS} FROM contract_milestones`,
      'due_on, id',
      toMilestone,
    );
  }

  /** Locks the contract (serializing its schedule changes) and checks it is being performed. */
  private async performing(ctx: RequestContext, tx: Tx, contractId: string): Promise<Contract> {
    const c = await this.contracts.lock(ctx, tx, contractId);
    if (!AMENDABLE_STATES.includes(c.state)) {
      throw new InvalidStateError(
        `Payment schedules and milestones belong to ${AMENDABLE_STATES.join(' or ')} contracts; this one is ${c.state}`,
      );
    }
    return c;
  }

  /** The contract of a schedule row in scope (NOT_FOUND alike for another branch's and a missing one). */
  private async contractOf(ctx: RequestContext, tx: Tx, table: string, what: string, id: string): Promise<string> {
    const rows = await tx.query<{ contract_id: string }>(
      `SELECT contract_id FROM ${table} WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError(what, id);
    return rows[0].contract_id;
  }

  /** The instalments other than `exceptId` plus `amount` may not exceed the contract amount (waived ones do not count). */
  private async checkTotal(tx: Tx, c: Contract, amount: string, exceptId: string | null): Promise<void> {
    const [r] = await tx.query<{ total: string; over: boolean }>(
      `SELECT (coalesce(sum(amount), 0) + $4::numeric)::text AS total, coalesce(sum(amount), 0) + $4::numeric > $5::numeric AS over
       FROM contract_instalments WHERE branch_id = $1 AND contract_id = $2 AND status <> 'WAIVED'
         AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [c.branchId, c.id, exceptId, amount, c.amount],
    );
    if (r.over) {
      throw BadUserInputError.field(
        'amount',
        `the instalments would total ${r.total} ${c.currency}, more than the contract amount ${c.amount}`,
      );
    }
  }

  async addInstalment(ctx: RequestContext, input: AddInstalmentInput): Promise<ContractInstalment> {
    const actor = ctx.requireActor();
    const amount = checkContractAmount('amount', input.amount);
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, input.contractId.toLowerCase());
    await this.checkTotal(tx, c, amount, null);
    const [row] = await tx.query<InstalmentRow>(
      `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${dayStart('$5::date', '$1::uuid')}, $8) RETURNING ${INSTALMENT_COLUMNS}`,
      [c.branchId, randomUUID(), c.id, input.kind, input.dueOn, amount, c.currency, actor.userId],
    );
    const after = toInstalment(row);
    await this.audit(ctx, 'contract_instalment', after.id, c.branchId, 'create', null, after);
    return after;
  }

  async updateInstalment(ctx: RequestContext, id: string, input: UpdateInstalmentInput): Promise<ContractInstalment> {
    const amount = input.amount != null ? checkContractAmount('amount', input.amount) : undefined;
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, await this.contractOf(ctx, tx, 'contract_instalments', 'Instalment', id));
    const before = await this.lockInstalment(tx, c.branchId, id);
    if (!OPEN_INSTALMENT.includes(before.status)) {
      throw new InvalidStateError(`A ${before.status} instalment cannot be changed`);
    }
    if (amount !== undefined) await this.checkTotal(tx, c, amount, id);
    const dueOn = input.dueOn ?? before.dueOn;
    // A new due day starts its reminders again (an OVERDUE instalment moved to a later day is PENDING).
    const moved = dueOn !== before.dueOn;
    const [row] = await tx.query<InstalmentRow>(
      `UPDATE contract_instalments SET kind = $3, amount = $4, due_on = $5,
         status = CASE WHEN $6 THEN 'PENDING' ELSE status END,
         next_action_at = CASE WHEN $6 THEN ${dayStart('$5::date', '$1::uuid')} ELSE next_action_at END, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${INSTALMENT_COLUMNS}`,
      [c.branchId, id, input.kind ?? before.kind, amount ?? before.amount, dueOn, moved],
    );
    const after = toInstalment(row);
    await this.audit(ctx, 'contract_instalment', id, c.branchId, 'update', before, after);
    return after;
  }

  async setInstalmentStatus(
    ctx: RequestContext,
    id: string,
    status: InstalmentStatus.PAID | InstalmentStatus.WAIVED,
    paidOn?: string,
  ): Promise<ContractInstalment> {
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, await this.contractOf(ctx, tx, 'contract_instalments', 'Instalment', id));
    const before = await this.lockInstalment(tx, c.branchId, id);
    if (!OPEN_INSTALMENT.includes(before.status)) {
      throw new InvalidStateError(`An instalment cannot move from ${before.status} to ${status}`);
    }
    if (paidOn) await this.notInFuture(tx, c.branchId, 'paidOn', paidOn);
    const [row] = await tx.query<InstalmentRow>(
      `UPDATE contract_instalments SET status = $3, paid_on = $4, next_action_at = NULL, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${INSTALMENT_COLUMNS}`,
      [c.branchId, id, status, paidOn ?? null],
    );
    const after = toInstalment(row);
    await this.audit(ctx, 'contract_instalment', id, c.branchId, status.toLowerCase(), before, after);
    return after;
  }

  async addMilestone(ctx: RequestContext, input: AddMilestoneInput): Promise<ContractMilestone> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, input.contractId.toLowerCase());
    const [row] = await tx.query<MilestoneRow>(
      `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
       VALUES ($1, $2, $3, $4, $5, ${dayStart('$5::date', '$1::uuid')}, $6) RETURNING ${MILESTONE_COLUMNS}`,
      [c.branchId, randomUUID(), c.id, input.title.trim(), input.dueOn, actor.userId],
    );
    const after = toMilestone(row);
    await this.audit(ctx, 'contract_milestone', after.id, c.branchId, 'create', null, after);
    return after;
  }

  async updateMilestone(ctx: RequestContext, id: string, input: UpdateMilestoneInput): Promise<ContractMilestone> {
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, await this.contractOf(ctx, tx, 'contract_milestones', 'Milestone', id));
    const before = await this.lockMilestone(tx, c.branchId, id);
    if (!OPEN_MILESTONE.includes(before.status)) {
      throw new InvalidStateError(`A ${before.status} milestone cannot be changed`);
    }
    const dueOn = input.dueOn ?? before.dueOn;
    const moved = dueOn !== before.dueOn;
    const [row] = await tx.query<MilestoneRow>(
      `UPDATE contract_milestones SET title = $3, due_on = $4,
         status = CASE WHEN $5 THEN 'PENDING' ELSE status END,
         next_action_at = CASE WHEN $5 THEN ${dayStart('$4::date', '$1::uuid')} ELSE next_action_at END, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${MILESTONE_COLUMNS}`,
      [c.branchId, id, input.title?.trim() ?? before.title, dueOn, moved],
    );
    const after = toMilestone(row);
    await this.audit(ctx, 'contract_milestone', id, c.branchId, 'update', before, after);
    return after;
  }

  async setMilestoneStatus(
    ctx: RequestContext,
    id: string,
    status: MilestoneStatus.DONE | MilestoneStatus.CANCELLED,
    doneOn?: string,
  ): Promise<ContractMilestone> {
    const tx = await ctx.tx();
    const c = await this.performing(ctx, tx, await this.contractOf(ctx, tx, 'contract_milestones', 'Milestone', id));
    const before = await this.lockMilestone(tx, c.branchId, id);
    if (!OPEN_MILESTONE.includes(before.status)) {
      throw new InvalidStateError(`A milestone cannot move from ${before.status} to ${status}`);
    }
    if (doneOn) await this.notInFuture(tx, c.branchId, 'doneOn', doneOn);
    const [row] = await tx.query<MilestoneRow>(
      `UPDATE contract_milestones SET status = $3, done_on = $4, next_action_at = NULL, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${MILESTONE_COLUMNS}`,
      [c.branchId, id, status, doneOn ?? null],
    );
    const after = toMilestone(row);
    await this.audit(ctx, 'contract_milestone', id, c.branchId, status.toLowerCase(), before, after);
    return after;
  }

  private async notInFuture(tx: Tx, branchId: string, field: string, day: string): Promise<void> {
    const [r] = await tx.query<{ future: boolean }>(`SELECT $2::date > ${branchToday('$1::uuid')} AS future`, [
      branchId,
      day,
    ]);
    if (r.future) throw BadUserInputError.field(field, 'cannot be in the future: record it after it happened');
  }

  private async lockInstalment(tx: Tx, branchId: string, id: string): Promise<ContractInstalment> {
    const [r] = await tx.query<InstalmentRow>(
      `SELECT ${INSTALMENT_COLUMNS} FROM contract_instalments WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [branchId, id],
    );
    return toInstalment(r);
  }

  private async lockMilestone(tx: Tx, branchId: string, id: string): Promise<ContractMilestone> {
    const [r] = await tx.query<MilestoneRow>(
      `SELECT ${MILESTONE_COLUMNS} FROM contract_milestones WHERE branch_id = $1 AND id = $2 FOR UPDATE`,
      [branchId, id],
    );
    return toMilestone(r);
  }

  private audit(
    ctx: RequestContext,
    entity: string,
    entityId: string,
    branchId: string,
    action: string,
    before: object | null,
    after: object,
  ): Promise<void> {
    return writeAudit(ctx, { branchId, entity, entityId, action, before: before ?? undefined, after });
  }
}
