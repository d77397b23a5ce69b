import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Partner, PartnerEvaluation } from './channel.entity.js';
import { PartnerTier } from './channel.enums.js';

const PERIOD = /^\d{4}-Q[1-4]$/;
const PERIOD_MSG = { message: 'must be a quarter such as 2026-Q3' };

@ObjectType('PartnerEvaluationConnection', {
  description: 'A page of partner evaluation rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerEvaluationConnection extends Connection(PartnerEvaluation, 'PartnerEvaluation') {}

@ObjectType('PartnerScorecard', { description: 'A partner with its evaluations over the periods, oldest first' })
export class PartnerScorecard {
  @Field(() => Partner, { description: 'The partner' }) partner: Partner;
  @Field(() => [PartnerEvaluation], { description: 'One evaluation per period, latest first' })
  periods: PartnerEvaluation[];
  @Field(() => PartnerEvaluation, { nullable: true, description: 'The latest period' })
  latest: PartnerEvaluation | null;
}

@InputType({ description: "A branch's channel settings; fields left out keep their value" })
export class UpdateChannelSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Weight of the sales sub-score (default 0.5)' })
  @IsOptional()
  weightSales?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Weight of market coverage (default 0.25)' })
  @IsOptional()
  weightCoverage?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Weight of customer feedback (default 0.25)' })
  @IsOptional()
  weightFeedback?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Quarterly sales that score 100 (linear below, capped; default 1,000,000 in the branch currency)',
  })
  @IsOptional()
  salesTarget?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Lowest score of tier A (default 85)' })
  @IsOptional()
  tierAMin?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Lowest score of tier B (default 70)' })
  @IsOptional()
  tierBMin?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Lowest score of tier C (default 55); below it: D' })
  @IsOptional()
  tierCMin?: string;
}

@InputType({ description: "A partner's evaluation for one period" })
export class RecordPartnerEvaluationInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field({ description: 'A quarter that has begun, e.g. 2026-Q3' }) @Matches(PERIOD, PERIOD_MSG) period: string;
  @Field(() => GraphQLDecimal, { description: 'Sales through the partner in the quarter' }) salesAmount: string;
  @Field(() => GraphQLDecimal, { description: '0-100' }) marketCoverage: string;
  @Field(() => GraphQLDecimal, { description: '0-100' }) customerFeedback: string;
  @Field({ nullable: true, description: 'Comments' }) @IsOptional() @MaxLength(2000) notes?: string;
}

@InputType({ description: 'Conditions on evaluations; all given must hold' })
export class PartnerScorecardFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ nullable: true, description: 'Only this period, e.g. 2026-Q4' })
  @IsOptional()
  @Matches(PERIOD, PERIOD_MSG)
  period?: string;
  @Field(() => PartnerTier, { nullable: true, description: 'Only evaluations that gave this tier' })
  @IsOptional()
  @IsEnum(PartnerTier)
  tier?: PartnerTier;
}
