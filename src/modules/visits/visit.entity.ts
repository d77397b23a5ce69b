import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('visits')
export class VisitEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('date', { name: 'planned_on' }) plannedOn: string;
  @Column('text') purpose: string;
  @Column('text', { default: 'PLANNED' }) state: string;
  @Column('boolean', { name: 'requested_by_customer', default: false }) requestedByCustomer: boolean;
  @Column('uuid', { name: 'quote_id', nullable: true }) quoteId: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
  @Column('date', { name: 'visited_on', nullable: true }) visitedOn: string | null;
  @Column('text', { name: 'report_summary', nullable: true }) reportSummary: string | null;
  @Column('text', { name: 'customer_needs', nullable: true }) customerNeeds: string | null;
  @Column('boolean', { default: false }) urgent: boolean;
  @Column('timestamptz', { name: 'reported_at', nullable: true }) reportedAt: Date | null;
  @Column('uuid', { name: 'reported_by', nullable: true }) reportedBy: string | null;
  @Column('date', { name: 'quote_sent_on', nullable: true }) quoteSentOn: string | null;
  @Column('boolean', { default: false }) effective: boolean;
  @Column('text', { name: 'review_comment', nullable: true }) reviewComment: string | null;
  @Column('uuid', { name: 'reviewed_by', nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('visit_attendees')
export class VisitAttendeeEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'visit_id' }) visitId: string;
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('uuid', { name: 'contact_id', nullable: true }) contactId: string | null;
}

@Entity('visit_tasks')
export class VisitTaskEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'visit_id' }) visitId: string;
  @Column('text') description: string;
  @Column('uuid', { name: 'assignee_id' }) assigneeId: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt: Date | null;
  @Column('uuid', { name: 'done_by', nullable: true }) doneBy: string | null;
  @Column('smallint', { name: 'reminder_days', nullable: true }) reminderDays: number | null;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
