import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { CampaignType, MarketingPlanKind, ResearchEventKind, SurveyMethod } from './research.enums.js';

/** Events attended, demand surveys, marketing plans and campaigns: their tables, each its GraphQL type too. */

@Entity('research_events')
@ObjectType('ResearchEvent', { description: 'A conference, forum or trade show attended, with its takeaways' })
export class ResearchEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the research event belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the research event' }) id: string;
  @Column('text') @Field(() => ResearchEventKind, { description: 'Kind of event' }) kind: ResearchEventKind;
  @Column('text') @Field({ description: 'Event name' }) name: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Where it took place' })
  location: string | null;
  @Column('date', { name: 'starts_on' }) @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
  @Column('uuid', { name: 'attendee_ids', array: true, default: () => "'{}'" })
  @Field(() => [ID], { description: 'Staff of the branch who attended' })
  attendeeIds: string[];
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What we learned' })
  takeaways: string | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the research event was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@ObjectType('SurveyFindings', { description: 'The findings report of a demand survey' })
export class SurveyFindings {
  @Field({ description: 'Potential demand found' }) potentialDemand: string;
  @Field({ description: 'Preferences found' }) preferences: string;
  @Field({ description: 'Pain points found' }) painPoints: string;
  @Field({ description: 'When the findings were filed' }) reportedAt: Date;
}

/** The findings as one object (null until reported); JSON carries the instant as text. */
const FINDINGS = {
  from: (v: (Omit<SurveyFindings, 'reportedAt'> & { reportedAt: string }) | null): SurveyFindings | null =>
    v && { ...v, reportedAt: new Date(v.reportedAt) },
  to: (v: unknown) => v,
};

