import { describe, expect, it } from '@jest/globals';
import { addDays, localDate, startOfLocalDay } from '@app/core';
import type { CustomerTier } from './customer.enums.js';
import { DEFAULT_CADENCE, cadenceDays, dueOnOf, nextContactDue, type CadenceSettings } from './cadence.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const KIRITIMATI = 'Pacific/Kiritimati';
const UTC = 'UTC';

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
