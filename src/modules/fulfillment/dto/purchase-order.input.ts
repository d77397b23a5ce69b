import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';

@InputType({ description: 'What a purchase order buys for one line of the sales order' })
export class PurchaseOrderLineInput {
  @Field(() => ID, { description: 'Id of the sales order line it draws down' })
  @IsUUID('all', { message: 'must be an order line id' })
  orderLineId: string;
  @Field(() => ID, { description: 'Id of the catalogue product bought for it' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => GraphQLDecimal, {
    description: 'More than zero, at most what the order line still needs (less what other purchase orders buy)',
  })
  quantity: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit agreed with the maker (0 or more, 2 decimals)' })
  unitPrice: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day this line is expected, when it differs' })
  @IsOptional()
  expectedOn?: string;
}

@InputType({ description: 'A purchase order to the maker for a binding sales order (CONFIRMED, APPROVED or RELEASED)' })
export class CreatePurchaseOrderInput {
  @Field(() => ID, { description: 'Id of the sales order' })
  @IsUUID('all', { message: 'must be an order id' })
  orderId: string;
  @Field(() => ID, { description: 'Id of the maker (a vendor of kind MAKER or MAKER_AND_SUPPLIER)' })
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId: string;
  @Field(() => [PurchaseOrderLineInput], { description: '1 to 200 lines, at most one per order line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PurchaseOrderLineInput)
  lines: PurchaseOrderLineInput[];
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the goods are expected' })
  @IsOptional()
  expectedOn?: string;
  @Field({ nullable: true, description: 'Free note, 1 to 4000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 4000)
  note?: string;
}

@InputType({ description: 'The maker’s confirmation of a PLACED purchase order' })
export class ConfirmPurchaseOrderInput {
  @Field(() => GraphQLDate, { description: 'Business day the maker confirmed (not in the future)' })
  confirmedOn: string;
  @Field({ description: 'The maker’s reference (order confirmation no.), 1 to 200 characters' })
  @NotBlank()
  @Length(1, 200)
  reference: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'The delivery date the maker confirmed, when it changed' })
  @IsOptional()
  expectedOn?: string;
}

@InputType({ description: 'Goods of one purchase order line received' })
export class PurchaseReceiptLineInput {
  @Field(() => ID, { description: 'Id of the purchase order line' })
  @IsUUID('all', { message: 'must be a purchase order line id' })
  lineId: string;
  @Field(() => GraphQLDecimal, { description: 'More than zero, at most what the line still awaits' })
  quantity: string;
}

@InputType({ description: 'Goods of a CONFIRMED purchase order received into stock (cause PURCHASE_RECEIPT)' })
export class ReceivePurchaseOrderInput {
  @Field(() => ID, { description: 'The location of the purchase order’s branch the goods go to' })
  @IsUUID('all', { message: 'must be a location id' })
  locationId: string;
  @Field(() => [PurchaseReceiptLineInput], { description: '1 to 200 lines, at most one per purchase order line' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PurchaseReceiptLineInput)
  lines: PurchaseReceiptLineInput[];
  @Field({ nullable: true, description: 'Free note on the receipt (delivery note no.), 1 to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}
