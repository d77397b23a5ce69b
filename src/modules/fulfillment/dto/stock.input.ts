import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLDecimal } from '@app/graphql';
import { StockInCause } from '../fulfillment.enums.js';

@InputType({ description: 'A place to keep stock in a branch' })
export class CreateWarehouseLocationInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'Short code, unique in the branch' }) @Length(1, 40) code: string;
  @Field({ description: 'Name' }) @Length(1, 200) name: string;
}

@InputType({ description: 'Where a movement happens and what moves' })
class StockPlace {
  @Field(() => ID, { description: 'Id of the product' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => ID, { description: 'Id of the location (its branch is where the stock moves)' })
  @IsUUID('all', { message: 'must be a location id' })
  locationId: string;
  @Field({ nullable: true, description: 'The document behind it (receipt, delivery note, count no.)' })
  @IsOptional()
  @Length(1, 200)
  reference?: string;
  @Field({ nullable: true, description: 'Free note' }) @IsOptional() @Length(1, 4000) note?: string;
}

@InputType({ description: 'Goods coming into stock' })
export class ReceiveStockInput extends StockPlace {
  @Field(() => GraphQLDecimal, { description: 'Quantity received, more than zero' }) quantity: string;
  @Field(() => StockInCause, { description: 'Purchase receipt or customer return' })
  @IsEnum(StockInCause)
  cause: StockInCause;
}

@InputType({ description: 'Goods leaving stock for a shipment' })
export class IssueStockInput extends StockPlace {
  @Field(() => GraphQLDecimal, { description: 'Quantity issued, more than zero and at most what is on hand' })
  quantity: string;
}

@InputType({ description: 'A stock count: the quantity found replaces the recorded one' })
export class AdjustStockInput extends StockPlace {
  @Field(() => GraphQLDecimal, { description: 'Quantity counted at the location, zero or more' })
  countedQuantity: string;
}
