import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  addDays,
  fromCents,
  parseMoney,
  toCents,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ExpenseSource, ExpenseState } from './budget.enums.js';
import { BudgetExpenses, Budgets, type Budget, type BudgetExpense } from './budget.entity.js';
import { overrunOf, spendingCheck } from './budget-rules.js';
import type { BudgetExpenseFilter, BudgetFilter, RecordExpenseInput, SetBudgetInput } from './budget.types.js';

/** The approval engine's subject of an expense above what was allowed (default policy: the branch manager first). */
export const EXPENSE_OVERRUN = 'EXPENSE_OVERRUN';
/** A budget covers at most a year. */
const MAX_PERIOD_DAYS = 366;

/** What a spending asks of its budget: the expense, and what its own source allows without approval. */
export interface Spending {
  source: ExpenseSource;
  sourceId: string | null;
  description: string;
  amount: string;
  spentOn: string;
  /** The source's own ceiling (a trip's approved amount, a reception's planned one) and what to say above it. */
  allowance?: { limit: string; over: string };
}

/**
 * Budgets (部门预算) of the department (the branch) per category and period, and every expense against them. One
 * door for spending, `spend`: the budget row is locked first, so concurrent expenses against the last of a budget
 * queue and each sees the ones before it; an expense that fits is RECORDED and added to `spent` in the same
 * statement order; one that does not (over the budget left, or over its source's own allowance) waits as PENDING
 * for the approval engine (EXPENSE_OVERRUN), whose approval records it and widens `approved_overrun` by exactly what
 * it needs. spent = sum of RECORDED expenses, and spent <= amount + approved_overrun (a CHECK) always.
 */
