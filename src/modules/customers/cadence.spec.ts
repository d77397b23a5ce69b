import { describe, expect, it } from '@jest/globals';
import type { CustomerTier } from './customer.enums.js';
import {
  DEFAULT_CADENCE,
  addDays,
  cadenceDays,
  dueOnOf,
  localDate,
  nextContactDue,
  startOfLocalDay,
  type CadenceSettings,
} from './cadence.js';

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

describe('cadence by tier', () => {
  it('defaults to DOMAIN.md: weekly, twice a month, monthly', () => {
    expect(DEFAULT_CADENCE).toEqual({
      contactCadenceHighDays: 7,
      contactCadenceMediumDays: 15,
      contactCadenceLowDays: 30,
    });
  });

  const custom: CadenceSettings = {
    contactCadenceHighDays: 3,
    contactCadenceMediumDays: 10,
    contactCadenceLowDays: 45,
  };
  it.each<[CustomerTier, CadenceSettings, number]>([
    ['HIGH', DEFAULT_CADENCE, 7],
    ['MEDIUM', DEFAULT_CADENCE, 15],
    ['LOW', DEFAULT_CADENCE, 30],
    ['HIGH', custom, 3],
    ['MEDIUM', custom, 10],
    ['LOW', custom, 45],
  ])('%s with %o → %i days', (tier, settings, days) => {
    expect(cadenceDays(tier, settings)).toBe(days);
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

describe('nextContactDue', () => {
  it.each<[string, string, CustomerTier, string, string]>([
    // last contact (instant), zone, tier, due business day, overdue from (start of the next local day)
    ['2026-03-01T17:00:00Z', SHANGHAI, 'HIGH', '2026-03-09', '2026-03-09T16:00:00.000Z'], // local 03-02
    ['2026-03-01T17:00:00Z', UTC, 'HIGH', '2026-03-08', '2026-03-09T00:00:00.000Z'], // local 03-01
    ['2026-03-01T10:30:00Z', KIRITIMATI, 'HIGH', '2026-03-09', '2026-03-09T10:00:00.000Z'], // local 03-02 00:30
    ['2026-03-01T09:30:00Z', KIRITIMATI, 'HIGH', '2026-03-08', '2026-03-08T10:00:00.000Z'], // local 03-01 23:30
    // New York, DST starts 2026-03-08 in between: still due on the local day, overdue at local midnight (EDT).
    ['2026-03-01T12:00:00Z', NEW_YORK, 'MEDIUM', '2026-03-16', '2026-03-17T04:00:00.000Z'],
    ['2026-03-02T03:30:00Z', NEW_YORK, 'HIGH', '2026-03-08', '2026-03-09T04:00:00.000Z'], // local 03-01 22:30 EST
    // DST ends 2026-11-01 in between: overdue at local midnight (EST).
    ['2026-10-20T15:00:00Z', NEW_YORK, 'MEDIUM', '2026-11-04', '2026-11-05T05:00:00.000Z'],
    ['2026-10-25T03:30:00Z', NEW_YORK, 'HIGH', '2026-10-31', '2026-11-01T04:00:00.000Z'], // local 10-24 23:30 EDT
    ['2026-10-26T03:30:00Z', NEW_YORK, 'HIGH', '2026-11-01', '2026-11-02T05:00:00.000Z'], // local 10-25 23:30 EDT
    // Month ends and leap years.
    ['2026-01-31T02:00:00Z', SHANGHAI, 'LOW', '2026-03-02', '2026-03-02T16:00:00.000Z'],
    ['2026-02-13T16:30:00Z', SHANGHAI, 'MEDIUM', '2026-03-01', '2026-03-01T16:00:00.000Z'], // local 02-14
    ['2026-02-22T04:00:00Z', SHANGHAI, 'HIGH', '2026-03-01', '2026-03-01T16:00:00.000Z'],
    ['2028-02-22T04:00:00Z', SHANGHAI, 'HIGH', '2028-02-29', '2028-02-29T16:00:00.000Z'],
    ['2028-01-30T08:00:00Z', SHANGHAI, 'LOW', '2028-02-29', '2028-02-29T16:00:00.000Z'],
    ['2028-02-14T00:00:00Z', UTC, 'MEDIUM', '2028-02-29', '2028-03-01T00:00:00.000Z'],
    ['2026-12-25T12:00:00Z', UTC, 'HIGH', '2027-01-01', '2027-01-02T00:00:00.000Z'],
    // The day after the due day skips midnight (America/Santiago, 2026-09-06): overdue from 01:00, not 23:00.
    ['2026-08-29T15:00:00Z', 'America/Santiago', 'HIGH', '2026-09-05', '2026-09-06T04:00:00.000Z'],
  ])('last %s in %s, %s → due %s, overdue from %s', (last, tz, tier, dueOn, dueAt) => {
    const due = nextContactDue(new Date(last), cadenceDays(tier, DEFAULT_CADENCE), tz);
    expect(due.dueOn).toBe(dueOn);
    expect(due.dueAt.toISOString()).toBe(dueAt);
    // Due during the whole local day dueOn, overdue from the first instant of the next.
    expect(localDate(new Date(due.dueAt.getTime() - 1), tz)).toBe(dueOn);
    expect(localDate(due.dueAt, tz)).toBe(addDays(dueOn, 1));
    expect(dueOnOf(due.dueAt, tz)).toBe(dueOn);
  });

  it('uses the cadence it is given (a branch that overrides the tier defaults)', () => {
    const branch: CadenceSettings = {
      contactCadenceHighDays: 3,
      contactCadenceMediumDays: 10,
      contactCadenceLowDays: 45,
    };
    const last = new Date('2026-03-01T17:00:00Z'); // 2026-03-02 in Shanghai
    expect(
      (['HIGH', 'MEDIUM', 'LOW'] as const).map((tier) => nextContactDue(last, cadenceDays(tier, branch), SHANGHAI)),
    ).toEqual([
      { dueOn: '2026-03-05', dueAt: new Date('2026-03-05T16:00:00Z') },
      { dueOn: '2026-03-12', dueAt: new Date('2026-03-12T16:00:00Z') },
      { dueOn: '2026-04-16', dueAt: new Date('2026-04-16T16:00:00Z') },
    ]);
  });

  it('gives every contact made on the same local day the same due instant', () => {
    const dues = ['2026-03-01T16:00:00Z', '2026-03-02T04:00:00Z', '2026-03-02T15:59:59.999Z'].map((t) =>
      nextContactDue(new Date(t), 7, SHANGHAI).dueAt.toISOString(),
    );
    expect(dues).toEqual(Array(3).fill('2026-03-09T16:00:00.000Z'));
  });
});

describe('dueOnOf', () => {
  it.each([
    ['2026-03-09T16:00:00Z', SHANGHAI, '2026-03-09'],
    ['2026-03-09T16:00:00.001Z', SHANGHAI, '2026-03-10'],
    ['2026-03-09T00:00:00Z', UTC, '2026-03-08'],
    ['2026-03-09T04:00:00Z', NEW_YORK, '2026-03-08'],
    ['2026-11-02T05:00:00Z', NEW_YORK, '2026-11-01'],
    ['2026-03-01T10:00:00Z', KIRITIMATI, '2026-03-01'],
    ['2028-03-01T00:00:00Z', UTC, '2028-02-29'],
  ])('due instant %s in %s stands for business day %s', (dueAt, tz, dueOn) => {
    expect(dueOnOf(new Date(dueAt), tz)).toBe(dueOn);
  });

  it.each([SHANGHAI, NEW_YORK, KIRITIMATI, UTC, 'America/Santiago'])(
    'inverts startOfLocalDay(next day) for every day of 2026 in %s',
    (tz) => {
      const wrong: string[] = [];
      for (let date = '2026-01-01'; date < '2027-01-01'; date = addDays(date, 1)) {
        if (dueOnOf(startOfLocalDay(addDays(date, 1), tz), tz) !== date) wrong.push(date);
      }
      expect(wrong).toEqual([]);
    },
  );
});
