import { addDays, localDate } from './business-time.js';

/**
 * Working-time arithmetic on a branch calendar: approval and complaint SLAs in working hours, due dates in working
 * days (document loans, the one-working-day shipping rule).
 *
 * Model: every working day D (see {@link isWorkingDay}) has exactly one working period, from the local
 * wall-clock time `dayStartMinute` to `dayEndMinute` on D in `timeZone`; everything else is not working time.
 * Periods are half-open `[start, end)`. Durations are real elapsed time between those two instants, so a 09:00–18:00
 * day is 9 working hours even on a DST-change day (the changes happen at night); only a period that itself spans a
 * clock change is shorter/longer by the shift (e.g. 00:00–24:00 on a spring-forward day is 23 hours). A wall-clock
 * boundary that falls in a DST gap is moved forward by the gap (02:30 on a spring-forward night becomes 03:30), and
 * one that occurs twice in a fall-back night means its first occurrence.
 *
 * The functions are pure and step day by day (a few `Intl` look-ups per working day), never minute by minute.
 * They validate a calendar with {@link checkCalendar} on its first use, memoised per calendar object (holidays are
 * always read live, but a date added to a set after the first use is not re-validated). Working periods are memoised
 * per time zone, date and hours in a bounded module-level map.
 */
export interface WorkCalendar {
  /** IANA time zone of the branch, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** ISO weekdays that are worked, 1 = Monday … 7 = Sunday, e.g. [1, 2, 3, 4, 5]. */
  workDays: number[];
  /** Start of the working period in minutes after local midnight, e.g. 9 * 60. */
  dayStartMinute: number;
  /** End (exclusive) of the working period in minutes after local midnight, e.g. 18 * 60; at most 24 * 60. */
  dayEndMinute: number;
  /** Local dates 'YYYY-MM-DD' that are not worked although their weekday is. */
  holidays: ReadonlySet<string>;
  /** Local dates worked although their weekday is not (China's adjusted weekend workdays, 调休). */
  extraWorkDays?: ReadonlySet<string>;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone (same as `localDate` in customers/cadence). */
export { localDate as localDayOf } from './business-time.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Consecutive calendar days without working time after which a calendar is considered to never work. */
const MAX_IDLE_DAYS = 3 * 366;
/** Upper bound for `hours` (≈ 40 years of 9-hour days): keeps every call fast and the result a valid Date. */
export const MAX_WORKING_HOURS = 100_000;

/**
 * The instant when `hours` working hours (fractional allowed, >= 0, counted to the millisecond) have elapsed after
 * `start`, counting only working time.
 *
 * - A `start` outside working time (before opening, after closing, on a weekend or holiday) starts counting at the next
 *   working period start; a start exactly at a closing time (18:00) is outside working time.
 * - 0 hours returns that effective start: `start` itself during working time, otherwise the next working period start.
 *   This keeps the function continuous in `hours` (a 1-minute SLA from Saturday ends Monday 09:01, so a 0-hour one
 *   ends Monday 09:00) and fair to the approver: a request submitted at night is not overdue before anybody could
 *   see it. `addWorkingHours(start, 0, cal)` is therefore the "effective start" of an SLA.
 * - A duration that exactly fills the rest of a period lands on that period's end (Friday 09:00 + 9h → Friday 18:00),
 *   not on the next period's start.
 * - `workingMsBetween(start, addWorkingHours(start, h, cal), cal) === Math.round(h * 3_600_000)`.
 *
 * Throws a RangeError for an invalid `start` or `hours` (negative, not finite, above {@link MAX_WORKING_HOURS}), and an
 * Error for an invalid calendar or one without any working day in 3 years.
 */
export function addWorkingHours(start: Date, hours: number, cal: WorkCalendar): Date {
  const t0 = instantOf(start, 'start');
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_WORKING_HOURS) {
    throw new RangeError(`addWorkingHours: hours must be a number from 0 to ${MAX_WORKING_HOURS}, got ${hours}`);
  }
  ensureValid(cal);
  let remaining = Math.round(hours * HOUR_MS);
  let day = localDate(start, cal.timeZone);
  let idle = 0;
  for (;;) {
    const w = isWorkingDay(day, cal) ? workingPeriod(day, cal) : undefined;
    const from = w ? Math.max(t0, w.start) : 0;
    if (w && from < w.end) {
      if (remaining <= w.end - from) return new Date(from + remaining);
      remaining -= w.end - from;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) {
      throw new Error(`WorkCalendar (${cal.timeZone}) has no working time in the ${MAX_IDLE_DAYS} days after ${day}`);
    }
    day = addDays(day, 1);
  }
}

