import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { ProcurementRequestState, SupplierQuotationState } from './procurement.enums.js';

@Entity('procurement_requests')
@ObjectType('ProcurementRequest', {
  description: 'A procurement request (采购申请): the need for catalogue products, its plan, and the sourcing',
})
export class ProcurementRequest {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch buying (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the request' }) id: string;
  @Column('text')
  @Field({ description: 'Its number, gap-free per branch and year (PR-<branch>-<year>-<n>)' })
  number: string;
  @Column('text') @Field({ description: 'What is needed, in a few words' }) title: string;
  @Column('text') @Field({ description: 'Why it is needed' }) reason: string;
  @Column('date', { name: 'wanted_by' })
  @Field(() => GraphQLDate, { description: 'Business day the goods are wanted by' })
  wantedBy: string;
  @Column('uuid', { name: 'buyer_id' })
  @Field(() => ID, { description: 'Id of the buyer who follows it (as an object: buyer)' })
  buyerId: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => ProcurementRequestState, { description: 'Where it is' })
  state: ProcurementRequestState;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency of its budget and offers (the branch currency)' })
  currency: string;
  @Column('numeric', { name: 'plan_budget', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The plan’s budget; null until planned' })
  planBudget: string | null;
  @Column('date', { name: 'plan_order_by', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'The plan’s business day to order by' })
  planOrderBy: string | null;
  @Column('text', { name: 'plan_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'The plan: how and from whom it will be sourced' })
  planNote: string | null;
  @Column('timestamptz', { name: 'planned_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was (last) planned' })
  plannedAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was cancelled' })
  cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled' })
  cancelReason: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who recorded it' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('procurement_request_lines')
@ObjectType('ProcurementRequestLine', { description: 'One catalogue product a procurement request needs' })
export class ProcurementRequestLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'request_id' })
  @Field(() => ID, { description: 'Id of the procurement request' })
  requestId: string;
  @Column('integer') @Field(() => Int, { description: 'Position in the request, from 1' }) position: number;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the catalogue product (as an object: product)' })
  productId: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity needed, in the product unit' })
  quantity: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What the line needs beyond the catalogue entry' })
  note: string | null;
}

@Entity('supplier_quotations')
@ObjectType('SupplierQuotation', {
  description: 'A request for quotation (询价) sent to one supplier for a procurement request, and its offer',
})
export class SupplierQuotation {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the request for quotation' }) id: string;
  @Column('uuid', { name: 'request_id' })
  @Field(() => ID, { description: 'Id of the procurement request' })
  requestId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'vendor_id' })
  @Field(() => ID, { description: 'Id of the supplier asked (as an object: supplier)' })
  vendorId: string;
  @Column('text', { default: 'REQUESTED' })
  @Field(() => SupplierQuotationState, { description: 'Where it is' })
  state: SupplierQuotationState;
  @Column('date', { name: 'reply_by' })
  @Field(() => GraphQLDate, { description: 'Business day the supplier was asked to answer by' })
  replyBy: string;
  @Column('timestamptz', { name: 'offered_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its offer was (last) recorded' })
  offeredAt: Date | null;
  @Column('text', { name: 'offer_reference', nullable: true })
  @Field(() => String, { nullable: true, description: 'The supplier’s own reference of its offer' })
  offerReference: string | null;
  @Column('text', { name: 'declined_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the supplier declined' })
  declinedReason: string | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who sent it' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was sent' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('supplier_offer_lines')
@ObjectType('SupplierOfferLine', { description: 'What a supplier offers for one line of the procurement request' })
export class SupplierOfferLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the offer line' }) id: string;
  @Column('uuid', { name: 'quotation_id' })
  @Field(() => ID, { description: 'Id of the request for quotation it answers' })
  quotationId: string;
  @Column('uuid', { name: 'request_line_id' })
  @Field(() => ID, { description: 'Id of the procurement request line it prices' })
  requestLineId: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Price per unit offered, in the request currency' })
  unitPrice: string;
  @Column('integer', { name: 'lead_time_days' })
  @Field(() => Int, { description: 'Calendar days from order to delivery the supplier promises' })
  leadTimeDays: number;
  @Column('date', { name: 'valid_until' })
  @Field(() => GraphQLDate, { description: 'Last business day the offer holds' })
  validUntil: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Terms of the offer (payment, delivery, warranty)' })
  terms: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it was (last) recorded' })
  updatedAt: Date;
}

/** The last procurement request number given per branch and year (gap-free). */
@Entity('procurement_request_counters')
export class ProcurementRequestCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

export const ProcurementRequests = defineTable(ProcurementRequest, {
  module: 'fulfillment',
  noun: 'ProcurementRequest',
});
export const ProcurementRequestLines = defineTable(ProcurementRequestLine, {
  module: 'fulfillment',
  noun: 'ProcurementRequestLine',
});
export const SupplierQuotations = defineTable(SupplierQuotation, { module: 'fulfillment', noun: 'SupplierQuotation' });
export const SupplierOfferLines = defineTable(SupplierOfferLine, { module: 'fulfillment', noun: 'SupplierOfferLine' });
export const ProcurementRequestCounters = defineTable(ProcurementRequestCounter, {
  module: 'fulfillment',
  noun: 'ProcurementRequestCounter',
});
