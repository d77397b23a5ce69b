import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('contracts')
export class ContractEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('text') title: string;
  @Column('numeric', { precision: 18, scale: 2 }) amount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text', { name: 'special_terms', nullable: true }) specialTerms: string | null;
  @Column('text', { default: 'DRAFT' }) state: string;
  @Column('text', { nullable: true }) number: string | null;
  @Column('date', { name: 'signed_on', nullable: true }) signedOn: string | null;
  @Column('jsonb', { nullable: true }) signatories: unknown;
  @Column('boolean', { name: 'original_received', default: false }) originalReceived: boolean;
  @Column('text', { name: 'termination_reason', nullable: true }) terminationReason: string | null;
  @Column('integer', { default: 0 }) version: number;
  @Column('uuid', { name: 'approval_request_id', nullable: true }) approvalRequestId: string | null;
  @Column('uuid', { name: 'renewed_from_id', nullable: true }) renewedFromId: string | null;
  @Column('smallint', { name: 'expiry_reminder_days', nullable: true }) expiryReminderDays: number | null;
  @Column('timestamptz', { name: 'next_expiry_reminder_at', nullable: true }) nextExpiryReminderAt: Date | null;
  @Column('timestamptz', { name: 'original_check_at', nullable: true }) originalCheckAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('uuid', { name: 'legal_review_request_id', nullable: true }) legalReviewRequestId: string | null;
  @Column('text', { name: 'non_standard_price', nullable: true }) nonStandardPrice: string | null;
  @Column('jsonb', { name: 'special_fees', default: () => `'[]'` }) specialFees: unknown;
  @Column('uuid', { name: 'special_terms_request_id', nullable: true }) specialTermsRequestId: string | null;
}

@Entity('contract_risks')
export class ContractRiskEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('text') description: string;
  @Column('text') category: string;
  @Column('smallint') probability: number;
  @Column('smallint') impact: number;
  @Column('text', { nullable: true }) mitigation: string | null;
  @Column('uuid', { name: 'response_owner_id', nullable: true }) responseOwnerId: string | null;
  @Column('date', { name: 'response_due_on', nullable: true }) responseDueOn: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('contract_negotiation_rounds')
export class ContractNegotiationRoundEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('integer') round: number;
  @Column('date', { name: 'held_on' }) heldOn: string;
  @Column('text') counterpart: string;
  @Column('text') points: string;
  @Column('text') outcome: string;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('contract_versions')
export class ContractVersionEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('integer') version: number;
  @Column('text') status: string;
  @Column('jsonb') snapshot: unknown;
  @Column('text') reason: string;
  @Column('uuid', { name: 'approval_request_id', nullable: true }) approvalRequestId: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('contract_events')
export class ContractEventEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_state', nullable: true }) fromState: string | null;
  @Column('text', { name: 'to_state', nullable: true }) toState: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
}

@Entity('contract_number_counters')
export class ContractNumberCounterEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

@Entity('contract_settings')
export class ContractSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('text', { name: 'number_rule', default: () => `'{BRANCH}-HT-{YYYY}-{NNNN}'` }) numberRule: string;
  @Column('smallint', { name: 'expiry_reminder_days', array: true, default: () => `'{90,30,7}'` })
  expiryReminderDays: number[];
  @Column('numeric', { name: 'quote_discount_limit_percent', precision: 5, scale: 2, default: 10 })
  quoteDiscountLimitPercent: string;
  @Column('smallint', { name: 'quote_expiry_reminder_days', default: 3 }) quoteExpiryReminderDays: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('contract_instalments')
export class ContractInstalmentEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('text') kind: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('numeric', { precision: 18, scale: 2 }) amount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('text', { default: 'PENDING' }) status: string;
  @Column('date', { name: 'paid_on', nullable: true }) paidOn: string | null;
  @Column('timestamptz', { name: 'next_action_at', nullable: true }) nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('contract_milestones')
export class ContractMilestoneEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'contract_id' }) contractId: string;
  @Column('text') title: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('text', { default: 'PENDING' }) status: string;
  @Column('date', { name: 'done_on', nullable: true }) doneOn: string | null;
  @Column('timestamptz', { name: 'next_action_at', nullable: true }) nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
