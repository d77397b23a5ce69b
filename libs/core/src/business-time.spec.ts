import { describe, expect, it } from '@jest/globals';
import { addDays, localDate, startOfLocalDay, todayIn } from './business-time.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const KIRITIMATI = 'Pacific/Kiritimati';
const UTC = 'UTC';

/** Local wall-clock time (HH:MM) of an instant, computed independently of the module under test. */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
}

describe('todayIn', () => {
  it('is the business day of now in the zone, the same as localDate', () => {
    const newYearsEveUtc = new Date('2026-12-31T17:30:00Z');
    expect(todayIn(SHANGHAI, newYearsEveUtc)).toBe('2027-01-01');
    expect(todayIn(UTC, newYearsEveUtc)).toBe('2026-12-31');
    expect(todayIn(NEW_YORK, newYearsEveUtc)).toBe(localDate(newYearsEveUtc, NEW_YORK));
  });
});

describe('localDate', () => {
  it.each([
    // Shanghai is +08:00 all year: 16:00Z is local midnight.
    ['2026-03-01T17:00:00Z', SHANGHAI, '2026-03-02'],
    ['2026-03-01T15:59:59Z', SHANGHAI, '2026-03-01'],
    ['2026-03-01T16:00:00Z', SHANGHAI, '2026-03-02'],
    ['2028-02-28T16:00:00Z', SHANGHAI, '2028-02-29'],
    ['2026-03-01T17:00:00Z', UTC, '2026-03-01'],
    ['2026-12-31T23:59:59.999Z', UTC, '2026-12-31'],
    // New York: EST (-05:00) in winter, EDT (-04:00) in summer.
    ['2026-03-01T04:59:59Z', NEW_YORK, '2026-02-28'],
    ['2026-03-01T05:00:00Z', NEW_YORK, '2026-03-01'],
    ['2026-07-01T03:59:59Z', NEW_YORK, '2026-06-30'],
    ['2026-07-01T04:00:00Z', NEW_YORK, '2026-07-01'],
    // Kiritimati is +14:00: 10:00Z is already the next day.
    ['2026-03-01T09:59:59Z', KIRITIMATI, '2026-03-01'],
    ['2026-03-01T10:00:00Z', KIRITIMATI, '2026-03-02'],
    ['2026-12-31T10:00:00Z', KIRITIMATI, '2027-01-01'],
  ])('%s in %s is %s', (instant, tz, date) => {
    expect(localDate(new Date(instant), tz)).toBe(date);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-31', 30, '2026-03-02'],
  ])('%s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-03-02', SHANGHAI, '2026-03-01T16:00:00.000Z'],
    ['2028-02-29', SHANGHAI, '2028-02-28T16:00:00.000Z'],
    ['2026-03-02', UTC, '2026-03-02T00:00:00.000Z'],
    ['2026-03-02', KIRITIMATI, '2026-03-01T10:00:00.000Z'],
    ['2027-01-01', KIRITIMATI, '2026-12-31T10:00:00.000Z'],
    // New York springs forward at 02:00 on 2026-03-08: that day still starts at 00:00 EST.
    ['2026-03-07', NEW_YORK, '2026-03-07T05:00:00.000Z'],
    ['2026-03-08', NEW_YORK, '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', NEW_YORK, '2026-03-09T04:00:00.000Z'],
    // ...and falls back at 02:00 on 2026-11-01: that day starts at 00:00 EDT.
    ['2026-10-31', NEW_YORK, '2026-10-31T04:00:00.000Z'],
    ['2026-11-01', NEW_YORK, '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', NEW_YORK, '2026-11-02T05:00:00.000Z'],
  ])('%s in %s starts at %s', (date, tz, instant) => {
    const start = startOfLocalDay(date, tz);
    expect(start.toISOString()).toBe(instant);
    expect(wallClock(start, tz)).toBe('00:00');
    expect(localDate(start, tz)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), tz)).toBe(addDays(date, -1));
  });

  // Regression: where clocks spring forward over midnight the day has no 00:00 and starts at 01:00, the
  // moment of the change; the old two-step estimate returned 23:00 of the day before, an hour early.
  it.each([
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2026-03-08', 'America/Havana', '2026-03-08T05:00:00.000Z'],
    ['2026-03-29', 'Atlantic/Azores', '2026-03-29T01:00:00.000Z'],
  ])('%s in %s (midnight skipped) starts at 01:00, %s', (date, tz, instant) => {
    const start = startOfLocalDay(date, tz);
    expect(start.toISOString()).toBe(instant);
    expect(wallClock(start, tz)).toBe('01:00');
    expect(localDate(start, tz)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), tz)).toBe(addDays(date, -1));
  });

  // Regression: where clocks fall back from 01:00 to 00:00 midnight happens twice; the day starts at the first.
  it('2020-10-30 in Asia/Amman (midnight repeated) starts at the first midnight, +03:00', () => {
    const start = startOfLocalDay('2020-10-30', 'Asia/Amman');
    expect(start.toISOString()).toBe('2020-10-29T21:00:00.000Z');
    expect(localDate(new Date(start.getTime() - 1), 'Asia/Amman')).toBe('2020-10-29');
  });
});