/** Working milliseconds in `[a, b)` (0 if `b <= a`); the inverse of {@link addWorkingHours}. */
export function workingMsBetween(a: Date, b: Date, cal: WorkCalendar): number {
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  if (to <= from) return 0;
  ensureValid(cal);
  const last = localDate(b, cal.timeZone);
  let total = 0;
  // A period never leaves its local day, so only the local days from a's to b's can overlap [a, b).
  for (let day = localDate(a, cal.timeZone); day <= last; day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const w = workingPeriod(day, cal);
    const overlap = Math.min(to, w.end) - Math.max(from, w.start);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/**
 * The close of the first working day after the local day of `at` (the one-working-day rule of shipping: signed on
 * Monday, shipped by Tuesday's close; signed on Friday or Saturday, by Monday's close, holidays skipped).
 */
export function nextWorkingDayClose(at: Date, cal: WorkCalendar): Date {
  instantOf(at, 'at');
  ensureValid(cal);
  let day = addDays(localDate(at, cal.timeZone), 1);
  for (let idle = 0; !isWorkingDay(day, cal); day = addDays(day, 1)) {
    if (++idle > MAX_IDLE_DAYS) {
      throw new Error(`WorkCalendar (${cal.timeZone}) has no working day in the ${MAX_IDLE_DAYS} days after ${day}`);
    }
  }
  return new Date(workingPeriod(day, cal).end);
}

/** Whether a local date 'YYYY-MM-DD' is worked: holidays win over extra work days, which win over the weekday. */
export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.extraWorkDays?.has(date)) return true;
  return cal.workDays.includes(isoWeekday(date));
}

/** The working period of a local date (its opening and closing instants), or null on a day not worked. */
export function workingHoursOf(date: string, cal: WorkCalendar): { start: Date; end: Date } | null {
  ensureValid(cal);
  if (!isWorkingDay(date, cal)) return null;
  const p = workingPeriod(date, cal);
  return { start: new Date(p.start), end: new Date(p.end) };
}

/** Upper bound for `days` of {@link addWorkingDays} (about four years of working days). */
export const MAX_WORKING_DAYS = 1000;

/**
 * The local date that is the `days`-th working day after `date` ('YYYY-MM-DD'; `date` itself is not counted, so a
 * loan taken on Friday for 1 working day is due on Monday, and one taken on a holiday for 1 day is due on the first
 * working day after it). 0 days answers `date` itself. Throws a RangeError for a `days` that is not an integer from 0
 * to {@link MAX_WORKING_DAYS}, and an Error for a calendar without a working day in 3 years.
 */
export function addWorkingDays(date: string, days: number, cal: WorkCalendar): string {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
    throw new RangeError(`addWorkingDays: days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${days}`);
  }
  ensureValid(cal);
  let day = date;
  let idle = 0;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) {
      left -= 1;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) {
      throw new Error(`WorkCalendar (${cal.timeZone}) has no working day in the ${MAX_IDLE_DAYS} days after ${day}`);
    }
  }
  return day;
}

/**
 * Validates a calendar; throws an Error whose message names the offending field (`WorkCalendar.timeZone: …`) for an
 * unknown time zone, empty or out-of-range workDays, non-integer or out-of-range minutes, start >= end, malformed or
 * impossible dates, and a date listed both as holiday and as extra work day.
 */
