import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, IsUrl, Length, Max, Min } from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { ResearchItemKind } from '../research.enums.js';

@InputType({ description: 'A news, policy or regulation item to log' })
export class CreateResearchItemInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ResearchItemKind, { description: 'News, policy or regulation' })
  @IsEnum(ResearchItemKind)
  kind: ResearchItemKind;
  @Field({ description: 'Headline' }) @Length(1, 300) @NotBlank() title: string;
  @Field({ description: 'Where it was read: a publication, an authority, a site' })
  @Length(1, 200)
  @NotBlank()
  source: string;
  @Field({ nullable: true, description: 'Web address of the source' })
  @IsOptional()
  @IsUrl({}, { message: 'must be a web address' })
  url?: string;
  @Field(() => GraphQLDate, { description: 'Not in the future (branch time zone)' }) publishedOn: string;
  @Field(() => [String], { nullable: true, description: 'Up to 20 tags of 1 to 40 characters' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
  @Field({ description: 'What it says and why it matters' })
  @Length(1, 4000)
  @NotBlank()
  summary: string;
  @Field(() => Int, { description: '1 (background) to 5 (act on it now)' }) @IsInt() @Min(1) @Max(5) relevance: number;
}

@InputType({ description: 'Changes to a research item; fields left out keep their value' })
export class UpdateResearchItemInput {
  @Field(() => ResearchItemKind, { nullable: true, description: 'News, policy or regulation' })
  @IsOptional()
  @IsEnum(ResearchItemKind)
  kind?: ResearchItemKind;
  @Field({ nullable: true, description: 'Headline' })
  @IsOptional()
  @Length(1, 300)
  @NotBlank()
  title?: string;
  @Field({ nullable: true, description: 'Where it was read: a publication, an authority, a site' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  source?: string;
  @Field({ nullable: true, description: 'Web address of the source' })
  @IsOptional()
  @IsUrl({}, { message: 'must be a web address' })
  url?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'The day it was published (branch time zone)' })
  @IsOptional()
  publishedOn?: string;
  @Field(() => [String], { nullable: true, description: 'Lower-case tags' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
  @Field({ nullable: true, description: 'What it says and why it matters' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  summary?: string;
  @Field(() => Int, { nullable: true, description: '1 (background) to 5 (act on it now)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  relevance?: number;
}

@InputType({ description: "A branch's research settings; fields left out keep their value" })
export class UpdateResearchSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, description: 'Items a weekly digest carries (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  digestTopItems?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Local hour on Monday from which last week’s digest is built (default 8)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: '0 to 100, at most 2 decimals' })
  @IsOptional()
  weightMarketSize?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Segment score weight of growth potential (default 35)' })
  @IsOptional()
  weightGrowth?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Segment score weight of competition, which counts inversely (default 25)',
  })
  @IsOptional()
  weightCompetition?: string;
}
