/**
 * Business days and branch time zones, one set of helpers for every module: a business day is a `YYYY-MM-DD` in
 * the branch's time zone, never an instant; an instant that stands for a day is the start of that day there.
 */

/** Today in a time zone (a branch's business day), as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDate(now, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/** The instant a local calendar day starts in a time zone (handles DST shifts). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Local midnight read with the offset in force a day before and a day after. Where clocks spring
  // forward over midnight (America/Santiago, America/Havana, Atlantic/Azores) only the earlier offset
  // lands on `date` (the day starts at the change, 01:00); where they fall back from 01:00 to 00:00
  // both do, and the day starts at the first midnight.
  let start: number | undefined;
  for (const probe of [guess - DAY_MS, guess + DAY_MS]) {
    const t = guess - offsetMs(new Date(probe), timeZone);
    if (localDate(new Date(t), timeZone) === date && (start === undefined || t < start)) start = t;
  }
  if (start === undefined) {
    // A day the zone skipped altogether (Pacific/Apia, 2011-12-30): the old two-step estimate.
    const t = guess - offsetMs(new Date(guess), timeZone);
    start = guess - offsetMs(new Date(t), timeZone);
  }
  return new Date(start);
}

/** A calendar day `days` later (or earlier), as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** SQL: the start of `day` (a date expression) in the time zone of the branch named by `branch` (scope_branches). */
export const dayStart = (day: string, branch: string) =>
  `((${day})::timestamp AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb WHERE sb.id = ${branch}))`;

/** SQL: today in the time zone of the branch named by `branch` (a branch in the transaction's scope). */
export const branchToday = (branch: string) =>
  `(now() AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb WHERE sb.id = ${branch}))::date`;
