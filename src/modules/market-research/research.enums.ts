import { registerEnumType } from '@nestjs/graphql';

/** The market research module's enums (the entities and the GraphQL types both use them). */

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

export enum ObservationAspect {
  PRODUCT = 'PRODUCT',
  PRICE = 'PRICE',
  CHANNEL = 'CHANNEL',
  PROMOTION = 'PROMOTION',
  REVIEW = 'REVIEW',
  OTHER = 'OTHER',
}
registerEnumType(ObservationAspect, {
  name: 'ObservationAspect',
  description: 'What an observation is about: one of the four Ps, a customer review, or something else',
  valuesMap: {
    CHANNEL: { description: 'Their channels' },
    OTHER: { description: 'Anything else' },
    PRICE: { description: 'Their prices' },
    PRODUCT: { description: 'Their products' },
    PROMOTION: { description: 'Their campaigns and promotion' },
    REVIEW: { description: 'Customer reviews of them' },
  },
});

export enum CustomerSize {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(CustomerSize, {
  name: 'CustomerSize',
  description: 'The size of the customers in a segment',
  valuesMap: {
    ENTERPRISE: { description: 'Enterprise customers' },
    LARGE: { description: 'Large customers' },
    MEDIUM: { description: 'Medium customers' },
    SMALL: { description: 'Small customers' },
  },
});

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
