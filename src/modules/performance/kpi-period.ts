import { BadUserInputError, addDays } from '@app/core';
import { KpiPeriodKind } from './kpi.enums.js';

/** A period of a branch's calendar: its kind, first day and the day after its last (`YYYY-MM-DD`). */
export interface KpiPeriod {
  kind: KpiPeriodKind;
  start: string;
  end: string;
  /** As people write it: 2026-12-07, 2026-W49, 2026-12, 2026-Q4, 2026. */
  label: string;
}

const FORMS =
  'a day (2026-12-07), an ISO week (2026-W49), a month (2026-12), a quarter (2026-Q4) or a year (2026), years 1900 to 2200';

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Monday of the ISO week holding `day`. */
function mondayOf(day: string): string {
  return addDays(day, -((utc(day).getUTCDay() + 6) % 7));
}

function isoWeekLabel(monday: string): string {
  const thursday = utc(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 864e5 / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/** The period of this kind that holds `day` (the same arithmetic as kpi_period_start in SQL). */
export function periodOf(kind: KpiPeriodKind, day: string): KpiPeriod {
  const d = utc(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case KpiPeriodKind.DAY:
      return { kind, start: day, end: addDays(day, 1), label: day };
    case KpiPeriodKind.WEEK: {
      const start = mondayOf(day);
      return { kind, start, end: addDays(start, 7), label: isoWeekLabel(start) };
    }
    case KpiPeriodKind.MONTH:
      return {
        kind,
        start: iso(new Date(Date.UTC(y, m, 1))),
        end: iso(new Date(Date.UTC(y, m + 1, 1))),
        label: `${y}-${pad(m + 1)}`,
      };
    case KpiPeriodKind.QUARTER: {
      const q = Math.floor(m / 3);
      return {
        kind,
        start: iso(new Date(Date.UTC(y, q * 3, 1))),
        end: iso(new Date(Date.UTC(y, q * 3 + 3, 1))),
        label: `${y}-Q${q + 1}`,
      };
    }
    case KpiPeriodKind.YEAR:
      return { kind, start: `${y}-01-01`, end: `${y + 1}-01-01`, label: String(y) };
  }
}

/** The period `n` periods after `p` (before, for a negative n). */
export function shiftPeriod(p: KpiPeriod, n: number): KpiPeriod {
  if (p.kind === KpiPeriodKind.DAY) return periodOf(p.kind, addDays(p.start, n));
  if (p.kind === KpiPeriodKind.WEEK) return periodOf(p.kind, addDays(p.start, 7 * n));
  const months = { [KpiPeriodKind.MONTH]: 1, [KpiPeriodKind.QUARTER]: 3, [KpiPeriodKind.YEAR]: 12 }[p.kind];
  const d = utc(p.start);
  return periodOf(p.kind, iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months * n, 1))));
}

/** Reads a period as people write it; anything else is BAD_USER_INPUT naming `field`. */
export function parseKpiPeriod(text: string, field = 'period'): KpiPeriod {
  const bad = () => BadUserInputError.field(field, `must be ${FORMS}`);
  const t = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  let p: KpiPeriod | null = null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    p = periodOf(KpiPeriodKind.DAY, t);
    if (Number.isNaN(utc(t).getTime()) || iso(utc(t)) !== t) throw bad();
  } else if ((m = /^(\d{4})-W(\d{2})$/.exec(t))) {
    const jan4 = `${m[1]}-01-04`;
    p = periodOf(KpiPeriodKind.WEEK, addDays(mondayOf(jan4), 7 * (Number(m[2]) - 1)));
  } else if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    if (Number(m[2]) < 1 || Number(m[2]) > 12) throw bad();
    p = periodOf(KpiPeriodKind.MONTH, `${t}-01`);
  } else if ((m = /^(\d{4})-Q([1-4])$/.exec(t))) {
    p = periodOf(KpiPeriodKind.QUARTER, `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`);
  } else if (/^\d{4}$/.test(t)) {
    p = periodOf(KpiPeriodKind.YEAR, `${t}-01-01`);
  }
  // A week 00 or 53 of a 52-week year comes back labelled otherwise: refused, as is a year out of range.
  if (!p || p.label !== t || Number(t.slice(0, 4)) < 1900 || Number(t.slice(0, 4)) > 2200) throw bad();
  return p;
}
