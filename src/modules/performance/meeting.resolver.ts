import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Meeting, MeetingActionItem } from './meeting.entity.js';
import { MeetingService } from './meeting.service.js';
import {
  ActionItemFilter,
  AddActionItemInput,
  CompleteActionItemInput,
  CreateMeetingInput,
  MeetingFilter,
  UpdateMeetingInput,
} from './meeting.types.js';

/** Meetings: the weekly department meeting and project meetings, their minutes and action items. */
@Resolver(() => Meeting)
export class MeetingResolver {
  constructor(private readonly service: MeetingService) {}

  @RequirePermission('meetings:write')
  @Mutation(() => Meeting, { description: 'Records a meeting (the weekly one: one per branch and ISO week); audited' })
  createMeeting(@Ctx() ctx: RequestContext, @Args('input', { description: 'The meeting' }) input: CreateMeetingInput) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('meetings:write')
  @Mutation(() => Meeting, { description: "Changes a meeting's report, plan, issues or minutes; audited" })
  updateMeeting(@Ctx() ctx: RequestContext, @Args('input', { description: 'What changes' }) input: UpdateMeetingInput) {
    return this.service.update(ctx, input);
  }

  @RequirePermission('meetings:write')
  @Mutation(() => MeetingActionItem, {
    description: 'Adds an action item; its owner is reminded the day before it is due and once when overdue',
  })
  addMeetingActionItem(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What, who, by when' }) input: AddActionItemInput,
  ) {
    return this.service.addActionItem(ctx, input);
  }

  @RequirePermission('meetings:read')
  @Mutation(() => MeetingActionItem, { description: 'Marks an action item done (its owner, or whoever keeps minutes)' })
  completeMeetingActionItem(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The item and a note' }) input: CompleteActionItemInput,
  ) {
    return this.service.complete(ctx, input);
  }

  @RequirePermission('meetings:read')
  @Query(() => [Meeting], { description: 'Meetings of the branches in scope, newest first' })
  meetings(
    @Ctx() ctx: RequestContext,
    @Args('filter', { nullable: true, description: 'Which meetings' }) filter?: MeetingFilter,
  ) {
    return this.service.list(ctx, filter);
  }

  @RequirePermission('meetings:read')
  @Query(() => Meeting, { description: 'One meeting of your branch' })
  meeting(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The meeting' }, UuidPipe) id: string,
  ) {
    return this.service.get(ctx, id);
  }

  @RequirePermission('meetings:read')
  @Query(() => [MeetingActionItem], { description: 'Your own action items, soonest due first' })
  myActionItems(
    @Ctx() ctx: RequestContext,
    @Args('filter', { nullable: true, description: 'Which items' }) filter?: ActionItemFilter,
  ) {
    return this.service.mine(ctx, filter);
  }

  @ResolveField(() => [MeetingActionItem], { description: 'Its action items, soonest due first' })
  actionItems(@Ctx() ctx: RequestContext, @Parent() m: Meeting) {
    return this.service.itemsOf(ctx, m);
  }
}
