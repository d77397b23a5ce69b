import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { MEASURED_DISCOUNT } from './quote-lines.js';
import { QuoteState } from './quote-state.js';
import { QuoteLineKind } from './quote.enums.js';

/** The standard discount limit of a branch without its own setting (percent). */
export const DEFAULT_QUOTE_DISCOUNT_LIMIT = '10.00';
/** Days before the validity date at which the owner of a SENT quote is reminded, by default. */
export const DEFAULT_QUOTE_REMINDER_DAYS = 3;

/** The branch's limit for the quote row aliased `q` (a primary-key lookup, evaluated in the same statement). */
const LIMIT = (q: string) =>
  `coalesce((SELECT s.quote_discount_limit_percent FROM contract_settings s WHERE s.branch_id = ${q}.branch_id), ${DEFAULT_QUOTE_DISCOUNT_LIMIT})`;

/**
 * Whether the quote row aliased `q` exceeds its branch's limit: a line's discount above the limit, or an overall
 * discount above the limit applied to the subtotal (rounded to the cent, so lines exactly at the limit never need
 * approval through rounding).
 */
const NEEDS_APPROVAL = (q: string) =>
  `${q}.max_discount_percent > ${LIMIT(q)} OR ${q}.discount_amount > round(${q}.subtotal * ${LIMIT(q)} / 100, 2)`;

@Entity('quotes')
@ObjectType('Quote', {
  description:
    "A quote (报价单) to a customer: lines, discounts, approval beyond the standard discount, the customer's answer",
})
export class Quote {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the quote belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the quote' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('text') @Field({ description: 'What the quote offers' }) title: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency of every amount (the branch currency)' })
  currency: string;
  @Column('date', { name: 'valid_until' })
  @Field(() => GraphQLDate, { description: 'The last day the customer may accept (branch time zone)' })
  validUntil: string;
  @Column('text', { default: 'DRAFT' })
  @Field(() => QuoteState, { description: 'Where the quote is in its lifecycle' })
  state: QuoteState;
  @Column('text', { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Free text shown with the quote, e.g. delivery and service promises',
  })
  notes: string | null;
  @Column('numeric', { precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Sum of the lines before discount' })
  subtotal: string;
  @Column('numeric', { name: 'discount_amount', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Discount in money: subtotal − total' })
  discountAmount: string;
  @Column('numeric', { precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Sum of the line totals: what the customer pays' })
  total: string;
  @Column('numeric', { name: 'max_discount_percent', precision: 5, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, {
    description:
      'The largest discount of any line as approval measures it (measuredDiscountPercent: against the list price ' +
      'for a catalogue product)',
  })
  maxDiscountPercent: string;
  /** The branch's setting (contract_settings), read in the same statement as the quote. */
  @VirtualColumn('text', { query: (q) => `${LIMIT(q)}::text` })
  @Field(() => GraphQLDecimal, { description: "The branch's standard discount limit, in percent (a setting)" })
  discountLimitPercent: string;
  @VirtualColumn('boolean', { query: NEEDS_APPROVAL })
  @Field({
    description:
      'A line discount, or the overall discount (to the cent), exceeds the limit: the quote is approved before it is sent',
  })
  needsApproval: boolean;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The latest approval request of the quote' })
  approvalRequestId: string | null;
  @Column('text', { name: 'approval_note', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the last approval request was rejected, returned or withdrawn',
  })
  approvalNote: string | null;
  @Column('text', { name: 'decline_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the customer declined; null unless DECLINED' })
  declineReason: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The contract created from this quote' })
  contractId: string | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was sent to the customer; null before' })
  sentAt: Date | null;
  /** When the owner is reminded of the validity date (the worker's due timestamp). */
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true }) nextReminderAt: Date | null;
  /** When the worker expires the quote: the start of the day after validUntil (branch time zone). */
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the quote was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the quote last changed' })
  updatedAt: Date;
}

@Entity('quote_lines')
@ObjectType('QuoteLine', { description: 'One item of a quote; amounts are computed by the database in numeric' })
export class QuoteLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the quote line' }) id: string;
  @Column('uuid', { name: 'quote_id' }) quoteId: string;
  @Column('integer')
  @Field(() => Int, { description: '1 for the first line, in the order given' })
  position: number;
  @Column('text') @Field(() => QuoteLineKind, { description: 'Product or service' }) kind: QuoteLineKind;
  @Column('text') @Field({ description: 'What is offered' }) description: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity, up to 3 decimals' })
  quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Price per unit before discount, in the quote currency' })
  unitPrice: string;
  @Column('numeric', { name: 'discount_percent', precision: 5, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Percent off this line, 0 to 100' })
  discountPercent: string;
  @Column('numeric', { name: 'gross_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Before discount: round(quantity × unit price, 2)' })
  grossAmount: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'After discount: round(quantity × unit price × (1 − discount / 100), 2)',
  })
  lineTotal: string;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column('uuid', { name: 'product_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the catalogue product the line offers, if any; the description stays the line’s own',
  })
  productId: string | null;
  @Column('numeric', { name: 'list_price', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      "The product's list price when the line was priced (its discount is measured against it); null without a product",
  })
  listPrice: string | null;
  @VirtualColumn('text', { query: (l) => `round(${MEASURED_DISCOUNT(l)}, 2)::text` })
  @Field(() => GraphQLDecimal, {
    description:
      'The discount approval counts, in percent: for a catalogue product the larger of discountPercent and ' +
      '100 − price after discount / list price × 100 rounded up to the hundredth (a lowered unit price counts even at ' +
      '0 % discount); else discountPercent',
  })
  measuredDiscountPercent: string;
}

export const Quotes = defineTable(Quote, { module: 'contracts', noun: 'Quote' });
export const QuoteLines = defineTable(QuoteLine, { module: 'contracts', noun: 'QuoteLine' });
