import { describe, expect, it } from '@jest/globals';
import {
  addWorkingHours,
  checkCalendar,
  isWorkingDay,
  localDayOf,
  MAX_WORKING_HOURS,
  workingMsBetween,
  type WorkCalendar,
} from './working-time.js';

const H = 3_600_000;

const weekdays = (timeZone: string, extra: Partial<WorkCalendar> = {}): WorkCalendar => ({
  timeZone,
  workDays: [1, 2, 3, 4, 5],
  dayStartMinute: 9 * 60,
  dayEndMinute: 18 * 60,
  holidays: new Set(),
  ...extra,
});

/** Mainland China 2026: National Day week off, with the adjusted weekend workdays (调休) around it. */
const SHANGHAI = weekdays('Asia/Shanghai', {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  extraWorkDays: new Set(['2026-09-27', '2026-10-10']),
});
const NEW_YORK = weekdays('America/New_York');
const NEW_YORK_DAILY = weekdays('America/New_York', { workDays: [1, 2, 3, 4, 5, 6, 7] });
const NEW_YORK_ROUND_THE_CLOCK = weekdays('America/New_York', {
  workDays: [1, 2, 3, 4, 5, 6, 7],
  dayStartMinute: 0,
  dayEndMinute: 24 * 60,
});
const NEW_YORK_NIGHT = weekdays('America/New_York', {
  workDays: [1, 2, 3, 4, 5, 6, 7],
  dayStartMinute: 60,
  dayEndMinute: 4 * 60,
});
const NEW_YORK_NIGHT_FROM_GAP = { ...NEW_YORK_NIGHT, dayStartMinute: 150, dayEndMinute: 5 * 60 };
const KIRITIMATI = weekdays('Pacific/Kiritimati');
const UTC = weekdays('UTC');

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

describe('workingMsBetween', () => {
  it.each<[string, WorkCalendar, string, string, number]>([
    ['Friday 17:00 → Monday 10:00', SHANGHAI, '2026-06-05T17:00:00+08:00', '2026-06-08T10:00:00+08:00', 2],
    ['Saturday → Sunday', SHANGHAI, '2026-06-06T08:00:00+08:00', '2026-06-07T20:00:00+08:00', 0],
    ['b before a', SHANGHAI, '2026-06-09T12:00:00+08:00', '2026-06-09T10:00:00+08:00', 0],
    ['a equals b', SHANGHAI, '2026-06-09T12:00:00+08:00', '2026-06-09T12:00:00+08:00', 0],
    ['within one period', SHANGHAI, '2026-06-09T10:15:00+08:00', '2026-06-09T12:45:00+08:00', 2.5],
    ['a whole week', SHANGHAI, '2026-06-08T00:00:00+08:00', '2026-06-15T00:00:00+08:00', 45],
    ['National Day fortnight: 8 worked days', SHANGHAI, '2026-09-26T00:00:00+08:00', '2026-10-13T00:00:00+08:00', 72],
    ['NY spring-forward Sunday', NEW_YORK_DAILY, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 9],
    ['NY fall-back Sunday', NEW_YORK_DAILY, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 9],
    ['NY week across spring-forward', NEW_YORK, '2026-03-02T00:00:00-05:00', '2026-03-16T00:00:00-04:00', 90],
    [
      'NY 00:00–24:00 spring-forward day',
      NEW_YORK_ROUND_THE_CLOCK,
      '2026-03-08T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
      23,
    ],
    [
      'NY 00:00–24:00 fall-back day',
      NEW_YORK_ROUND_THE_CLOCK,
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
      25,
    ],
    [
      'NY 01:00–04:00 spring-forward night',
      NEW_YORK_NIGHT,
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T12:00:00-04:00',
      2,
    ],
    ['NY 01:00–04:00 fall-back night', NEW_YORK_NIGHT, '2026-11-01T00:00:00-04:00', '2026-11-01T12:00:00-05:00', 4],
    [
      'NY 02:30–05:00 spring-forward night',
      NEW_YORK_NIGHT_FROM_GAP,
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T12:00:00-04:00',
      1.5,
    ],
    [
      'Kiritimati Sunday–Monday UTC noon is Monday local',
      KIRITIMATI,
      '2026-06-07T12:00:00Z',
      '2026-06-08T12:00:00Z',
      9,
    ],
    ['Kiritimati Sunday UTC holds 5h of Monday', KIRITIMATI, '2026-06-07T00:00:00Z', '2026-06-08T00:00:00Z', 5],
    ['UTC Friday 17:00 → Monday 10:00', UTC, '2026-06-05T17:00:00Z', '2026-06-08T10:00:00Z', 2],
  ])('%s', (_name, cal, a, b, hours) => {
    expect(workingMsBetween(new Date(a), new Date(b), cal)).toBe(hours * H);
  });
});

