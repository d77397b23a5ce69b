import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Budget, BudgetExpense } from './budget.entity.js';
import {
  BudgetConnection,
  BudgetExpenseConnection,
  BudgetExpenseFilter,
  BudgetFilter,
  RecordExpenseInput,
  SetBudgetInput,
} from './budget.types.js';
import { BudgetsService } from './budgets.service.js';

/** Budgets of the department (the branch) per category and period, and the expenses against them. */
@Resolver(() => Budget)
export class BudgetsResolver {
  constructor(private readonly budgetService: BudgetsService) {}

  @RequirePermission('budgets:read')
  @Query(() => Budget, { nullable: true, description: 'A budget of a branch in scope, or null' })
  budget(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the budget' }, UuidPipe) id: string,
  ) {
    return this.budgetService.findOne(ctx, id);
  }

  @RequirePermission('budgets:read')
  @Query(() => BudgetConnection, { description: 'Budgets, newest period first; head office every branch in one list' })
  budgets(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => BudgetFilter, nullable: true, description: 'Narrows the list' })
    filter?: BudgetFilter,
  ) {
    return this.budgetService.list(ctx, { first, after, filter });
  }

  @RequirePermission('budgets:read')
  @Query(() => BudgetExpenseConnection, {
    nullable: true,
    description: 'The expenses of a budget, newest first; null if you may not see the budget',
  })
  budgetExpenses(
    @Ctx() ctx: RequestContext,
    @Args('budgetId', { type: () => ID, description: 'Id of the budget' }, UuidPipe) budgetId: string,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => BudgetExpenseFilter, nullable: true, description: 'Narrows the list' })
    filter?: BudgetExpenseFilter,
  ) {
    return this.budgetService.expenses(ctx, budgetId, { first, after, filter });
  }

  @RequirePermission('budgets:write')
  @Mutation(() => Budget, { description: 'Sets a budget of a category for a period (no overlap with another)' })
  setBudget(@Ctx() ctx: RequestContext, @Args('input', { description: 'The budget' }) input: SetBudgetInput) {
    return this.budgetService.setBudget(ctx, input);
  }

  @RequirePermission('budgets:write')
  @Mutation(() => BudgetExpense, {
    description: 'Records an expense against a budget; above what is left it waits for approval (PENDING)',
  })
  recordExpense(@Ctx() ctx: RequestContext, @Args('input', { description: 'The expense' }) input: RecordExpenseInput) {
    return this.budgetService.recordExpense(ctx, input);
  }
}
