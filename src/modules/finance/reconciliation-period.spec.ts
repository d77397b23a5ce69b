import { describe, expect, it } from '@jest/globals';
import { localDate } from '@app/core';
import { lastMonthEnd, lastPeriod, monthEnding, openingDay, periodEnding, periodOf } from './reconciliation-period.js';
import { StatementCadence } from './reconciliation.enums.js';

describe('reconciliation periods', () => {
  it('is the half-year that ended last: June 30 from July on, December 31 of last year before', () => {
    expect(lastPeriod('2026-07-01')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(lastPeriod('2026-12-31')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(lastPeriod('2027-01-01')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(lastPeriod('2026-06-30')).toEqual({ start: '2025-07-01', end: '2025-12-31' });
  });
  it('opens on the day before its start', () => {
    expect(openingDay(periodEnding('2026-06-30'))).toBe('2025-12-31');
    expect(openingDay(periodEnding('2026-12-31'))).toBe('2026-06-30');
  });
  it('is the month that ended last for partners, in the branch’s time zone, and a month opens on the last one’s end', () => {
    expect(lastMonthEnd('2026-12-01')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(lastMonthEnd('2026-12-31')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
    expect(lastMonthEnd('2026-03-15')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(lastMonthEnd('2028-03-01')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(lastMonthEnd('2027-01-01')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(openingDay(monthEnding('2026-07-31'))).toBe('2026-06-30');
    expect(periodOf(StatementCadence.MONTH, '2026-12-31')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(periodOf(StatementCadence.HALF_YEAR, '2026-12-31')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    // 23:30 on 30 November in Los Angeles is already 1 December in UTC: the branch's day is what counts.
    const lateNight = new Date('2026-12-01T07:30:00Z');
    expect(lastMonthEnd(localDate(lateNight, 'America/Los_Angeles')).end).toBe('2026-10-31');
    expect(lastMonthEnd(localDate(lateNight, 'UTC')).end).toBe('2026-11-30');
  });
});
