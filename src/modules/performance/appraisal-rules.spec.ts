import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppraisalState } from './appraisal.enums.js';
import { appraisalStep, checkWeights, parsePercent, totalScore } from './appraisal-rules.js';
import { dueCycles } from './appraisal-cycles.js';

/** Hundredths from 0 to 10,000 as text ("72.05"). */
const pct = fc
  .integer({ min: 0, max: 10_000 })
  .map((h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`);
/** Three weights in hundredths summing to exactly 100. */
const weights = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)])
  .map(([a, b]) => [a, b - a, 10_000 - b].map((h) => (h / 100).toFixed(2)));

describe('appraisal rules', () => {
  it('the total is the exact weighted sum for random weights and scores (checked against rational arithmetic)', () => {
    fc.assert(
      fc.property(weights, fc.tuple(pct, pct, pct), ([rw, aw, tw], [rs, as, ts]) => {
        const w = checkWeights({ resultsWeight: rw, attitudeWeight: aw, teamworkWeight: tw });
        const total = totalScore(w, { resultsScore: rs, attitudeScore: as, teamworkScore: ts });
        // Independent arithmetic: the sum of products in ten-thousandths over 100, as a reduced rational.
        const h = (x: string) => BigInt(Math.round(Number(x) * 100));
        const num = h(rw) * h(rs) + h(aw) * h(as) + h(tw) * h(ts); // (w*100)(s*100) = w*s*10^4; total = that / 10^6
        const [int, frac] = total.split('.');
        expect(frac).toHaveLength(6);
        expect(BigInt(int) * 1_000_000n + BigInt(frac)).toBe(num);
        // Within the lowest and highest score, and equal scores give exactly that score.
        const lo = [rs, as, ts].map(h).reduce((x, y) => (x < y ? x : y));
        const hi = [rs, as, ts].map(h).reduce((x, y) => (x > y ? x : y));
        expect(num >= lo * 10_000n && num <= hi * 10_000n).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(
      totalScore(
        { resultsWeight: '33.33', attitudeWeight: '33.33', teamworkWeight: '33.34' },
        { resultsScore: '80.00', attitudeScore: '80.00', teamworkScore: '80.00' },
      ),
    ).toBe('80.000000');
  });

  it('weights sum to exactly 100, each 0 to 100 with at most 2 decimals', () => {
    expect(() => checkWeights({ resultsWeight: '60', attitudeWeight: '20', teamworkWeight: '20.01' })).toThrow(
      /sum to 100/,
    );
    expect(() => parsePercent('resultsScore', '100.01')).toThrow(/0 to 100/);
    expect(() => parsePercent('resultsScore', '7.123')).toThrow(/at most 2 decimals/);
    expect(() => parsePercent('resultsScore', '-1')).toThrow(/0 to 100/);
    expect(parsePercent('x', '72.5')).toBe('72.50');
  });

  it('illegal steps are typed errors naming both states', () => {
    expect(appraisalStep(AppraisalState.HEAD_REVIEW, 'SCORE')).toBe(AppraisalState.HR_CHECK);
    expect(() => appraisalStep(AppraisalState.SELF_ASSESSMENT, 'CHECK')).toThrow(/from SELF_ASSESSMENT to LEADERSHIP/);
  });
});

describe('appraisal cycles fall due', () => {
  const cal = {
    timeZone: 'Asia/Shanghai',
    workDays: [1, 2, 3, 4, 5],
    dayStartMinute: 540,
    dayEndMinute: 1080,
    holidays: new Set(['2026-01-01', '2026-01-02']),
  };
  const due = (today: string) => dueCycles(today, cal).map((c) => `${c.kind} ${c.period.label}`);

  it('on the first working day of the next month (and year), not before', () => {
    // 2026-11-01 is a Sunday: October's cycle waits for Monday the 2nd.
    expect(due('2026-11-01')).toEqual(['ANNUAL 2025']);
    expect(due('2026-11-02')).toEqual(['MONTHLY 2026-10', 'ANNUAL 2025']);
    // New Year's holidays: the 1st and 2nd are off, the 3rd and 4th a weekend: Monday the 5th opens both.
    expect(due('2026-01-04')).toEqual([]);
    expect(due('2026-01-05')).toEqual(['MONTHLY 2025-12', 'ANNUAL 2025']);
  });
});
