import { BadUserInputError, parseMoney } from '@app/core';

/**
 * The pure rules of partner evaluations: quarters as periods, exact decimals as scaled integers
 * (never JS floats), and the per-branch scoring settings with their defaults (DOMAIN.md section 3).
 */

const PERIOD = /^(\d{4})-Q([1-4])$/;

/** The first day of a quarter such as `2026-Q3` (2026-07-01), or null when it is not one. */
export function periodStart(period: string): string | null {
  const m = PERIOD.exec(period);
  if (!m || +m[1] < 2000) return null;
  return `${m[1]}-${String((+m[2] - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** A decimal string as an integer count of 10^-places, or null when it has more places or is not a number. */
export function scaled(value: string, places: number): bigint | null {
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(value.trim());
  if (!m || (m[2]?.length ?? 0) > places) return null;
  return BigInt(m[1] + (m[2] ?? '').padEnd(places, '0'));
}

/** A 0-100 sub-score with at most 2 decimals, as given (normalised by PostgreSQL numeric). */
export function checkPercent(field: string, value: string): string {
  const v = scaled(value, 2);
  if (v === null || v > 10000n) throw BadUserInputError.field(field, 'must be 0 to 100 with at most 2 decimals');
  return value.trim();
}

export interface ScoringRules {
  /** Weights of the three sub-scores (3 decimals each, summing to 1). */
  weightSales: string;
  weightCoverage: string;
  weightFeedback: string;
  /** The quarter's sales that make a sales sub-score of 100 (linear below, capped at 100). */
  salesTarget: string;
  /** Lowest scores of tiers A, B and C (below C: D). */
  tierAMin: string;
  tierBMin: string;
  tierCMin: string;
}

export const DEFAULT_SCORING: ScoringRules = {
  weightSales: '0.500',
  weightCoverage: '0.250',
  weightFeedback: '0.250',
  salesTarget: '1000000.00',
  tierAMin: '85.00',
  tierBMin: '70.00',
  tierCMin: '55.00',
};

/** Checks a full set of rules; the first problem names its field. */
export function checkScoring(r: ScoringRules): void {
  const weights = (['weightSales', 'weightCoverage', 'weightFeedback'] as const).map((k) => {
    const w = scaled(r[k], 3);
    if (w === null || w > 1000n) throw BadUserInputError.field(k, 'must be 0 to 1 with at most 3 decimals');
    return w;
  });
  if (weights.reduce((a, b) => a + b, 0n) !== 1000n) {
    throw BadUserInputError.field('weightSales', 'the three weights must add up to exactly 1');
  }
  parseMoney('salesTarget', r.salesTarget, 'positive');
  const cut = (['tierAMin', 'tierBMin', 'tierCMin'] as const).map((k) => {
    const c = scaled(r[k], 2);
    if (c === null || c === 0n || c > 10000n) {
      throw BadUserInputError.field(k, 'must be above 0 and at most 100, with at most 2 decimals');
    }
    return c;
  });
  if (!(cut[0] > cut[1])) throw BadUserInputError.field('tierBMin', 'must be below tierAMin');
  if (!(cut[1] > cut[2])) throw BadUserInputError.field('tierCMin', 'must be below tierBMin');
}
