import { describe, expect, it } from '@jest/globals';
import { nextWorkingDayClose } from './working-time.js';
import { NEW_YORK, SHANGHAI, weekdays } from './working-time.test-calendars.js';

describe('nextWorkingDayClose (the one-working-day shipping rule)', () => {
  it.each<[string, string, string]>([
    ['Monday morning → Tuesday 18:00', '2026-06-08T10:00:00+08:00', '2026-06-09T10:00:00.000Z'],
    ['Monday after closing → Tuesday 18:00', '2026-06-08T21:00:00+08:00', '2026-06-09T10:00:00.000Z'],
    ['Friday → Monday 18:00', '2026-06-05T11:00:00+08:00', '2026-06-08T10:00:00.000Z'],
    ['Saturday → Monday 18:00', '2026-06-06T11:00:00+08:00', '2026-06-08T10:00:00.000Z'],
    ['Sunday 23:59 → Monday 18:00', '2026-06-07T23:59:00+08:00', '2026-06-08T10:00:00.000Z'],
    [
      'local day, not UTC day: Tuesday 01:00 Shanghai is Monday in UTC',
      '2026-06-09T01:00:00+08:00',
      '2026-06-10T10:00:00.000Z',
    ],
    ['National Day week skipped: 30 Sep → 8 Oct', '2026-09-30T15:00:00+08:00', '2026-10-08T10:00:00.000Z'],
    [
      'an adjusted weekend workday counts: Friday 25 Sep → Sunday 27 Sep',
      '2026-09-25T15:00:00+08:00',
      '2026-09-27T10:00:00.000Z',
    ],
  ])('%s', (_, at, expected) => {
    expect(nextWorkingDayClose(new Date(at), SHANGHAI).toISOString()).toBe(expected);
  });

  it('keeps the wall-clock close across a DST change (New York, spring forward on Sunday 8 March 2026)', () => {
    expect(nextWorkingDayClose(new Date('2026-03-06T12:00:00-05:00'), NEW_YORK).toISOString()).toBe(
      '2026-03-09T22:00:00.000Z',
    );
  });

  it('refuses a calendar without any working day and an invalid instant', () => {
    expect(() => nextWorkingDayClose(new Date('2026-06-08T10:00:00Z'), weekdays('UTC', { workDays: [] }))).toThrow(
      /workDays/,
    );
    expect(() => nextWorkingDayClose(new Date('x'), SHANGHAI)).toThrow(RangeError);
  });
});
