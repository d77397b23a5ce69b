import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLDate, NotBlank } from '@app/graphql';
import { ActionItemState, MeetingKind } from './meeting.enums.js';

@InputType({ description: 'A meeting recorded for a branch (the weekly department meeting: one per ISO week)' })
export class CreateMeetingInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => MeetingKind, { description: 'Weekly or project' }) @IsEnum(MeetingKind) kind: MeetingKind;
  @Field({ description: 'The title, 1 to 200 characters' }) @NotBlank() @Length(1, 200) title: string;
  @Field(() => GraphQLDate, { description: 'The day it is held' }) heldOn: string;
  @Field(() => String, { nullable: true, description: "Last week's report, up to 8000 characters" })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  lastWeekReport?: string;
  @Field(() => String, { nullable: true, description: "This week's plan, up to 8000 characters" })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  thisWeekPlan?: string;
  @Field(() => String, { nullable: true, description: 'Issues, up to 8000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  issues?: string;
  @Field(() => String, { nullable: true, description: 'The minutes, up to 20000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 20000)
  minutes?: string;
}

@InputType({ description: "A meeting's report, plan, issues or minutes changed (at least one)" })
export class UpdateMeetingInput {
  @Field(() => ID, { description: 'The meeting' }) @IsUUID('all', { message: 'must be a meeting id' }) id: string;
  @Field(() => String, { nullable: true, description: 'The title' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  title?: string;
  @Field(() => String, { nullable: true, description: "Last week's report" })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  lastWeekReport?: string;
  @Field(() => String, { nullable: true, description: "This week's plan" })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  thisWeekPlan?: string;
  @Field(() => String, { nullable: true, description: 'Issues' })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  issues?: string;
  @Field(() => String, { nullable: true, description: 'The minutes' })
  @IsOptional()
  @NotBlank()
  @Length(1, 20000)
  minutes?: string;
}

@InputType({ description: 'An action item of a meeting: what, who, by when' })
export class AddActionItemInput {
  @Field(() => ID, { description: 'The meeting' })
  @IsUUID('all', { message: 'must be a meeting id' })
  meetingId: string;
  @Field({ description: 'What is to be done, 1 to 500 characters' }) @NotBlank() @Length(1, 500) title: string;
  @Field(() => ID, { description: 'A person of the branch who does it' })
  @IsUUID('all', { message: 'must be a user id' })
  ownerId: string;
  @Field(() => GraphQLDate, { description: 'Due day, not before the meeting' }) dueOn: string;
}

@InputType({ description: 'An action item marked done' })
export class CompleteActionItemInput {
  @Field(() => ID, { description: 'The action item' })
  @IsUUID('all', { message: 'must be an action item id' })
  id: string;
  @Field(() => String, { nullable: true, description: 'How it was done, up to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'Which meetings' })
export class MeetingFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (default: every branch in scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'At most this many, newest first (1 to 100)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;
}

@InputType({ description: 'Which action items of yours' })
export class ActionItemFilter {
  @Field(() => ActionItemState, { nullable: true, description: 'Only open or done' })
  @IsOptional()
  @IsEnum(ActionItemState)
  state?: ActionItemState;
  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'At most this many, soonest due first (1 to 200)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}
