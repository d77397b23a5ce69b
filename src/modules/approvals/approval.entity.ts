import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Role } from '../branches/roles.js';
import type { PolicyStep } from './approval-policy.js';
import { ApprovalAction, ApprovalStatus, ApprovalStepStatus, ApproverKind } from './approval.enums.js';

/** Who added an approver to a step. */
export type ApproverSource = 'POLICY' | 'DELEGATION' | 'ESCALATION';

@Entity('branch_calendar_days')
@ObjectType('CalendarDay', { description: 'A holiday or an adjusted working day of a branch calendar' })
export class CalendarDay {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('date') @Field({ description: 'The day, YYYY-MM-DD' }) day: string;
  @Column('text') @Field(() => String, { description: 'HOLIDAY or WORKDAY' }) kind: 'HOLIDAY' | 'WORKDAY';
  @Column('text', { default: '' }) @Field({ description: 'What the day is, e.g. National Day' }) name: string;
}

/**
 * Working calendar of a branch: the SLA of an approval step counts only these hours. `timeZone` (the branch's)
 * and `days` (its exceptions) are no columns of the row: `ApprovalSettingsService.calendarView` fills them in.
 */
@Entity('branch_calendars')
@ObjectType('BranchCalendar', { description: 'Working calendar of a branch: approval SLAs count only these hours' })
export class BranchCalendar {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the branch calendar belongs to' })
  branchId: string;
  @Field({ description: "IANA time zone the calendar counts in (the branch's)" }) timeZone: string;
  @Column('smallint', { name: 'work_days', array: true, default: () => `'{1,2,3,4,5}'` })
  @Field(() => [Int], { description: 'ISO weekdays worked, 1 = Monday ... 7 = Sunday' })
  workDays: number[];
  @Column('integer', { name: 'day_start_minute', default: 540 })
  @Field(() => Int, { description: 'Start of the working day in minutes after midnight, branch time (540 = 09:00)' })
  dayStartMinute: number;
  @Column('integer', { name: 'day_end_minute', default: 1080 })
  @Field(() => Int, { description: 'End of the working day in minutes after midnight, branch time (1080 = 18:00)' })
  dayEndMinute: number;
  @Field(() => [CalendarDay], {
    description: 'Exceptions to workDays: holidays, and weekend days worked instead (调休)',
  })
  days: CalendarDay[];
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * A version of a branch's policy for one subject type. The built-in default reads as a row with `id` null and
 * version 0; `steps` reaches clients through `ApprovalPolicyResolver` (each approver with the policy's branch).
 */
@Entity('approval_policies')
@ObjectType('ApprovalPolicy', {
  description: 'How a branch decides one subject type: ordered steps with approvers, amount bands and SLAs',
})
export class ApprovalPolicy {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid')
  @Field(() => ID, { nullable: true, description: 'Null while the branch uses the built-in default' })
  id: string | null;
  @Column('text', { name: 'subject_type' })
  @Field({ description: 'What the policy decides, e.g. CONTRACT, QUOTE, ORDER_WITHOUT_CONTRACT, SPECIAL_TERMS' })
  subjectType: string;
  @Column('integer')
  @Field(() => Int, {
    description:
      'Increases with every change; 0 while the built-in default applies. Running requests keep the version they started with',
  })
  version: number;
  @Column('jsonb') steps: PolicyStep[];
  @Column('smallint', { name: 'reminder_percents', array: true, default: () => `'{50,90}'` })
  @Field(() => [Int], {
    description: "Approvers are reminded when these percentages of a step's SLA have passed (default 50 and 90)",
  })
  reminderPercents: number[];
  @Column('smallint', { name: 'max_escalation_level', default: 2 })
  @Field(() => Int, {
    description: 'How many times an overdue step is escalated to a superior before the request is marked stalled',
  })
  maxEscalationLevel: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdById: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('approval_requests')
@ObjectType('ApprovalRequest', {
  description: 'A request for a decision on a subject (contract, quote, order, ...), decided step by step',
})
export class ApprovalRequest {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the approval request belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the approval request' }) id: string;
  @Column('text', { name: 'subject_type' })
  @Field({ description: 'What is decided, e.g. CONTRACT, CONTRACT_AMENDMENT, QUOTE, ORDER_WITHOUT_CONTRACT' })
  subjectType: string;
  @Column('uuid', { name: 'subject_id' })
  @Field(() => ID, { description: 'Id of the subject in its own module (e.g. the contract id for CONTRACT)' })
  subjectId: string;
  @Column('text') @Field({ description: 'What the approvers see, e.g. the contract title' }) title: string;
  @Column('numeric', { precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      "The amount decided on, in currency; null for subjects without an amount. Chooses the policy's amount bands",
  })
  amount: string | null;
  @Column('character', {
    length: 3,
    nullable: true,
    transformer: { from: (v: string | null) => v?.trim() ?? null, to: (v: string | null) => v },
  })
  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of amount (the branch currency)' })
  currency: string | null;
  @Column('uuid', { name: 'requester_id' })
  @Field(() => ID, { description: 'Id of who submitted the request (the person: requester)' })
  requesterId: string;
  @Column('uuid', { name: 'policy_id' }) policyId: string;
  @Column('text', { default: 'PENDING' })
  @Field(() => ApprovalStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ApprovalStatus;
  @Column('smallint', { name: 'current_position', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Position of the step waiting now' })
  currentPosition: number | null;
  @Column('timestamptz', { name: 'stalled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Set when escalation ran out of levels' })
  stalledAt: Date | null;
  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' })
  @Field({ description: 'When the request was submitted' })
  submittedAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the request was approved, rejected, returned or withdrawn; null while pending',
  })
  decidedAt: Date | null;
}

@Entity('approval_steps')
@ObjectType('ApprovalStep', {
  description: 'One step of an approval request: who may decide, by when, and the decision',
})
export class ApprovalStep {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the approval step' }) id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('smallint')
  @Field(() => Int, { description: '1 for the first step; steps are decided in this order' })
  position: number;
  @Column('text') @Field({ description: "The step's name from the policy, e.g. Leadership" }) name: string;
  @Column('numeric', {
    name: 'sla_hours',
    precision: 7,
    scale: 2,
    transformer: { from: (v: string | number) => Number(v), to: (v: number) => v },
  })
  @Field(() => Float, { description: 'Working hours (branch calendar) the approvers have before the step escalates' })
  slaHours: number;
  @Column('text')
  @Field(() => ApprovalStepStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ApprovalStepStatus;
  @Column('timestamptz', { name: 'started_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the step began waiting for a decision; null while earlier steps are open',
  })
  startedAt: Date | null;
  @Column('timestamptz', { name: 'due_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the SLA expires (working hours of the branch calendar)' })
  dueAt: Date | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the step was decided; null while it waits' })
  decidedAt: Date | null;
  @Column('uuid', { name: 'decided_by', nullable: true })
  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Use decider { id }: people are objects',
    description: 'Id of who decided the step',
  })
  decidedBy: string | null;
  @Column('smallint', { name: 'escalation_level', default: 0 })
  @Field(() => Int, { description: 'How many times the step has been escalated (0: never)' })
  escalationLevel: number;
  @Column('timestamptz', { name: 'next_escalation_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the worker escalates the step if still undecided; null once decided or stalled',
  })
  nextEscalationAt: Date | null;
  @Column('smallint', { name: 'reminders_sent', default: 0 }) remindersSent: number;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
}

@Entity('approval_step_approvers')
@ObjectType('ApprovalApprover', {
  description: 'One person or role that may decide a step, and why (policy, delegation or escalation)',
})
export class ApprovalApprover {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'step_id' }) stepId: string;
  /** USER, BRANCH_ROLE or HQ_ROLE: REQUESTER_MANAGER is resolved when the request is submitted. */
  @Column('text')
  @Field(() => ApproverKind, { description: 'Whether a named person or the holders of a role decide' })
  kind: ApproverKind;
  @Column('uuid', { name: 'user_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the named approver (the person: person); null for a role' })
  userId: string | null;
  @Column('text', { nullable: true })
  @Field(() => Role, {
    nullable: true,
    description: 'The role whose holders may decide (BRANCH_ROLE, HQ_ROLE); null for a named person',
  })
  role: Role | null;
  @Column('text') @Field(() => String, { description: 'POLICY, DELEGATION or ESCALATION' }) source: ApproverSource;
  @Column('smallint', { default: 0 })
  @Field(() => Int, { description: '0 from the policy; 1, 2, ... for each escalation that added this approver' })
  level: number;
  @Column('timestamptz', { name: 'added_at', default: () => 'now()' }) addedAt: Date;
}

/** Counts today in the branch's time zone and is not cancelled, in SQL (`t` the row's alias). */
const DELEGATION_ACTIVE_SQL = (t: string) =>
  `(${t}.cancelled_at IS NULL AND coalesce((SELECT (now() AT TIME ZONE b.time_zone)::date
     FROM scope_branches b WHERE b.id = ${t}.branch_id) BETWEEN ${t}.starts_on AND ${t}.ends_on, false))`;

@Entity('approval_delegations')
@ObjectType('ApprovalDelegation', {
  description: 'Out of office: a colleague decides the giver’s approvals between two dates (inclusive)',
})
export class ApprovalDelegation {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the approval delegation belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the approval delegation' }) id: string;
  @Column('uuid', { name: 'user_id' }) @Field(() => ID, { description: 'Who is away' }) userId: string;
  @Column('uuid', { name: 'delegate_id' })
  @Field(() => ID, { description: 'Who decides in their place' })
  delegateId: string;
  @Column('date', { name: 'starts_on' })
  @Field(() => GraphQLDate, { description: 'First day, in the branch time zone' })
  startsOn: string;
  @Column('date', { name: 'ends_on' })
  @Field(() => GraphQLDate, { description: 'Last day, in the branch time zone' })
  endsOn: string;
  @Column('text', { default: '' })
  @Field({ description: 'Why (e.g. business trip, leave), shown to the delegate' })
  reason: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the approval delegation was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was ended early; null unless cancelled' })
  cancelledAt: Date | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true })
  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Use canceller { id }: people are objects',
    description: 'Id of who ended it early',
  })
  cancelledBy: string | null;
  @VirtualColumn('boolean', { query: DELEGATION_ACTIVE_SQL })
  @Field({ description: 'Counts today (in the branch time zone) and is not cancelled' })
  active: boolean;
}

