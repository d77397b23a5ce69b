import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Table,
  type Tx,
  type Values,
  branchToday,
  dayStart,
  parseMoney,
} from '@app/core';
import { AMENDABLE_STATES } from './contract-state.js';
import {
  ContractInstalments,
  ContractMilestones,
  type ContractInstalment,
  type ContractMilestone,
} from './contract-schedule.entity.js';
import { Contracts, type Contract } from './contract.entity.js';
import { InstalmentStatus, MilestoneStatus } from './contract.enums.js';
import { ContractsService } from './contracts.service.js';
import type {
  AddInstalmentInput,
  AddMilestoneInput,
  UpdateInstalmentInput,
  UpdateMilestoneInput,
} from './dto/contract-schedule.input.js';

const OPEN_INSTALMENT = [InstalmentStatus.PENDING, InstalmentStatus.OVERDUE];
const OPEN_MILESTONE = [MilestoneStatus.PENDING, MilestoneStatus.OVERDUE];
/** What an instalment asks of the customer: its amount, or once waived what was paid before the waiver. */
const DUE = `CASE WHEN status = 'WAIVED' THEN paid_amount ELSE amount END`;

/**
 * Performance tracking of a signed contract: the payment schedule and the delivery milestones.
 * Each row keeps `next_action_at` (the start of its due day, branch time zone) for the worker.
 */
@Injectable()
export class ContractSchedulesService {
  constructor(private readonly contracts: ContractsService) {}

  instalmentsLoader(ctx: RequestContext): DataLoader<string, ContractInstalment[]> {
    return ContractInstalments.childLoader(ctx, 'contractId', 'x.due_on, x.id');
  }

  milestonesLoader(ctx: RequestContext): DataLoader<string, ContractMilestone[]> {
    return ContractMilestones.childLoader(ctx, 'contractId', 'x.due_on, x.id');
  }

  /** Locks the contract (serializing its schedule changes) and checks it is being performed. */
  private async performing(ctx: RequestContext, contractId: string): Promise<Contract> {
    const c = await Contracts.lock(ctx, contractId);
    if (!AMENDABLE_STATES.includes(c.state)) {
      throw new InvalidStateError(
        `Payment schedules and milestones belong to ${AMENDABLE_STATES.join(' or ')} contracts; this one is ${c.state}`,
      );
    }
    return c;
  }

  /** The contract of a schedule row in scope (NOT_FOUND alike for another branch's and a missing one). */
  private async contractOf(
    ctx: RequestContext,
    table: Table<ContractInstalment> | Table<ContractMilestone>,
    what: string,
    id: string,
  ): Promise<Contract> {
    const row = await table.findInScope(ctx, id);
    if (!row) throw new NotFoundError(what, id);
    return this.performing(ctx, row.contractId);
  }

