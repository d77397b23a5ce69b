import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { OrderState } from './order-state.js';
import { OrderChannel } from './order.enums.js';

/**
 * SQL: the order broke the one-working-day rule: its first shipment left after `ship_by`, or nothing has left and
 * `ship_by` has passed (an order cancelled or rejected before shipping owes no goods).
 */
export const SHIP_BREACHED_SQL = (t = '') =>
  `coalesce(${t}first_shipped_at > ${t}ship_by OR (${t}first_shipped_at IS NULL ` +
  `AND ${t}state NOT IN ('CANCELLED', 'REJECTED') AND now() > ${t}ship_by), false)`;

@Entity('orders')
@ObjectType('Order', {
  description:
    'An order taken by phone, fax, e-mail or in person; without a signed contract leadership approves it first',
})
export class Order {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the order belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the order' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('text') @Field(() => OrderChannel, { description: 'How the order came in' }) channel: OrderChannel;
  @Column('uuid', { name: 'contract_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'The signed contract backing the order; without one, leadership approves',
  })
  contractId: string | null;
  @Column('uuid', { name: 'quote_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The accepted quote the order was made from (createOrderFromQuote)' })
  quoteId: string | null;
  @Column('date', { name: 'received_on' })
  @Field(() => GraphQLDate, { description: 'Business day the order was received' })
  receivedOn: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The customer’s own reference (fax no., PO no.)' })
  reference: string | null;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The sum of the lines' })
  amount: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => OrderState, { description: 'Where the order is' })
  state: OrderState;
  @Column('text', { name: 'state_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the order was rejected or cancelled' })
  stateReason: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the approval request (as an object: approvalRequest)' })
  approvalRequestId: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Free notes' })
  notes: string | null;
  @Column('timestamptz', { name: 'released_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was released for shipment; null before' })
  releasedAt: Date | null;
  @Column('timestamptz', { name: 'signed_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description:
      'When the order became binding (CONFIRMED against its signed contract, or APPROVED by leadership): the ' +
      'one-working-day shipping clock starts here; null before',
  })
  signedAt: Date | null;
  @Column('timestamptz', { name: 'ship_by', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'The one-working-day rule: the close of the next working day of the branch calendar after signing',
  })
  shipBy: Date | null;
  @Column('timestamptz', { name: 'first_shipped_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the first shipment of the order left (SHIPPED); null before',
  })
  firstShippedAt: Date | null;
  /** When the worker checks the order for a breach of the rule (= shipBy; cleared once checked). */
  @Column('timestamptz', { name: 'ship_breach_check_at', nullable: true }) shipBreachCheckAt: Date | null;
  @Column('timestamptz', { name: 'ship_breach_notified_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the worker told the owner and the branch managers of the breach; null if none (yet)',
  })
  shipBreachNotifiedAt: Date | null;
  @VirtualColumn('boolean', { query: (t) => SHIP_BREACHED_SQL(`${t}.`) })
  @Field({
    description: 'Broke the one-working-day rule: first shipped after shipBy, or still unshipped with shipBy passed',
  })
  shippingBreached: boolean;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the order closed (every line shipped, delivered and accepted); null before',
  })
  closedAt: Date | null;
  /** Cost of the goods shipped at their cost prices, fixed at closing (null before, or when it could not be valued). */
  @Column('numeric', { name: 'cost_of_goods', precision: 18, scale: 2, nullable: true }) costOfGoods: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the order was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the order last changed' })
  updatedAt: Date;
}

@Entity('order_lines')
@ObjectType('OrderLine', { description: 'One line of an order' })
export class OrderLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the order line' }) id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('integer') @Field(() => Int, { description: '1 for the first line' }) position: number;
  @Column('text') @Field({ description: 'What is ordered' }) description: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity, up to 3 decimals' })
  quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Price per unit, in the order currency' })
  unitPrice: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Quantity × unit price, rounded to cents' })
  lineTotal: string;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column('uuid', { name: 'product_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the catalogue product the line names, if any: shipments of the line ship that product',
  })
  productId: string | null;
  @Column('uuid', { name: 'contract_line_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description:
      "Id of the contract line it draws down (the order's contract has lines): never beyond what was contracted",
  })
  contractLineId: string | null;
}

export const Orders = defineTable(Order, { module: 'orders', noun: 'Order' });
export const OrderLines = defineTable(OrderLine, { module: 'orders', noun: 'OrderLine' });
