import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The channels tables as TypeORM sees them (the schema itself is migrations/1764806400000-channels.ts). */

@Entity('partners')
export class PartnerEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('text') name: string;
  @Column('text') region: string;
  @Column('text', { default: 'CANDIDATE' }) status: string;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('text', { nullable: true }) tier: string | null;
  @Column('text', { name: 'tier_period', nullable: true }) tierPeriod: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('partner_contacts')
export class PartnerContactEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('boolean', { name: 'is_primary', default: false }) isPrimary: boolean;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('partner_agreements')
export class PartnerAgreementEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('date', { name: 'starts_on' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) endsOn: string;
  @Column('text') territory: string;
  @Column('text') terms: string;
  @Column('text', { default: 'ACTIVE' }) status: string;
  @Column('text', { name: 'termination_reason', nullable: true }) terminationReason: string | null;
  @Column('smallint', { name: 'reminder_days', nullable: true }) reminderDays: number | null;
  @Column('timestamptz', { name: 'next_action_at', nullable: true }) nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('channel_settings')
export class ChannelSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('numeric', { name: 'weight_sales', precision: 4, scale: 3 }) weightSales: string;
  @Column('numeric', { name: 'weight_coverage', precision: 4, scale: 3 }) weightCoverage: string;
  @Column('numeric', { name: 'weight_feedback', precision: 4, scale: 3 }) weightFeedback: string;
  @Column('numeric', { name: 'sales_target', precision: 18, scale: 2 }) salesTarget: string;
  @Column('numeric', { name: 'tier_a_min', precision: 5, scale: 2 }) tierAMin: string;
  @Column('numeric', { name: 'tier_b_min', precision: 5, scale: 2 }) tierBMin: string;
  @Column('numeric', { name: 'tier_c_min', precision: 5, scale: 2 }) tierCMin: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('partner_evaluations')
export class PartnerEvaluationEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('text') period: string;
  @Column('numeric', { name: 'sales_amount', precision: 18, scale: 2 }) salesAmount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('numeric', { name: 'market_coverage', precision: 5, scale: 2 }) marketCoverage: string;
  @Column('numeric', { name: 'customer_feedback', precision: 5, scale: 2 }) customerFeedback: string;
  @Column('numeric', { name: 'sales_target', precision: 18, scale: 2 }) salesTarget: string;
  @Column('numeric', { name: 'weight_sales', precision: 4, scale: 3 }) weightSales: string;
  @Column('numeric', { name: 'weight_coverage', precision: 4, scale: 3 }) weightCoverage: string;
  @Column('numeric', { name: 'weight_feedback', precision: 4, scale: 3 }) weightFeedback: string;
  @Column('numeric', { name: 'sales_score', precision: 5, scale: 2 }) salesScore: string;
  @Column('numeric', { precision: 5, scale: 2 }) score: string;
  @Column('text') tier: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'evaluated_by' }) evaluatedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('partner_disputes')
export class PartnerDisputeEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('text') subject: string;
  @Column('text') description: string;
  @Column('text', { default: 'OPENED' }) state: string;
  @Column('uuid', { name: 'handler_id', nullable: true }) handlerId: string | null;
  @Column('text', { name: 'handling_notes', nullable: true }) handlingNotes: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('timestamptz', { name: 'opened_at', default: () => 'now()' }) openedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('partner_support_records')
export class PartnerSupportRecordEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('text') kind: string;
  @Column('date', { name: 'given_on' }) givenOn: string;
  @Column('text') topic: string;
  @Column('text', { nullable: true }) details: string | null;
  @Column('integer', { nullable: true }) attendees: number | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('partner_end_users')
export class PartnerEndUserEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) industry: string | null;
  @Column('text', { nullable: true }) region: string | null;
  @Column('text') purchased: string;
  @Column('date', { name: 'purchased_on', nullable: true }) purchasedOn: string | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
