import { Kpi, KpiEventKind, KpiPeriodKind } from './kpi.enums.js';

/** The KPI each kind of event counts for. */
export const KPI_OF_EVENT: Record<KpiEventKind, Kpi> = {
  [KpiEventKind.CUSTOMER_CREATED]: Kpi.NEW_CUSTOMERS,
  [KpiEventKind.LEAD_VALIDATED]: Kpi.VALID_LEADS,
  [KpiEventKind.QUOTE_SENT]: Kpi.QUOTES_SENT,
  [KpiEventKind.CONTRACT_SIGNED]: Kpi.CONTRACTS_SIGNED,
  [KpiEventKind.VISIT_EFFECTIVE]: Kpi.EFFECTIVE_VISITS,
  [KpiEventKind.COMPLAINT_RESOLVED_IN_TIME]: Kpi.COMPLAINTS_RESOLVED_IN_TIME,
};

/** KPIs that carry money (in the branch currency) besides their count. */
export const MONEY_KPIS: ReadonlySet<Kpi> = new Set([Kpi.QUOTES_SENT, Kpi.CONTRACTS_SIGNED]);

/** Every grain an event is rolled into, in the order its rows are locked (the same for every handler). */
export const PERIOD_KINDS = [
  KpiPeriodKind.DAY,
  KpiPeriodKind.WEEK,
  KpiPeriodKind.MONTH,
  KpiPeriodKind.QUARTER,
  KpiPeriodKind.YEAR,
] as const;
