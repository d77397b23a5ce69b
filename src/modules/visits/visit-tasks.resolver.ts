import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { UpdateVisitTaskInput } from './dto/visit.input.js';
import { VisitTasksService } from './visit-tasks.service.js';
import { VisitTask } from './visit.entity.js';
import { VisitTaskConnection, VisitTaskFilter } from './visit.types.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => VisitTask)
export class VisitTasksResolver {
  constructor(
    private readonly taskService: VisitTasksService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('visits:read')
  @Query(() => VisitTaskConnection, {
    description:
      'Follow-up tasks by due day (soonest first); a sales rep sees those given to them and those of their visits. Head office sees every branch in one list',
  })
  visitTasks(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => VisitTaskFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: VisitTaskFilter,
  ) {
    return this.taskService.list(ctx, { first, after, filter });
  }

  @RequirePermission('visits:write')
  @Mutation(() => VisitTask, { description: 'Mark a follow-up task done: its reminders stop' })
  completeVisitTask(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit task' }, UuidPipe) id: string,
  ) {
    return this.taskService.complete(ctx, id);
  }

  @RequirePermission('visits:write')
  @Mutation(() => VisitTask, { description: 'Change an open task: description, due day (moves reminders), assignee' })
  updateVisitTask(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit task' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateVisitTaskInput,
  ) {
    requireChange(input, 'field', { nullMeansUnset: true });
    return this.taskService.update(ctx, id, input);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who must do it' })
  assignee(t: VisitTask, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${t.branchId}:${t.assigneeId}`);
  }
}
