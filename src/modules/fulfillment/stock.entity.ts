import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { StockCause } from './fulfillment.enums.js';

@Entity('warehouse_locations')
@ObjectType('WarehouseLocation', { description: 'A place in a branch where stock is kept (warehouse, shelf, van)' })
export class WarehouseLocation {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the location' }) id: string;
  @Column('text') @Field({ description: 'Short code, unique in the branch' }) code: string;
  @Column('text') @Field({ description: 'Name of the location' }) name: string;
  @Column('boolean', { default: true }) @Field({ description: 'Still in use' }) active: boolean;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was set up' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('stock_levels')
@ObjectType('StockLevel', { description: 'How much of a product is on hand at a location of a branch' })
export class StockLevel {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the stock level' }) id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the product (as an object: product)' })
  productId: string;
  @Column('uuid', { name: 'location_id' })
  @Field(() => ID, { description: 'Id of the location (as an object: location)' })
  locationId: string;
  @Column('numeric', { name: 'on_hand', precision: 18, scale: 3, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Quantity on hand, in the product unit; never negative' })
  onHand: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the product first came to this location' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the quantity last moved' })
  updatedAt: Date;
}

@Entity('stock_movements')
@ObjectType('StockMovement', { description: 'One movement of stock in or out, with its cause, who and when' })
export class StockMovement {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the movement' }) id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' }) @Field(() => ID, { description: 'Id of the product' }) productId: string;
  @Column('uuid', { name: 'location_id' })
  @Field(() => ID, { description: 'Id of the location (as an object: location)' })
  locationId: string;
  @Column('text') @Field(() => StockCause, { description: 'Why the stock moved' }) cause: StockCause;
  @Column('numeric', { precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'Quantity moved: positive in, negative out' })
  quantity: string;
  @Column('numeric', { name: 'on_hand_after', precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'On hand at the location right after this movement' })
  onHandAfter: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The document behind it (receipt, delivery note, count no.)' })
  reference: string | null;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who recorded it; null for the worker' })
  actorId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When it was recorded' }) at: Date;
}

export const WarehouseLocations = defineTable(WarehouseLocation, { module: 'fulfillment', noun: 'WarehouseLocation' });
export const StockLevels = defineTable(StockLevel, { module: 'fulfillment', noun: 'StockLevel' });
export const StockMovements = defineTable(StockMovement, { module: 'fulfillment', noun: 'StockMovement' });