@Injectable()
export class BudgetsService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: EXPENSE_OVERRUN,
      label: 'Expense over budget',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Budget | null> {
    return Budgets.findInScope(ctx, id);
  }

  list(ctx: RequestContext, args: { first?: number; after?: string; filter?: BudgetFilter }) {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('category', f.category);
    return keysetPage(ctx, args, {
      columns: Budgets.cols(),
      from: 'budgets',
      filter,
      order: { column: 'period_start', cast: 'date', desc: true, value: (r: Budget) => r.periodStart },
      map: Budgets.map,
    });
  }

  /** The expenses of a budget in scope, newest first; null when the budget is not. */
  async expenses(
    ctx: RequestContext,
    budgetId: string,
    args: { first?: number; after?: string; filter?: BudgetExpenseFilter },
  ): Promise<ConnectionShape<BudgetExpense> | null> {
    const budget = await Budgets.findInScope(ctx, budgetId);
    if (!budget) return null;
    const filter = new SqlFilter()
      .eq('branch_id', budget.branchId, 'uuid')
      .eq('budget_id', budget.id, 'uuid')
      .eq('state', args.filter?.state);
    return keysetPage(ctx, args, {
      columns: BudgetExpenses.cols(),
      from: 'budget_expenses',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: BudgetExpense) => r.createdAt },
      map: BudgetExpenses.map,
    });
  }

  // ---------- writes ----------

  /** A new budget for a category and period of the branch, in the branch currency. */
  async setBudget(ctx: RequestContext, input: SetBudgetInput): Promise<Budget> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const amount = parseMoney('amount', input.amount, 'positive');
    if (input.periodEnd < input.periodStart)
      throw BadUserInputError.field('periodEnd', 'must not be before periodStart');
    if (input.periodEnd >= addDays(input.periodStart, MAX_PERIOD_DAYS)) {
      throw BadUserInputError.field('periodEnd', 'a budget covers at most a year');
    }
    const branch = await this.branches.branch(ctx, branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    const tx = await ctx.tx();
    const taken = await tx.query(
      `SELECT 1 FROM budgets WHERE branch_id = $1 AND category = $2 AND period_start <= $4 AND period_end >= $3`,
      [branchId, input.category, input.periodStart, input.periodEnd],
    );
    if (taken.length) {
      throw new ConflictError(
        `periodStart: a ${input.category} budget of the branch already covers part of the period`,
      );
    }
    const row = await Budgets.insert(tx, {
      branchId,
      id: randomUUID(),
      category: input.category,
      name: input.name.trim(),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      currency: branch.currency,
      amount,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'budget', entityId: row.id, action: 'created', after: row });
    return row;
  }

  /** A manual expense (finance, the department head): recorded, or PENDING when over what is left. */
  async recordExpense(ctx: RequestContext, input: RecordExpenseInput): Promise<BudgetExpense> {
    const amount = parseMoney('amount', input.amount, 'positive');
    const budget = await Budgets.findInScope(ctx, input.budgetId.toLowerCase());
    if (!budget) throw new NotFoundError('Budget', input.budgetId);
    return this.spend(ctx, budget, {
      source: ExpenseSource.MANUAL,
      sourceId: null,
      description: input.description.trim(),
      amount,
      spentOn: input.spentOn,
    });
  }

  /**
   * The one door for spending against a budget (manual expenses, trip claims, receptions), in the caller's
   * transaction. Locks the budget row, so concurrent spendings are decided one after the other.
   */
  async spend(ctx: RequestContext, seen: Budget, s: Spending): Promise<BudgetExpense> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const budget = (await Budgets.find(tx, Budgets.keyOf(seen), { lock: true }))!;
    if (s.spentOn < budget.periodStart || s.spentOn > budget.periodEnd) {
      throw BadUserInputError.field(
        'spentOn',
        `must be within the budget's period, ${budget.periodStart} to ${budget.periodEnd}`,
      );
    }
    const over = spendingCheck(budget, s.amount, s.allowance);
    const id = randomUUID();
    const expense = await BudgetExpenses.insert(tx, {
      branchId: budget.branchId,
      id,
      budgetId: budget.id,
      source: s.source,
      sourceId: s.sourceId,
      description: s.description,
      amount: s.amount,
      spentOn: s.spentOn,
      state: over ? ExpenseState.PENDING : ExpenseState.RECORDED,
      overReason: over,
      recordedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: budget.branchId,
      entity: 'budgetExpense',
      entityId: id,
      action: 'recorded',
      after: expense,
    });
    if (!over) {
      await Budgets.change(ctx, budget, { spent: fromCents(toCents(budget.spent) + toCents(s.amount)) }, 'spent');
      return expense;
    }
    const request = await this.approvals.submit(ctx, {
      branchId: budget.branchId,
      subjectType: EXPENSE_OVERRUN,
      subjectId: id,
      title: `${budget.name}: ${s.description}`.slice(0, 200),
      amount: s.amount,
    });
    // submit() may have decided already (a policy without steps): the row is read back as written.
    await BudgetExpenses.update(tx, BudgetExpenses.keyOf(expense), { approvalRequestId: request.id });
    return (await BudgetExpenses.find(tx, BudgetExpenses.keyOf(expense)))!;
  }

  /** In the deciding transaction: approved, the expense counts and the overrun widens by what it needs. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const key = { branchId: request.branchId, id: request.subjectId };
    const before = await BudgetExpenses.find(tx, key, { lock: true });
    if (!before || before.state !== ExpenseState.PENDING) return;
    if (outcome !== 'APPROVED') {
      await BudgetExpenses.change(ctx, before, { state: ExpenseState.REJECTED }, `overrun_${outcome.toLowerCase()}`);
      return;
    }
    const budget = (await Budgets.find(tx, { branchId: before.branchId, id: before.budgetId }, { lock: true }))!;
    await Budgets.change(ctx, budget, overrunOf(budget, before.amount), 'overrun_approved');
    await BudgetExpenses.change(ctx, before, { state: ExpenseState.RECORDED }, 'overrun_approved');
  }
}
