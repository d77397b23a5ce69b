import { Kpi, KpiEventKind, KpiPeriodKind } from './kpi.enums.js';

/**
 * The KPI each kind of event counts for, and what it adds to the count (1; -1 takes one back; 0 corrects the amount).
 * `corrects`: the event takes back part of another record's counted event (`of`, same KPI), for the person and not
 * before the day that counted on; `awaited`: corrections may wait for this event (kpi_waiting).
 */
export const KPI_OF_EVENT: Record<KpiEventKind, { kpi: Kpi; n: 1 | 0 | -1; corrects?: true; awaited?: true }> = {
  [KpiEventKind.CUSTOMER_CREATED]: { kpi: Kpi.NEW_CUSTOMERS, n: 1 },
  [KpiEventKind.LEAD_VALIDATED]: { kpi: Kpi.VALID_LEADS, n: 1 },
  [KpiEventKind.QUOTE_SENT]: { kpi: Kpi.QUOTES_SENT, n: 1 },
  [KpiEventKind.CONTRACT_SIGNED]: { kpi: Kpi.CONTRACTS_SIGNED, n: 1 },
  [KpiEventKind.VISIT_EFFECTIVE]: { kpi: Kpi.EFFECTIVE_VISITS, n: 1 },
  [KpiEventKind.COMPLAINT_RESOLVED_IN_TIME]: { kpi: Kpi.COMPLAINTS_RESOLVED_IN_TIME, n: 1 },
  [KpiEventKind.ORDER_CLOSED]: { kpi: Kpi.SALES_AMOUNT, n: 1, awaited: true },
  [KpiEventKind.ORDER_GROSS_PROFIT]: { kpi: Kpi.GROSS_PROFIT, n: 1, awaited: true },
  [KpiEventKind.ORDER_RETURNED]: { kpi: Kpi.SALES_AMOUNT, n: 0, corrects: true },
  [KpiEventKind.ORDER_RETURN_PROFIT]: { kpi: Kpi.GROSS_PROFIT, n: 0, corrects: true },
  [KpiEventKind.ORDER_CREDITED]: { kpi: Kpi.SALES_AMOUNT, n: 0, corrects: true },
  [KpiEventKind.ORDER_CREDIT_PROFIT]: { kpi: Kpi.GROSS_PROFIT, n: 0, corrects: true },
  [KpiEventKind.RECEIPT_APPLIED]: { kpi: Kpi.COLLECTIONS, n: 1 },
  [KpiEventKind.RECEIPT_APPLICATION_REVERSED]: { kpi: Kpi.COLLECTIONS, n: -1 },
  [KpiEventKind.SATISFACTION_SCORED]: { kpi: Kpi.SATISFACTION, n: 1 },
  [KpiEventKind.SATISFACTION_RESCORED]: { kpi: Kpi.SATISFACTION, n: 0 },
};

/** KPIs that carry money (in the branch currency) besides their count. */
export const MONEY_KPIS: ReadonlySet<Kpi> = new Set([
  Kpi.QUOTES_SENT,
  Kpi.CONTRACTS_SIGNED,
  Kpi.SALES_AMOUNT,
  Kpi.GROSS_PROFIT,
  Kpi.COLLECTIONS,
]);

/** KPIs whose events carry an amount: the money KPIs, and SATISFACTION (the sum of the scores, not money). */
export const AMOUNT_KPIS: ReadonlySet<Kpi> = new Set([...MONEY_KPIS, Kpi.SATISFACTION]);

/** Every grain an event is rolled into, in the order its rows are locked (the same for every handler). */
export const PERIOD_KINDS = [
  KpiPeriodKind.DAY,
  KpiPeriodKind.WEEK,
  KpiPeriodKind.MONTH,
  KpiPeriodKind.QUARTER,
  KpiPeriodKind.YEAR,
] as const;

/**
 * The grains of the branch-level rollup (kpi_branch_rollups): a week or longer. A day of a branch holds few people's
 * lines, and days would be most of the branch lines written (365 of 435 per KPI and year).
 */
export const BRANCH_PERIOD_KINDS = [
  KpiPeriodKind.WEEK,
  KpiPeriodKind.MONTH,
  KpiPeriodKind.QUARTER,
  KpiPeriodKind.YEAR,
] as const;

/** Whether head office's figures of a period of this kind are read from the branch lines. */
export const hasBranchLines = (kind: KpiPeriodKind): boolean =>
  (BRANCH_PERIOD_KINDS as readonly KpiPeriodKind[]).includes(kind);
