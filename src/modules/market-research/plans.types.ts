import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';

export enum ResearchEventKind {
  CONFERENCE = 'CONFERENCE',
  FORUM = 'FORUM',
  TRADE_SHOW = 'TRADE_SHOW',
  OTHER = 'OTHER',
}
registerEnumType(ResearchEventKind, {
  name: 'ResearchEventKind',
  description: 'Kind of event attended',
  valuesMap: {
    CONFERENCE: { description: 'Conference' },
    FORUM: { description: 'Forum' },
    OTHER: { description: 'Other event' },
    TRADE_SHOW: { description: 'Trade show' },
  },
});

export enum SurveyMethod {
  QUESTIONNAIRE = 'QUESTIONNAIRE',
  PHONE_INTERVIEW = 'PHONE_INTERVIEW',
  FIELD_VISIT = 'FIELD_VISIT',
  ONLINE = 'ONLINE',
}
registerEnumType(SurveyMethod, {
  name: 'SurveyMethod',
  description: 'How a demand survey collects responses',
  valuesMap: {
    FIELD_VISIT: { description: 'Field visits' },
    ONLINE: { description: 'Online form' },
    PHONE_INTERVIEW: { description: 'Phone interviews' },
    QUESTIONNAIRE: { description: 'Questionnaire' },
  },
});

export enum MarketingPlanKind {
  ANNUAL = 'ANNUAL',
  QUARTERLY = 'QUARTERLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(MarketingPlanKind, {
  name: 'MarketingPlanKind',
  description: 'The period a plan covers: a calendar year, quarter or month',
  valuesMap: {
    ANNUAL: { description: 'A calendar year, from 1 January' },
    MONTHLY: { description: 'A month, from the 1st' },
    QUARTERLY: { description: 'A quarter, from its first day' },
  },
});

export enum CampaignType {
  DISCOUNT = 'DISCOUNT',
  SPEND_AND_SAVE = 'SPEND_AND_SAVE',
  GIFT = 'GIFT',
  LUCKY_DRAW = 'LUCKY_DRAW',
  TRADE_SHOW = 'TRADE_SHOW',
  LAUNCH_EVENT = 'LAUNCH_EVENT',
  BUSINESS_DINNER = 'BUSINESS_DINNER',
}
registerEnumType(CampaignType, {
  name: 'CampaignType',
  description: 'The campaign kinds of DOMAIN.md section 1',
  valuesMap: {
    BUSINESS_DINNER: { description: 'Business dinner' },
    DISCOUNT: { description: 'Discount' },
    GIFT: { description: 'Gift with purchase' },
    LAUNCH_EVENT: { description: 'Product launch event' },
    LUCKY_DRAW: { description: 'Lucky draw' },
    SPEND_AND_SAVE: { description: 'Spend and save (满减)' },
    TRADE_SHOW: { description: 'Trade show' },
  },
});

