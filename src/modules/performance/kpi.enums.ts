import { registerEnumType } from '@nestjs/graphql';

/** The figures of this slice (DOMAIN.md section 7), per branch and person, from the modules' domain events. */
export enum Kpi {
  NEW_CUSTOMERS = 'NEW_CUSTOMERS',
  VALID_LEADS = 'VALID_LEADS',
  QUOTES_SENT = 'QUOTES_SENT',
  CONTRACTS_SIGNED = 'CONTRACTS_SIGNED',
  EFFECTIVE_VISITS = 'EFFECTIVE_VISITS',
  COMPLAINTS_RESOLVED_IN_TIME = 'COMPLAINTS_RESOLVED_IN_TIME',
  SALES_AMOUNT = 'SALES_AMOUNT',
  GROSS_PROFIT = 'GROSS_PROFIT',
  COLLECTIONS = 'COLLECTIONS',
  SATISFACTION = 'SATISFACTION',
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
  /** orders (fulfillment closes it): every line shipped and accepted; the order's amount, the owner's, closing day. */
  ORDER_CLOSED = 'ORDER_CLOSED',
  /** orders: the same closing, amount - cost of goods fixed at closing (none when the cost could not be valued). */
  ORDER_GROSS_PROFIT = 'ORDER_GROSS_PROFIT',
  /**
   * fulfillment: goods of an order returned (a processed RETURN; an exchange sells the goods again and counts
   * nothing): count 0, minus the return's amount (subject: the return, of: the order).
   */
  ORDER_RETURNED = 'ORDER_RETURNED',
  /** fulfillment: the same return's profit taken back: minus (its amount - its goods at cost prices when processed). */
  ORDER_RETURN_PROFIT = 'ORDER_RETURN_PROFIT',
  /**
   * finance: a credit note's amounts taken off lines of an order's invoice without goods coming back (a price
   * correction): count 0, minus those amounts (subject: the credit note, of: the order). Quantities a credit note
   * gives back are the financial side of a return, which counts them: never twice.
   */
  ORDER_CREDITED = 'ORDER_CREDITED',
  /** finance: the same correction off the order's gross profit (the cost of the goods is unchanged). */
  ORDER_CREDIT_PROFIT = 'ORDER_CREDIT_PROFIT',
  /** finance: part of a receipt applied to a contract instalment (subject: the application); the contract owner's. */
  RECEIPT_APPLIED = 'RECEIPT_APPLIED',
  /** finance: an application taken back by the receipt's reversal: count -1, the amount negative, same person and day. */
  RECEIPT_APPLICATION_REVERSED = 'RECEIPT_APPLICATION_REVERSED',
  /** visits: a customer's satisfaction score recorded (the score as amount); the customer owner's, day surveyed. */
  SATISFACTION_SCORED = 'SATISFACTION_SCORED',
  /** visits: a recorded score changed: count 0, amount the new score minus the old (subject: the change). */
  SATISFACTION_RESCORED = 'SATISFACTION_RESCORED',
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
  AVERAGE = 'AVERAGE',
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
    SALES_AMOUNT: {
      description:
        'Orders closed (销售额): count and amount, by owner and the branch’s closing day; goods returned and price ' +
        'corrections by credit note take their amount back (count unchanged) on their own day, for the same owner',
    },
    GROSS_PROFIT: {
      description:
        'Gross profit of closed orders (毛利): amount minus cost of goods at cost prices fixed at closing; orders whose ' +
        'goods could not be valued (a cost price in another currency) are not in it (compare its count with ' +
        'SALES_AMOUNT); a return takes back its amount less its goods at cost, a price correction its amount',
    },
    COLLECTIONS: {
      description:
        'Receipts applied to contract instalments (回款), by contract owner and day received; a reversal takes its applications back',
    },
    SATISFACTION: {
      description:
        'Customer satisfaction scores (满意度, 1-10): count of responses and the sum of scores (average = sum / count)',
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
    AMOUNT: {
      description:
        'The money (KPIs with an amount: QUOTES_SENT, CONTRACTS_SIGNED, SALES_AMOUNT, GROSS_PROFIT, COLLECTIONS)',
    },
    AVERAGE: { description: 'Amount per item: the average score of SATISFACTION, or the average of a money KPI' },
  },
});