export function checkCalendar(cal: WorkCalendar): void {
  if (typeof cal !== 'object' || cal === null) throw new Error('WorkCalendar: expected an object');
  const { timeZone, workDays, dayStartMinute: start, dayEndMinute: end } = cal;
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new Error('WorkCalendar.timeZone: must be an IANA time zone name such as "Asia/Shanghai"');
  }
  try {
    formatterFor(timeZone);
  } catch {
    throw new Error(`WorkCalendar.timeZone: "${timeZone}" is not a known IANA time zone`);
  }
  if (!Array.isArray(workDays) || workDays.length === 0) {
    throw new Error('WorkCalendar.workDays: must list at least one ISO weekday (1 = Monday … 7 = Sunday)');
  }
  for (const d of workDays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new Error(`WorkCalendar.workDays: ${String(d)} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
  }
  if (!Number.isInteger(start) || start < 0 || start >= 24 * 60) {
    throw new Error(`WorkCalendar.dayStartMinute: must be a whole minute from 0 to 1439, got ${String(start)}`);
  }
  if (!Number.isInteger(end) || end < 1 || end > 24 * 60) {
    throw new Error(`WorkCalendar.dayEndMinute: must be a whole minute from 1 to 1440, got ${String(end)}`);
  }
  if (start >= end) {
    throw new Error(
      `WorkCalendar.dayEndMinute: ${end} (${clock(end)}) must be after dayStartMinute ${start} (${clock(start)})`,
    );
  }
  checkDates('holidays', cal.holidays);
  if (cal.extraWorkDays !== undefined) {
    checkDates('extraWorkDays', cal.extraWorkDays);
    for (const d of cal.extraWorkDays) {
      if (cal.holidays.has(d)) throw new Error(`WorkCalendar.extraWorkDays: ${d} is also listed in holidays`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------

const validated = new WeakSet<WorkCalendar>();

function ensureValid(cal: WorkCalendar): void {
  if (validated.has(cal)) return;
  checkCalendar(cal);
  validated.add(cal);
}

function instantOf(d: Date, name: string): number {
  const t = typeof d?.getTime === 'function' ? d.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} must be a valid Date`);
  return t;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDates(field: string, dates: ReadonlySet<string>): void {
  if (typeof dates?.has !== 'function' || typeof dates[Symbol.iterator] !== 'function')
    throw new Error(`WorkCalendar.${field}: must be a Set of 'YYYY-MM-DD' dates`);
  for (const d of dates) {
    const m = typeof d === 'string' ? DATE_RE.exec(d) : null;
    const valid = m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === d;
    if (!valid) throw new Error(`WorkCalendar.${field}: ${JSON.stringify(d)} is not a valid date 'YYYY-MM-DD'`);
  }
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

interface Period {
  start: number;
  end: number;
}

/** Bounded memo of working periods: repeated SLA computations mostly touch the same few days. */
const periods = new Map<string, Period>();
const MAX_CACHED_PERIODS = 20_000;

function workingPeriod(date: string, cal: WorkCalendar): Period {
  const { timeZone, dayStartMinute, dayEndMinute } = cal;
  const key = `${timeZone}|${date}|${dayStartMinute}|${dayEndMinute}`;
  let p = periods.get(key);
  if (!p) {
    const [y, m, d] = date.split('-').map(Number);
    const midnight = Date.UTC(y, m - 1, d);
    const wallStart = midnight + dayStartMinute * MINUTE_MS;
    const wallEnd = midnight + dayEndMinute * MINUTE_MS;
    const before = offsetAt(wallStart - DAY_MS, timeZone);
    const after = offsetAt(wallEnd + DAY_MS, timeZone);
    p =
      before === after // no clock change from a day before the period to a day after it: the usual case
        ? { start: wallStart - before, end: wallEnd - before }
        : { start: wallClockToInstant(wallStart, timeZone), end: wallClockToInstant(wallEnd, timeZone) };
    if (periods.size >= MAX_CACHED_PERIODS) periods.clear();
    periods.set(key, p);
  }
  return p;
}

// Wall clock → instant. customers/cadence.ts converts with the same Intl offset technique but keeps its offset helper
// private and only resolves local midnight, so the minute-of-day resolution with gap/overlap rules lives here.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset', year: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

const OFFSET_RE = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** UTC offset (local − UTC, ms) of a time zone at an instant, from the 'GMT+08:00' / 'GMT-04:56:02' / 'GMT' name. */
function offsetAt(t: number, timeZone: string): number {
  const text = formatterFor(timeZone).format(t);
  const m = OFFSET_RE.exec(text);
  if (!m) throw new Error(`Cannot read the UTC offset of ${timeZone} from "${text}"`);
  if (!m[1]) return 0;
  const ms = ((+m[2] * 60 + +m[3]) * 60 + (m[4] ? +m[4] : 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/**
 * The instant a local wall-clock time (given as if it were UTC, ms) occurs in a time zone. A time in a DST gap is
 * shifted forward by the gap; a time occurring twice resolves to the earlier instant (Temporal's 'compatible'
 * disambiguation). Assumes at most one clock change within a day either side, true of every real zone today.
 */
function wallClockToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const withBefore = wall - before;
  if (before === after) return withBefore;
  const withAfter = wall - after;
  const beforeOk = offsetAt(withBefore, timeZone) === before;
  const afterOk = offsetAt(withAfter, timeZone) === after;
  if (beforeOk && afterOk) return Math.min(withBefore, withAfter); // occurs twice: the first time
  if (beforeOk) return withBefore;
  if (afterOk) return withAfter;
  return withBefore; // in the gap: the offset from before the change puts it after the gap, shifted by its length
}

/** A real calendar date YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
  );
}