@Entity('demand_surveys')
@ObjectType('DemandSurvey', { description: 'A market demand survey: the plan, its responses and the findings' })
export class DemandSurvey {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the demand survey belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the demand survey' }) id: string;
  @Column('text') @Field({ description: 'Survey title' }) title: string;
  @Column('text') @Field({ description: 'What the survey wants to learn' }) goal: string;
  @Column('text') @Field(() => SurveyMethod, { description: 'How responses are collected' }) method: SurveyMethod;
  @Column('date', { name: 'starts_on' })
  @Field(() => GraphQLDate, { description: 'First day of the survey period' })
  startsOn: string;
  @Column('date', { name: 'ends_on' })
  @Field(() => GraphQLDate, { description: 'Last day of the survey period' })
  endsOn: string;
  @Column('text', { name: 'potential_demand', nullable: true }) potentialDemand: string | null;
  @Column('text', { nullable: true }) preferences: string | null;
  @Column('text', { name: 'pain_points', nullable: true }) painPoints: string | null;
  @Column('timestamptz', { name: 'reported_at', nullable: true }) reportedAt: Date | null;
  @VirtualColumn('json', {
    query: (t) => `CASE WHEN ${t}.reported_at IS NULL THEN NULL ELSE json_build_object('potentialDemand',
      ${t}.potential_demand, 'preferences', ${t}.preferences, 'painPoints', ${t}.pain_points,
      'reportedAt', ${t}.reported_at) END`,
    transformer: FINDINGS,
  })
  @Field(() => SurveyFindings, { nullable: true, description: 'Null until the report is filed' })
  findings: SurveyFindings | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the demand survey was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('survey_responses')
@ObjectType('SurveyResponse', { description: 'One response to a demand survey' })
export class SurveyResponse {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the survey response' }) id: string;
  @Column('uuid', { name: 'survey_id' }) @Field(() => ID, { description: 'Id of the survey' }) surveyId: string;
  @Column('text') @Field({ description: 'Who answered' }) respondent: string;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The respondent's company" })
  organization: string | null;
  @Column('date', { name: 'responded_on' })
  @Field(() => GraphQLDate, { description: 'Business day of the response, within the survey period' })
  respondedOn: string;
  @Column('text') @Field({ description: 'The answers' }) answers: string;
  @Column('uuid', { name: 'recorded_by' }) recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('marketing_plans')
@ObjectType('MarketingPlan', { description: 'An annual, quarterly or monthly marketing plan on the four Ps' })
export class MarketingPlan {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the marketing plan belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the marketing plan' }) id: string;
  @Column('text')
  @Field(() => MarketingPlanKind, { description: 'Annual, quarterly or monthly' })
  kind: MarketingPlanKind;
  @Column('text') @Field({ description: 'Plan title' }) title: string;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: "First day of the plan's period" })
  periodStart: string;
  @Column('date', { name: 'period_end' })
  @Field(() => GraphQLDate, { description: "Last day of the plan's period" })
  periodEnd: string;
  @Column('text', { name: 'product_strategy', nullable: true })
  @Field(() => String, { nullable: true, description: 'Product strategy' })
  productStrategy: string | null;
  @Column('text', { name: 'price_strategy', nullable: true })
  @Field(() => String, { nullable: true, description: 'Price strategy' })
  priceStrategy: string | null;
  @Column('text', { name: 'channel_strategy', nullable: true })
  @Field(() => String, { nullable: true, description: 'Channel strategy' })
  channelStrategy: string | null;
  @Column('text', { name: 'promotion_strategy', nullable: true })
  @Field(() => String, { nullable: true, description: 'Promotion strategy' })
  promotionStrategy: string | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the marketing plan was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('plan_milestones')
@ObjectType('PlanMilestone', { description: 'A dated milestone of a marketing plan' })
export class PlanMilestone {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the plan milestone' }) id: string;
  @Column('uuid', { name: 'plan_id' }) @Field(() => ID, { description: 'Id of the marketing plan' }) planId: string;
  @Column('text') @Field({ description: 'What is to be achieved' }) title: string;
  @Column('date', { name: 'due_on' })
  @Field(() => GraphQLDate, { description: "Business day it is due, within the plan's period" })
  dueOn: string;
  @Column('boolean', { default: false }) @Field({ description: 'Done' }) done: boolean;
  @Column('date', { name: 'done_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it was done; null while open' })
  doneOn: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('campaigns')
@ObjectType('Campaign', { description: 'A marketing campaign with its budget, spend and what it brought' })
export class Campaign {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the campaign belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the campaign' }) id: string;
  @Column('uuid', { name: 'plan_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the marketing plan it belongs to, if any' })
  planId: string | null;
  @Column('text') @Field({ description: 'Campaign name' }) name: string;
  @Column('text') @Field(() => CampaignType, { description: 'Kind of campaign' }) type: CampaignType;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Budget, in currency' })
  budget: string;
  @Column('numeric', { precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Spent so far, in currency' })
  spend: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('date', { name: 'starts_on' }) @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Column('date', { name: 'ends_on' }) @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
  @Column('integer', { name: 'leads_count', default: 0 })
  @Field(() => Int, { description: 'Leads attributed (entered)' })
  leadsCount: number;
  @Column('integer', { name: 'customers_count', default: 0 })
  @Field(() => Int, { description: 'Customers attributed as a count, when they are not linked' })
  customersCount: number;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Lessons learned' })
  lessons: string | null;
  @Column('uuid', { name: 'created_by' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the campaign was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** A customer attributed to a campaign (not a GraphQL type: a campaign's evaluation counts them). */
@Entity('campaign_customers')
export class CampaignCustomer {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'campaign_id' }) campaignId: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @Column('uuid', { name: 'linked_by' }) linkedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

export const ResearchEvents = defineTable(ResearchEvent, { module: 'market-research', noun: 'ResearchEvent' });
export const DemandSurveys = defineTable(DemandSurvey, { module: 'market-research', noun: 'DemandSurvey' });
export const SurveyResponses = defineTable(SurveyResponse, { module: 'market-research', noun: 'SurveyResponse' });
export const MarketingPlans = defineTable(MarketingPlan, { module: 'market-research', noun: 'MarketingPlan' });
export const PlanMilestones = defineTable(PlanMilestone, { module: 'market-research', noun: 'PlanMilestone' });
export const Campaigns = defineTable(Campaign, { module: 'market-research', noun: 'Campaign' });
export const CampaignCustomers = defineTable(CampaignCustomer, {
  module: 'market-research',
  noun: 'CampaignCustomer',
});