@Entity('approval_events')
@ObjectType('ApprovalEvent', { description: "One entry of an approval request's timeline (who did what, when)" })
export class ApprovalEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the approval event' }) id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'step_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the step concerned; null for request-wide entries (submitted, withdrawn, completed)',
  })
  stepId: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'Null when the worker did it',
    deprecationReason: 'Use actor { id }: people are objects',
  })
  actorId: string | null;
  @Column('text') @Field(() => ApprovalAction, { description: 'What happened' }) action: ApprovalAction;
  @Column('smallint', { nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'The escalation level or reminder number, for ESCALATED, STALLED and REMINDED',
  })
  level: number | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The comment, reason or note given with it' })
  comment: string | null;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When it happened' }) at: Date;
  /** Order of entries within one transaction (they share `at`). */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
}

export const BranchCalendars = defineTable(BranchCalendar, { module: 'approvals', noun: 'BranchCalendar' });
export const BranchCalendarDays = defineTable(CalendarDay, { module: 'approvals', noun: 'CalendarDay' });
export const ApprovalPolicies = defineTable(ApprovalPolicy, { module: 'approvals', noun: 'ApprovalPolicy' });
export const ApprovalRequests = defineTable(ApprovalRequest, { module: 'approvals', noun: 'ApprovalRequest' });
export const ApprovalSteps = defineTable(ApprovalStep, { module: 'approvals', noun: 'ApprovalStep' });
export const ApprovalStepApprovers = defineTable(ApprovalApprover, { module: 'approvals', noun: 'ApprovalApprover' });
export const ApprovalDelegations = defineTable(ApprovalDelegation, {
  module: 'approvals',
  noun: 'ApprovalDelegation',
});
export const ApprovalEvents = defineTable(ApprovalEvent, { module: 'approvals', noun: 'ApprovalEvent' });
