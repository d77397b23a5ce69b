import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromCents } from '@app/core';
import { Kpi, KpiMeasure } from './kpi.enums.js';
import { measureText, parseTarget, shareFits, targetMeasure, targetPeriod } from './kpi-targets.js';

describe('KPI targets', () => {
  it('measures money KPIs by amount and the rest by count; an amount of a count KPI is refused', () => {
    expect(targetMeasure(Kpi.CONTRACTS_SIGNED)).toBe(KpiMeasure.AMOUNT);
    expect(targetMeasure(Kpi.CONTRACTS_SIGNED, KpiMeasure.COUNT)).toBe(KpiMeasure.COUNT);
    expect(targetMeasure(Kpi.NEW_CUSTOMERS)).toBe(KpiMeasure.COUNT);
    expect(() => targetMeasure(Kpi.NEW_CUSTOMERS, KpiMeasure.AMOUNT)).toThrow('measure');
    expect(() => targetMeasure(Kpi.SATISFACTION, KpiMeasure.AVERAGE)).toThrow('not an average');
    expect(targetMeasure(Kpi.SALES_AMOUNT)).toBe(KpiMeasure.AMOUNT);
  });

  it('takes months, quarters and years only', () => {
    expect(targetPeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2027-01-01' });
    expect(targetPeriod('2026')).toMatchObject({ kind: 'YEAR' });
    for (const p of ['2026-12-07', '2026-W49', 'soon']) expect(() => targetPeriod(p)).toThrow('period');
  });

  it('reads amounts by the money rule and counts as whole numbers, above zero for a branch', () => {
    expect(parseTarget('target', KpiMeasure.AMOUNT, ' 85.5 ', 'positive')).toBe('85.5');
    expect(parseTarget('target', KpiMeasure.COUNT, '12', 'positive')).toBe('12');
    expect(parseTarget('target', KpiMeasure.COUNT, '0', 'zero')).toBe('0');
    for (const [m, v, floor] of [
      [KpiMeasure.AMOUNT, '0', 'positive'],
      [KpiMeasure.AMOUNT, '1.001', 'zero'],
      [KpiMeasure.COUNT, '1.5', 'zero'],
      [KpiMeasure.COUNT, '0', 'positive'],
      [KpiMeasure.COUNT, '-1', 'zero'],
      [KpiMeasure.COUNT, '01', 'zero'],
    ] as const) {
      expect(() => parseTarget('target', m, v, floor)).toThrow('target');
    }
    expect(measureText(KpiMeasure.COUNT, '12.00')).toBe('12');
    expect(measureText(KpiMeasure.AMOUNT, '12.00')).toBe('12.00');
  });

  it('a share fits exactly when the shares stay within the target (to the cent)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (t, o, s) => {
          expect(shareFits(fromCents(t), fromCents(o), fromCents(s))).toBe(o + s <= t);
        },
      ),
    );
    expect(shareFits('100.00', '99.99', '0.01')).toBe(true);
    expect(shareFits('100.00', '99.99', '0.02')).toBe(false);
  });
});
