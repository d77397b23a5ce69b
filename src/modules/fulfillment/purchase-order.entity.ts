import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { PurchaseOrderState } from './purchase-order.enums.js';

@Entity('purchase_orders')
@ObjectType('PurchaseOrder', {
  description: 'A purchase order to the maker (设备采购单) for a sales order, reviewed by finance before it is placed',
})
export class PurchaseOrder {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the purchase order' }) id: string;
  @Column('text')
  @Field({ description: 'Its number, gap-free per branch and year (PO-<branch>-<year>-<n>)' })
  number: string;
  @Column('uuid', { name: 'order_id' })
  @Field(() => ID, { description: 'Id of the sales order it buys for' })
  orderId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'maker_id' })
  @Field(() => ID, { description: 'Id of the maker (a vendor of the organization; as an object: maker)' })
  makerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the sales order’s owner' })
  ownerId: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => PurchaseOrderState, { description: 'Where it is' })
  state: PurchaseOrderState;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The sum of the lines' })
  amount: string;
  @Column('date', { name: 'expected_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the goods are expected (lines may differ)' })
  expectedOn: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of finance’s review (approval subject PURCHASE_ORDER)' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'placed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was placed with the maker' })
  placedAt: Date | null;
  @Column('date', { name: 'maker_confirmed_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the maker confirmed it' })
  makerConfirmedOn: string | null;
  @Column('text', { name: 'maker_reference', nullable: true })
  @Field(() => String, { nullable: true, description: 'The maker’s own reference (order confirmation no.)' })
  makerReference: string | null;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the maker’s confirmation was recorded' })
  confirmedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed' })
  closedAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled (or rejected in review)' })
  cancelReason: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who drew it up' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was drawn up' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('purchase_order_lines')
@ObjectType('PurchaseOrderLine', { description: 'What a purchase order buys for one line of the sales order' })
export class PurchaseOrderLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'purchase_order_id' }) purchaseOrderId: string;
  @Column('integer') @Field(() => Int, { description: 'Position on the purchase order, from 1' }) position: number;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'order_line_id' })
  @Field(() => ID, { description: 'Id of the sales order line it draws down' })
  orderLineId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the catalogue product (as an object: product)' })
  productId: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity ordered from the maker, in the product unit' })
  quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Price per unit agreed with the maker' })
  unitPrice: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Quantity × unit price, rounded to the cent' })
  lineTotal: string;
  @Column('date', { name: 'expected_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day this line is expected, when it differs' })
  expectedOn: string | null;
  @Column('numeric', { precision: 18, scale: 3, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Quantity received into stock so far; never more than ordered' })
  received: string;
}

/** The last purchase order number given per branch and year (gap-free). */
@Entity('purchase_order_counters')
export class PurchaseOrderCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

export const PurchaseOrders = defineTable(PurchaseOrder, { module: 'fulfillment', noun: 'PurchaseOrder' });
export const PurchaseOrderLines = defineTable(PurchaseOrderLine, { module: 'fulfillment', noun: 'PurchaseOrderLine' });
export const PurchaseOrderCounters = defineTable(PurchaseOrderCounter, {
  module: 'fulfillment',
  noun: 'PurchaseOrderCounter',
});
