import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { WorkPlan, WorkPlanChange } from './plan.entity.js';
import { PlanService } from './plan.service.js';
import { CreateWorkPlanInput, ProposeWorkPlanChangeInput, UpdateWorkPlanInput, WorkPlanFilter } from './plan.types.js';

/** Work plans: yearly, monthly, weekly and daily; approved by the manager; changes approved by leadership. */
@Resolver()
export class PlanResolver {
  constructor(private readonly plans: PlanService) {}

  @RequirePermission('plans:write')
  @Mutation(() => WorkPlan, { description: 'Writes your work plan for a period (a draft); audited' })
  createWorkPlan(@Ctx() ctx: RequestContext, @Args('input', { description: 'The plan' }) input: CreateWorkPlanInput) {
    return this.plans.create(ctx, input);
  }

  @RequirePermission('plans:write')
  @Mutation(() => WorkPlan, { description: 'Changes your draft plan; an approved one takes proposeWorkPlanChange' })
  updateWorkPlan(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What changes' }) input: UpdateWorkPlanInput,
  ) {
    return this.plans.update(ctx, input);
  }

  @RequirePermission('plans:approve')
  @Mutation(() => WorkPlan, { description: "Approves a person's draft plan (not your own)" })
  approveWorkPlan(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The plan' }, UuidPipe) id: string,
  ) {
    return this.plans.approve(ctx, id);
  }

  @RequirePermission('plans:write')
  @Mutation(() => WorkPlanChange, {
    description: 'Proposes a change to your approved plan; leadership approves it (approval engine)',
  })
  proposeWorkPlanChange(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The plan, the new text and why' }) input: ProposeWorkPlanChangeInput,
  ) {
    return this.plans.proposeChange(ctx, input);
  }

  @RequirePermission('plans:write')
  @Query(() => [WorkPlan], { description: "Work plans: yours; a person's of your branch for managers and head office" })
  workPlans(
    @Ctx() ctx: RequestContext,
    @Args('filter', { nullable: true, description: 'Which plans' }) filter?: WorkPlanFilter,
  ) {
    return this.plans.list(ctx, filter);
  }

  @RequirePermission('plans:write')
  @Query(() => WorkPlan, { description: 'One work plan you may see' })
  workPlan(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The plan' }, UuidPipe) id: string) {
    return this.plans.get(ctx, id);
  }

  @RequirePermission('plans:write')
  @Query(() => [WorkPlanChange], { description: 'Changes proposed to a work plan you may see, newest first' })
  workPlanChanges(
    @Ctx() ctx: RequestContext,
    @Args('planId', { type: () => ID, description: 'The plan' }, UuidPipe) planId: string,
  ) {
    return this.plans.changes(ctx, planId);
  }
}
