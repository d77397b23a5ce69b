import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { GraphQLDecimal } from '@app/graphql';
import { VendorKind } from '../fulfillment.enums.js';

const CURRENCY = /^[A-Z]{3}$/;

@InputType({ description: 'A product for the catalogue' })
export class CreateProductInput {
  @Field({ description: 'Product code, unique in the organization' }) @Length(1, 60) code: string;
  @Field({ description: 'Product name' }) @Length(1, 200) name: string;
  @Field({ nullable: true, description: 'Model and specification' })
  @IsOptional()
  @Length(1, 1000)
  specification?: string;
  @Field({ description: 'Unit of measure, e.g. "pcs"' }) @Length(1, 20) unit: string;
  @Field(() => GraphQLDecimal, { description: 'List price' }) listPrice: string;
  @Field(() => GraphQLDecimal, { description: 'Cost price' }) costPrice: string;
  @Field({ nullable: true, description: 'ISO 4217 currency of the prices; defaults to CNY' })
  @IsOptional()
  @Matches(CURRENCY, { message: 'must be a three-letter ISO 4217 code such as "CNY"' })
  currency?: string;
  @Field(() => ID, { nullable: true, description: 'Id of the maker (a vendor of kind MAKER or MAKER_AND_SUPPLIER)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId?: string;
}

@InputType({ description: 'Changes to a product; fields left out keep their value' })
export class UpdateProductInput {
  @Field({ nullable: true, description: 'Product name' }) @IsOptional() @Length(1, 200) name?: string;
  @Field({ nullable: true, description: 'Model and specification' })
  @IsOptional()
  @Length(1, 1000)
  specification?: string;
  @Field({ nullable: true, description: 'Unit of measure' }) @IsOptional() @Length(1, 20) unit?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'List price' }) @IsOptional() listPrice?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Cost price' }) @IsOptional() costPrice?: string;
  @Field(() => ID, { nullable: true, description: 'Id of the maker' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a vendor id' })
  makerId?: string;
  @Field({ nullable: true, description: 'false retires the product (it stays for history)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType({ description: "A branch's own price for a product" })
export class SetBranchPriceInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the product' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The price; null removes it (the list price applies)' })
  @IsOptional()
  price?: string | null;
}

@InputType({ description: 'A maker or supplier' })
export class CreateVendorInput {
  @Field({ description: 'Short code, unique in the organization' }) @Length(1, 40) code: string;
  @Field({ description: 'Name of the company' }) @Length(1, 200) name: string;
  @Field(() => VendorKind, { description: 'Maker, supplier, or both' }) @IsEnum(VendorKind) kind: VendorKind;
  @Field({ nullable: true, description: 'Country' }) @IsOptional() @Length(1, 100) country?: string;
  @Field({ nullable: true, description: 'Postal address' }) @IsOptional() @Length(1, 500) address?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @Length(1, 4000) note?: string;
}

@InputType({ description: 'Changes to a vendor; fields left out keep their value' })
export class UpdateVendorInput {
  @Field({ nullable: true, description: 'Name of the company' }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => VendorKind, { nullable: true, description: 'Maker, supplier, or both' })
  @IsOptional()
  @IsEnum(VendorKind)
  kind?: VendorKind;
  @Field({ nullable: true, description: 'Country' }) @IsOptional() @Length(1, 100) country?: string;
  @Field({ nullable: true, description: 'Postal address' }) @IsOptional() @Length(1, 500) address?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @Length(1, 4000) note?: string;
  @Field({ nullable: true, description: 'false: no longer dealt with' }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType({ description: 'A person at a vendor' })
export class AddVendorContactInput {
  @Field(() => ID, { description: 'Id of the vendor' })
  @IsUUID('all', { message: 'must be a vendor id' })
  vendorId: string;
  @Field({ description: 'Name' }) @Length(1, 200) name: string;
  @Field({ nullable: true, description: 'Job title' }) @IsOptional() @Length(1, 200) title?: string;
  @Field({ nullable: true, description: 'Phone' }) @IsOptional() @Length(1, 50) phone?: string;
  @Field({ nullable: true, description: 'E-mail' }) @IsOptional() @Length(3, 320) email?: string;
}

@InputType({ description: 'A product a supplier supplies, and its terms' })
export class SetVendorProductInput {
  @Field(() => ID, { description: 'Id of the supplier' })
  @IsUUID('all', { message: 'must be a vendor id' })
  vendorId: string;
  @Field(() => ID, { description: 'Id of the product' })
  @IsUUID('all', { message: 'must be a product id' })
  productId: string;
  @Field({ nullable: true, description: "The supplier's own code" }) @IsOptional() @Length(1, 60) vendorCode?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: "The supplier's price" }) @IsOptional() price?: string;
  @Field(() => Int, { nullable: true, description: 'Days from order to delivery' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays?: number;
}
