import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { QuoteLineKind } from './quote.enums.js';

@Entity('contract_lines')
@ObjectType('ContractLine', {
  description:
    'One line of a contract, copied from the accepted quote it was made from; order lines draw it down and never beyond',
})
export class ContractLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contract line' }) id: string;
  @Column('uuid', { name: 'contract_id' })
  @Field(() => ID, { description: 'Id of the contract' })
  contractId: string;
  @Column('uuid', { name: 'quote_line_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the quote line it was copied from' })
  quoteLineId: string | null;
  @Column('integer') @Field(() => Int, { description: '1 for the first line, as on the quote' }) position: number;
  @Column('text') @Field(() => QuoteLineKind, { description: 'Product or service' }) kind: QuoteLineKind;
  @Column('text') @Field({ description: 'What is contracted' }) description: string;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity contracted, up to 3 decimals' })
  quantity: string;
  @Column('numeric', { name: 'unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Price per unit before discount, as quoted' })
  unitPrice: string;
  @Column('numeric', { name: 'discount_percent', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Percent off, as quoted' })
  discountPercent: string;
  @Column('numeric', { name: 'net_unit_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, {
    description: 'Price per unit after the discount, half-up to the cent: the price of the order lines that draw it',
  })
  netUnitPrice: string;
  @Column('numeric', { name: 'line_total', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: "The quote line's total after discount (the lines sum to the amount)" })
  lineTotal: string;
  @Column('uuid', { name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column('uuid', { name: 'product_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the catalogue product, if any (as an object: product)' })
  productId: string | null;
  @Column('numeric', { precision: 18, scale: 3, default: 0 })
  @Field(() => GraphQLDecimal, {
    description: 'What orders hold of it (every order that is not cancelled or rejected); never above quantity',
  })
  ordered: string;
  @VirtualColumn('text', { query: (l) => `(${l}.quantity - ${l}.ordered)::text` })
  @Field(() => GraphQLDecimal, { description: 'What may still be ordered: quantity − ordered' })
  remaining: string;
}

export const ContractLines = defineTable(ContractLine, { module: 'contracts', noun: 'ContractLine' });
