import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { CustomerTierEnum } from './customer.enums.js';
import { PurchaseCause, TierChangeReason } from './tiering.enums.js';

@Entity('customer_purchases')
@ObjectType('CustomerPurchase', { description: 'A purchase that counts towards the customer’s tier' })
export class CustomerPurchase {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the customer purchase' }) id: string;
  @Column('uuid', { name: 'customer_id' }) @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Column('date', { name: 'purchased_on' })
  @Field(() => GraphQLDate, { description: 'Business day of the purchase' })
  purchasedOn: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'Amount, in currency: positive for a purchase, negative for a return or a downward correction',
  })
  amount: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('text')
  @Field({
    description: 'MANUAL (recorded by a person), SHIPMENT or RETURN (fed by fulfillment), ORDER (older feeds)',
    deprecationReason: 'Use cause',
  })
  source: string;
  @Column('text', { default: 'MANUAL' })
  @Field(() => PurchaseCause, { description: 'Why it counts: a person, an accepted delivery, a return, a correction' })
  cause: PurchaseCause;
  /** The event's id (shipment, return) when `source` is not MANUAL: each event counts once. */
  @Column('uuid', { name: 'source_id', nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What was bought, or a reference' })
  note: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedById: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the customer purchase was recorded' })
  createdAt: Date;
}

@Entity('tiering_settings')
@ObjectType('TieringSettings', { description: 'Per-branch tier thresholds and the large-change rule' })
export class TieringSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the tiering settings belongs to' })
  branchId: string;
  @Column('numeric', { name: 'high_above', precision: 18, scale: 2, default: 1000000 })
  @Field(() => GraphQLDecimal, { description: 'Trailing-12-month purchases above this are HIGH (default 1,000,000)' })
  highAbove: string;
  @Column('numeric', { name: 'medium_above', precision: 18, scale: 2, default: 200000 })
  @Field(() => GraphQLDecimal, { description: 'Above this (and not HIGH) are MEDIUM (default 200,000)' })
  mediumAbove: string;
  @Column('numeric', { name: 'large_change_amount', precision: 18, scale: 2, default: 100000 })
  @Field(() => GraphQLDecimal, { description: 'A purchase of at least this is a large change (default 100,000)' })
  largeChangeAmount: string;
  @Column('integer', { name: 'large_change_percent', default: 50 })
  @Field(() => Int, {
    description:
      'A purchase of at least this percentage of the trailing-12-month purchases before it is a large change (default 50)',
  })
  largeChangePercent: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('customer_tier_changes')
@ObjectType('CustomerTierChange', { description: 'One change of a customer’s tier' })
export class CustomerTierChange {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the customer tier change belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the customer tier change' }) id: string;
  @Column('uuid', { name: 'customer_id' }) @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Column('text', { name: 'from_tier' })
  @Field(() => CustomerTierEnum, { description: 'Tier before' })
  fromTier: CustomerTierEnum;
  @Column('text', { name: 'to_tier' })
  @Field(() => CustomerTierEnum, { description: 'Tier after' })
  toTier: CustomerTierEnum;
  @Column('text') @Field(() => TierChangeReason, { description: 'Why it changed' }) reason: TierChangeReason;
  @Column('numeric', { name: 'trailing_total', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Purchases of the trailing 12 months it was based on' })
  trailingTotal: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The quarter of a QUARTERLY change, e.g. 2026-Q4' })
  period: string | null;
  @Column('uuid', { name: 'changed_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who changed it (MANUAL, or who recorded the purchase)' })
  changedById: string | null;
  @Column('timestamptz', { name: 'changed_at', default: () => 'clock_timestamp()' })
  @Field({ description: 'When the tier changed' })
  changedAt: Date;
}

/** The quarterly re-tiering of a branch: its cursor over the branch's customers (worker only, not in the API). */
@Entity('tiering_runs')
export class TieringRun {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') quarter: string;
  @Column('timestamptz', { name: 'started_at', default: () => 'now()' }) startedAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('uuid', { name: 'last_customer_id', nullable: true }) lastCustomerId: string | null;
  @Column('integer', { default: 0 }) customers: number;
  @Column('integer', { default: 0 }) changed: number;
}

export const CustomerPurchases = defineTable(CustomerPurchase, { module: 'customers', noun: 'CustomerPurchase' });
export const TieringSettingsTable = defineTable(TieringSettings, { module: 'customers', noun: 'TieringSettings' });
export const CustomerTierChanges = defineTable(CustomerTierChange, { module: 'customers', noun: 'CustomerTierChange' });
export const TieringRuns = defineTable(TieringRun, { module: 'customers', noun: 'TieringRun' });
