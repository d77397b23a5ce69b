import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Campaign, DemandSurvey, MarketingPlan, ResearchEvent } from './plans.entity.js';
import { CampaignType } from './research.enums.js';

@ObjectType('ResearchEventConnection', {
  description: 'A page of research event rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchEventConnection extends Connection(ResearchEvent, 'ResearchEvent') {}

@ObjectType('DemandSurveyConnection', {
  description: 'A page of demand survey rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DemandSurveyConnection extends Connection(DemandSurvey, 'DemandSurvey') {}

@ObjectType('MarketingPlanConnection', {
  description: 'A page of marketing plan rows: edges, pageInfo and totalCount (Relay connection)',
})
export class MarketingPlanConnection extends Connection(MarketingPlan, 'MarketingPlan') {}

@ObjectType('CampaignConnection', {
  description: 'A page of campaign rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CampaignConnection extends Connection(Campaign, 'Campaign') {}

@ObjectType('CampaignEvaluation', {
  description: 'What a campaign cost per lead and per customer, and what it brought',
})
export class CampaignEvaluation {
  @Field(() => ID, { description: 'The campaign id' }) id: string;
  @Field(() => Campaign, { description: 'The campaign evaluated' }) campaign: Campaign;
  @Field(() => Int, { description: 'Leads the campaign brought (the count entered)' }) leads: number;
  @Field(() => Int, { description: 'Linked customers when any are linked, else the count entered' }) customers: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Spend / leads; null without leads' })
  costPerLead: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Spend / customers; null without customers' })
  costPerCustomer: string | null;
  @Field(() => GraphQLDecimal, {
    description:
      'Orders (APPROVED, CONFIRMED or RELEASED, in the campaign currency) of the linked customers received ' +
      'from the campaign start to 90 days after its end',
  })
  revenueAttributed: string;
  @Field(() => GraphQLDecimal, { description: 'Budget left: budget − spend' }) budgetLeft: string;
}

@ObjectType('CampaignEvaluationConnection', {
  description: 'A page of campaign evaluation rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CampaignEvaluationConnection extends Connection(CampaignEvaluation, 'CampaignEvaluation') {}

@InputType({ description: 'Conditions on research events by branch and period' })
export class ResearchPeriodFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or before' }) @IsOptional() to?: string;
}

@InputType({ description: 'Conditions on campaigns; all given must hold' })
export class CampaignFilter extends ResearchPeriodFilter {
  @Field(() => CampaignType, { nullable: true, description: 'Only this kind of campaign' })
  @IsOptional()
  @IsEnum(CampaignType)
  type?: CampaignType;
  @Field(() => ID, { nullable: true, description: 'Only campaigns of this marketing plan' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a plan id' })
  planId?: string;
}
