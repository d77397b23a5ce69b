import { describe, expect, it } from '@jest/globals';
import { addDays } from './business-time.js';
import {
  addWorkingDays,
  addWorkingHours,
  checkCalendar,
  isWorkingDay,
  localDayOf,
  MAX_WORKING_DAYS,
  workingMsBetween,
  type WorkCalendar,
} from './working-time.js';
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

describe('addWorkingDays', () => {
  it.each([
    ['2026-12-04', 1, '2026-12-07'], // Friday + 1 working day: Monday
    ['2026-12-05', 1, '2026-12-07'], // a Saturday request: due the first working day after it
    ['2026-12-07', 0, '2026-12-07'],
    ['2026-12-07', 5, '2026-12-14'],
    ['2026-09-30', 1, '2026-10-08'], // National Day week off
    ['2026-09-25', 1, '2026-09-27'], // Friday, then the adjusted Sunday workday (调休)
    ['2026-10-09', 1, '2026-10-10'], // Friday, then the adjusted Saturday workday
  ])('%s + %i working days = %s (Shanghai 2026)', (date, days, due) => {
    expect(addWorkingDays(date, days, SHANGHAI)).toBe(due);
  });

  it('counts exactly the working days in between', () => {
    for (let n = 0; n < 40; n++) {
      const due = addWorkingDays('2026-09-20', n, SHANGHAI);
      let count = 0;
      for (let day = '2026-09-20'; day < due;) {
        day = addDays(day, 1);
        if (isWorkingDay(day, SHANGHAI)) count += 1;
      }
      expect({ n, count, dueIsWorking: n === 0 || isWorkingDay(due, SHANGHAI) }).toEqual({
        n,
        count: n,
        dueIsWorking: true,
      });
    }
  });

  it('refuses a count it cannot read exactly', () => {
    for (const bad of [-1, 1.5, Number.NaN, MAX_WORKING_DAYS + 1])
      expect(() => addWorkingDays('2026-12-07', bad, SHANGHAI)).toThrow(RangeError);
  });
});
