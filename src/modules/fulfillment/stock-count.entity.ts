import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDecimal } from '@app/graphql';
import { StockCountStatus } from './stock-count.enums.js';

@Entity('stock_counts')
@ObjectType('StockCount', { description: 'A stock count of one location (盘点), e.g. at month end with finance' })
export class StockCount {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'Id of the branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the count' }) id: string;
  @Column('uuid', { name: 'location_id' })
  @Field(() => ID, { description: 'Id of the location counted (as an object: location)' })
  locationId: string;
  @Column('text', { default: 'OPEN' })
  @Field(() => StockCountStatus, { description: 'Where the count is' })
  status: StockCountStatus;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Free note' }) note:
    string | null;
  @Column('numeric', { name: 'variance_value', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'At closing: the differences valued at cost price, |counted - book| x cost, summed (the approval amount)',
  })
  varianceValue: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The latest approval request of its differences' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'opened_by' }) @Field(() => ID, { description: 'Who opened it' }) openedById: string;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its variances were posted; null before' })
  closedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was opened: the book quantities are the ones of this moment' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it last changed' })
  updatedAt: Date;
}

@Entity('stock_count_lines')
@ObjectType('StockCountLine', { description: 'One product of a count: book at opening, counted, the difference' })
export class StockCountLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the line' }) id: string;
  @Column('uuid', { name: 'count_id' }) countId: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('uuid', { name: 'product_id' })
  @Field(() => ID, { description: 'Id of the product (as an object: product)' })
  productId: string;
  @Column('numeric', { name: 'book_quantity', precision: 18, scale: 3 })
  @Field(() => GraphQLDecimal, { description: 'On hand at the location when the count opened' })
  bookQuantity: string;
  @Column('numeric', { name: 'counted_quantity', precision: 18, scale: 3, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'What was counted; null until recorded' })
  countedQuantity: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Why counted and book differ (required when they do)' })
  reason: string | null;
  @Column('numeric', { name: 'posted_quantity', precision: 18, scale: 3, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'At closing: the COUNT_ADJUSTMENT posted, counted - book at opening (0 when they agree)',
  })
  postedQuantity: string | null;
}

export const StockCounts = defineTable(StockCount, { module: 'fulfillment', noun: 'StockCount' });
export const StockCountLines = defineTable(StockCountLine, { module: 'fulfillment', noun: 'StockCountLine' });
