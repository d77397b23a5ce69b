import { addDays } from '@app/core';

/** A reconciliation period (对账期): a half-year ending 30 June or 31 December, as business days. */
export interface StatementPeriod {
  start: string;
  end: string;
}

/** The half-year that ends on `end` (a 30 June or 31 December). */
export function periodEnding(end: string): StatementPeriod {
  const year = Number(end.slice(0, 4));
  return { start: end.endsWith('-06-30') ? `${year}-01-01` : `${year}-07-01`, end };
}

/** The last half-year that has ended before `today` (YYYY-MM-DD): what the worker reconciles (the migration's SQL). */
export function lastPeriod(today: string): StatementPeriod {
  const year = Number(today.slice(0, 4));
  return periodEnding(Number(today.slice(5, 7)) >= 7 ? `${year}-06-30` : `${year - 1}-12-31`);
}

/** The day before a period starts: the opening balance is the balance at its close. */
export const openingDay = (p: StatementPeriod): string => addDays(p.start, -1);
