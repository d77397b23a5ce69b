import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Partner, PartnerTier } from './partner.types.js';

const PERIOD = /^\d{4}-Q[1-4]$/;
const PERIOD_MSG = { message: 'must be a quarter such as 2026-Q3' };

@ObjectType('PartnerEvaluation', {
  description: 'A partner’s evaluation for one quarter: the sub-scores, the weighted score, the tier, and the change',
})
export class PartnerEvaluation {
  @Field(() => ID, { description: 'Stable id of the partner evaluation' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner evaluation belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' }) partnerId: string;
  @Field({ description: 'The quarter, e.g. 2026-Q3' }) period: string;
  @Field(() => GraphQLDecimal, { description: 'Sales through the partner in the quarter' }) salesAmount: string;
  @Field({ description: 'ISO 4217 currency of the sales figures' }) currency: string;
  @Field(() => GraphQLDecimal, { description: '0-100' }) marketCoverage: string;
  @Field(() => GraphQLDecimal, { description: '0-100' }) customerFeedback: string;
  @Field(() => GraphQLDecimal, { description: 'The sales target the sales sub-score was measured against' })
  salesTarget: string;
  @Field(() => GraphQLDecimal, { description: 'Sales score: min(100, salesAmount / salesTarget × 100), 2 decimals' })
  salesScore: string;
  @Field(() => GraphQLDecimal, { description: 'Weight of sales in the score' }) weightSales: string;
  @Field(() => GraphQLDecimal, {
    description: 'Weight of market coverage in the score, from the branch settings at the time',
  })
  weightCoverage: string;
  @Field(() => GraphQLDecimal, { description: 'Weight of customer feedback in the score' }) weightFeedback: string;
  @Field(() => GraphQLDecimal, { description: 'The weighted score, 0-100, 2 decimals' }) score: string;
  @Field(() => PartnerTier, { description: 'Tier from the score (branch thresholds): A is best' }) tier: PartnerTier;
  @Field(() => String, { nullable: true, description: 'The partner’s evaluated period before this one' })
  previousPeriod: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Score of the previous evaluation; null for the first' })
  previousScore: string | null;
  @Field(() => PartnerTier, { nullable: true, description: 'Tier of the previous evaluation; null for the first' })
  previousTier: PartnerTier | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Score − previousScore (null for the first period)' })
  scoreChange: string | null;
  @Field(() => String, { nullable: true, description: "The evaluator's comments" }) notes: string | null;
  @Field(() => ID, { description: 'Id of the person who evaluated it (the person: evaluatedBy)' })
  evaluatedById: string;
  @Field({ description: 'When the partner evaluation was recorded' }) createdAt: Date;
}

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

@ObjectType('ChannelSettings', { description: 'How a branch scores and tiers its partners' })
export class ChannelSettings {
  @Field(() => ID, { description: 'Id of the branch the channel settings belongs to' }) branchId: string;
  @Field(() => GraphQLDecimal, { description: 'Weight of the sales sub-score (default 0.5)' }) weightSales: string;
  @Field(() => GraphQLDecimal, { description: 'Weight of market coverage (default 0.25)' }) weightCoverage: string;
  @Field(() => GraphQLDecimal, { description: 'Weight of customer feedback (default 0.25)' }) weightFeedback: string;
  @Field(() => GraphQLDecimal, {
    description: 'Quarterly sales that score 100 (linear below, capped; default 1,000,000 in the branch currency)',
  })
  salesTarget: string;
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier A (default 85)' }) tierAMin: string;
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier B (default 70)' }) tierBMin: string;
  @Field(() => GraphQLDecimal, { description: 'Lowest score of tier C (default 55); below it: D' }) tierCMin: string;
  @Field({ description: 'False while the branch uses the defaults' }) customized: boolean;
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
