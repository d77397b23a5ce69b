import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Working calendar of a branch: the SLA of an approval step counts only these hours. */
@Entity('branch_calendars')
export class BranchCalendarEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('smallint', { name: 'work_days', array: true, default: () => `'{1,2,3,4,5}'` }) workDays: number[];
  @Column('integer', { name: 'day_start_minute', default: 540 }) dayStartMinute: number;
  @Column('integer', { name: 'day_end_minute', default: 1080 }) dayEndMinute: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('branch_calendar_days')
export class BranchCalendarDayEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('date') day: string;
  @Column('text') kind: 'HOLIDAY' | 'WORKDAY';
  @Column('text', { default: '' }) name: string;
}

@Entity('approval_policies')
export class ApprovalPolicyEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('integer') version: number;
  @Column('jsonb') steps: unknown;
  @Column('smallint', { name: 'reminder_percents', array: true, default: () => `'{50,90}'` })
  reminderPercents: number[];
  @Column('smallint', { name: 'max_escalation_level', default: 2 }) maxEscalationLevel: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('approval_requests')
export class ApprovalRequestEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('uuid', { name: 'subject_id' }) subjectId: string;
  @Column('text') title: string;
  @Column('numeric', { precision: 18, scale: 2, nullable: true }) amount: string | null;
  @Column('character', { length: 3, nullable: true }) currency: string | null;
  @Column('uuid', { name: 'requester_id' }) requesterId: string;
  @Column('uuid', { name: 'policy_id' }) policyId: string;
  @Column('text', { default: 'PENDING' }) status: string;
  @Column('smallint', { name: 'current_position', nullable: true }) currentPosition: number | null;
  @Column('timestamptz', { name: 'stalled_at', nullable: true }) stalledAt: Date | null;
  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' }) submittedAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

@Entity('approval_steps')
export class ApprovalStepEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('smallint') position: number;
  @Column('text') name: string;
  @Column('numeric', { name: 'sla_hours', precision: 7, scale: 2 }) slaHours: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('smallint', { name: 'escalation_level', default: 0 }) escalationLevel: number;
  @Column('timestamptz', { name: 'next_escalation_at', nullable: true }) nextEscalationAt: Date | null;
  @Column('smallint', { name: 'reminders_sent', default: 0 }) remindersSent: number;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
}

@Entity('approval_step_approvers')
export class ApprovalStepApproverEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'step_id' }) stepId: string;
  @Column('text') kind: 'USER' | 'BRANCH_ROLE' | 'HQ_ROLE';
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text', { nullable: true }) role: string | null;
  @Column('text') source: 'POLICY' | 'DELEGATION' | 'ESCALATION';
  @Column('smallint', { default: 0 }) level: number;
  @Column('timestamptz', { name: 'added_at', default: () => 'now()' }) addedAt: Date;
}

@Entity('approval_delegations')
export class ApprovalDelegationEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'delegate_id' }) delegateId: string;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('text', { default: '' }) reason: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy: string | null;
}

@Entity('approval_events')
export class ApprovalEventEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'step_id', nullable: true }) stepId: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column('smallint', { nullable: true }) level: number | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  /** Order of entries within one transaction (they share `at`). */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
}
