import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { CampaignType, MarketingPlanKind, ResearchEventKind, SurveyMethod } from '../plans.types.js';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

@InputType()
export class CreateResearchEventInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ResearchEventKind) @IsEnum(ResearchEventKind) kind: ResearchEventKind;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) location?: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => [ID], { nullable: true, description: 'Staff of the branch who attended' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  attendeeIds?: string[];
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) takeaways?: string;
}

@InputType()
export class CreateDemandSurveyInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) title: string;
  @Field() @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) goal: string;
  @Field(() => SurveyMethod) @IsEnum(SurveyMethod) method: SurveyMethod;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
}

@InputType()
export class RecordSurveyResponseInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a survey id' }) surveyId: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) respondent: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) organization?: string;
  @Field(() => GraphQLDate, { description: 'Within the survey period' }) respondedOn: string;
  @Field() @Length(1, 8000) @Matches(NOT_BLANK, BLANK_MSG) answers: string;
}

@InputType()
export class SurveyFindingsInput {
  @Field() @Length(1, 8000) @Matches(NOT_BLANK, BLANK_MSG) potentialDemand: string;
  @Field() @Length(1, 8000) @Matches(NOT_BLANK, BLANK_MSG) preferences: string;
  @Field() @Length(1, 8000) @Matches(NOT_BLANK, BLANK_MSG) painPoints: string;
}

@InputType('PlanMilestoneInput')
export class MilestoneInput {
  @Field({ description: 'What is to be delivered or achieved, e.g. Installation complete' })
  @Length(1, 200)
  @Matches(NOT_BLANK, BLANK_MSG)
  title: string;
  @Field(() => GraphQLDate, { description: 'Within the plan period' }) dueOn: string;
}

@InputType()
export class CreateMarketingPlanInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => MarketingPlanKind) @IsEnum(MarketingPlanKind) kind: MarketingPlanKind;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) title: string;
  @Field(() => GraphQLDate, {
    description: 'The first day of the period: 1 January (annual), of a quarter (quarterly) or of a month (monthly)',
  })
  periodStart: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) productStrategy?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) priceStrategy?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) channelStrategy?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) promotionStrategy?: string;
  @Field(() => [MilestoneInput], { nullable: true, description: 'The milestones, by due day' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];
}

@InputType('AddPlanMilestoneInput')
export class AddMilestoneInput extends MilestoneInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a plan id' }) planId: string;
}

@InputType()
export class CreateCampaignInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'The marketing plan it belongs to' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
  @Field(() => CampaignType) @IsEnum(CampaignType) type: CampaignType;
  @Field(() => GraphQLDecimal) budget: string;
  @Field(() => GraphQLDecimal, { nullable: true, defaultValue: '0' }) @IsOptional() spend?: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
}

@InputType()
export class UpdateCampaignInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() budget?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() spend?: string;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() endsOn?: string;
  @Field(() => Int, { nullable: true, description: 'Leads attributed (entered)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  leadsCount?: number;
  @Field(() => Int, { nullable: true, description: 'Customers attributed as a count, when they are not linked' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  customersCount?: number;
  @Field({ nullable: true }) @IsOptional() @MaxLength(8000) lessons?: string;
}
