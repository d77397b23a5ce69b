import { registerEnumType } from '@nestjs/graphql';

/** The figures of this slice (DOMAIN.md section 7), per branch and person, from the modules' domain events. */
export enum Kpi {
  NEW_CUSTOMERS = 'NEW_CUSTOMERS',
  VALID_LEADS = 'VALID_LEADS',
  QUOTES_SENT = 'QUOTES_SENT',
  CONTRACTS_SIGNED = 'CONTRACTS_SIGNED',
  EFFECTIVE_VISITS = 'EFFECTIVE_VISITS',
  COMPLAINTS_RESOLVED_IN_TIME = 'COMPLAINTS_RESOLVED_IN_TIME',
}

/**
 * What a source module reports (the `kind` of a domain event, emitEvent in @app/jobs); each counts for one KPI,
 * once per subject: a lead validated twice (valid, incomplete, valid again) counts once.
 */
export enum KpiEventKind {
  /** customers: a customer created (directly or from a lead); the owner's, on the day created. */
  CUSTOMER_CREATED = 'CUSTOMER_CREATED',
  /** customers: a lead became valid (created valid, or completed later); the owner's, on that day. */
  LEAD_VALIDATED = 'LEAD_VALIDATED',
  /** contracts: a quote sent to the customer, with its total; the owner's, on the day sent. */
  QUOTE_SENT = 'QUOTE_SENT',
  /** contracts: a contract signed, with its amount; the owner's, on the day signed (signedOn). */
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  /** visits: a visit report that makes the visit effective; the owner's, on the day visited. */
  VISIT_EFFECTIVE = 'VISIT_EFFECTIVE',
  /** complaints: a complaint resolved whose response came before its deadline; the owner's, on the day resolved. */
  COMPLAINT_RESOLVED_IN_TIME = 'COMPLAINT_RESOLVED_IN_TIME',
}

export enum KpiPeriodKind {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

export enum KpiRankBy {
  BRANCH = 'BRANCH',
  PERSON = 'PERSON',
}

export enum KpiMeasure {
  COUNT = 'COUNT',
  AMOUNT = 'AMOUNT',
}

registerEnumType(Kpi, {
  name: 'Kpi',
  description: 'A key performance indicator kept in the rollups',
  valuesMap: {
    NEW_CUSTOMERS: { description: 'Customers created (客户新增), by owner and day created' },
    VALID_LEADS: { description: 'Leads that became valid (有效线索), by owner and day validated' },
    QUOTES_SENT: { description: 'Quotes sent (报价/方案发送), count and total amount, by owner and day sent' },
    CONTRACTS_SIGNED: { description: 'Contracts signed (合同签订), count and amount, by owner and signing day' },
    EFFECTIVE_VISITS: { description: 'Effective visits (有效拜访), by owner and day visited' },
    COMPLAINTS_RESOLVED_IN_TIME: {
      description: 'Complaints resolved whose response met its deadline (投诉及时处理), by owner and day resolved',
    },
  },
});
registerEnumType(KpiPeriodKind, {
  name: 'KpiPeriodKind',
  description: "A period of the branch's calendar (its time zone); weeks are ISO weeks from Monday",
  valuesMap: {
    DAY: { description: 'A business day, e.g. 2026-12-07' },
    WEEK: { description: 'An ISO week from Monday, e.g. 2026-W49' },
    MONTH: { description: 'A calendar month, e.g. 2026-12' },
    QUARTER: { description: 'A calendar quarter, e.g. 2026-Q4' },
    YEAR: { description: 'A calendar year, e.g. 2026' },
  },
});
registerEnumType(KpiRankBy, {
  name: 'KpiRankBy',
  description: 'What a ranking ranks',
  valuesMap: {
    BRANCH: { description: 'The branches in scope (head office and branch managers)' },
    PERSON: { description: 'The people of each branch, ranked within their branch; a sales rep sees their own line' },
  },
});
registerEnumType(KpiMeasure, {
  name: 'KpiMeasure',
  description: 'What a ranking orders by',
  valuesMap: {
    COUNT: { description: 'How many (every KPI)' },
    AMOUNT: { description: 'The money (QUOTES_SENT and CONTRACTS_SIGNED only)' },
  },
});
