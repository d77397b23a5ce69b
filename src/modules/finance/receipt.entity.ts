import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { ReceiptKind, ReceiptState } from './receipt.enums.js';

@Entity('receipts')
@ObjectType('Receipt', { description: 'Money received from a customer (回款), recorded by finance' })
export class Receipt {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the receipt belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the receipt' }) id: string;
  @Column('text') @Field(() => ReceiptKind, { description: 'How the money came in' }) kind: ReceiptKind;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the paying customer' })
  customerId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount received, in the branch currency' })
  amount: string;
  @Column('numeric', { name: 'applied_amount', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Of the amount, what is applied to instalments' })
  appliedAmount: string;
  @VirtualColumn('numeric', {
    query: (t) => `(CASE WHEN ${t}.state = 'REVERSED' THEN 0.00 ELSE ${t}.amount - ${t}.applied_amount END)::text`,
  })
  @Field(() => GraphQLDecimal, { description: 'What can still be applied: amount - appliedAmount (0 once REVERSED)' })
  unappliedAmount: string;
  @Column('character', { length: 3 }) @Field({ description: 'The branch currency' }) currency: string;
  @Column('date', { name: 'received_on' })
  @Field(() => GraphQLDate, { description: 'Business day the money or instrument arrived (branch time zone)' })
  receivedOn: string;
  @Column('date', { name: 'maturity_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Maturity day of a bank acceptance bill; null otherwise' })
  maturityOn: string | null;
  @Column('text')
  @Field({ description: 'The bank’s or the instrument’s reference (transfer id, cheque or bill number)' })
  reference: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Finance’s note' })
  note: string | null;
  @Column('text', { default: 'RECORDED' })
  @Field(() => ReceiptState, { description: 'RECORDED, or REVERSED when recorded in error' })
  state: ReceiptState;
  @Column('text', { name: 'reversal_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was reversed; null unless REVERSED' })
  reversalReason: string | null;
  @Column('uuid', { name: 'reversed_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who reversed it; null unless REVERSED' })
  reversedById: string | null;
  @Column('timestamptz', { name: 'reversed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was reversed; null unless REVERSED' })
  reversedAt: Date | null;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Who recorded it' })
  recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the receipt was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the receipt last changed' })
  updatedAt: Date;
}

@Entity('receipt_applications')
@ObjectType('ReceiptApplication', { description: 'Part of a receipt paid onto one contract instalment' })
export class ReceiptApplication {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the application' }) id: string;
  @Column('uuid', { name: 'receipt_id' }) @Field(() => ID, { description: 'Id of the receipt' }) receiptId: string;
  @Column('uuid', { name: 'instalment_id' })
  @Field(() => ID, { description: 'Id of the contract instalment paid' })
  instalmentId: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the instalment’s contract' })
  contractId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount applied, in the branch currency' })
  amount: string;
  @Column('uuid', { name: 'applied_by' }) @Field(() => ID, { description: 'Who applied it' }) appliedById: string;
  @Column('timestamptz', { name: 'applied_at', default: () => 'now()' })
  @Field({ description: 'When it was applied' })
  appliedAt: Date;
  @Column('timestamptz', { name: 'reversed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the receipt’s reversal took it off again; null while live' })
  reversedAt: Date | null;
  /** Whose collections (a KPI) it counted for: the contract owner when applied; null if applied before that KPI. */
  @Column('uuid', { name: 'credited_to', nullable: true }) creditedTo: string | null;
}

export const Receipts = defineTable(Receipt, { module: 'finance', noun: 'Receipt' });
export const ReceiptApplications = defineTable(ReceiptApplication, { module: 'finance', noun: 'ReceiptApplication' });
