import { describe, expect, it } from '@jest/globals';
import { lastPeriod, openingDay, periodEnding } from './reconciliation-period.js';

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
});