@ObjectType('ResearchEvent', { description: 'A conference, forum or trade show attended, with its takeaways' })
export class ResearchEvent {
  @Field(() => ID, { description: 'Stable id of the research event' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the research event belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ResearchEventKind, { description: 'Kind of event' }) kind: ResearchEventKind;
  @Field({ description: 'Event name' }) name: string;
  @Field(() => String, { nullable: true, description: 'Where it took place' }) location: string | null;
  @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
  @Field(() => [ID], { description: 'Staff of the branch who attended' }) attendeeIds: string[];
  @Field(() => String, { nullable: true, description: 'What we learned' }) takeaways: string | null;
  @Field({ description: 'When the research event was recorded' }) createdAt: Date;
}

@ObjectType('ResearchEventConnection', {
  description: 'A page of research event rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchEventConnection extends Connection(ResearchEvent, 'ResearchEvent') {}

@ObjectType('SurveyFindings', { description: 'The findings report of a demand survey' })
export class SurveyFindings {
  @Field({ description: 'Potential demand found' }) potentialDemand: string;
  @Field({ description: 'Preferences found' }) preferences: string;
  @Field({ description: 'Pain points found' }) painPoints: string;
  @Field({ description: 'When the findings were filed' }) reportedAt: Date;
}

@ObjectType('DemandSurvey', { description: 'A market demand survey: the plan, its responses and the findings' })
export class DemandSurvey {
  @Field(() => ID, { description: 'Stable id of the demand survey' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the demand survey belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'Survey title' }) title: string;
  @Field({ description: 'What the survey wants to learn' }) goal: string;
  @Field(() => SurveyMethod, { description: 'How responses are collected' }) method: SurveyMethod;
  @Field(() => GraphQLDate, { description: 'First day of the survey period' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the survey period' }) endsOn: string;
  @Field(() => SurveyFindings, { nullable: true, description: 'Null until the report is filed' })
  findings: SurveyFindings | null;
  @Field({ description: 'When the demand survey was recorded' }) createdAt: Date;
}

@ObjectType('DemandSurveyConnection', {
  description: 'A page of demand survey rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DemandSurveyConnection extends Connection(DemandSurvey, 'DemandSurvey') {}

@ObjectType('SurveyResponse', { description: 'One response to a demand survey' })
export class SurveyResponse {
  @Field(() => ID, { description: 'Stable id of the survey response' }) id: string;
  @Field(() => ID, { description: 'Id of the survey' }) surveyId: string;
  @Field({ description: 'Who answered' }) respondent: string;
  @Field(() => String, { nullable: true, description: "The respondent's company" }) organization: string | null;
  @Field(() => GraphQLDate, { description: 'Business day of the response, within the survey period' })
  respondedOn: string;
  @Field({ description: 'The answers' }) answers: string;
  branchId: string;
}

@ObjectType('PlanMilestone', { description: 'A dated milestone of a marketing plan' })
export class PlanMilestone {
  @Field(() => ID, { description: 'Stable id of the plan milestone' }) id: string;
  @Field(() => ID, { description: 'Id of the marketing plan' }) planId: string;
  @Field({ description: 'What is to be achieved' }) title: string;
  @Field(() => GraphQLDate, { description: "Business day it is due, within the plan's period" }) dueOn: string;
  @Field({ description: 'Done' }) done: boolean;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it was done; null while open' }) doneOn:
    string | null;
  branchId: string;
}

@ObjectType('MarketingPlan', { description: 'An annual, quarterly or monthly marketing plan on the four Ps' })
export class MarketingPlan {
  @Field(() => ID, { description: 'Stable id of the marketing plan' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the marketing plan belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => MarketingPlanKind, { description: 'Annual, quarterly or monthly' }) kind: MarketingPlanKind;
  @Field({ description: 'Plan title' }) title: string;
  @Field(() => GraphQLDate, { description: "First day of the plan's period" }) periodStart: string;
  @Field(() => GraphQLDate, { description: "Last day of the plan's period" }) periodEnd: string;
  @Field(() => String, { nullable: true, description: 'Product strategy' }) productStrategy: string | null;
  @Field(() => String, { nullable: true, description: 'Price strategy' }) priceStrategy: string | null;
  @Field(() => String, { nullable: true, description: 'Channel strategy' }) channelStrategy: string | null;
  @Field(() => String, { nullable: true, description: 'Promotion strategy' }) promotionStrategy: string | null;
  @Field({ description: 'When the marketing plan was recorded' }) createdAt: Date;
}

@ObjectType('MarketingPlanConnection', {
  description: 'A page of marketing plan rows: edges, pageInfo and totalCount (Relay connection)',
})
export class MarketingPlanConnection extends Connection(MarketingPlan, 'MarketingPlan') {}

@ObjectType('Campaign', { description: 'A marketing campaign with its budget, spend and what it brought' })
export class Campaign {
  @Field(() => ID, { description: 'Stable id of the campaign' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the campaign belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { nullable: true, description: 'Id of the marketing plan it belongs to, if any' }) planId:
    string | null;
  @Field({ description: 'Campaign name' }) name: string;
  @Field(() => CampaignType, { description: 'Kind of campaign' }) type: CampaignType;
  @Field(() => GraphQLDecimal, { description: 'Budget, in currency' }) budget: string;
  @Field(() => GraphQLDecimal, { description: 'Spent so far, in currency' }) spend: string;
  @Field({ description: 'ISO 4217 currency (the branch currency)' }) currency: string;
  @Field(() => GraphQLDate, { description: 'First day' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day' }) endsOn: string;
  @Field(() => Int, { description: 'Leads attributed (entered)' }) leadsCount: number;
  @Field(() => Int, { description: 'Customers attributed as a count, when they are not linked' })
  customersCount: number;
  @Field(() => String, { nullable: true, description: 'Lessons learned' }) lessons: string | null;
  @Field({ description: 'When the campaign was recorded' }) createdAt: Date;
}

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