describe('addWorkingHours ⇄ workingMsBetween', () => {
  /** mulberry32: small deterministic PRNG so the cases are the same on every run. */
  function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const calendars: Array<[string, WorkCalendar]> = [
    ['Shanghai', SHANGHAI],
    ['New York', NEW_YORK],
    ['New York nights', NEW_YORK_NIGHT],
    ['New York nights from the gap', NEW_YORK_NIGHT_FROM_GAP],
    ['Kiritimati', KIRITIMATI],
    ['UTC', UTC],
    [
      'Santiago (midnight DST changes)',
      weekdays('America/Santiago', { workDays: [1, 2, 3, 4, 5, 6, 7], dayStartMinute: 0, dayEndMinute: 8 * 60 }),
    ],
    ['Lord Howe (30-minute DST)', weekdays('Australia/Lord_Howe', { dayStartMinute: 90, dayEndMinute: 150 })],
  ];
  const random = mulberry32(20260927);
  const from = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2027, 0, 1) - from;
  const cases = Array.from({ length: 200 }, (_, i) => {
    const [name, cal] = calendars[i % calendars.length];
    const start = new Date(from + Math.floor(random() * span));
    const hours = i % 10 === 0 ? 0 : Math.floor(random() * 2000) / 16; // 0 … 125h in 1/16 h steps
    return [`${name} ${start.toISOString()} + ${hours}h`, cal, start, hours] as const;
  });

  it.each(cases)('%s', (_name, cal, start, hours) => {
    const effectiveStart = addWorkingHours(start, 0, cal);
    const due = addWorkingHours(start, hours, cal);
    expect(effectiveStart.getTime()).toBeGreaterThanOrEqual(start.getTime());
    expect(due.getTime()).toBeGreaterThanOrEqual(effectiveStart.getTime());
    expect(workingMsBetween(effectiveStart, due, cal)).toBe(hours * H);
    expect(workingMsBetween(start, due, cal)).toBe(hours * H);
    expect(workingMsBetween(start, effectiveStart, cal)).toBe(0);
  });
});

describe('isWorkingDay / localDayOf', () => {
  it.each<[string, boolean]>([
    ['2026-09-25', true], // Friday
    ['2026-09-26', false], // Saturday
    ['2026-09-27', true], // Sunday, adjusted workday
    ['2026-10-05', false], // Monday, National Day
    ['2026-10-10', true], // Saturday, adjusted workday
    ['2026-10-11', false], // Sunday
  ])('%s worked: %s', (date, worked) => {
    expect(isWorkingDay(date, SHANGHAI)).toBe(worked);
  });

  it.each<[string, string, string]>([
    ['2026-06-07T19:30:00Z', 'Pacific/Kiritimati', '2026-06-08'],
    ['2026-06-07T19:30:00Z', 'Asia/Shanghai', '2026-06-08'],
    ['2026-06-07T19:30:00Z', 'America/New_York', '2026-06-07'],
    ['2026-06-07T23:59:59Z', 'UTC', '2026-06-07'],
  ])('localDayOf(%s, %s) = %s', (instant, timeZone, day) => {
    expect(localDayOf(new Date(instant), timeZone)).toBe(day);
  });
});

describe('checkCalendar', () => {
  it.each<[string, Partial<WorkCalendar>]>([
    ['Mon–Fri 09:00–18:00', {}],
    ['whole days', { workDays: [1, 2, 3, 4, 5, 6, 7], dayStartMinute: 0, dayEndMinute: 24 * 60 }],
    ['holidays and extra work days', { holidays: new Set(['2026-10-01']), extraWorkDays: new Set(['2026-10-10']) }],
  ])('accepts %s', (_name, patch) => {
    expect(() => checkCalendar(weekdays('Asia/Shanghai', patch))).not.toThrow();
  });

  it.each<[string, Partial<WorkCalendar>, RegExp]>([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /^WorkCalendar\.timeZone: "Mars\/Olympus_Mons"/],
    ['an empty time zone', { timeZone: '' }, /^WorkCalendar\.timeZone:/],
    ['empty workDays', { workDays: [] }, /^WorkCalendar\.workDays: must list at least one/],
    ['weekday 0', { workDays: [0, 1] }, /^WorkCalendar\.workDays: 0 is not an ISO weekday/],
    ['weekday 8', { workDays: [8] }, /^WorkCalendar\.workDays: 8 is not an ISO weekday/],
    ['a fractional weekday', { workDays: [1.5] }, /^WorkCalendar\.workDays: 1.5/],
    [
      'start after end',
      { dayStartMinute: 18 * 60, dayEndMinute: 9 * 60 },
      /^WorkCalendar\.dayEndMinute: 540 \(09:00\) must be after dayStartMinute 1080 \(18:00\)/,
    ],
    [
      'start equal to end',
      { dayStartMinute: 9 * 60, dayEndMinute: 9 * 60 },
      /^WorkCalendar\.dayEndMinute: .* must be after/,
    ],
    ['a negative start', { dayStartMinute: -1 }, /^WorkCalendar\.dayStartMinute:/],
    ['a fractional start', { dayStartMinute: 540.5 }, /^WorkCalendar\.dayStartMinute:/],
    ['an end past midnight', { dayEndMinute: 24 * 60 + 1 }, /^WorkCalendar\.dayEndMinute:/],
    ['an impossible holiday', { holidays: new Set(['2026-02-30']) }, /^WorkCalendar\.holidays: "2026-02-30"/],
    ['an unpadded holiday', { holidays: new Set(['2026-1-5']) }, /^WorkCalendar\.holidays: "2026-1-5"/],
    ['a slashed holiday', { holidays: new Set(['2026/01/05']) }, /^WorkCalendar\.holidays:/],
    [
      'a malformed extra work day',
      { extraWorkDays: new Set(['next saturday']) },
      /^WorkCalendar\.extraWorkDays: "next saturday"/,
    ],
    [
      'a day both holiday and extra work day',
      { holidays: new Set(['2026-10-10']), extraWorkDays: new Set(['2026-10-10']) },
      /^WorkCalendar\.extraWorkDays: 2026-10-10 is also listed in holidays/,
    ],
  ])('rejects %s', (_name, patch, message) => {
    expect(() => checkCalendar(weekdays('Asia/Shanghai', patch))).toThrow(message);
  });
});
