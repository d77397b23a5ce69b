import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { QuoteLineKind } from '../quote.enums.js';

@InputType({ description: 'One line of a quote' })
export class QuoteLineInput {
  @Field(() => QuoteLineKind, { description: 'Product or service' }) @IsEnum(QuoteLineKind) kind: QuoteLineKind;
  @Field({ description: 'What is offered' }) @Length(1, 500) @NotBlank() description: string;
  @Field(() => GraphQLDecimal, { description: 'Positive, at most 3 decimals' }) quantity: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'In the quote currency, at most 2 decimals; with a productId it defaults to the branch price (else list)',
  })
  @IsOptional()
  unitPrice?: string;
  @Field(() => ID, { nullable: true, description: 'A product of the organization’s catalogue that the line offers' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a product id' })
  productId?: string;
  @Field(() => GraphQLDecimal, { nullable: true, defaultValue: '0', description: '0 to 100, at most 2 decimals' })
  @IsOptional()
  discountPercent?: string;
}

@InputType({ description: 'A quote (报价单) with its lines' })
export class CreateQuoteInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer, of the same branch' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field({ description: 'What the quote offers' }) @Length(1, 200) @NotBlank() title: string;
  @Field({ nullable: true, description: 'Defaults to the branch currency; no other is accepted' })
  @IsOptional()
  currency?: string;
  @Field(() => GraphQLDate, { description: 'The last day the customer may accept; today or later' })
  validUntil: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ nullable: true, description: 'Free text shown with the quote, e.g. delivery and service promises' })
  @IsOptional()
  @MaxLength(4000)
  notes?: string;
  @Field(() => [QuoteLineInput], { description: '1 to 100 lines, in this order' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInput)
  lines: QuoteLineInput[];
}

@InputType({
  description: 'Changes to a quote in DRAFT or APPROVED (back to DRAFT); lines, if given, replace all lines',
})
export class UpdateQuoteInput {
  @Field({ nullable: true, description: 'What the quote offers' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'The last day the customer may accept (branch time zone)' })
  @IsOptional()
  validUntil?: string;
  @Field({ nullable: true, description: 'Free text shown with the quote, e.g. delivery and service promises' })
  @IsOptional()
  @MaxLength(4000)
  notes?: string;
  @Field(() => [QuoteLineInput], { nullable: true, description: 'Replaces every line' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInput)
  lines?: QuoteLineInput[];
}

@InputType({ description: 'The term of the contract made from an accepted quote' })
export class ContractFromQuoteInput {
  @Field(() => GraphQLDate, { description: 'First day of the term' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the term' }) endsOn: string;
  @Field({ nullable: true, description: 'Defaults to the quote title' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
  @Field({ nullable: true, description: 'Special terms, if any' })
  @IsOptional()
  @MaxLength(10000)
  specialTerms?: string;
}
