import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { PurchaseOrderState } from './purchase-order.enums.js';
import { SupplierDocumentColumns, SupplierDocumentLine } from './supplier-document-columns.js';

@Entity('purchase_orders')
@ObjectType('PurchaseOrder', {
  description: 'A purchase order to the maker (设备采购单) for a sales order, reviewed by finance before it is placed',
})
export class PurchaseOrder extends SupplierDocumentColumns {
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
  @Column('uuid', { name: 'maker_id' })
  @Field(() => ID, { description: 'Id of the maker (a vendor of the organization; as an object: maker)' })
  makerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the sales order’s owner' })
  ownerId: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => PurchaseOrderState, { description: 'Where it is' })
  state: PurchaseOrderState;
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
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who drew it up' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was drawn up' })
  createdAt: Date;
}

@Entity('purchase_order_lines')
@ObjectType('PurchaseOrderLine', { description: 'What a purchase order buys for one line of the sales order' })
export class PurchaseOrderLine extends SupplierDocumentLine({
  document: 'purchase order',
  quantity: 'Quantity ordered from the maker, in the product unit',
  unitPrice: 'Price per unit agreed with the maker',
  receivedCap: 'ordered',
}) {
  @Column('uuid', { name: 'purchase_order_id' }) purchaseOrderId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'order_line_id' })
  @Field(() => ID, { description: 'Id of the sales order line it draws down' })
  orderLineId: string;
  @Column('date', { name: 'expected_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day this line is expected, when it differs' })
  expectedOn: string | null;
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
