import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable, branchToday } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { VisitState } from './visit.enums.js';

@Entity('visits')
@ObjectType('Visit', { description: 'A customer visit (客户拜访): planned, then reported and reviewed' })
export class Visit {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the visit belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the visit' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'The representative who owns the visit' })
  ownerId: string;
  @Column('date', { name: 'planned_on' })
  @Field(() => GraphQLDate, { description: 'The business day of the visit (branch time zone)' })
  plannedOn: string;
  @Column('text') @Field({ description: 'What the visit is for' }) purpose: string;
  @Column('text', { default: 'PLANNED' })
  @Field(() => VisitState, { description: 'Where the visit stands' })
  state: VisitState;
  @Column('boolean', { name: 'requested_by_customer', default: false })
  @Field({ description: 'The customer asked for this visit (an input of the effective-visit rule)' })
  requestedByCustomer: boolean;
  @Column('uuid', { name: 'quote_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The proposal (quote) the visit follows' })
  quoteId: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled; null unless CANCELLED' })
  cancelReason: string | null;
  @Column('date', { name: 'visited_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'The day it took place, from the report' })
  visitedOn: string | null;
  @Column('text', { name: 'report_summary', nullable: true })
  @Field(() => String, { nullable: true, description: 'What happened, from the report' })
  reportSummary: string | null;
  @Column('text', { name: 'customer_needs', nullable: true })
  @Field(() => String, { nullable: true, description: 'Needs the customer expressed, from the report' })
  customerNeeds: string | null;
  @Column('boolean', { default: false })
  @Field({ description: 'An urgent report tells the branch manager at once' })
  urgent: boolean;
  @Column('timestamptz', { name: 'reported_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the report was filed; null before' })
  reportedAt: Date | null;
  @Column('uuid', { name: 'reported_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the person who reported it (the person: reportedBy)' })
  reportedById: string | null;
  @Column('date', { name: 'quote_sent_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'When the linked quote was sent, read at the report' })
  quoteSentOn: string | null;
  /** The stored flag (what quotas count); the database's CHECK keeps it equal to the rule (visit-effectiveness.ts). */
  @Column('boolean', { default: false })
  @Field({
    description:
      'Effective visit: done, asked for by the customer after a proposal was sent to them (signed or not); decided when the report is filed',
  })
  effective: boolean;
  @Column('text', { name: 'review_comment', nullable: true })
  @Field(() => String, { nullable: true, description: 'The superior’s review comment' })
  reviewComment: string | null;
  @Column('uuid', { name: 'reviewed_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the person who reviewed it (the person: reviewedBy)' })
  reviewedById: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the superior reviewed it; null before' })
  reviewedAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the visit was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the visit last changed' })
  updatedAt: Date;
}

@Entity('visit_attendees')
@ObjectType('VisitAttendee', { description: 'Who takes part: one of our staff or a contact of the customer' })
export class VisitAttendee {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the visit attendee' }) id: string;
  @Column('uuid', { name: 'visit_id' }) visitId: string;
  @Column('uuid', { name: 'user_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the staff member (the person: member)' })
  userId: string | null;
  @Column('uuid', { name: 'contact_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the contact (as an object: contact)' })
  contactId: string | null;
  /** The visit's customer (whose contacts `contact` looks in): no column, read with the rows by the attendees loader. */
  customerId: string;
}

@Entity('visit_tasks')
@ObjectType('VisitTask', { description: 'A commitment made in a visit, followed up to done' })
export class VisitTask {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the visit task belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the visit task' }) id: string;
  @Column('uuid', { name: 'visit_id' })
  @Field(() => ID, { description: 'Id of the visit it came from' })
  visitId: string;
  @Column('text') @Field({ description: 'What is to be done' }) description: string;
  @Column('uuid', { name: 'assignee_id' })
  @Field(() => ID, { description: 'Id of the assignee (as an object: assignee)' })
  assigneeId: string;
  @Column('date', { name: 'due_on' })
  @Field(() => GraphQLDate, { description: 'Business day (branch time zone)' })
  dueOn: string;
  @VirtualColumn('boolean', { query: (t) => `${t}.done_at IS NOT NULL` })
  @Field({ description: 'Completed' })
  done: boolean;
  @Column('timestamptz', { name: 'done_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was completed; null while open' })
  doneAt: Date | null;
  @Column('uuid', { name: 'done_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the person who did it (the person: doneBy)' })
  doneById: string | null;
  /** Judged by the branch's own calendar day. */
  @VirtualColumn('boolean', { query: (t) => `${t}.done_at IS NULL AND ${t}.due_on < ${branchToday(`${t}.branch_id`)}` })
  @Field({ description: 'Not done and its due day has passed (branch time zone)' })
  overdue: boolean;
  /** The reminder threshold `next_reminder_at` stands for, in days before the due day (visit-task-reminders.ts). */
  @Column('smallint', { name: 'reminder_days', nullable: true }) reminderDays: number | null;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the assignee is next reminded' })
  nextReminderAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the visit task was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Visits = defineTable(Visit, { module: 'visits', noun: 'Visit' });
export const VisitAttendees = defineTable(VisitAttendee, { module: 'visits', noun: 'VisitAttendee' });
export const VisitTasks = defineTable(VisitTask, { module: 'visits', noun: 'VisitTask' });
