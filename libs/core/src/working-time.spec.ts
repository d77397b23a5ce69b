import { describe, expect, it } from '@jest/globals';
import { addWorkingHours, MAX_WORKING_HOURS, workingMsBetween, type WorkCalendar } from './working-time.js';
import {
  H,
  weekdays,
  SHANGHAI,
  NEW_YORK,
  NEW_YORK_DAILY,
  NEW_YORK_ROUND_THE_CLOCK,
  NEW_YORK_NIGHT,
  NEW_YORK_NIGHT_FROM_GAP,
  KIRITIMATI,
  UTC,
} from './working-time.test-calendars.js';

type AddCase = [string, WorkCalendar, string, number, string];

const iso = (d: Date) => d.toISOString();

describe('addWorkingHours', () => {
  it.each<AddCase>([
    // Asia/Shanghai (UTC+8), Mon–Fri 09:00–18:00
    ['Friday 17:00 + 2h → Monday 10:00', SHANGHAI, '2026-06-05T17:00:00+08:00', 2, '2026-06-08T02:00:00.000Z'],
    ['Saturday start counts from Monday 09:00', SHANGHAI, '2026-06-06T11:00:00+08:00', 3, '2026-06-08T04:00:00.000Z'],
    ['Sunday 23:59 + 1h → Monday 10:00', SHANGHAI, '2026-06-07T23:59:00+08:00', 1, '2026-06-08T02:00:00.000Z'],
    ['before 09:00 counts from 09:00', SHANGHAI, '2026-06-09T07:30:00+08:00', 1, '2026-06-09T02:00:00.000Z'],
    ['local midnight counts from 09:00', SHANGHAI, '2026-06-10T00:00:00+08:00', 1, '2026-06-10T02:00:00.000Z'],
    ['after 18:00 counts from next 09:00', SHANGHAI, '2026-06-09T19:00:00+08:00', 1, '2026-06-10T02:00:00.000Z'],
    ['exactly 18:00 is outside working time', SHANGHAI, '2026-06-09T18:00:00+08:00', 1, '2026-06-10T02:00:00.000Z'],
    ['0.5h from 17:45 → next day 09:15', SHANGHAI, '2026-06-09T17:45:00+08:00', 0.5, '2026-06-10T01:15:00.000Z'],
    ['0.25h from 09:00 → 09:15', SHANGHAI, '2026-06-09T09:00:00+08:00', 0.25, '2026-06-09T01:15:00.000Z'],
    ['1.75h from 17:00 → next day 09:45', SHANGHAI, '2026-06-09T17:00:00+08:00', 1.75, '2026-06-10T01:45:00.000Z'],
    ['0h during working time → start itself', SHANGHAI, '2026-06-09T10:30:00+08:00', 0, '2026-06-09T02:30:00.000Z'],
    ['0h on Saturday → Monday 09:00', SHANGHAI, '2026-06-06T11:00:00+08:00', 0, '2026-06-08T01:00:00.000Z'],
    ['0h before opening → 09:00', SHANGHAI, '2026-06-09T07:30:00+08:00', 0, '2026-06-09T01:00:00.000Z'],
    ['0h after closing → next 09:00', SHANGHAI, '2026-06-09T19:00:00+08:00', 0, '2026-06-10T01:00:00.000Z'],
    ['0h at exactly 18:00 → next 09:00', SHANGHAI, '2026-06-09T18:00:00+08:00', 0, '2026-06-10T01:00:00.000Z'],
    ['9h from 09:00 → 18:00 same day', SHANGHAI, '2026-06-09T09:00:00+08:00', 9, '2026-06-09T10:00:00.000Z'],
    ['Friday 09:00 + 9h → Friday 18:00', SHANGHAI, '2026-06-05T09:00:00+08:00', 9, '2026-06-05T10:00:00.000Z'],
    ['1h from 17:00 → 18:00 same day', SHANGHAI, '2026-06-09T17:00:00+08:00', 1, '2026-06-09T10:00:00.000Z'],
    ['9h from 08:00 → 18:00 same day', SHANGHAI, '2026-06-09T08:00:00+08:00', 9, '2026-06-09T10:00:00.000Z'],
    ['18h from Monday 09:00 → Tuesday 18:00', SHANGHAI, '2026-06-08T09:00:00+08:00', 18, '2026-06-09T10:00:00.000Z'],
    ['45h from Monday 09:00 → Friday 18:00', SHANGHAI, '2026-06-08T09:00:00+08:00', 45, '2026-06-12T10:00:00.000Z'],
    [
      '45h from Wednesday 13:00 → next Wednesday 13:00',
      SHANGHAI,
      '2026-06-10T13:00:00+08:00',
      45,
      '2026-06-17T05:00:00.000Z',
    ],
    [
      '45.5h from Monday 09:00 → next Monday 09:30',
      SHANGHAI,
      '2026-06-08T09:00:00+08:00',
      45.5,
      '2026-06-15T01:30:00.000Z',
    ],
    // National Day 2026: Oct 1–7 off, Sunday Sep 27 and Saturday Oct 10 worked
    [
      'Saturday 09-26 → extra workday Sunday 09-27',
      SHANGHAI,
      '2026-09-26T10:00:00+08:00',
      1,
      '2026-09-27T02:00:00.000Z',
    ],
    [
      'Friday 09-25 17:00 + 2h → Sunday 09-27 10:00',
      SHANGHAI,
      '2026-09-25T17:00:00+08:00',
      2,
      '2026-09-27T02:00:00.000Z',
    ],
    [
      'Wednesday 09-30 17:00 + 2h → Thursday 10-08 10:00',
      SHANGHAI,
      '2026-09-30T17:00:00+08:00',
      2,
      '2026-10-08T02:00:00.000Z',
    ],
    ['holiday Monday 10-05 + 1h → 10-08 10:00', SHANGHAI, '2026-10-05T10:00:00+08:00', 1, '2026-10-08T02:00:00.000Z'],
    ['0h during the holidays → 10-08 09:00', SHANGHAI, '2026-10-03T12:00:00+08:00', 0, '2026-10-08T01:00:00.000Z'],
    [
      'Friday 10-09 17:00 + 2h → Saturday 10-10 10:00',
      SHANGHAI,
      '2026-10-09T17:00:00+08:00',
      2,
      '2026-10-10T02:00:00.000Z',
    ],
    [
      '27h from Thursday 10-08 → Saturday 10-10 18:00',
      SHANGHAI,
      '2026-10-08T09:00:00+08:00',
      27,
      '2026-10-10T10:00:00.000Z',
    ],
    [
      '28h from Thursday 10-08 → Monday 10-12 10:00',
      SHANGHAI,
      '2026-10-08T09:00:00+08:00',
      28,
      '2026-10-12T02:00:00.000Z',
    ],
    // America/New_York, clocks change on Sundays 2026-03-08 (→ EDT) and 2026-11-01 (→ EST)
    [
      'NY Friday EST 17:00 + 2h → Monday EDT 10:00',
      NEW_YORK,
      '2026-03-06T17:00:00-05:00',
      2,
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'NY Friday 09:00 EST + 18h → Monday 18:00 EDT',
      NEW_YORK,
      '2026-03-06T09:00:00-05:00',
      18,
      '2026-03-09T22:00:00.000Z',
    ],
    [
      'NY Friday EDT 17:00 + 2h → Monday EST 10:00',
      NEW_YORK,
      '2026-10-30T17:00:00-04:00',
      2,
      '2026-11-02T15:00:00.000Z',
    ],
    [
      'NY spring-forward day 09:00 + 9h → 18:00',
      NEW_YORK_DAILY,
      '2026-03-08T09:00:00-04:00',
      9,
      '2026-03-08T22:00:00.000Z',
    ],
    ['NY fall-back day 09:00 + 9h → 18:00', NEW_YORK_DAILY, '2026-11-01T09:00:00-05:00', 9, '2026-11-01T23:00:00.000Z'],
    [
      'NY Saturday EST 17:00 + 2h → Sunday EDT 10:00',
      NEW_YORK_DAILY,
      '2026-03-07T17:00:00-05:00',
      2,
      '2026-03-08T14:00:00.000Z',
    ],
    [
      'NY Saturday EDT 17:00 + 2h → Sunday EST 10:00',
      NEW_YORK_DAILY,
      '2026-10-31T17:00:00-04:00',
      2,
      '2026-11-01T15:00:00.000Z',
    ],
    [
      'NY 0h at 01:30 on spring-forward day → 09:00 EDT',
      NEW_YORK_DAILY,
      '2026-03-08T06:30:00Z',
      0,
      '2026-03-08T13:00:00.000Z',
    ],
    [
      'NY 00:00–24:00: the 23h spring-forward day ends at midnight',
      NEW_YORK_ROUND_THE_CLOCK,
      '2026-03-08T00:00:00-05:00',
      23,
      '2026-03-09T04:00:00.000Z',
    ],
    [
      'NY 00:00–24:00: 24h after spring-forward midnight → 01:00',
      NEW_YORK_ROUND_THE_CLOCK,
      '2026-03-08T00:00:00-05:00',
      24,
      '2026-03-09T05:00:00.000Z',
    ],
    [
      'NY 00:00–24:00: the 25h fall-back day ends at midnight',
      NEW_YORK_ROUND_THE_CLOCK,
      '2026-11-01T00:00:00-04:00',
      25,
      '2026-11-02T05:00:00.000Z',
    ],
    [
      'NY 01:00–04:00 on spring-forward day is 2h',
      NEW_YORK_NIGHT,
      '2026-03-08T01:00:00-05:00',
      2,
      '2026-03-08T08:00:00.000Z',
    ],
    [
      'NY 01:00–04:00: a 3rd hour rolls to the next night',
      NEW_YORK_NIGHT,
      '2026-03-08T01:00:00-05:00',
      3,
      '2026-03-09T06:00:00.000Z',
    ],
    [
      'NY 01:00 on fall-back day is its first (EDT) occurrence',
      NEW_YORK_NIGHT,
      '2026-11-01T00:00:00-04:00',
      0,
      '2026-11-01T05:00:00.000Z',
    ],
    [
      'NY 01:00–04:00 on fall-back day is 4h',
      NEW_YORK_NIGHT,
      '2026-11-01T01:00:00-04:00',
      4,
      '2026-11-01T09:00:00.000Z',
    ],
    [
      'NY 02:30 in the spring gap opens at 03:30 EDT',
      NEW_YORK_NIGHT_FROM_GAP,
      '2026-03-08T00:00:00-05:00',
      0,
      '2026-03-08T07:30:00.000Z',
    ],
    // Pacific/Kiritimati (UTC+14): the local working week starts on Sunday UTC
    ['Kiritimati Monday 08:00 + 1h → 10:00', KIRITIMATI, '2026-06-07T18:00:00Z', 1, '2026-06-07T20:00:00.000Z'],
    [
      'Kiritimati Sunday-UTC instant is Monday 09:30 local',
      KIRITIMATI,
      '2026-06-07T19:30:00Z',
      0.5,
      '2026-06-07T20:00:00.000Z',
    ],
    ['Kiritimati Friday 17:00 + 2h → Monday 10:00', KIRITIMATI, '2026-06-12T03:00:00Z', 2, '2026-06-14T20:00:00.000Z'],
    [
      'Kiritimati 45h from Monday 09:00 → Friday 18:00',
      KIRITIMATI,
      '2026-06-07T19:00:00Z',
      45,
      '2026-06-12T04:00:00.000Z',
    ],
    // UTC
    ['UTC Friday 17:00 + 2h → Monday 10:00', UTC, '2026-06-05T17:00:00Z', 2, '2026-06-08T10:00:00.000Z'],
    ['UTC 45h from Monday 09:00 → Friday 18:00', UTC, '2026-06-08T09:00:00Z', 45, '2026-06-12T18:00:00.000Z'],
    ['UTC 0h on Sunday → Monday 09:00', UTC, '2026-06-07T12:00:00Z', 0, '2026-06-08T09:00:00.000Z'],
    ['UTC 10,000h → Tuesday 10:00 ~4¼ years on', UTC, '2026-01-05T09:00:00Z', 10_000, '2030-04-09T10:00:00.000Z'],
  ])('%s', (_name, cal, start, hours, expected) => {
    expect(iso(addWorkingHours(new Date(start), hours, cal))).toBe(expected);
  });

  it('steps over a year of holidays quickly', () => {
    const holidays = new Set<string>();
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
      holidays.add(new Date(d).toISOString().slice(0, 10));
    }
    const t = performance.now();
    const due = addWorkingHours(new Date('2026-01-01T00:00:00Z'), 1, weekdays('UTC', { holidays }));
    expect(iso(due)).toBe('2027-01-01T10:00:00.000Z');
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('computes 10,000 hours across DST changes quickly', () => {
    const t = performance.now();
    const due = addWorkingHours(new Date('2026-01-05T09:00:00-05:00'), 10_000, NEW_YORK);
    expect(iso(due)).toBe('2030-04-09T14:00:00.000Z'); // Tuesday 10:00 EDT
    expect(workingMsBetween(new Date('2026-01-05T09:00:00-05:00'), due, NEW_YORK)).toBe(10_000 * H);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('throws instead of looping when no day is ever worked', () => {
    const holidays = new Set<string>();
    for (let d = Date.UTC(2026, 0, 5); d < Date.UTC(2032, 0, 1); d += 7 * 86_400_000) {
      holidays.add(new Date(d).toISOString().slice(0, 10)); // every Monday
    }
    const mondaysOnly = weekdays('UTC', { workDays: [1], holidays });
    expect(() => addWorkingHours(new Date('2026-01-01T00:00:00Z'), 1, mondaysOnly)).toThrow(/no working time/);
  });

  it.each<[string, Date, number]>([
    ['negative hours', new Date('2026-06-08T09:00:00Z'), -1],
    ['NaN hours', new Date('2026-06-08T09:00:00Z'), NaN],
    ['infinite hours', new Date('2026-06-08T09:00:00Z'), Infinity],
    ['hours above the maximum', new Date('2026-06-08T09:00:00Z'), MAX_WORKING_HOURS + 1],
    ['an invalid start', new Date('not a date'), 1],
  ])('rejects %s', (_name, start, hours) => {
    expect(() => addWorkingHours(start, hours, UTC)).toThrow(RangeError);
  });

  it('validates the calendar it is given', () => {
    const bad = weekdays('Mars/Olympus_Mons');
    expect(() => addWorkingHours(new Date('2026-06-08T09:00:00Z'), 1, bad)).toThrow(/WorkCalendar\.timeZone/);
    expect(() => workingMsBetween(new Date(0), new Date(1), bad)).toThrow(/WorkCalendar\.timeZone/);
  });
});
