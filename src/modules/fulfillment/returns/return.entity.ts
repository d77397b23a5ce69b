import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { GoodsReturnKind, GoodsReturnStatus, ReturnReason } from './return.enums.js';

@Entity('goods_returns')
@ObjectType('GoodsReturn', {
  description:
    'A customer’s return or exchange of goods from an accepted shipment (退换货), with its red-letter return note',
})
export class GoodsReturn {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the return' }) id: string;
  @Column('text') @Field(() => GoodsReturnKind, { description: 'A return, or an exchange' }) kind: GoodsReturnKind;
  @Column('uuid', { name: 'shipment_id' })
  @Field(() => ID, { description: 'Id of the accepted shipment the goods came with (as an object: shipment)' })
  shipmentId: string;
  @Column('uuid', { name: 'order_id' }) @Field(() => ID, { description: 'Id of the order' }) orderId: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer returning the goods' })
  customerId: string;
  /** The order's owner: a rep reads the returns of their own orders (RLS, as orders). */
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @Column('text') @Field(() => ReturnReason, { description: 'Why the goods come back' }) reason: ReturnReason;
  @Column('text') @Field({ description: 'What the customer reports' }) description: string;
  @Column('text', { default: 'REQUESTED' })
  @Field(() => GoodsReturnStatus, { description: 'Where the return is' })
  status: GoodsReturnStatus;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'Value of the goods returned at the order’s prices: the red-letter note takes this off (positive)',
  })
  amount: string;
  @Column('character', { length: 3 }) @Field({ description: 'ISO 4217 currency of the order' }) currency: string;
  @Column('text', { name: 'goods_check_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the check of name, specification and quantity found' })
  goodsCheckNote: string | null;
  @Column('timestamptz', { name: 'goods_checked_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the goods were checked' })
  goodsCheckedAt: Date | null;
  @Column('text', { name: 'authenticity_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the maker said about authenticity' })
  authenticityNote: string | null;
  @Column('timestamptz', { name: 'authenticated_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the maker confirmed the goods genuine' })
  authenticatedAt: Date | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the latest approval request of the return note' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When leadership approved the return note' })
  approvedAt: Date | null;
  @Column('uuid', { name: 'location_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The location the goods went back into (when processed)' })
  locationId: string | null;
  @Column('timestamptz', { name: 'processed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was processed; null before' })
  processedAt: Date | null;
  /** A RETURN's goods at their catalogue cost prices when processed; null before, for an exchange, or not valued. */
  @Column('numeric', { name: 'cost_of_goods', precision: 18, scale: 2, nullable: true }) costOfGoods: string | null;
  @Column('uuid', { name: 'replacement_shipment_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'An exchange: id of the replacement shipment' })
  replacementShipmentId: string | null;
  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was rejected' })
  rejectedAt: Date | null;
  @Column('text', { name: 'rejection_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was rejected' })
  rejectionReason: string | null;
  @Column('uuid', { name: 'requested_by' })
  @Field(() => ID, { description: 'Id of the person who recorded the request' })
  requestedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the request was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('goods_return_lines')
@ObjectType('GoodsReturnLine', { description: 'What comes back against one line of the shipment' })
export class GoodsReturnLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'return_id' }) returnId: string;
  @Column('uuid', { name: 'shipment_line_id' })
  @Field(() => ID, { description: 'Id of the shipment line the goods came with' })
  shipmentLineId: string;
  @Column('uuid', { name: 'order_line_id' })
  @Field(() => ID, { description: 'Id of the order line' })
  orderLineId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' }) @Field(() => ID, { description: 'Id of the product' }) productId: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity returned, in the product unit' })
  quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The order line’s unit price' })
  unitPrice: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Quantity × unit price, rounded half-up to the cent' })
  amount: string;
}

export const GoodsReturns = defineTable(GoodsReturn, { module: 'fulfillment', noun: 'GoodsReturn' });
export const GoodsReturnLines = defineTable(GoodsReturnLine, { module: 'fulfillment', noun: 'GoodsReturnLine' });
