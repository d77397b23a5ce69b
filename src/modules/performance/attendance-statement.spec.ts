import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '@app/core';
import { attendanceStatement, type DayPunches, type WorkingDay } from './attendance-statement.js';

const RULES = { graceMinutes: 30, deduction: '50.00', warnAfterLates: 2 };
/** 09:00-18:00 in Shanghai (UTC+8) on a day. */
const working = (day: string): WorkingDay => ({
  day,
  start: new Date(`${day}T01:00:00Z`),
  end: new Date(`${day}T10:00:00Z`),
});
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

describe('attendance statement', () => {
  it('measures late and early against the hours: within the grace deducts, beyond it is half a day absent', () => {
    const days = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09'].map(working);
    const punches = new Map<string, DayPunches>([
      ['2026-11-02', { clockIn: at('2026-11-02', '08:55'), clockOut: at('2026-11-02', '18:01') }],
      ['2026-11-03', { clockIn: at('2026-11-03', '09:30'), clockOut: at('2026-11-03', '17:45') }],
      ['2026-11-04', { clockIn: at('2026-11-04', '09:31'), clockOut: null }],
      // 2026-11-05: no punch. 2026-11-06: on leave.
      ['2026-11-09', { clockIn: at('2026-11-09', '09:01'), clockOut: null }],
    ]);
    const { rows, totals } = attendanceStatement(days, punches, RULES, '2026-11-09', new Set(['2026-11-06']));
    expect(rows.map((r) => [r.day, r.lateMinutes, r.earlyMinutes, r.absent, r.deduction, r.leave])).toEqual([
      ['2026-11-02', 0, 0, '0', '0.00', false],
      ['2026-11-03', 30, 15, '0', '100.00', false],
      ['2026-11-04', 31, 0, '1', '0.00', false],
      ['2026-11-05', 0, 0, '1', '0.00', false],
      ['2026-11-06', 0, 0, '0', '0.00', true],
    ]);
    expect(totals).toEqual({
      workingDays: 5,
      daysPresent: 2,
      lates: 2,
      earlyLeaves: 1,
      leaveDays: 1,
      absentDays: '2',
      deductions: '100.00',
      warning: false,
    });
  });

  it('property: the totals are the sums of the daily rows, and a day is never more than one day absent', () => {
    const minute = fc.option(fc.integer({ min: -120, max: 600 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.record({ inAt: minute, outAt: minute, leave: fc.boolean() }), { minLength: 1, maxLength: 23 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 10 }),
        (spec, grace, cents, warn) => {
          const rules = { graceMinutes: grace, deduction: (cents / 100).toFixed(2), warnAfterLates: warn };
          const days = spec.map((_, i) => working(addDays('2026-11-01', i)));
          const punches = new Map<string, DayPunches>();
          const leave = new Set<string>();
          spec.forEach((s, i) => {
            const d = days[i];
            const plus = (m: number | null) => (m === null ? null : new Date(d.start.getTime() + m * 60_000));
            punches.set(d.day, { clockIn: plus(s.inAt), clockOut: plus(s.outAt) });
            if (s.leave) leave.add(d.day);
          });
          const { rows, totals } = attendanceStatement(days, punches, rules, '2026-12-31', leave);
          expect(rows).toHaveLength(days.length);
          const halves = rows.reduce((n, r) => n + Number(r.absent) * 2, 0);
          expect(Number(totals.absentDays) * 2).toBe(halves);
          const deducted = rows.reduce((n, r) => n + Math.round(Number(r.deduction) * 100), 0);
          expect(Math.round(Number(totals.deductions) * 100)).toBe(deducted);
          for (const r of rows) {
            expect(['0', '0.5', '1']).toContain(r.absent);
            if (r.leave) expect([r.absent, r.deduction]).toEqual(['0', '0.00']);
          }
          const lates = rows.filter((r) => !r.leave && r.clockIn && r.lateMinutes > 0).length;
          expect(totals.lates).toBe(lates);
          expect(totals.warning).toBe(lates > warn);
          expect(totals.daysPresent + totals.leaveDays + rows.filter((r) => !r.leave && r.absent === '1').length).toBe(
            rows.length,
          );
        },
      ),
    );
  });
});
