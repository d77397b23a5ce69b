import { BadUserInputError } from '@app/core';
import { AMOUNT_KPIS, MONEY_KPIS } from './kpi-definitions.js';
import { parseKpiPeriod, periodOf, shiftPeriod, type KpiPeriod } from './kpi-period.js';
import { KpiMeasure, KpiPeriodKind, type Kpi } from './kpi.enums.js';

/**
 * What rankings and trends derive from a rollup's count and amount, in SQL numeric (exact decimals, read as text):
 * the measure ranked, the average (amount per item) and growth rates against another period.
 */

/** The measure a caller may ask of a KPI: AMOUNT for money KPIs, AVERAGE for KPIs with an amount (and SATISFACTION). */
export function checkMeasure(kpi: Kpi, measure = KpiMeasure.COUNT): KpiMeasure {
  if (measure === KpiMeasure.AMOUNT && !MONEY_KPIS.has(kpi)) {
    throw BadUserInputError.field('measure', `${kpi} has no amount of money; order it by COUNT`);
  }
  if (measure === KpiMeasure.AVERAGE && !AMOUNT_KPIS.has(kpi)) {
    throw BadUserInputError.field('measure', `${kpi} has no amount to average; order it by COUNT`);
  }
  return measure;
}

/** The measure's value from a count and an amount expression; an average of no item is null. */
export function valueSql(measure: KpiMeasure, count: string, amount: string): string {
  if (measure === KpiMeasure.COUNT) return `(${count})::numeric`;
  if (measure === KpiMeasure.AMOUNT) return `(${amount})`;
  return `(CASE WHEN ${count} > 0 THEN (${amount}) / (${count}) END)`;
}

/** Amount per item, half-up to 2 decimals (a satisfaction average: the sum of scores over their count). */
export const averageSql = (count: string, amount: string) =>
  `(CASE WHEN ${count} > 0 THEN round((${amount}) / (${count}), 2) END)::text`;

/**
 * Growth in percent, half-up to 2 decimals: (value - base) / |base| x 100, so a loss that shrinks grows; null when
 * the base is zero or unknown.
 */
export const growthSql = (value: string, base: string) =>
  `round(((${value}) - (${base})) * 100 / nullif(abs(${base}), 0), 2)::text`;

/**
 * The same period a year before: the same day (none for 29 February), ISO week number (none for a week 53 the
 * year before lacks), month, quarter or year.
 */
export function sameLastYear(p: KpiPeriod): KpiPeriod | null {
  const year = Number(p.start.slice(0, 4)) - 1;
  if (p.kind === KpiPeriodKind.DAY) {
    return p.start.slice(5) === '02-29' ? null : periodOf(p.kind, `${year}${p.start.slice(4)}`);
  }
  if (p.kind === KpiPeriodKind.WEEK) {
    try {
      return parseKpiPeriod(`${year}${p.label.slice(4)}`);
    } catch {
      return null;
    }
  }
  const back = { [KpiPeriodKind.MONTH]: -12, [KpiPeriodKind.QUARTER]: -4, [KpiPeriodKind.YEAR]: -1 }[p.kind];
  return shiftPeriod(p, back);
}
