import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { VendorKind } from './fulfillment.enums.js';

@Entity('vendors')
@ObjectType('Vendor', { description: 'A maker (厂家) or supplier (供应商), kept by head office for all its branches' })
export class Vendor {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  @Field(() => ID, { description: 'Id of the organization whose vendor this is' })
  organizationId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the vendor' }) id: string;
  @Column('text') @Field({ description: 'Short code, unique in the organization' }) code: string;
  @Column('text') @Field({ description: 'Name of the company' }) name: string;
  @Column('text') @Field(() => VendorKind, { description: 'Maker, supplier, or both' }) kind: VendorKind;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Country of the company' })
  country: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Postal address' })
  address: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Free notes (terms, warranty, after-sales channel)' })
  note: string | null;
  @Column('boolean', { default: true }) @Field({ description: 'Still dealt with' }) active: boolean;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who recorded it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('vendor_contacts')
@ObjectType('VendorContact', { description: 'A person to talk to at a vendor' })
export class VendorContact {
  @PrimaryColumn('uuid', { name: 'organization_id' }) organizationId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the contact' }) id: string;
  @Column('uuid', { name: 'vendor_id' }) @Field(() => ID, { description: 'Id of the vendor' }) vendorId: string;
  @Column('text') @Field({ description: 'Name of the person' }) name: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Their job title (sales, after-sales, ...)' })
  title: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Phone' }) phone:
    string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'E-mail' }) email:
    string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
}

@Entity('products')
@ObjectType('Product', { description: 'A catalogue product (产品), kept by head office for all its branches' })
export class Product {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  @Field(() => ID, { description: 'Id of the organization whose catalogue holds it' })
  organizationId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the product' }) id: string;
  @Column('text') @Field({ description: 'Product code, unique in the organization' }) code: string;
  @Column('text') @Field({ description: 'Product name' }) name: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Model and specification (型号/规格)' })
  specification: string | null;
  @Column('text') @Field({ description: 'Unit of measure, e.g. "pcs", "set", "m"' }) unit: string;
  @Column('numeric', { name: 'list_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'List price; quote discounts are measured against it' })
  listPrice: string;
  @Column('numeric', { name: 'cost_price', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Cost price; stock is valued at it' })
  costPrice: string;
  @Column('character', { length: 3, default: 'CNY' })
  @Field({ description: 'ISO 4217 currency of the prices' })
  currency: string;
  @Column('uuid', { name: 'maker_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the maker (as an object: maker)' })
  makerId: string | null;
  @Column('boolean', { default: true })
  @Field({ description: 'Still sold; inactive products stay for history' })
  active: boolean;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who recorded it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('vendor_products')
@ObjectType('VendorProduct', { description: 'A product a supplier supplies, with its terms' })
export class VendorProduct {
  @PrimaryColumn('uuid', { name: 'organization_id' }) organizationId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the entry' }) id: string;
  @Column('uuid', { name: 'vendor_id' }) @Field(() => ID, { description: 'Id of the supplier' }) vendorId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the product (as an object: product)' })
  productId: string;
  @Column('text', { name: 'vendor_code', nullable: true })
  @Field(() => String, { nullable: true, description: "The supplier's own code for the product" })
  vendorCode: string | null;
  @Column('numeric', { precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: "The supplier's price (the product's currency)" })
  price: string | null;
  @Column('integer', { name: 'lead_time_days', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Days from order to delivery' })
  leadTimeDays: number | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the terms last changed' })
  updatedAt: Date;
}

@Entity('branch_product_prices')
@ObjectType('BranchProductPrice', { description: "A branch's own selling price for a catalogue product" })
export class BranchProductPrice {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the price' }) id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' }) @Field(() => ID, { description: 'Id of the product' }) productId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: "The branch's price, in the product's currency" })
  price: string;
  @Column('uuid', { name: 'updated_by' }) @Field(() => ID, { description: 'Who set it' }) updatedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it was last set' })
  updatedAt: Date;
}

export const Vendors = defineTable(Vendor, { module: 'fulfillment', noun: 'Vendor' });
export const VendorContacts = defineTable(VendorContact, { module: 'fulfillment', noun: 'VendorContact' });
export const Products = defineTable(Product, { module: 'fulfillment', noun: 'Product' });
export const VendorProducts = defineTable(VendorProduct, { module: 'fulfillment', noun: 'VendorProduct' });
export const BranchProductPrices = defineTable(BranchProductPrice, {
  module: 'fulfillment',
  noun: 'BranchProductPrice',
});
