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
import { OrderChannel } from '../order.enums.js';

@InputType({ description: 'One line of an order' })
export class OrderLineInput {
  @Field({ nullable: true, description: 'What is ordered; defaults to the contract line’s description' })
  @IsOptional()
  @Length(1, 500)
  @NotBlank()
  description?: string;
  @Field(() => GraphQLDecimal, { description: 'Positive, at most 3 decimals' }) quantity: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Not negative, at most 2 decimals, in the order currency; required without a contract line, whose price after ' +
      'discount it must be otherwise (left out, it is taken)',
  })
  @IsOptional()
  unitPrice?: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'The line of the order’s contract this line draws down (required when the contract has lines: contracts made ' +
      'from a quote); its product and price come with it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract line id' })
  contractLineId?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'A product of the organization’s catalogue: shipments of the line ship it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a product id' })
  productId?: string;
}

@InputType({ description: 'An order taken by phone, fax, e-mail or in person' })
export class CreateOrderInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => OrderChannel, { description: 'How the order came in' }) @IsEnum(OrderChannel) channel: OrderChannel;
  @Field(() => ID, { nullable: true, description: 'A SIGNED or ACTIVE contract of the same customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
  @Field(() => GraphQLDate, { description: 'Business day the order was received' }) receivedOn: string;
  @Field({ nullable: true, description: 'The customer’s own reference (fax no., PO no.)' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  reference?: string;
  @Field({ nullable: true, description: 'Defaults to the branch currency; no other is accepted' })
  @IsOptional()
  currency?: string;
  @Field(() => [OrderLineInput], { description: '1 to 200 lines' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
}

@InputType({ description: 'Changes to a DRAFT order; fields left out keep their value, lines replace all lines' })
export class UpdateOrderInput {
  @Field(() => ID, { nullable: true, description: 'Set a contract; give clearContract to remove it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
  @Field({ nullable: true, description: 'Unlink the contract' }) @IsOptional() clearContract?: boolean;
  @Field(() => OrderChannel, { nullable: true, description: 'How the order came in' })
  @IsOptional()
  @IsEnum(OrderChannel)
  channel?: OrderChannel;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the order was received' })
  @IsOptional()
  receivedOn?: string;
  @Field({ nullable: true, description: 'The customer’s own reference (fax no., PO no.)' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  reference?: string;
  @Field(() => [OrderLineInput], { nullable: true, description: 'Replaces every line' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines?: OrderLineInput[];
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
}

@InputType({
  description: 'An order made from an ACCEPTED quote: its lines (products, prices after discount) come from it',
})
export class OrderFromQuoteInput {
  @Field(() => OrderChannel, { description: 'How the order came in' })
  @IsEnum(OrderChannel)
  channel: OrderChannel;
  @Field(() => GraphQLDate, { description: 'The day the order was received (branch time zone)' })
  receivedOn: string;
  @Field({ nullable: true, description: 'The customer’s reference (PO number, fax no.)' })
  @IsOptional()
  @Length(1, 200)
  reference?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
}
