import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING, checkPercent, checkScoring, periodStart, scaled } from './evaluation-rules.js';

const fieldOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { fields?: { field: string }[] }).fields?.[0]?.field ?? 'thrown';
  }
};

describe('evaluation rules', () => {
  it('reads quarters', () => {
    expect(periodStart('2026-Q1')).toBe('2026-01-01');
    expect(periodStart('2026-Q3')).toBe('2026-07-01');
    expect(periodStart('2026-Q4')).toBe('2026-10-01');
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q1', '26-Q1', '1999-Q4', '2026-q1', ' 2026-Q1']) {
      expect({ bad, start: periodStart(bad) }).toEqual({ bad, start: null });
    }
  });

  it('scales decimals exactly (no floats): 0.1 + 0.2 is 0.3', () => {
    expect(scaled('0.1', 3)! + scaled('0.2', 3)!).toBe(scaled('0.3', 3));
    expect(scaled('0.333', 3)! + scaled('0.333', 3)! + scaled('0.334', 3)!).toBe(1000n);
    expect(scaled('1.2345', 3)).toBeNull();
    expect(scaled('-1', 3)).toBeNull();
    expect(scaled('1e3', 3)).toBeNull();
  });

  it('accepts the defaults and refuses weights not summing to 1 and cut-offs out of order', () => {
    expect(() => checkScoring(DEFAULT_SCORING)).not.toThrow();
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, weightSales: '0.6' }))).toBe('weightSales');
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, weightCoverage: '0.2505' }))).toBe('weightCoverage');
    expect(
      fieldOf(() =>
        checkScoring({ ...DEFAULT_SCORING, weightSales: '0.1', weightCoverage: '0.2', weightFeedback: '0.7' }),
      ),
    ).toBeUndefined();
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, tierBMin: '85' }))).toBe('tierBMin');
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, tierCMin: '75' }))).toBe('tierCMin');
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, tierAMin: '100.01' }))).toBe('tierAMin');
    expect(fieldOf(() => checkScoring({ ...DEFAULT_SCORING, salesTarget: '0' }))).toBe('salesTarget');
    expect(fieldOf(() => checkPercent('marketCoverage', '100.5'))).toBe('marketCoverage');
    expect(fieldOf(() => checkPercent('marketCoverage', '99.99'))).toBeUndefined();
  });
});
