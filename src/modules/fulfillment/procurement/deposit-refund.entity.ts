import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';

@Entity('purchase_deposit_refunds')
@ObjectType('PurchaseDepositRefundReceipt', {
  description: 'The supplier’s refund of a cancelled purchase contract’s deposit, as finance received it',
})
export class PurchaseDepositRefundReceipt {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the receipt' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the cancelled purchase contract' })
  contractId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount received: the deposit paid' })
  amount: string;
  @Column('date', { name: 'received_on' })
  @Field(() => GraphQLDate, { description: 'Business day the refund came in' })
  receivedOn: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Free note (bank reference)' })
  note: string | null;
  @Column('uuid', { name: 'recorded_by' })
  @Field(() => ID, { description: 'Id of the finance person who recorded it' })
  recordedById: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  recordedAt: Date;
}

export const PurchaseDepositRefundReceipts = defineTable(PurchaseDepositRefundReceipt, {
  module: 'fulfillment',
  noun: 'PurchaseDepositRefundReceipt',
});
