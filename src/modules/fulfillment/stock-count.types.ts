import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Connection, GraphQLDecimal, NotBlank } from '@app/graphql';
import { StockCount } from './stock-count.entity.js';
import { StockCountStatus } from './stock-count.enums.js';

@ObjectType('StockCountConnection', { description: 'A page of stock counts, newest first (Relay connection)' })
export class StockCountConnection extends Connection(StockCount, 'StockCount') {}

@InputType({ description: 'Open a count of one location: the book quantities are snapshotted now' })
export class OpenStockCountInput {
  @Field(() => ID, { description: 'The location to count (its branch is the count’s)' })
  @IsUUID('all', { message: 'must be a location id' })
  locationId: string;
  @Field({ nullable: true, description: 'Free note, e.g. "Month-end count 2026-11 with finance"' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}

@InputType({ description: 'What was counted of one product' })
export class StockCountLineInput {
  @Field(() => ID, { description: 'Id of the product (one not on the book is added with book 0)' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity counted, zero or more, at most 3 decimals' })
  countedQuantity: string;
  @Field({ nullable: true, description: 'Why it differs from the book (required when it does)' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  reason?: string;
}

@InputType({ description: 'Counted quantities of an OPEN count; a product recorded again replaces its earlier figure' })
export class RecordStockCountInput {
  @Field(() => [StockCountLineInput], { description: '1 to 500 lines, one per product' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StockCountLineInput)
  lines: StockCountLineInput[];
}

@InputType({ description: 'Narrows a list of stock counts' })
export class StockCountFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'One location' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a location id' })
  locationId?: string;
  @Field(() => StockCountStatus, { nullable: true, description: 'One status' })
  @IsOptional()
  @IsEnum(StockCountStatus)
  status?: StockCountStatus;
}
