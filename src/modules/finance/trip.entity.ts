import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { TripState } from './budget.enums.js';

@Entity('business_trips')
@ObjectType('BusinessTrip', { description: 'A business trip: applied for and approved before, claimed after (出差)' })
export class BusinessTrip {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the trip' }) id: string;
  @Column('uuid', { name: 'traveller_id' }) @Field(() => ID, { description: 'Who travels' }) travellerId: string;
  @Column('uuid', { name: 'budget_id' })
  @Field(() => ID, { description: 'The budget it is paid from' })
  budgetId: string;
  @Column('text') @Field({ description: 'Where to' }) destination: string;
  @Column('text') @Field({ description: 'Why' }) purpose: string;
  @Column('date', { name: 'starts_on' }) @Field(() => GraphQLDate, { description: 'First day away' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) @Field(() => GraphQLDate, { description: 'Last day away' }) endsOn: string;
  @Column('numeric', { name: 'estimated_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'The cost applied for: what a claim may reach without a further approval',
  })
  estimatedAmount: string;
  @Column('text') @Field(() => TripState, { description: 'Where it stands' }) state: TripState;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request of the application' })
  approvalRequestId: string | null;
  @Column('numeric', { name: 'claimed_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The sum of the receipts claimed' })
  claimedAmount: string | null;
  @Column('uuid', { name: 'expense_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The claim’s expense against the budget' })
  expenseId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was applied for' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('trip_receipts')
@ObjectType('TripReceipt', { description: 'A receipt claimed after a business trip (报销凭证)' })
export class TripReceipt {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the receipt' }) id: string;
  @Column('uuid', { name: 'trip_id' }) @Field(() => ID, { description: 'The trip' }) tripId: string;
  @Column('smallint') @Field(() => Int, { description: '1 for the first receipt, then 2, 3, ...' }) position: number;
  @Column('text') @Field({ description: 'What was paid for (ticket, hotel, meals)' }) description: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The receipt’s or invoice’s number' })
  reference: string | null;
  @Column('date', { name: 'spent_on' })
  @Field(() => GraphQLDate, { description: 'Business day it was paid' })
  spentOn: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount' })
  amount: string;
}

export const BusinessTrips = defineTable(BusinessTrip, { module: 'finance', noun: 'BusinessTrip' });
export const TripReceipts = defineTable(TripReceipt, { module: 'finance', noun: 'TripReceipt' });
