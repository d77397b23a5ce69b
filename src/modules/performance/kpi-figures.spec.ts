import { describe, expect, it } from '@jest/globals';
import { checkMeasure, sameLastYear } from './kpi-figures.js';
import { parseKpiPeriod } from './kpi-period.js';
import { Kpi, KpiMeasure } from './kpi.enums.js';

describe('KPI figures', () => {
  const lastYear = (label: string) => sameLastYear(parseKpiPeriod(label))?.label ?? null;

  it('finds the same period a year before, or none where the calendar has none', () => {
    expect(lastYear('2026-12-07')).toBe('2025-12-07');
    expect(lastYear('2028-02-29')).toBeNull();
    expect(lastYear('2026-W49')).toBe('2025-W49');
    expect(lastYear('2026-W53')).toBeNull();
    expect(lastYear('2027-W01')).toBe('2026-W01');
    expect(lastYear('2026-01')).toBe('2025-01');
    expect(lastYear('2026-Q1')).toBe('2025-Q1');
    expect(lastYear('2026')).toBe('2025');
  });

  it('allows AMOUNT for money KPIs and AVERAGE for KPIs with an amount, naming the field otherwise', () => {
    expect(checkMeasure(Kpi.SALES_AMOUNT, KpiMeasure.AMOUNT)).toBe(KpiMeasure.AMOUNT);
    expect(checkMeasure(Kpi.SATISFACTION, KpiMeasure.AVERAGE)).toBe(KpiMeasure.AVERAGE);
    expect(checkMeasure(Kpi.NEW_CUSTOMERS)).toBe(KpiMeasure.COUNT);
    expect(() => checkMeasure(Kpi.SATISFACTION, KpiMeasure.AMOUNT)).toThrow('measure');
    expect(() => checkMeasure(Kpi.VALID_LEADS, KpiMeasure.AVERAGE)).toThrow('measure');
  });
});
