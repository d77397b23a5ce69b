import { addDays } from '@app/core';
import { StatementCadence } from './reconciliation.enums.js';

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

/** The calendar month that ends on `end` (its last day). */
export function monthEnding(end: string): StatementPeriod {
  return { start: `${end.slice(0, 7)}-01`, end };
}

/** The last month-end before `today` (YYYY-MM-DD): the month a partner's statement is due for (the claim's SQL). */
export function lastMonthEnd(today: string): StatementPeriod {
  return monthEnding(addDays(`${today.slice(0, 7)}-01`, -1));
}

/** The period of a statement of this cadence ending on `end`. */
export const periodOf = (cadence: StatementCadence, end: string): StatementPeriod =>
  cadence === StatementCadence.MONTH ? monthEnding(end) : periodEnding(end);
