import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { InvoiceKind, InvoiceState, InvoiceType } from './invoice.enums.js';

@Entity('invoices')
@ObjectType('Invoice', {
  description:
    'An invoice (发票) from an invoice request on a contract, or a red-letter invoice (credit note) against one; ' +
    'amounts are tax-inclusive (价税合计), in the branch currency',
})
export class Invoice {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the invoice belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the invoice' }) id: string;
  @Column('text') @Field(() => InvoiceKind, { description: 'Invoice or credit note' }) kind: InvoiceKind;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the invoiced customer' })
  customerId: string;
  @Column('uuid', { name: 'contract_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description:
      'Id of the contract invoiced; null for a delivery of an order without a contract (and its credit notes)',
  })
  contractId: string | null;
  @Column('uuid', { name: 'order_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The order delivered, on an invoice from a delivery; else null' })
  orderId: string | null;
  @Column('uuid', { name: 'shipment_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The accepted shipment invoiced (from a delivery); else null' })
  shipmentId: string | null;
  @Column('uuid', { name: 'credited_invoice_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'A credit note’s invoice; null on an invoice' })
  creditedInvoiceId: string | null;
  @Column('text') @Field(() => InvoiceState, { description: 'Where it is' }) state: InvoiceState;
  @Column('text', { nullable: true })
  @Field(() => InvoiceType, { nullable: true, description: 'VAT special or ordinary: asked for, then as issued' })
  type: InvoiceType | null;
  @Column('character', { length: 3 }) @Field({ description: 'The branch currency' }) currency: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Total, tax included: the sum of the lines' })
  amount: string;
  @Column('numeric', { name: 'tax_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Tax in the total (sum of the lines’ tax); null until issued',
  })
  taxAmount: string | null;
  @VirtualColumn('numeric', { query: (t) => `(${t}.amount - ${t}.tax_amount)::text` })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Total without tax: amount - taxAmount; null until issued',
  })
  netAmount: string | null;
  @Column('numeric', { name: 'credited_amount', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, {
    description: 'Of an invoice’s total, what credit notes took off (0 on a credit note)',
  })
  creditedAmount: string;
  @VirtualColumn('numeric', {
    query: (t) =>
      `(CASE WHEN ${t}.kind = 'INVOICE' AND ${t}.state <> 'REJECTED' THEN ${t}.amount - ${t}.credited_amount ELSE 0.00 END)::text`,
  })
  @Field(() => GraphQLDecimal, {
    description: 'What still stands of an invoice: amount - creditedAmount (0 when rejected and on a credit note)',
  })
  remainingAmount: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Its number (gap-free per branch, series and year) once issued' })
  number: string | null;
  @Column('integer', { name: 'number_year', nullable: true }) numberYear: number | null;
  @Column('integer', { name: 'number_seq', nullable: true }) numberSeq: number | null;
  @Column('date', { name: 'issued_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it was issued (branch time zone)' })
  issuedOn: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The requester’s note, or a credit note’s reason' })
  note: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The review’s approval request (INVOICE_REQUEST)' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'requested_by' })
  @Field(() => ID, { description: 'Who requested (or credited) it' })
  requestedById: string;
  @Column('uuid', { name: 'issued_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who issued it' })
  issuedById: string | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was delivered to the customer' })
  deliveredAt: Date | null;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer confirmed it' })
  confirmedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was requested' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('invoice_lines')
@ObjectType('InvoiceLine', { description: 'One line of an invoice or credit note, tax-inclusive' })
export class InvoiceLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'invoice_id' }) @Field(() => ID, { description: 'Id of the invoice' }) invoiceId: string;
  @Column('smallint') @Field(() => Int, { description: 'Position on the invoice, from 1' }) position: number;
  @Column('text') @Field({ description: 'What is invoiced' }) description: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount, tax included' })
  amount: string;
  @Column('numeric', { name: 'tax_rate', precision: 5, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Tax rate in percent; null until issued' })
  taxRate: string | null;
  @Column('numeric', { name: 'tax_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Tax in the amount: amount × rate / (100 + rate), half-up to the cent; null until issued',
  })
  taxAmount: string | null;
  @Column('numeric', { name: 'credited_amount', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'What credit notes took off this line' })
  creditedAmount: string;
  @Column('numeric', { name: 'credited_tax', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Of the line’s tax, what credit notes took off' })
  creditedTax: string;
  @Column('uuid', { name: 'credited_line_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'A credit note line’s invoice line' })
  creditedLineId: string | null;
  @Column('uuid', { name: 'shipment_line_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The shipment line billed (an invoice from a delivery); else null' })
  shipmentLineId: string | null;
  @Column('uuid', { name: 'order_line_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The order line whose goods and price are billed; else null' })
  orderLineId: string | null;
  @Column('numeric', { precision: 18, scale: 3, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Quantity billed (a credit note: given back; null for a price correction); null on contract lines',
  })
  quantity: string | null;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The order line’s unit price, tax included' })
  unitPrice: string | null;
  @Column('numeric', { name: 'credited_quantity', precision: 18, scale: 3, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Of the quantity billed, what credit notes gave back' })
  creditedQuantity: string;
}

@Entity('invoice_number_counters')
export class InvoiceNumberCounter {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') series: InvoiceKind;
  @PrimaryColumn('integer') year: number;
  @Column('integer') last: number;
}

export const Invoices = defineTable(Invoice, { module: 'finance', noun: 'Invoice' });
export const InvoiceLines = defineTable(InvoiceLine, { module: 'finance', noun: 'InvoiceLine' });
export const InvoiceNumberCounters = defineTable(InvoiceNumberCounter, {
  module: 'finance',
  noun: 'InvoiceNumberCounter',
});
