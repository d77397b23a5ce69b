import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { ActionItemState, MeetingKind } from './meeting.enums.js';

@Entity('meetings')
@ObjectType('Meeting', { description: "A branch's department meeting: report, plan, issues and minutes (会议)" })
export class Meeting {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('text') @Field(() => MeetingKind, { description: 'Weekly or project' }) kind: MeetingKind;
  @Column('text') @Field({ description: 'The title' }) title: string;
  @Column('date', { name: 'held_on' }) @Field(() => GraphQLDate, { description: 'The day it is held' }) heldOn: string;
  @Column('date', { name: 'week_start' })
  @Field(() => GraphQLDate, { description: 'Monday of its ISO week' })
  weekStart: string;
  @Column('text', { name: 'last_week_report', nullable: true })
  @Field(() => String, { nullable: true, description: "Last week's report" })
  lastWeekReport: string | null;
  @Column('text', { name: 'this_week_plan', nullable: true })
  @Field(() => String, { nullable: true, description: "This week's plan" })
  thisWeekPlan: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Issues raised' })
  issues: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The minutes' })
  minutes: string | null;
  @Column('uuid', { name: 'chair_id' }) @Field(() => ID, { description: 'Who recorded it' }) chairId: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('meeting_action_items')
@ObjectType('MeetingActionItem', { description: 'An action item of a meeting, with its owner and due day' })
export class MeetingActionItem {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'meeting_id' }) @Field(() => ID, { description: 'The meeting' }) meetingId: string;
  @Column('text') @Field({ description: 'What is to be done' }) title: string;
  @Column('uuid', { name: 'owner_id' }) @Field(() => ID, { description: 'Who does it' }) ownerId: string;
  @Column('date', { name: 'due_on' }) @Field(() => GraphQLDate, { description: "The branch's due day" }) dueOn: string;
  @Column('text', { default: ActionItemState.OPEN })
  @Field(() => ActionItemState, { description: 'Open or done' })
  state: ActionItemState;
  @Column('timestamptz', { name: 'done_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was done' })
  doneAt: Date | null;
  @Column('text', { name: 'done_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was done' })
  doneNote: string | null;
  @Column('integer', { name: 'notice_stage', default: 0 }) noticeStage: number;
  @Column('timestamptz', { name: 'next_notice_at', nullable: true }) nextNoticeAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was added' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Meetings = defineTable(Meeting, { module: 'performance', noun: 'Meeting' });
export const MeetingActionItems = defineTable(MeetingActionItem, {
  module: 'performance',
  noun: 'MeetingActionItem',
});
