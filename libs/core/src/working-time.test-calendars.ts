import type { WorkCalendar } from './working-time.js';

/** Calendars the working-time specs count in. */
export const H = 3_600_000;

export const weekdays = (timeZone: string, extra: Partial<WorkCalendar> = {}): WorkCalendar => ({
  timeZone,
  workDays: [1, 2, 3, 4, 5],
  dayStartMinute: 9 * 60,
  dayEndMinute: 18 * 60,
  holidays: new Set(),
  ...extra,
});

/** Mainland China 2026: National Day week off, with the adjusted weekend workdays (调休) around it. */
export const SHANGHAI = weekdays('Asia/Shanghai', {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  extraWorkDays: new Set(['2026-09-27', '2026-10-10']),
});
export const NEW_YORK = weekdays('America/New_York');
export const NEW_YORK_DAILY = weekdays('America/New_York', { workDays: [1, 2, 3, 4, 5, 6, 7] });
export const NEW_YORK_ROUND_THE_CLOCK = weekdays('America/New_York', {
  workDays: [1, 2, 3, 4, 5, 6, 7],
  dayStartMinute: 0,
  dayEndMinute: 24 * 60,
});
export const NEW_YORK_NIGHT = weekdays('America/New_York', {
  workDays: [1, 2, 3, 4, 5, 6, 7],
  dayStartMinute: 60,
  dayEndMinute: 4 * 60,
});
export const NEW_YORK_NIGHT_FROM_GAP = { ...NEW_YORK_NIGHT, dayStartMinute: 150, dayEndMinute: 5 * 60 };
export const KIRITIMATI = weekdays('Pacific/Kiritimati');
export const UTC = weekdays('UTC');
