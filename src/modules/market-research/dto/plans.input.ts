import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { CampaignType, MarketingPlanKind, ResearchEventKind, SurveyMethod } from '../research.enums.js';

@InputType({ description: 'A conference, forum or trade show attended' })
export class CreateResearchEventInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ResearchEventKind, { description: 'Kind of event' }) @IsEnum(ResearchEventKind) kind: ResearchEventKind;
  @Field({ description: 'Event name' }) @Length(1, 200) @NotBlank() name: string;
  @Field({ nullable: true, description: 'Where it took place' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  location?: string;
  @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
  @Field(() => [ID], { nullable: true, description: 'Staff of the branch who attended' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  attendeeIds?: string[];
  @Field({ nullable: true, description: 'What we learned' }) @IsOptional() @MaxLength(8000) takeaways?: string;
}

@InputType({ description: 'A market demand survey plan' })
export class CreateDemandSurveyInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'Survey title' }) @Length(1, 200) @NotBlank() title: string;
  @Field({ description: 'What the survey wants to learn' })
  @Length(1, 4000)
  @NotBlank()
  goal: string;
  @Field(() => SurveyMethod, { description: 'How responses are collected' }) @IsEnum(SurveyMethod) method: SurveyMethod;
  @Field(() => GraphQLDate, { description: 'First day of the survey period' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the survey period' }) endsOn: string;
}

@InputType({ description: 'A response to a demand survey' })
export class RecordSurveyResponseInput {
  @Field(() => ID, { description: 'Id of the survey' })
  @IsUUID('all', { message: 'must be a survey id' })
  surveyId: string;
  @Field({ description: 'Who answered' }) @Length(1, 200) @NotBlank() respondent: string;
  @Field({ nullable: true, description: "The respondent's company" })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  organization?: string;
  @Field(() => GraphQLDate, { description: 'Within the survey period' }) respondedOn: string;
  @Field({ description: "The respondent's answers" }) @Length(1, 8000) @NotBlank() answers: string;
}

@InputType({ description: 'The findings report of a demand survey' })
export class SurveyFindingsInput {
  @Field({ description: 'Potential demand found' })
  @Length(1, 8000)
  @NotBlank()
  potentialDemand: string;
  @Field({ description: 'Preferences found' }) @Length(1, 8000) @NotBlank() preferences: string;
  @Field({ description: 'Pain points found' }) @Length(1, 8000) @NotBlank() painPoints: string;
}

@InputType('PlanMilestoneInput', { description: 'A dated milestone of a marketing plan, within its period' })
export class MilestoneInput {
  @Field({ description: 'What is to be delivered or achieved, e.g. Installation complete' })
  @Length(1, 200)
  @NotBlank()
  title: string;
  @Field(() => GraphQLDate, { description: 'Within the plan period' }) dueOn: string;
}

@InputType({ description: 'A marketing plan for a year, quarter or month' })
export class CreateMarketingPlanInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => MarketingPlanKind, { description: 'Annual, quarterly or monthly' })
  @IsEnum(MarketingPlanKind)
  kind: MarketingPlanKind;
  @Field({ description: 'Plan title' }) @Length(1, 200) @NotBlank() title: string;
  @Field(() => GraphQLDate, {
    description: 'The first day of the period: 1 January (annual), of a quarter (quarterly) or of a month (monthly)',
  })
  periodStart: string;
  @Field({ nullable: true, description: 'Product strategy' }) @IsOptional() @MaxLength(8000) productStrategy?: string;
  @Field({ nullable: true, description: 'Price strategy' }) @IsOptional() @MaxLength(8000) priceStrategy?: string;
  @Field({ nullable: true, description: 'Channel strategy' }) @IsOptional() @MaxLength(8000) channelStrategy?: string;
  @Field({ nullable: true, description: 'Promotion strategy' })
  @IsOptional()
  @MaxLength(8000)
  promotionStrategy?: string;
  @Field(() => [MilestoneInput], { nullable: true, description: 'The milestones, by due day' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];
}

@InputType('AddPlanMilestoneInput', { description: 'A milestone to add to a marketing plan' })
export class AddMilestoneInput extends MilestoneInput {
  @Field(() => ID, { description: 'Id of the marketing plan' })
  @IsUUID('all', { message: 'must be a plan id' })
  planId: string;
}

@InputType({ description: 'A marketing campaign' })
export class CreateCampaignInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'The marketing plan it belongs to' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;
  @Field({ description: 'Campaign name' }) @Length(1, 200) @NotBlank() name: string;
  @Field(() => CampaignType, { description: 'Kind of campaign' }) @IsEnum(CampaignType) type: CampaignType;
  @Field(() => GraphQLDecimal, { description: 'Budget, in currency' }) budget: string;
  @Field(() => GraphQLDecimal, { nullable: true, defaultValue: '0', description: 'Spent so far, in currency' })
  @IsOptional()
  spend?: string;
  @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
}

@InputType({ description: 'Changes to a campaign; fields left out keep their value' })
export class UpdateCampaignInput {
  @Field({ nullable: true, description: 'Campaign name' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Budget, in currency' }) @IsOptional() budget?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Spent so far, in currency' })
  @IsOptional()
  spend?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'First day' }) @IsOptional() startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Last day' }) @IsOptional() endsOn?: string;
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
  @Field({ nullable: true, description: 'Lessons learned, for the evaluation' })
  @IsOptional()
  @MaxLength(8000)
  lessons?: string;
}
