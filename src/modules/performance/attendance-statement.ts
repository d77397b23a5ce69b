import { fromCents, toCents } from '@app/core';

/** A branch's attendance rules (DOMAIN.md section 7): up to X minutes late or early deducts an amount, beyond X
 *  counts as half a day absent, more than N lates in a month brings a warning. */
export interface AttendanceRules {
  graceMinutes: number;
  deduction: string;
  warnAfterLates: number;
}

/** A working day of the branch calendar: its opening and closing instants. */
export interface WorkingDay {
  day: string;
  start: Date;
  end: Date;
}

/** The counted punches of one day: the first clock-in and the last clock-out (null when none). */
export interface DayPunches {
  clockIn: Date | null;
  clockOut: Date | null;
}

export interface DayRow {
  day: string;
  clockIn: Date | null;
  clockOut: Date | null;
  lateMinutes: number;
  earlyMinutes: number;
  /** Absent for the day: "0", "0.5" or "1". */
  absent: string;
  /** On approved leave: not absent, nothing deducted. */
  leave: boolean;
  deduction: string;
}

export interface StatementTotals {
  workingDays: number;
  daysPresent: number;
  lates: number;
  earlyLeaves: number;
  leaveDays: number;
  /** Days absent, in halves: "2.5". */
  absentDays: string;
  deductions: string;
  warning: boolean;
}

const minutesAfter = (a: Date, b: Date) => Math.max(0, Math.ceil((a.getTime() - b.getTime()) / 60_000));

/**
 * One person's month: each working day up to yesterday (today only once clocked out; later days not at all)
 * measured against the branch's hours. Late (or early) by up to `graceMinutes` deducts `deduction`; beyond it, or a
 * missing clock-in (clock-out), counts half a day absent; no punch at all is a day absent. A leave day counts
 * neither. The totals are the sums of the rows (the warning: more than `warnAfterLates` late arrivals).
 */
export function attendanceStatement(
  days: readonly WorkingDay[],
  punches: ReadonlyMap<string, DayPunches>,
  rules: AttendanceRules,
  today: string,
  leave: ReadonlySet<string> = new Set(),
): { rows: DayRow[]; totals: StatementTotals } {
  const rows: DayRow[] = [];
  for (const d of days) {
    const p = punches.get(d.day) ?? { clockIn: null, clockOut: null };
    if (d.day > today || (d.day === today && !p.clockOut)) continue;
    const row: DayRow = {
      day: d.day,
      clockIn: p.clockIn,
      clockOut: p.clockOut,
      lateMinutes: p.clockIn ? minutesAfter(p.clockIn, d.start) : 0,
      earlyMinutes: p.clockOut ? minutesAfter(d.end, p.clockOut) : 0,
      absent: '0',
      leave: leave.has(d.day),
      deduction: '0.00',
    };
    if (!row.leave) {
      let halves = 0;
      let cents = 0n;
      for (const [punch, minutes] of [
        [p.clockIn, row.lateMinutes],
        [p.clockOut, row.earlyMinutes],
      ] as const) {
        if (!punch || minutes > rules.graceMinutes) halves++;
        else if (minutes > 0) cents += toCents(rules.deduction);
      }
      if (!p.clockIn && !p.clockOut) cents = 0n;
      row.absent = halves === 0 ? '0' : halves === 1 ? '0.5' : '1';
      row.deduction = fromCents(cents);
    }
    rows.push(row);
  }
  return { rows, totals: totalsOf(rows, rules) };
}

/** The month's totals, summed from the rows (so they reconcile by construction, and a test proves they do). */
export function totalsOf(rows: readonly DayRow[], rules: AttendanceRules): StatementTotals {
  const halves = rows.reduce((n, r) => n + (r.absent === '1' ? 2 : r.absent === '0.5' ? 1 : 0), 0);
  const lates = rows.filter((r) => !r.leave && r.clockIn && r.lateMinutes > 0).length;
  return {
    workingDays: rows.length,
    daysPresent: rows.filter((r) => !r.leave && r.absent !== '1').length,
    lates,
    earlyLeaves: rows.filter((r) => !r.leave && r.clockOut && r.earlyMinutes > 0).length,
    leaveDays: rows.filter((r) => r.leave).length,
    absentDays: halves % 2 ? `${(halves - 1) / 2}.5` : String(halves / 2),
    deductions: fromCents(rows.reduce((t, r) => t + toCents(r.deduction), 0n)),
    warning: lates > rules.warnAfterLates,
  };
}
