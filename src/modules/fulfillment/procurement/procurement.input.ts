import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';

@InputType({ description: 'One catalogue product a procurement request needs' })
export class ProcurementLineInput {
  @Field(() => ID, { description: 'Id of the catalogue product (active)' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity needed, more than zero, at most 3 decimals' })
  quantity: string;
  @Field({ nullable: true, description: 'What the line needs beyond the catalogue entry, 1 to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'A procurement request: the need' })
export class CreateProcurementRequestInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The buyer who follows it (a person of the branch); defaults to you',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  buyerId?: string;
  @Field({ description: 'What is needed, 1 to 200 characters' }) @NotBlank() @Length(1, 200) title: string;
  @Field({ description: 'Why it is needed, 1 to 4000 characters' }) @NotBlank() @Length(1, 4000) reason: string;
  @Field(() => GraphQLDate, { description: 'Business day the goods are wanted by (today or later)' })
  wantedBy: string;
  @Field(() => [ProcurementLineInput], { description: '1 to 200 lines, one per product' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ProcurementLineInput)
  lines: ProcurementLineInput[];
}

@InputType({ description: 'The plan of a procurement request' })
export class PlanProcurementInput {
  @Field(() => GraphQLDecimal, { description: 'Budget in the branch currency, 0 or more, 2 decimals' })
  budget: string;
  @Field(() => GraphQLDate, { description: 'Business day to order by (not after the wanted-by day)' })
  orderBy: string;
  @Field({ nullable: true, description: 'How and from whom it will be sourced, 1 to 4000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 4000)
  note?: string;
}

@InputType({ description: 'Requests for quotation to several suppliers' })
export class RequestQuotationsInput {
  @Field(() => [ID], { description: '1 to 20 suppliers (vendors of kind SUPPLIER or MAKER_AND_SUPPLIER, active)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be vendor ids' })
  vendorIds: string[];
  @Field(() => GraphQLDate, { description: 'Business day the suppliers are asked to answer by (today or later)' })
  replyBy: string;
}

@InputType({ description: 'What a supplier offers for one line of the procurement request' })
export class SupplierOfferLineInput {
  @Field(() => ID, { description: 'Id of the procurement request line' })
  @IsUUID('all', { message: 'must be a procurement request line id' })
  requestLineId: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit, 0 or more, 2 decimals, in the request currency' })
  unitPrice: string;
  @Field(() => Int, { description: 'Calendar days from order to delivery, 0 to 3650' })
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays: number;
  @Field(() => GraphQLDate, { description: 'Last business day the offer holds' })
  validUntil: string;
  @Field({ nullable: true, description: 'Terms (payment, delivery, warranty), 1 to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  terms?: string;
}

@InputType({ description: 'A supplier’s offer (or its revision): lines not named keep what was offered before' })
export class RecordSupplierOfferInput {
  @Field({ nullable: true, description: 'The supplier’s own reference of its offer, 1 to 200 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  reference?: string;
  @Field(() => [SupplierOfferLineInput], { description: '1 to 200 lines, at most one per request line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SupplierOfferLineInput)
  lines: SupplierOfferLineInput[];
}
