import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('customer_purchases')
export class CustomerPurchaseEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('date', { name: 'purchased_on' }) purchasedOn: string;
  @Column('numeric', { precision: 18, scale: 2 }) amount: string;
  @Column('character', { length: 3 }) currency: string;
  @Column('text') source: string;
  @Column('uuid', { name: 'source_id', nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('tiering_settings')
export class TieringSettingsEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('numeric', { name: 'high_above', precision: 18, scale: 2, default: 1000000 }) highAbove: string;
  @Column('numeric', { name: 'medium_above', precision: 18, scale: 2, default: 200000 }) mediumAbove: string;
  @Column('numeric', { name: 'large_change_amount', precision: 18, scale: 2, default: 100000 })
  largeChangeAmount: string;
  @Column('integer', { name: 'large_change_percent', default: 50 }) largeChangePercent: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('customer_tier_changes')
export class CustomerTierChangeEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('text', { name: 'from_tier' }) fromTier: string;
  @Column('text', { name: 'to_tier' }) toTier: string;
  @Column('text') reason: string;
  @Column('numeric', { name: 'trailing_total', precision: 18, scale: 2, nullable: true }) trailingTotal: string | null;
  @Column('text', { nullable: true }) period: string | null;
  @Column('uuid', { name: 'changed_by', nullable: true }) changedBy: string | null;
  @Column('timestamptz', { name: 'changed_at', default: () => 'clock_timestamp()' }) changedAt: Date;
}

@Entity('tiering_runs')
export class TieringRunEntity {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') quarter: string;
  @Column('timestamptz', { name: 'started_at', default: () => 'now()' }) startedAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('uuid', { name: 'last_customer_id', nullable: true }) lastCustomerId: string | null;
  @Column('integer', { default: 0 }) customers: number;
  @Column('integer', { default: 0 }) changed: number;
}
