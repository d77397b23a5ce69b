import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  fromCents,
  parseMoney,
  toCents,
  todayIn,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { BudgetCategory, ExpenseSource, ReceptionState } from './budget.enums.js';
import {
  Budgets,
  CustomerReceptions,
  ReceptionSettingsRows,
  type Budget,
  type CustomerReception,
  type ReceptionSettings,
} from './budget.entity.js';
import type {
  CustomerReceptionFilter,
  PlanReceptionInput,
  RecordReceptionInput,
  UpdateReceptionSettingsInput,
} from './budget.types.js';
import { BudgetsService } from './budgets.service.js';

/** The reception standard until a branch sets its own: 300 per guest. */
export const DEFAULT_PER_HEAD_CEILING = '300.00';

/**
 * Customer receptions (客户接待): planned in advance with a budget of their own, never above guests x the branch's
 * per-head standard (接待标准), paid from a RECEPTION budget; once hosted, what it cost is one expense through the
 * budgets' one door: above the planned amount (or what is left of the budget) it waits for approval. A sales rep
 * plans and sees receptions of the customers they may see (the customers' policy applies in the database).
 */
@Injectable()
export class BudgetReceptionsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly budgets: BudgetsService,
  ) {}

  async settings(ctx: RequestContext, branchId?: string): Promise<ReceptionSettings> {
    const id = actingBranch(ctx, branchId);
    const tx = await ctx.tx();
    return (
      (await ReceptionSettingsRows.find(tx, { branchId: id })) ?? {
        branchId: id,
        perHeadCeiling: DEFAULT_PER_HEAD_CEILING,
        updatedAt: new Date(0),
      }
    );
  }

  async updateSettings(ctx: RequestContext, input: UpdateReceptionSettingsInput): Promise<ReceptionSettings> {
    const branchId = actingBranch(ctx, input.branchId);
    const perHeadCeiling = parseMoney('perHeadCeiling', input.perHeadCeiling, 'positive');
    const before = await this.settings(ctx, branchId);
    const after = await ReceptionSettingsRows.upsert(await ctx.tx(), { branchId, perHeadCeiling });
    await writeAudit(ctx, {
      branchId,
      entity: 'receptionSettings',
      entityId: branchId,
      action: 'updated',
      before,
      after,
    });
    return after;
  }

  async findOne(ctx: RequestContext, id: string): Promise<CustomerReception | null> {
    return CustomerReceptions.findInScope(ctx, id);
  }

  list(ctx: RequestContext, args: { first?: number; after?: string; filter?: CustomerReceptionFilter }) {
    const filter = new SqlFilter().branches(ctx, args.filter?.branchId);
    return keysetPage(ctx, args, {
      columns: CustomerReceptions.cols(),
      from: 'customer_receptions',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: CustomerReception) => r.createdAt },
      map: CustomerReceptions.map,
    });
  }

  /** A reception planned in advance, within the standard, on a RECEPTION budget of the customer's branch. */
  async plan(ctx: RequestContext, input: PlanReceptionInput): Promise<CustomerReception> {
    const actor = ctx.requireActor();
    const planned = parseMoney('plannedAmount', input.plannedAmount, 'positive');
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer) throw new NotFoundError('Customer', input.customerId);
    const budget = await Budgets.findInScope(ctx, input.budgetId.toLowerCase());
    if (!budget || budget.branchId !== customer.branchId) throw new NotFoundError('Budget', input.budgetId);
    if (budget.category !== BudgetCategory.RECEPTION) {
      throw BadUserInputError.field('budgetId', `must be a RECEPTION budget (this one is ${budget.category})`);
    }
    const branch = (await this.branches.branch(ctx, budget.branchId))!;
    if (input.hostedOn < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('hostedOn', 'a reception is planned in advance: today or later');
    }
    if (input.hostedOn < budget.periodStart || input.hostedOn > budget.periodEnd) {
      throw BadUserInputError.field(
        'hostedOn',
        `must be within the budget's period, ${budget.periodStart} to ${budget.periodEnd}`,
      );
    }
    const { perHeadCeiling } = await this.settings(ctx, budget.branchId);
    const standard = fromCents(toCents(perHeadCeiling) * BigInt(input.guests));
    if (toCents(planned) > toCents(standard)) {
      throw BadUserInputError.field(
        'plannedAmount',
        `the standard is ${perHeadCeiling} per guest: at most ${standard} for ${input.guests} guests`,
      );
    }
    const row = await CustomerReceptions.insert(await ctx.tx(), {
      branchId: budget.branchId,
      id: randomUUID(),
      customerId: customer.id,
      hostId: actor.userId,
      budgetId: budget.id,
      hostedOn: input.hostedOn,
      guests: input.guests,
      purpose: input.purpose.trim(),
      perHeadCeiling,
      plannedAmount: planned,
      state: ReceptionState.PLANNED,
    });
    await writeAudit(ctx, {
      branchId: row.branchId,
      entity: 'customerReception',
      entityId: row.id,
      action: 'planned',
      after: row,
    });
    return row;
  }

  /** What a PLANNED reception cost: HOSTED, with its expense (PENDING for approval above the planned amount). */
  async record(ctx: RequestContext, input: RecordReceptionInput): Promise<CustomerReception> {
    const actual = parseMoney('actualAmount', input.actualAmount, 'positive');
    const reception = await CustomerReceptions.lock(ctx, input.receptionId.toLowerCase());
    if (reception.state !== ReceptionState.PLANNED) {
      throw new InvalidStateError(
        `A ${reception.state} reception cannot move to ${ReceptionState.HOSTED}; only a PLANNED one can`,
      );
    }
    const tx = await ctx.tx();
    const budget = (await Budgets.find(tx, { branchId: reception.branchId, id: reception.budgetId })) as Budget;
    const expense = await this.budgets.spend(ctx, budget, {
      source: ExpenseSource.RECEPTION,
      sourceId: reception.id,
      description: `Reception: ${reception.purpose}`.slice(0, 500),
      amount: actual,
      spentOn: reception.hostedOn,
      allowance: {
        limit: reception.plannedAmount,
        over: `cost ${actual}, more than the ${reception.plannedAmount} planned for the reception`,
      },
    });
    return CustomerReceptions.change(
      ctx,
      reception,
      { state: ReceptionState.HOSTED, actualAmount: actual, expenseId: expense.id },
      'hosted',
    );
  }
}
