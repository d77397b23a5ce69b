import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { GraphQLDecimal, NotBlank } from '@app/graphql';
import { InvoiceType } from '../invoice.enums.js';

@InputType({ description: 'One line to invoice, tax included' })
export class InvoiceLineInput {
  @Field({ description: 'What is invoiced (1 to 200 characters)' })
  @Length(1, 200)
  @NotBlank()
  description: string;
  @Field(() => GraphQLDecimal, { description: 'Amount, tax included, in the contract currency (positive, 2 decimals)' })
  amount: string;
}

@InputType({ description: 'An invoice request (开票申请) on a contract, for finance to review' })
export class RequestInvoiceInput {
  @Field(() => ID, { description: 'Id of a SIGNED, ACTIVE or COMPLETED contract' })
  @IsUUID('all', { message: 'must be a contract id' })
  contractId: string;
  @Field(() => InvoiceType, { nullable: true, description: 'The kind of VAT invoice the customer asks for' })
  @IsOptional()
  @IsEnum(InvoiceType)
  type?: InvoiceType;
  @Field({ nullable: true, description: 'A note for finance (1 to 1000 characters)' })
  @IsOptional()
  @Length(1, 1000)
  @NotBlank()
  note?: string;
  @Field(() => [InvoiceLineInput], {
    description: '1 to 100 lines; together at most what is still invoiceable on the contract',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInput)
  lines: InvoiceLineInput[];
}

@InputType({ description: 'A quantity of one shipment line to invoice' })
export class DeliveryInvoiceLineInput {
  @Field(() => ID, { description: 'Id of a line of the shipment' })
  @IsUUID('all', { message: 'must be a shipment line id' })
  shipmentLineId: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity (positive, 3 decimals), at most what is left to invoice' })
  quantity: string;
}

@InputType({ description: 'An invoice request (开票申请) from an accepted shipment, for finance to review' })
export class RequestDeliveryInvoiceInput {
  @Field(() => ID, { description: 'Id of an ACCEPTED shipment of an order with a signed contract' })
  @IsUUID('all', { message: 'must be a shipment id' })
  shipmentId: string;
  @Field(() => InvoiceType, { nullable: true, description: 'The kind of VAT invoice the customer asks for' })
  @IsOptional()
  @IsEnum(InvoiceType)
  type?: InvoiceType;
  @Field({ nullable: true, description: 'A note for finance (1 to 1000 characters)' })
  @IsOptional()
  @Length(1, 1000)
  @NotBlank()
  note?: string;
  @Field(() => [DeliveryInvoiceLineInput], {
    nullable: true,
    description: 'Up to 100 shipment lines, each once; omit for everything still invoiceable on the shipment',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DeliveryInvoiceLineInput)
  lines?: DeliveryInvoiceLineInput[];
}

@InputType({ description: 'A tax rate for one line of the invoice' })
export class InvoiceLineTaxInput {
  @Field(() => ID, { description: 'Id of a line of the invoice' })
  @IsUUID('all', { message: 'must be a line id' })
  lineId: string;
  @Field(() => GraphQLDecimal, { description: 'Tax rate in percent, 0 to 100 (at most 2 decimals)' })
  taxRate: string;
}

@InputType({ description: 'Issuing an APPROVED invoice: its type and tax; number and day are given' })
export class IssueInvoiceInput {
  @Field(() => InvoiceType, { description: 'VAT special or ordinary' })
  @IsEnum(InvoiceType)
  type: InvoiceType;
  @Field(() => GraphQLDecimal, { description: 'Tax rate in percent for every line (e.g. "13"), 0 to 100' })
  taxRate: string;
  @Field(() => [InvoiceLineTaxInput], { nullable: true, description: 'Lines taxed at another rate, each once' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineTaxInput)
  lineTaxRates?: InvoiceLineTaxInput[];
}

@InputType({ description: 'What a credit note takes off one line of the invoice, tax included' })
export class CreditLineInput {
  @Field(() => ID, { description: 'Id of a line of the invoice' })
  @IsUUID('all', { message: 'must be a line id' })
  lineId: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Amount taken off: at most what remains on the line (positive, 2 decimals); or give quantity',
  })
  @IsOptional()
  amount?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'On a line from a delivery: the quantity given back (goods returned), at most what is not yet credited; ' +
      'its amount is quantity × unit price (the rest of the line when all of it)',
  })
  @IsOptional()
  quantity?: string;
}

@InputType({
  description: 'A red-letter invoice (credit note) against an issued invoice, for a return or a correction',
})
export class CreditInvoiceInput {
  @Field(() => ID, { description: 'Id of an ISSUED, DELIVERED or CONFIRMED invoice' })
  @IsUUID('all', { message: 'must be an invoice id' })
  invoiceId: string;
  @Field({ description: 'Why: the return or the correction (1 to 1000 characters)' })
  @Length(1, 1000)
  @NotBlank()
  reason: string;
  @Field(() => [CreditLineInput], { description: '1 to 100 lines of the invoice, each once' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreditLineInput)
  lines: CreditLineInput[];
}
