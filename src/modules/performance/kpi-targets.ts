import { BadUserInputError, parseMoney, toCents } from '@app/core';
import { MONEY_KPIS } from './kpi-definitions.js';
import { parseKpiPeriod, type KpiPeriod } from './kpi-period.js';
import { KpiMeasure, KpiPeriodKind, type Kpi } from './kpi.enums.js';

/** Targets are set for months, quarters and years (the rollups' grains a plan is made in). */
const TARGET_KINDS: ReadonlySet<KpiPeriodKind> = new Set([
  KpiPeriodKind.MONTH,
  KpiPeriodKind.QUARTER,
  KpiPeriodKind.YEAR,
]);

const WHOLE = /^(0|[1-9]\d{0,9})$/;

/** The measure a target of this KPI counts: given, or AMOUNT (the sales amount) for money KPIs and COUNT otherwise. */
export function targetMeasure(kpi: Kpi, measure?: KpiMeasure | null): KpiMeasure {
  if (measure === KpiMeasure.AVERAGE) {
    throw BadUserInputError.field('measure', 'a target is a count (COUNT) or an amount (AMOUNT), not an average');
  }
  if (measure === KpiMeasure.AMOUNT && !MONEY_KPIS.has(kpi)) {
    throw BadUserInputError.field('measure', `${kpi} has no amount; its targets are counts (COUNT)`);
  }
  return measure ?? (MONEY_KPIS.has(kpi) ? KpiMeasure.AMOUNT : KpiMeasure.COUNT);
}

/** A target's period: a month, quarter or year as people write it; anything else is BAD_USER_INPUT on `period`. */
export function targetPeriod(text: string): KpiPeriod {
  const p = parseKpiPeriod(text);
  if (!TARGET_KINDS.has(p.kind)) {
    throw BadUserInputError.field('period', 'targets are set per month (2026-12), quarter (2026-Q4) or year (2026)');
  }
  return p;
}

/**
 * A target as typed: an amount (money rule: at most 2 decimals, below 10^13) or a whole count; above zero for a
 * branch target (`positive`), zero or more for a person's share. Returns it as the database writes it (2 decimals).
 */
export function parseTarget(field: string, measure: KpiMeasure, value: string, floor: 'zero' | 'positive'): string {
  if (measure === KpiMeasure.AMOUNT) return parseMoney(field, value, floor);
  const v = value.trim();
  if (!WHOLE.test(v)) throw BadUserInputError.field(field, 'must be a whole count, such as "12"');
  if (floor === 'positive' && v === '0') throw BadUserInputError.field(field, 'must be positive');
  return v;
}

/** Whether a person's share fits: the other people's shares plus this one stay within the branch target. */
export function shareFits(branchTarget: string, othersTotal: string, share: string): boolean {
  return toCents(othersTotal) + toCents(share) <= toCents(branchTarget);
}

/** A count written without the decimals numeric(18,2) gives it ("12.00" -> "12"); amounts stay as they are. */
export function measureText(measure: KpiMeasure, value: string): string {
  return measure === KpiMeasure.COUNT ? value.replace(/\.0+$/, '') : value;
}
