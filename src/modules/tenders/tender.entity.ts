import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('tenders')
export class TenderEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') project: string;
  @Column('text') issuer: string;
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('timestamptz', { name: 'submission_deadline' }) submissionDeadline: Date;
  @Column('timestamptz', { name: 'opening_at', nullable: true }) openingAt: Date | null;
  @Column('text', { name: 'opening_place', nullable: true }) openingPlace: string | null;
  @Column('text', { nullable: true }) scope: string | null;
  @Column('numeric', { name: 'bid_amount', precision: 18, scale: 2, nullable: true }) bidAmount: string | null;
  @Column('character', { length: 3 }) currency: string;
  @Column('numeric', { name: 'deposit_amount', precision: 18, scale: 2, nullable: true })
  depositAmount: string | null;
  @Column('boolean', { name: 'deposit_returned', default: false }) depositReturned: boolean;
  @Column('text', { default: 'PREPARING' }) state: string;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('text', { name: 'result_notes', nullable: true }) resultNotes: string | null;
  @Column('text', { name: 'winner_name', nullable: true }) winnerName: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId: string | null;
  @Column('smallint', { name: 'reminder_days', nullable: true }) reminderDays: number | null;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('tender_documents')
export class TenderDocumentEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tender_id' }) tenderId: string;
  @Column('text') name: string;
  @Column('boolean', { default: true }) required: boolean;
  @Column('boolean', { default: false }) ready: boolean;
  @Column('date', { name: 'due_on', nullable: true }) dueOn: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
