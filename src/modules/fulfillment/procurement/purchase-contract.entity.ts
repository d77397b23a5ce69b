import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { SupplierDocumentColumns, SupplierDocumentLine } from '../supplier-document-columns.js';
import { PurchaseContractState } from './procurement.enums.js';

@Entity('purchase_contracts')
@ObjectType('PurchaseContract', {
  description: 'A purchase contract with a supplier (采购合同), awarded from its offer for a procurement request',
})
export class PurchaseContract extends SupplierDocumentColumns {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch buying (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract' }) id: string;
  @Column('text')
  @Field({ description: 'Its number, gap-free per branch and year (PC-<branch>-<year>-<n>)' })
  number: string;
  @Column('uuid', { name: 'request_id' })
  @Field(() => ID, { description: 'Id of the procurement request it was awarded for' })
  requestId: string;
  @Column('uuid', { name: 'quotation_id' })
  @Field(() => ID, { description: 'Id of the request for quotation whose offer was awarded' })
  quotationId: string;
  @Column('uuid', { name: 'vendor_id' })
  @Field(() => ID, { description: 'Id of the supplier (as an object: supplier)' })
  vendorId: string;
  @Column('uuid', { name: 'buyer_id' })
  @Field(() => ID, { description: 'Id of the buyer who follows the delivery (as an object: buyer)' })
  buyerId: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => PurchaseContractState, { description: 'Where it is' })
  state: PurchaseContractState;
  @Column('numeric', { name: 'deposit_due', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The deposit the contract asks for before delivery (0: none)' })
  depositDue: string;
  @Column('numeric', { name: 'deposit_paid', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The deposit finance recorded as paid' })
  depositPaid: string | null;
  @Column('date', { name: 'deposit_paid_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the deposit was paid' })
  depositPaidOn: string | null;
  @Column('uuid', { name: 'deposit_recorded_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the finance person who recorded the deposit' })
  depositRecordedById: string | null;
  @Column('timestamptz', { name: 'deposit_recorded_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the deposit was recorded' })
  depositRecordedAt: Date | null;
  @Column('date', { name: 'expected_on' })
  @Field(() => GraphQLDate, { description: 'Business day the goods are expected (the latest follow-up)' })
  expectedOn: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Terms agreed (payment, delivery, warranty)' })
  terms: string | null;
  @Column('text', { name: 'follow_up_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the supplier said at the latest delivery follow-up' })
  followUpNote: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of its review (approval subject PURCHASE_CONTRACT)' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'late_check_at', nullable: true })
  lateCheckAt: Date | null;
  @Column('date', { name: 'late_reminded_on', nullable: true })
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'The expected day whose delivery the worker reminded the buyer of as late (once per expected day)',
  })
  lateRemindedOn: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who awarded it' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was awarded' })
  createdAt: Date;
}

@Entity('purchase_contract_lines')
@ObjectType('PurchaseContractLine', { description: 'What a purchase contract buys for one procurement request line' })
export class PurchaseContractLine extends SupplierDocumentLine({
  document: 'contract',
  quantity: 'Quantity contracted, in the product unit',
  unitPrice: 'Price per unit, from the offer',
  receivedCap: 'contracted',
}) {
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the purchase contract' })
  contractId: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'request_line_id' })
  @Field(() => ID, { description: 'Id of the procurement request line it buys' })
  requestLineId: string;
  @Column('uuid', { name: 'offer_line_id' })
  @Field(() => ID, { description: 'Id of the supplier’s offer line it was awarded from' })
  offerLineId: string;
}

/** The last purchase contract number given per branch and year (gap-free). */
@Entity('purchase_contract_counters')
export class PurchaseContractCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

export const PurchaseContracts = defineTable(PurchaseContract, { module: 'fulfillment', noun: 'PurchaseContract' });
export const PurchaseContractLines = defineTable(PurchaseContractLine, {
  module: 'fulfillment',
  noun: 'PurchaseContractLine',
});
export const PurchaseContractCounters = defineTable(PurchaseContractCounter, {
  module: 'fulfillment',
  noun: 'PurchaseContractCounter',
});
