import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Product, Vendor } from './catalogue.entity.js';
import { VendorKind } from './fulfillment.enums.js';
import { StockLevel, StockMovement, WarehouseLocation } from './stock.entity.js';

@ObjectType('ProductConnection', { description: 'A page of catalogue products, by code (Relay connection)' })
export class ProductConnection extends Connection(Product, 'Product') {}

@ObjectType('VendorConnection', { description: 'A page of makers and suppliers, by code (Relay connection)' })
export class VendorConnection extends Connection(Vendor, 'Vendor') {}

@ObjectType('StockLevelConnection', { description: 'A page of stock levels (Relay connection)' })
export class StockLevelConnection extends Connection(StockLevel, 'StockLevel') {}

@ObjectType('StockMovementConnection', { description: 'A page of stock movements, newest first (Relay connection)' })
export class StockMovementConnection extends Connection(StockMovement, 'StockMovement') {}

@ObjectType('WarehouseLocationConnection', { description: 'A page of warehouse locations, by code (Relay connection)' })
export class WarehouseLocationConnection extends Connection(WarehouseLocation, 'WarehouseLocation') {}

@ObjectType('BranchStockValue', { description: "A branch's stock valued at cost price, in one currency" })
export class BranchStockValue {
  @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @Field({ description: 'ISO 4217 currency of the value' }) currency: string;
  @Field(() => GraphQLDecimal, { description: 'Sum of on hand × cost price' }) value: string;
  @Field(() => GraphQLDecimal, { description: 'Sum of the quantities on hand (all units together)' })
  quantity: string;
}

@InputType({ description: 'Conditions on the product list; all given must hold' })
export class ProductFilter {
  @Field({ nullable: true, description: 'true: only active products; false: only retired ones' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @Field(() => ID, { nullable: true, description: 'Only products of this maker' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId?: string;
  @Field({ nullable: true, description: 'Code or name contains this text (case-insensitive)' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}

@InputType({ description: 'Conditions on the vendor list; all given must hold' })
export class VendorFilter {
  @Field(() => VendorKind, { nullable: true, description: 'Only this kind (MAKER also lists MAKER_AND_SUPPLIER)' })
  @IsOptional()
  @IsEnum(VendorKind)
  kind?: VendorKind;
  @Field({ nullable: true, description: 'true: only active vendors' }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType({ description: 'Conditions on stock levels; all given must hold' })
export class StockLevelFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this product' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a product id' })
  productId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this location' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a location id' })
  locationId?: string;
  @Field({ nullable: true, description: 'true: only levels with something on hand' })
  @IsOptional()
  @IsBoolean()
  inStock?: boolean;
}

@InputType({ description: 'Conditions on the movements of a product' })
export class StockMovementFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this location' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a location id' })
  locationId?: string;
}
