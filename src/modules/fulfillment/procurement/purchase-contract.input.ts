import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';

@InputType({ description: 'The award of a supplier’s offer: a purchase contract with the supplier' })
export class AwardPurchaseContractInput {
  @Field(() => ID, { description: 'Id of the request for quotation whose offer is awarded (OFFERED)' })
  @IsUUID('all', { message: 'must be a request for quotation id' })
  quotationId: string;
  @Field(() => [ID], {
    nullable: true,
    description: 'The request lines awarded to this supplier, 1 to 200; default: every line it offered',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be procurement request line ids' })
  requestLineIds?: string[];
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'The deposit the contract asks for before delivery, 0 to the contract amount; default 0 (none)',
  })
  @IsOptional()
  depositDue?: string;
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Business day the goods are expected; default: today plus the longest lead time offered',
  })
  @IsOptional()
  expectedOn?: string;
  @Field({ nullable: true, description: 'Terms agreed (payment, delivery, warranty), 1 to 4000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 4000)
  terms?: string;
}

@InputType({ description: 'The deposit finance recorded as paid' })
export class RecordDepositInput {
  @Field(() => GraphQLDecimal, { description: 'Amount paid, at least the deposit due, at most the contract amount' })
  amount: string;
  @Field(() => GraphQLDate, { description: 'Business day it was paid (not in the future)' })
  paidOn: string;
}

@InputType({ description: 'A delivery follow-up with the supplier' })
export class FollowUpDeliveryInput {
  @Field(() => GraphQLDate, { description: 'The business day the supplier now promises (today or later)' })
  expectedOn: string;
  @Field({ description: 'What the supplier said, 1 to 2000 characters' }) @NotBlank() @Length(1, 2000) note: string;
}

@InputType({ description: 'Goods of one purchase contract line received' })
export class PurchaseContractReceiptLineInput {
  @Field(() => ID, { description: 'Id of the purchase contract line' })
  @IsUUID('all', { message: 'must be a purchase contract line id' })
  lineId: string;
  @Field(() => GraphQLDecimal, { description: 'More than zero, at most what the line still awaits' })
  quantity: string;
}

@InputType({ description: 'Goods of a purchase contract in delivery received into stock (cause PURCHASE_RECEIPT)' })
export class ReceivePurchaseContractInput {
  @Field(() => ID, { description: 'The location of the contract’s branch the goods go to' })
  @IsUUID('all', { message: 'must be a location id' })
  locationId: string;
  @Field(() => [PurchaseContractReceiptLineInput], { description: '1 to 200 lines, at most one per contract line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PurchaseContractReceiptLineInput)
  lines: PurchaseContractReceiptLineInput[];
  @Field({ nullable: true, description: 'Free note on the receipt (delivery note no.), 1 to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}
