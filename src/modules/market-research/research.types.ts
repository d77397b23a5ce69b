import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';

export enum ResearchItemKind {
  NEWS = 'NEWS',
  POLICY = 'POLICY',
  REGULATION = 'REGULATION',
}
registerEnumType(ResearchItemKind, {
  name: 'ResearchItemKind',
  description: 'Industry news, a policy change or a regulation change',
  valuesMap: {
    NEWS: { description: 'Industry news' },
    POLICY: { description: 'A policy change' },
    REGULATION: { description: 'A regulation change' },
  },
});

export enum ResearchDigestState {
  PENDING = 'PENDING',
  BUILT = 'BUILT',
}
registerEnumType(ResearchDigestState, {
  name: 'ResearchDigestState',
  description: 'PENDING while the worker has not built it yet; BUILT once its items and notifications are in',
  valuesMap: {
    BUILT: { description: 'Built and sent' },
    PENDING: { description: 'Scheduled, not built yet' },
  },
});

@ObjectType('ResearchItem', { description: 'An industry news, policy or regulation item the branch tracks' })
export class ResearchItem {
  @Field(() => ID, { description: 'Stable id of the research item' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the research item belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ResearchItemKind, { description: 'News, policy or regulation' }) kind: ResearchItemKind;
  @Field({ description: 'Headline' }) title: string;
  @Field({ description: 'Where it was read: a publication, an authority, a site' }) source: string;
  @Field(() => String, { nullable: true, description: 'Web address of the source' }) url: string | null;
  @Field(() => GraphQLDate, { description: 'The day it was published (branch time zone)' }) publishedOn: string;
  @Field(() => [String], { description: 'Lower-case tags' }) tags: string[];
  @Field({ description: 'What it says and why it matters' }) summary: string;
  @Field(() => Int, { description: '1 (background) to 5 (act on it now)' }) relevance: number;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the research item was recorded' }) createdAt: Date;
  @Field({ description: 'When the research item last changed' }) updatedAt: Date;
}

@ObjectType('ResearchItemConnection', {
  description: 'A page of research item rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchItemConnection extends Connection(ResearchItem, 'ResearchItem') {}

@InputType({ description: 'Conditions on research items; all given must hold' })
export class ResearchItemFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ResearchItemKind, { nullable: true, description: 'Only this kind' })
  @IsOptional()
  @IsEnum(ResearchItemKind)
  kind?: ResearchItemKind;
  @Field({ nullable: true, description: 'Items carrying this tag (case-insensitive)' })
  @IsOptional()
  @Length(1, 40)
  tag?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Published on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Published on or before' }) @IsOptional() to?: string;
  @Field(() => Int, { nullable: true, description: 'At least this relevant' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  minRelevance?: number;
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

@ObjectType('ResearchDigestItem', { description: 'An item a digest carried, ranked by relevance' })
export class ResearchDigestItem {
  @Field(() => Int, { description: '1 for the most relevant item of the week' }) rank: number;
  @Field(() => ResearchItem, { description: 'The research item' }) item: ResearchItem;
}

@ObjectType('ResearchDigest', { description: 'The weekly digest of a branch: its ISO week’s top items and tag counts' })
export class ResearchDigest {
  @Field(() => ID, { description: 'Stable id of the research digest' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the research digest belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'The ISO week, e.g. 2026-W47 (branch time zone)' }) week: string;
  @Field(() => GraphQLDate, { description: 'The Monday the week starts on' }) weekStart: string;
  @Field(() => ResearchDigestState, { description: 'PENDING until the worker builds it, then BUILT' })
  state: ResearchDigestState;
  @Field(() => Int, { nullable: true, description: 'Items published in the week' }) itemCount: number | null;
  @Field(() => [ResearchTagCount], { description: 'Items per tag in the week, most frequent first' })
  tagCounts: ResearchTagCount[];
  @Field(() => [ResearchKindCount], { description: 'Items per kind in the week' }) kindCounts: ResearchKindCount[];
  @Field(() => Int, { nullable: true, description: 'How many people were notified' }) recipients: number | null;
  @Field(() => Date, { nullable: true, description: 'When the digest was built; null while PENDING' })
  builtAt: Date | null;
}

@ObjectType('ResearchDigestConnection', {
  description: 'A page of research digest rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchDigestConnection extends Connection(ResearchDigest, 'ResearchDigest') {}

@InputType({ description: 'Conditions on digests; all given must hold' })
export class ResearchDigestFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Weeks starting on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Weeks starting on or before' }) @IsOptional() to?: string;
}

@ObjectType('ResearchSettings', { description: 'Market research rules of a branch (defaults apply without a row)' })
export class ResearchSettings {
  @Field(() => ID, { description: 'Id of the branch the research settings belongs to' }) branchId: string;
  @Field(() => Int, { description: 'Items a weekly digest carries (default 10)' }) digestTopItems: number;
  @Field(() => Int, { description: 'Local hour on Monday from which last week’s digest is built (default 8)' })
  digestHour: number;
  @Field(() => GraphQLDecimal, { description: 'Segment score weight of market size (default 40)' })
  weightMarketSize: string;
  @Field(() => GraphQLDecimal, { description: 'Segment score weight of growth potential (default 35)' })
  weightGrowth: string;
  @Field(() => GraphQLDecimal, {
    description: 'Segment score weight of competition, which counts inversely (default 25)',
  })
  weightCompetition: string;
}
