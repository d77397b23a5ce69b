import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { RmaState } from './rma.enums.js';

/** SQL: an open step past its time limit. */
export const RMA_OVERDUE_SQL = (t = '') => `coalesce(${t}state_due_at < now(), false)`;

@Entity('rmas')
@ObjectType('Rma', { description: 'An after-sales case (RMA, 售后): a customer’s faulty goods through repair' })
export class Rma {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the RMA' }) id: string;
  @Column('uuid', { name: 'customer_id' }) @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the person answering for it (as an object: owner); reminded when late' })
  ownerId: string;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column('uuid', { name: 'product_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the catalogue product concerned (as an object: product)' })
  productId: string | null;
  @Column('uuid', { name: 'maker_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the maker it was sent to (as an object: maker)' })
  makerId: string | null;
  @Column('text', { name: 'serial_number', nullable: true })
  @Field(() => String, { nullable: true, description: 'Serial number of the unit' })
  serialNumber: string | null;
  @Column('text') @Field({ description: 'The fault as the customer reported it' }) problem: string;
  @Column('text', { default: 'REQUESTED' }) @Field(() => RmaState, { description: 'Where it is' }) state: RmaState;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  @Field({ description: 'When it was requested' })
  requestedAt: Date;
  @Column('timestamptz', { name: 'engineer_confirmed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When an engineer confirmed it' })
  engineerConfirmedAt: Date | null;
  @Column('uuid', { name: 'engineer_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the engineer who confirmed it (as an object: engineer)' })
  engineerId: string | null;
  @Column('timestamptz', { name: 'checked_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the technical check was recorded' })
  checkedAt: Date | null;
  @Column('text', { name: 'check_result', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the technical check found' })
  checkResult: string | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was sent to the maker' })
  sentAt: Date | null;
  @Column('text', { name: 'maker_reference', nullable: true })
  @Field(() => String, { nullable: true, description: 'The maker’s repair reference' })
  makerReference: string | null;
  @Column('timestamptz', { name: 'returned_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was returned to the customer' })
  returnedAt: Date | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer confirmed the result' })
  resolvedAt: Date | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The result the customer confirmed' })
  result: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled' })
  cancelReason: string | null;
  @Column('timestamptz', { name: 'state_since', default: () => 'now()' })
  @Field({ description: 'When the current step began' })
  stateSince: Date;
  @Column('timestamptz', { name: 'state_due_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'The current step’s time limit (branch working time, rmaSettings); null once final',
  })
  stateDueAt: Date | null;
  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the owner was reminded of the late step; null otherwise' })
  remindedAt: Date | null;
  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the late step went to the branch manager; null otherwise' })
  escalatedAt: Date | null;
  /** When the worker next looks at the case: the step's limit, then one escalation interval later. */
  @Column('timestamptz', { name: 'overdue_check_at', nullable: true }) overdueCheckAt: Date | null;
  @VirtualColumn('boolean', { query: (t) => RMA_OVERDUE_SQL(`${t}.`) })
  @Field({ description: 'The current step is past its time limit' })
  overdue: boolean;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who recorded it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('rma_settings')
@ObjectType('RmaSettings', { description: 'A branch’s RMA time limits per step, in working hours of its calendar' })
export class RmaSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Column('integer', { name: 'requested_hours' })
  @Field(() => Int, { description: 'REQUESTED until an engineer confirms (default 8)' })
  requestedHours: number;
  @Column('integer', { name: 'engineer_confirmed_hours' })
  @Field(() => Int, { description: 'ENGINEER_CONFIRMED until the technical check (default 16)' })
  engineerConfirmedHours: number;
  @Column('integer', { name: 'checked_hours' })
  @Field(() => Int, { description: 'CHECKED until sent to the maker (default 16)' })
  checkedHours: number;
  @Column('integer', { name: 'at_maker_hours' })
  @Field(() => Int, { description: 'AT_MAKER until returned (default 160: four working weeks)' })
  atMakerHours: number;
  @Column('integer', { name: 'returned_hours' })
  @Field(() => Int, { description: 'RETURNED until the customer confirms the result (default 40)' })
  returnedHours: number;
  @Column('integer', { name: 'escalation_hours' })
  @Field(() => Int, { description: 'After the owner’s reminder, until the branch manager is told (default 8)' })
  escalationHours: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field(() => Date, { nullable: true, description: 'When the branch last changed them; null: the defaults' })
  updatedAt: Date | null;
}

export const Rmas = defineTable(Rma, { module: 'fulfillment', noun: 'Rma' });
export const RmaSettingsTable = defineTable(RmaSettings, { module: 'fulfillment', noun: 'RmaSettings' });
