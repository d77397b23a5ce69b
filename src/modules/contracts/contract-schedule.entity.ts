import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { InstalmentKind, InstalmentStatus, MilestoneStatus } from './contract.enums.js';

@Entity('contract_instalments')
@ObjectType('ContractInstalment', { description: 'One payment of a contract’s payment schedule' })
export class ContractInstalment {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract instalment' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the contract the instalment belongs to' })
  contractId: string;
  @Column('text')
  @Field(() => InstalmentKind, {
    description: 'Prepayment before work starts, progress payment, or final payment after acceptance',
  })
  kind: InstalmentKind;
  @Column('date', { name: 'due_on' })
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' })
  dueOn: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description:
      'Amount due, in the contract currency; all instalments not waived add up to at most the contract amount',
  })
  amount: string;
  @Column('numeric', { name: 'paid_amount', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, {
    description:
      'What receipts recorded by finance have paid on it so far (0 until the first; the amount when PAID). ' +
      'Nobody sets it by hand: applying a receipt raises it, reversing one lowers it',
  })
  paidAmount: string;
  @Column('character', { length: 3 }) @Field({ description: 'The contract currency' }) currency: string;
  @Column('text', { default: 'PENDING' })
  @Field(() => InstalmentStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: InstalmentStatus;
  @Column('date', { name: 'paid_on', nullable: true })
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Business day the receipt that completed the payment arrived; null until paid in full',
  })
  paidOn: string | null;
  /** When the worker next looks at it: the start of its due day, then of the day after (branch time zone). */
  @Column('timestamptz', { name: 'next_action_at', nullable: true }) nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the contract instalment was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the contract instalment last changed' })
  updatedAt: Date;
}

@Entity('contract_milestones')
@ObjectType('ContractMilestone', { description: 'A delivery obligation of a contract' })
export class ContractMilestone {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract milestone' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the contract the milestone belongs to' })
  contractId: string;
  @Column('text')
  @Field({ description: 'What is to be delivered or achieved, e.g. Installation complete' })
  title: string;
  @Column('date', { name: 'due_on' })
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' })
  dueOn: string;
  @Column('text', { default: 'PENDING' })
  @Field(() => MilestoneStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: MilestoneStatus;
  @Column('date', { name: 'done_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it was done; null until done' })
  doneOn: string | null;
  /** When the worker next looks at it: the start of its due day, then of the day after (branch time zone). */
  @Column('timestamptz', { name: 'next_action_at', nullable: true }) nextActionAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the contract milestone was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the contract milestone last changed' })
  updatedAt: Date;
}

export const ContractInstalments = defineTable(ContractInstalment, {
  module: 'contracts',
  noun: 'ContractInstalment',
});
export const ContractMilestones = defineTable(ContractMilestone, { module: 'contracts', noun: 'ContractMilestone' });
