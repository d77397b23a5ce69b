import { BadUserInputError } from '@app/core';

/** A quota period: an ISO week (2026-W48, Monday to Sunday) or a calendar month (2026-11). */
export interface QuotaPeriod {
  kind: 'WEEK' | 'MONTH';
  label: string;
  /** First day (YYYY-MM-DD) and the day after the last, as business days of the branch. */
  start: string;
  end: string;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 864e5;

/** The Monday of ISO week 1: the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return jan4 - weekday * DAY;
}

/** The number of ISO weeks of a year (52 or 53). */
function isoWeeks(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY);
}

export function parseQuotaPeriod(value: string, field = 'period'): QuotaPeriod {
  const v = value.trim();
  const w = WEEK.exec(v);
  if (w) {
    const [year, week] = [Number(w[1]), Number(w[2])];
    if (week < 1 || week > isoWeeks(year)) {
      throw BadUserInputError.field(field, `${year} has ISO weeks 1 to ${isoWeeks(year)}`);
    }
    const start = isoWeekOneMonday(year) + (week - 1) * 7 * DAY;
    return { kind: 'WEEK', label: v, start: day(start), end: day(start + 7 * DAY) };
  }
  const m = MONTH.exec(v);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month < 1 || month > 12) throw BadUserInputError.field(field, 'the month must be 01 to 12');
    return { kind: 'MONTH', label: v, start: day(Date.UTC(year, month - 1, 1)), end: day(Date.UTC(year, month, 1)) };
  }
  throw BadUserInputError.field(field, 'must be an ISO week such as 2026-W48 or a month such as 2026-11');
}
