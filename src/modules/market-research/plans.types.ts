import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';

export enum ResearchEventKind {
  CONFERENCE = 'CONFERENCE',
  FORUM = 'FORUM',
  TRADE_SHOW = 'TRADE_SHOW',
  OTHER = 'OTHER',
}
registerEnumType(ResearchEventKind, { name: 'ResearchEventKind' });

export enum SurveyMethod {
  QUESTIONNAIRE = 'QUESTIONNAIRE',
  PHONE_INTERVIEW = 'PHONE_INTERVIEW',
  FIELD_VISIT = 'FIELD_VISIT',
  ONLINE = 'ONLINE',
}
registerEnumType(SurveyMethod, { name: 'SurveyMethod' });

export enum MarketingPlanKind {
  ANNUAL = 'ANNUAL',
  QUARTERLY = 'QUARTERLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(MarketingPlanKind, {
  name: 'MarketingPlanKind',
  description: 'The period a plan covers: a calendar year, quarter or month',
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
registerEnumType(CampaignType, { name: 'CampaignType', description: 'The campaign kinds of DOMAIN.md section 1' });

@ObjectType('ResearchEvent', { description: 'A conference, forum or trade show attended, with its takeaways' })
export class ResearchEvent {
  @Field(() => ID, { description: 'Stable id of the research event' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the research event belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ResearchEventKind) kind: ResearchEventKind;
  @Field() name: string;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => [ID], { description: 'Staff of the branch who attended' }) attendeeIds: string[];
  @Field(() => String, { nullable: true }) takeaways: string | null;
  @Field({ description: 'When the research event was recorded' }) createdAt: Date;
}

@ObjectType('ResearchEventConnection', {
  description: 'A page of research event rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchEventConnection extends Connection(ResearchEvent, 'ResearchEvent') {}

@ObjectType('SurveyFindings', { description: 'The findings report of a demand survey' })
export class SurveyFindings {
  @Field() potentialDemand: string;
  @Field() preferences: string;
  @Field() painPoints: string;
  @Field() reportedAt: Date;
}

@ObjectType('DemandSurvey', { description: 'A market demand survey: the plan, its responses and the findings' })
export class DemandSurvey {
  @Field(() => ID, { description: 'Stable id of the demand survey' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the demand survey belongs to (its code and name: branch)' })
  branchId: string;
  @Field() title: string;
  @Field() goal: string;
  @Field(() => SurveyMethod) method: SurveyMethod;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => SurveyFindings, { nullable: true, description: 'Null until the report is filed' })
  findings: SurveyFindings | null;
  @Field({ description: 'When the demand survey was recorded' }) createdAt: Date;
}

@ObjectType('DemandSurveyConnection', {
  description: 'A page of demand survey rows: edges, pageInfo and totalCount (Relay connection)',
})
export class DemandSurveyConnection extends Connection(DemandSurvey, 'DemandSurvey') {}

@ObjectType('SurveyResponse')
export class SurveyResponse {
  @Field(() => ID, { description: 'Stable id of the survey response' }) id: string;
  @Field(() => ID) surveyId: string;
  @Field() respondent: string;
  @Field(() => String, { nullable: true }) organization: string | null;
  @Field(() => GraphQLDate) respondedOn: string;
  @Field() answers: string;
  branchId: string;
}

@ObjectType('PlanMilestone')
export class PlanMilestone {
  @Field(() => ID, { description: 'Stable id of the plan milestone' }) id: string;
  @Field(() => ID) planId: string;
  @Field() title: string;
  @Field(() => GraphQLDate) dueOn: string;
  @Field() done: boolean;
  @Field(() => GraphQLDate, { nullable: true }) doneOn: string | null;
  branchId: string;
}

@ObjectType('MarketingPlan', { description: 'An annual, quarterly or monthly marketing plan on the four Ps' })
export class MarketingPlan {
  @Field(() => ID, { description: 'Stable id of the marketing plan' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the marketing plan belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => MarketingPlanKind) kind: MarketingPlanKind;
  @Field() title: string;
  @Field(() => GraphQLDate) periodStart: string;
  @Field(() => GraphQLDate) periodEnd: string;
  @Field(() => String, { nullable: true }) productStrategy: string | null;
  @Field(() => String, { nullable: true }) priceStrategy: string | null;
  @Field(() => String, { nullable: true }) channelStrategy: string | null;
  @Field(() => String, { nullable: true }) promotionStrategy: string | null;
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
  @Field(() => ID, { nullable: true }) planId: string | null;
  @Field() name: string;
  @Field(() => CampaignType) type: CampaignType;
  @Field(() => GraphQLDecimal) budget: string;
  @Field(() => GraphQLDecimal) spend: string;
  @Field() currency: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => Int, { description: 'Leads attributed (entered)' }) leadsCount: number;
  @Field(() => Int, { description: 'Customers attributed as a count, when they are not linked' })
  customersCount: number;
  @Field(() => String, { nullable: true }) lessons: string | null;
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
  @Field(() => Campaign) campaign: Campaign;
  @Field(() => Int) leads: number;
  @Field(() => Int, { description: 'Linked customers when any are linked, else the count entered' }) customers: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'spend / leads, null without leads' })
  costPerLead: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'spend / customers, null without customers' })
  costPerCustomer: string | null;
  @Field(() => GraphQLDecimal, {
    description:
      'Orders (APPROVED, CONFIRMED or RELEASED, in the campaign currency) of the linked customers received ' +
      'from the campaign start to 90 days after its end',
  })
  revenueAttributed: string;
  @Field(() => GraphQLDecimal, { description: 'budget − spend' }) budgetLeft: string;
}

@ObjectType('CampaignEvaluationConnection', {
  description: 'A page of campaign evaluation rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CampaignEvaluationConnection extends Connection(CampaignEvaluation, 'CampaignEvaluation') {}

@InputType()
export class ResearchPeriodFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Starting on or before' }) @IsOptional() to?: string;
}

@InputType()
export class CampaignFilter extends ResearchPeriodFilter {
  @Field(() => CampaignType, { nullable: true }) @IsOptional() @IsEnum(CampaignType) type?: CampaignType;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be a plan id' }) planId?: string;
}
