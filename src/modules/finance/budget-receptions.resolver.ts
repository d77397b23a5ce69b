import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { CustomerReception, ReceptionSettings } from './budget.entity.js';
import {
  CustomerReceptionConnection,
  CustomerReceptionFilter,
  PlanReceptionInput,
  RecordReceptionInput,
  UpdateReceptionSettingsInput,
} from './budget.types.js';
import { BudgetReceptionsService } from './budget-receptions.service.js';

/** Customer receptions within the branch's standard and a budget set in advance. */
@Resolver(() => CustomerReception)
export class BudgetReceptionsResolver {
  constructor(private readonly receptions: BudgetReceptionsService) {}

  @RequirePermission('receptions:read')
  @Query(() => CustomerReception, { nullable: true, description: 'A reception you may see, or null' })
  customerReception(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the reception' }, UuidPipe) id: string,
  ) {
    return this.receptions.findOne(ctx, id);
  }

  @RequirePermission('receptions:read')
  @Query(() => CustomerReceptionConnection, { description: 'Receptions you may see, newest first' })
  customerReceptions(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => CustomerReceptionFilter, nullable: true, description: 'Narrows the list' })
    filter?: CustomerReceptionFilter,
  ) {
    return this.receptions.list(ctx, { first, after, filter });
  }

  @RequirePermission('receptions:read')
  @Query(() => ReceptionSettings, { description: 'A branch’s reception standard (its default until set)' })
  receptionSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('The branch (head office names it)')
    branchId?: string,
  ) {
    return this.receptions.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ReceptionSettings, { description: 'Sets a branch’s reception standard (per guest)' })
  updateReceptionSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The standard' }) input: UpdateReceptionSettingsInput,
  ) {
    return this.receptions.updateSettings(ctx, input);
  }

  @RequirePermission('receptions:write')
  @Mutation(() => CustomerReception, { description: 'Plans a customer reception in advance, within the standard' })
  planReception(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The reception' }) input: PlanReceptionInput,
  ) {
    return this.receptions.plan(ctx, input);
  }

  @RequirePermission('receptions:write')
  @Mutation(() => CustomerReception, {
    description: 'Records what a PLANNED reception cost; above the planned amount the expense waits for approval',
  })
  recordReception(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The reception and its cost' }) input: RecordReceptionInput,
  ) {
    return this.receptions.record(ctx, input);
  }
}
