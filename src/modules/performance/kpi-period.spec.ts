import { describe, expect, it } from '@jest/globals';
import { KpiPeriodKind } from './kpi.enums.js';
import { parseKpiPeriod, periodOf, shiftPeriod } from './kpi-period.js';

describe('KPI periods', () => {
  it('reads the five forms with their first day and the day after their last', () => {
    expect(parseKpiPeriod('2026-12-07')).toEqual({
      kind: 'DAY',
      start: '2026-12-07',
      end: '2026-12-08',
      label: '2026-12-07',
    });
    expect(parseKpiPeriod('2026-W49')).toEqual({
      kind: 'WEEK',
      start: '2026-11-30',
      end: '2026-12-07',
      label: '2026-W49',
    });
    expect(parseKpiPeriod('2026-w01').start).toBe('2025-12-29');
    expect(parseKpiPeriod('2026-12')).toEqual({
      kind: 'MONTH',
      start: '2026-12-01',
      end: '2027-01-01',
      label: '2026-12',
    });
    expect(parseKpiPeriod('2026-Q4')).toEqual({
      kind: 'QUARTER',
      start: '2026-10-01',
      end: '2027-01-01',
      label: '2026-Q4',
    });
    expect(parseKpiPeriod('2026')).toEqual({ kind: 'YEAR', start: '2026-01-01', end: '2027-01-01', label: '2026' });
  });

  it('ISO weeks at the year edges: 2026 has a week 53, 2025 does not; a Sunday belongs to the week before', () => {
    expect(parseKpiPeriod('2026-W53').start).toBe('2026-12-28');
    expect(() => parseKpiPeriod('2025-W53')).toThrow(/ISO week/);
    expect(periodOf(KpiPeriodKind.WEEK, '2027-01-03').label).toBe('2026-W53');
    expect(periodOf(KpiPeriodKind.WEEK, '2024-12-30').label).toBe('2025-W01');
  });

  it('refuses what is not a period, naming the field', () => {
    for (const t of ['', '2026-13', '2026-02-30', '2026-W00', '2026-Q5', '1899', '2201-01', 'week 4', '2026-1']) {
      expect(() => parseKpiPeriod(t, 'input.period')).toThrow(/must be a day/);
    }
  });

  it('shifts by whole periods, across year ends', () => {
    expect(shiftPeriod(parseKpiPeriod('2026-01'), -1).label).toBe('2025-12');
    expect(shiftPeriod(parseKpiPeriod('2026-Q1'), -2).label).toBe('2025-Q3');
    expect(shiftPeriod(parseKpiPeriod('2026-W01'), -1).label).toBe('2025-W52');
    expect(shiftPeriod(parseKpiPeriod('2026-03-01'), -1).label).toBe('2026-02-28');
    expect(shiftPeriod(parseKpiPeriod('2026'), 3).label).toBe('2029');
  });
});
