import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { ResearchDigestState, ResearchItemKind } from './research.enums.js';

/** A jsonb list that reads as [] where the row has none. */
const LIST = { from: (v: unknown) => v ?? [], to: (v: unknown) => v };

@Entity('research_items')
@ObjectType('ResearchItem', { description: 'An industry news, policy or regulation item the branch tracks' })
export class ResearchItem {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the research item belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the research item' }) id: string;
  @Column('text') @Field(() => ResearchItemKind, { description: 'News, policy or regulation' }) kind: ResearchItemKind;
  @Column('text') @Field({ description: 'Headline' }) title: string;
  @Column('text') @Field({ description: 'Where it was read: a publication, an authority, a site' }) source: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Web address of the source' })
  url: string | null;
  @Column('date', { name: 'published_on' })
  @Field(() => GraphQLDate, { description: 'The day it was published (branch time zone)' })
  publishedOn: string;
  @Column('text', { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'Lower-case tags' })
  tags: string[];
  @Column('text') @Field({ description: 'What it says and why it matters' }) summary: string;
  @Column('smallint') @Field(() => Int, { description: '1 (background) to 5 (act on it now)' }) relevance: number;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the research item was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the research item last changed' })
  updatedAt: Date;
}

@Entity('research_settings')
@ObjectType('ResearchSettings', { description: 'Market research rules of a branch (defaults apply without a row)' })
export class ResearchSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the research settings belongs to' })
  branchId: string;
  @Column('smallint', { name: 'digest_top_items', default: 10 })
  @Field(() => Int, { description: 'Items a weekly digest carries (default 10)' })
  digestTopItems: number;
  @Column('smallint', { name: 'digest_hour', default: 8 })
  @Field(() => Int, { description: 'Local hour on Monday from which last week’s digest is built (default 8)' })
  digestHour: number;
  @Column('numeric', { name: 'weight_market_size', precision: 5, scale: 2, default: 40 })
  @Field(() => GraphQLDecimal, { description: 'Segment score weight of market size (default 40)' })
  weightMarketSize: string;
  @Column('numeric', { name: 'weight_growth', precision: 5, scale: 2, default: 35 })
  @Field(() => GraphQLDecimal, { description: 'Segment score weight of growth potential (default 35)' })
  weightGrowth: string;
  @Column('numeric', { name: 'weight_competition', precision: 5, scale: 2, default: 25 })
  @Field(() => GraphQLDecimal, {
    description: 'Segment score weight of competition, which counts inversely (default 25)',
  })
  weightCompetition: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType('ResearchTagCount', { description: "Items with one tag in a digest's week" })
export class ResearchTagCount {
  @Field({ description: 'The tag (lower-case)' }) tag: string;
  @Field(() => Int, { description: 'How many items' }) count: number;
}

@ObjectType('ResearchKindCount', { description: "Items of one kind in a digest's week" })
export class ResearchKindCount {
  @Field(() => ResearchItemKind, { description: 'The kind' }) kind: ResearchItemKind;
  @Field(() => Int, { description: 'How many items' }) count: number;
}

@Entity('research_digests')
@ObjectType('ResearchDigest', { description: 'The weekly digest of a branch: its ISO week’s top items and tag counts' })
export class ResearchDigest {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the research digest belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the research digest' }) id: string;
  @VirtualColumn('text', { query: (t) => `to_char(${t}.week_start, 'IYYY-"W"IW')` })
  @Field({ description: 'The ISO week, e.g. 2026-W47 (branch time zone)' })
  week: string;
  @Column('date', { name: 'week_start' })
  @Field(() => GraphQLDate, { description: 'The Monday the week starts on' })
  weekStart: string;
  @Column('text', { default: 'PENDING' })
  @Field(() => ResearchDigestState, { description: 'PENDING until the worker builds it, then BUILT' })
  state: ResearchDigestState;
  @Column('integer', { name: 'item_count', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Items published in the week' })
  itemCount: number | null;
  @Column('jsonb', { name: 'tag_counts', nullable: true, transformer: LIST })
  @Field(() => [ResearchTagCount], { description: 'Items per tag in the week, most frequent first' })
  tagCounts: ResearchTagCount[];
  @Column('jsonb', { name: 'kind_counts', nullable: true, transformer: LIST })
  @Field(() => [ResearchKindCount], { description: 'Items per kind in the week' })
  kindCounts: ResearchKindCount[];
  @Column('integer', { nullable: true })
  @Field(() => Int, { nullable: true, description: 'How many people were notified' })
  recipients: number | null;
  @Column('timestamptz', { name: 'built_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the digest was built; null while PENDING' })
  builtAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('research_digest_items')
@ObjectType('ResearchDigestItem', { description: 'An item a digest carried, ranked by relevance' })
export class ResearchDigestItem {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'digest_id' }) digestId: string;
  @Column('uuid', { name: 'item_id' }) itemId: string;
  @Column('smallint') @Field(() => Int, { description: '1 for the most relevant item of the week' }) rank: number;
  /** Not a column: the item itself, read with the digest's items in one statement (research-digests.service.ts). */
  @Field(() => ResearchItem, { description: 'The research item' }) item: ResearchItem;
}

export const ResearchItems = defineTable(ResearchItem, { module: 'market-research', noun: 'ResearchItem' });
export const ResearchSettingsTable = defineTable(ResearchSettings, {
  module: 'market-research',
  noun: 'ResearchSettings',
});
export const ResearchDigests = defineTable(ResearchDigest, { module: 'market-research', noun: 'ResearchDigest' });
export const ResearchDigestItems = defineTable(ResearchDigestItem, {
  module: 'market-research',
  noun: 'ResearchDigestItem',
});