  /** The instalments other than `exceptId` plus `amount` may not exceed the contract amount (waived ones count what was paid). */
  private async checkTotal(tx: Tx, c: Contract, amount: string, exceptId: string | null): Promise<void> {
    const [r] = await tx.query<{ total: string; over: boolean }>(
      `SELECT (coalesce(sum(${DUE}), 0) + $4::numeric)::text AS total, coalesce(sum(${DUE}), 0) + $4::numeric > $5::numeric AS over
       FROM contract_instalments WHERE branch_id = $1 AND contract_id = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
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
    const amount = parseMoney('amount', input.amount, 'positive');
    const tx = await ctx.tx();
    const c = await this.performing(ctx, input.contractId.toLowerCase());
    await this.checkTotal(tx, c, amount, null);
    const [row] = await tx.query<ContractInstalment>(
      `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${dayStart('$5::date', '$1::uuid')}, $8)
       RETURNING ${ContractInstalments.cols()}`,
      [c.branchId, randomUUID(), c.id, input.kind, input.dueOn, amount, c.currency, actor.userId],
    );
    const after = ContractInstalments.map(row);
    await this.audit(ctx, 'contract_instalment', after.id, c.branchId, 'create', null, after);
    return after;
  }

  async updateInstalment(ctx: RequestContext, id: string, input: UpdateInstalmentInput): Promise<ContractInstalment> {
    const amount = input.amount != null ? parseMoney('amount', input.amount, 'positive') : undefined;
    const tx = await ctx.tx();
    const c = await this.contractOf(ctx, ContractInstalments, 'Instalment', id);
    const before = await this.lockRow(tx, ContractInstalments, c.branchId, id);
    if (!OPEN_INSTALMENT.includes(before.status)) {
      throw new InvalidStateError(`A ${before.status} instalment cannot be changed`);
    }
    if (amount !== undefined) {
      await this.checkTotal(tx, c, amount, id);
      await this.notBelowPaid(tx, before, amount);
    }
    const dueOn = input.dueOn ?? before.dueOn;
    // A new due day starts its reminders again (an OVERDUE instalment moved to a later day is PENDING);
    // an amount lowered to what receipts already paid makes it PAID.
    const moved = dueOn !== before.dueOn;
    const [row] = await tx.query<ContractInstalment>(
      `UPDATE contract_instalments SET kind = $3, amount = $4, due_on = $5,
         status = CASE WHEN paid_amount = $4::numeric THEN 'PAID' WHEN $6 THEN 'PENDING' ELSE status END,
         paid_on = CASE WHEN paid_amount = $4::numeric THEN ${branchToday('$1::uuid')} ELSE paid_on END,
         next_action_at = CASE WHEN paid_amount = $4::numeric THEN NULL
           WHEN $6 THEN ${dayStart('$5::date', '$1::uuid')} ELSE next_action_at END, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${ContractInstalments.cols()}`,
      [c.branchId, id, input.kind ?? before.kind, amount ?? before.amount, dueOn, moved],
    );
    const after = ContractInstalments.map(row);
    await this.audit(ctx, 'contract_instalment', id, c.branchId, 'update', before, after);
    return after;
  }

  /**
   * PENDING or OVERDUE -> WAIVED: the rest will not be collected (what receipts paid stays paid). A decision of
   * the branch manager or head office (the resolver's permission); PAID follows from receipts only.
   */
  async waiveInstalment(ctx: RequestContext, id: string, reason: string): Promise<ContractInstalment> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 1000) throw BadUserInputError.field('reason', 'must be 1 to 1000 characters');
    const tx = await ctx.tx();
    const c = await this.contractOf(ctx, ContractInstalments, 'Instalment', id);
    const before = await this.lockRow(tx, ContractInstalments, c.branchId, id);
    if (!OPEN_INSTALMENT.includes(before.status)) {
      throw new InvalidStateError(`An instalment cannot move from ${before.status} to WAIVED`);
    }
    const after = await ContractInstalments.update(tx, ContractInstalments.keyOf(before), {
      status: InstalmentStatus.WAIVED,
      nextActionAt: null,
    });
    await writeAudit(ctx, {
      branchId: c.branchId,
      entity: 'contract_instalment',
      entityId: id,
      action: 'waived',
      before,
      after: { ...after, reason: why },
    });
    return after;
  }

  /** An instalment's amount may not drop below what receipts have paid on it. */
  private async notBelowPaid(tx: Tx, before: ContractInstalment, amount: string): Promise<void> {
    const [r] = await tx.query<{ below: boolean }>('SELECT $1::numeric < $2::numeric AS below', [
      amount,
      before.paidAmount,
    ]);
    if (r.below) {
      throw BadUserInputError.field(
        'amount',
        `receipts have already paid ${before.paidAmount} ${before.currency} on this instalment; reverse them first`,
      );
    }
  }

  async addMilestone(ctx: RequestContext, input: AddMilestoneInput): Promise<ContractMilestone> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const c = await this.performing(ctx, input.contractId.toLowerCase());
    const [row] = await tx.query<ContractMilestone>(
      `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
       VALUES ($1, $2, $3, $4, $5, ${dayStart('$5::date', '$1::uuid')}, $6) RETURNING ${ContractMilestones.cols()}`,
      [c.branchId, randomUUID(), c.id, input.title.trim(), input.dueOn, actor.userId],
    );
    const after = ContractMilestones.map(row);
    await this.audit(ctx, 'contract_milestone', after.id, c.branchId, 'create', null, after);
    return after;
  }

  async updateMilestone(ctx: RequestContext, id: string, input: UpdateMilestoneInput): Promise<ContractMilestone> {
    const tx = await ctx.tx();
    const c = await this.contractOf(ctx, ContractMilestones, 'Milestone', id);
    const before = await this.lockRow(tx, ContractMilestones, c.branchId, id);
    if (!OPEN_MILESTONE.includes(before.status)) {
      throw new InvalidStateError(`A ${before.status} milestone cannot be changed`);
    }
    const dueOn = input.dueOn ?? before.dueOn;
    const moved = dueOn !== before.dueOn;
    const [row] = await tx.query<ContractMilestone>(
      `UPDATE contract_milestones SET title = $3, due_on = $4,
         status = CASE WHEN $5 THEN 'PENDING' ELSE status END,
         next_action_at = CASE WHEN $5 THEN ${dayStart('$4::date', '$1::uuid')} ELSE next_action_at END, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${ContractMilestones.cols()}`,
      [c.branchId, id, input.title?.trim() ?? before.title, dueOn, moved],
    );
    const after = ContractMilestones.map(row);
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
    const c = await this.contractOf(ctx, ContractMilestones, 'Milestone', id);
    const before = await this.lockRow(tx, ContractMilestones, c.branchId, id);
    if (!OPEN_MILESTONE.includes(before.status)) {
      throw new InvalidStateError(`A milestone cannot move from ${before.status} to ${status}`);
    }
    if (doneOn) await this.notInFuture(tx, c.branchId, 'doneOn', doneOn);
    const after = await ContractMilestones.update(tx, ContractMilestones.keyOf(before), {
      status,
      doneOn: doneOn ?? null,
      nextActionAt: null,
    });
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

  /** A schedule row of the locked contract, locked in turn (the contract first, the order every write takes). */
  private async lockRow<R extends { branchId: string; id: string }>(
    tx: Tx,
    table: Table<R>,
    branchId: string,
    id: string,
  ): Promise<R> {
    const row = await table.find(tx, { branchId, id } as Values<R>, { lock: true });
    if (!row) throw new NotFoundError('Schedule row', id);
    return row;
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
