import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Invoice } from './invoice.entity.js';
import { ShipmentStatus } from '../fulfillment/shipment.enums.js';
import { InvoiceKind, InvoiceState } from './invoice.enums.js';

@ObjectType('InvoiceConnection', {
  description: 'A page of invoices and credit notes, newest first (Relay connection)',
})
export class InvoiceConnection extends Connection(Invoice, 'Invoice') {}

@InputType({ description: 'Conditions on the invoices list; all given must hold' })
export class InvoiceFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this customer’s' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this contract’s' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the invoices from this shipment (and no credit notes)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a shipment id' })
  shipmentId?: string;
  @Field(() => InvoiceKind, { nullable: true, description: 'Only invoices, or only credit notes' })
  @IsOptional()
  @IsEnum(InvoiceKind)
  kind?: InvoiceKind;
  @Field(() => InvoiceState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(InvoiceState)
  state?: InvoiceState;
}

@ObjectType('ContractInvoicing', {
  description: 'How much of a contract is invoiced: amount = standing + invoiceable',
})
export class ContractInvoicing {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field(() => ID, { description: 'Id of the contract' }) contractId: string;
  @Field({ description: 'The contract currency' }) currency: string;
  @Field(() => GraphQLDecimal, { description: 'The contract amount' }) amount: string;
  @Field(() => GraphQLDecimal, {
    description: 'Requested, approved or issued and not credited: invoices not REJECTED, less their credit notes',
  })
  standing: string;
  @Field(() => GraphQLDecimal, { description: 'What may still be requested: amount - standing' })
  invoiceable: string;
}

@ObjectType('InvoicedReceivable', {
  description:
    'What a customer (or one contract) owes on its invoices, in the branch currency: ' +
    'invoiced - credited - received = receivable, to the cent',
})
export class InvoicedReceivable {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Field(() => ID, { nullable: true, description: 'Id of the contract; null on a per-customer row' })
  contractId: string | null;
  @Field({ description: 'The branch currency' }) currency: string;
  @Field(() => GraphQLDecimal, { description: 'Issued invoices (ISSUED, DELIVERED, CONFIRMED), tax included' })
  invoiced: string;
  @Field(() => GraphQLDecimal, { description: 'Credit notes against them' }) credited: string;
  @Field(() => GraphQLDecimal, {
    description:
      'Per customer: every RECORDED receipt (applied or not); per contract: what receipts applied to its instalments',
  })
  received: string;
  @Field(() => GraphQLDecimal, { description: 'Invoiced - credited - received (negative: paid ahead of invoices)' })
  receivable: string;
  /** The connection's node id: the customer's or the contract's. */
  id: string;
}

@ObjectType('InvoicedReceivableConnection', {
  description: 'A page of invoice-based receivables by branch and key (Relay connection)',
})
export class InvoicedReceivableConnection extends Connection(InvoicedReceivable, 'InvoicedReceivable') {}

@ObjectType('DeliveryLineInvoicing', {
  description: 'One shipment line as finance invoices it: invoiceable = delivered - returned - invoiced (at least 0)',
})
export class DeliveryLineInvoicing {
  @Field(() => ID, { description: 'Id of the shipment line' }) shipmentLineId: string;
  @Field(() => ID, { description: 'Id of the order line (its description and unit price)' }) orderLineId: string;
  @Field({ description: 'The order line’s description' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'The order line’s unit price, tax included' }) unitPrice: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity delivered: the line’s quantity once ACCEPTED, else 0' })
  delivered: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity returned or being returned (returns not rejected)' })
  returned: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity standing invoiced: not rejected, less credits' })
  invoiced: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity still to invoice' }) invoiceable: string;
}

@ObjectType('ShipmentInvoicing', { description: 'How much of a shipment is invoiced, per shipment line' })
export class ShipmentInvoicing {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field(() => ID, { description: 'Id of the shipment' }) shipmentId: string;
  @Field(() => ID, { description: 'Id of the order shipped' }) orderId: string;
  @Field(() => ID, { nullable: true, description: 'The order’s contract, which invoices count against' })
  contractId: string | null;
  @Field(() => ShipmentStatus, { description: 'Only ACCEPTED shipments are invoiced' }) status: ShipmentStatus;
  @Field({ description: 'The order currency' }) currency: string;
  @Field(() => [DeliveryLineInvoicing], { description: 'Its lines' }) lines: DeliveryLineInvoicing[];
}
