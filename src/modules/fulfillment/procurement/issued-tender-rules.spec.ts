import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkCommittee, checkWeights, issuedTenderMove, rankBids } from './issued-tender-rules.js';
import { IssuedTenderState } from './issued-tender.enums.js';

/**
 * A reference computed another way: each member's total (pw × 100 × L / P + Σ w × s) / 100 as one exact fraction
 * (weights and scores in hundredths, prices in cents), the members' totals added, divided by their number, and
 * rounded half-up to 4 decimals once.
 */
function reference(
  priceWeight: number, // hundredths
  weights: number[], // hundredths
  prices: number[], // cents
  scores: number[][][], // [bid][member][criterion], hundredths
): string[] {
  const lowest = BigInt(prices.reduce((a, b) => Math.min(a, b)));
  return prices.map((price, b) => {
    const p = BigInt(price);
    const members = BigInt(scores[b].length);
    // member total = pw100 × L / (100 P) + Σ w100 × s100 / 10^6 = (pw100 × L × 10^4 + Σ w100 × s100 × P) / (10^6 P)
    let n = 0n;
    for (const memberScores of scores[b]) {
      n += BigInt(priceWeight) * lowest * 10_000n;
      memberScores.forEach((s, c) => (n += BigInt(weights[c]) * BigInt(s) * p));
    }
    const d = 1_000_000n * p * members;
    const q = (2n * n * 10_000n + d) / (2n * d);
    return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, '0')}`;
  });
}

describe('issued tender rules', () => {
  it('weights sum to exactly 100', () => {
    expect(() => checkWeights('40', ['30', '30'])).not.toThrow();
    expect(() => checkWeights('40.5', ['30', '29.5'])).not.toThrow();
    expect(() => checkWeights('40', ['30', '29.99'])).toThrow(/sum to 99.99/);
    expect(() => checkWeights('50', ['30', '30'])).toThrow(/sum to 110.00/);
  });

  it('the committee: 3+, odd, staff who read procurement, one from finance, the chair a member', () => {
    const m = (userId: string, role: string | undefined) => ({ userId, role });
    const ok = [m('a', 'BRANCH_MANAGER'), m('b', 'CLERK'), m('c', 'FINANCE')];
    expect(() => checkCommittee(ok, 'a')).not.toThrow();
    expect(() => checkCommittee(ok.slice(0, 2), 'a')).toThrow(/at least 3/);
    expect(() => checkCommittee([...ok, m('d', 'CLERK')], 'a')).toThrow(/odd number/);
    expect(() => checkCommittee([m('a', 'CLERK'), m('b', 'CLERK'), m('c', 'CLERK')], 'a')).toThrow(/finance/);
    expect(() => checkCommittee([...ok.slice(0, 2), m('x', 'SALES_REP')], 'a')).toThrow(/is SALES_REP/);
    expect(() => checkCommittee([...ok.slice(0, 2), m('x', undefined)], 'a')).toThrow(/not a person/);
    expect(() => checkCommittee([...ok, m('a', 'CLERK'), m('e', 'CLERK')], 'a')).toThrow(/named twice/);
    expect(() => checkCommittee(ok, 'z')).toThrow();
  });

  it('moves name both states', () => {
    expect(issuedTenderMove(IssuedTenderState.DRAFT, 'ANNOUNCE')).toBe('ANNOUNCED');
    expect(() => issuedTenderMove(IssuedTenderState.AWARDED, 'CANCEL')).toThrow(/from AWARDED to CANCELLED/);
    expect(() => issuedTenderMove(IssuedTenderState.DRAFT, 'AWARD')).toThrow(/from DRAFT to AWARDED/);
  });

  it('a worked example: the lowest price takes full marks, others proportionally', () => {
    const r = rankBids({
      priceWeight: '60',
      criteria: [{ id: 'c', weight: '40' }],
      memberIds: ['m1', 'm2', 'm3'],
      bids: [
        { id: 'x', amount: '1000.00' },
        { id: 'y', amount: '1200.00' },
      ],
      scores: new Map([
        ['x:c:m1', '70'],
        ['x:c:m2', '80'],
        ['x:c:m3', '60'],
        ['y:c:m1', '100'],
        ['y:c:m2', '100'],
        ['y:c:m3', '100'],
      ]),
    });
    // x: 60 × 100 / 100 + 40 × 70 / 100 = 88; y: 60 × 83.3333.. / 100 + 40 = 90
    expect(r.rows).toEqual([
      { bidId: 'y', priceScore: '83.3333', technicalPoints: '40.0000', total: '90.0000', rank: 1 },
      { bidId: 'x', priceScore: '100.0000', technicalPoints: '28.0000', total: '88.0000', rank: 2 },
    ]);
    expect(r).toMatchObject({ complete: true, lowestPrice: '1000.00', tiedForFirst: [] });
  });

  it('random prices and scores: totals equal the reference, ranks follow them, the winner is unique or a tie', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 6 }),
        fc.infiniteStream(fc.integer({ min: 1, max: 10 })),
        fc.infiniteStream(fc.integer({ min: 0, max: 20 })),
        (pw, nCriteria, nMembers, nBids, priceStream, scoreStream) => {
          // Weights in whole points summing to 100 - pw over nCriteria (or pw = 100 without criteria).
          const priceWeight = nCriteria === 0 ? 100 : pw;
          const rest = 100 - priceWeight;
          const weights = Array.from({ length: nCriteria }, (_, i) =>
            i < nCriteria - 1 ? Math.floor(rest / nCriteria) : rest - Math.floor(rest / nCriteria) * (nCriteria - 1),
          );
          if (weights.some((w) => w <= 0)) return;
          const prices = Array.from({ length: nBids }, () => priceStream.next().value * 10_000); // cents, few values: ties
          const scores = prices.map(() =>
            Array.from({ length: nMembers }, () => weights.map(() => scoreStream.next().value * 500)),
          );
          const criteria = weights.map((w, i) => ({ id: `c${i}`, weight: String(w) }));
          const memberIds = Array.from({ length: nMembers }, (_, i) => `m${i}`);
          const bids = prices.map((p, i) => ({ id: `b${i}`, amount: (p / 100).toFixed(2) }));
          const map = new Map<string, string>();
          bids.forEach((b, i) =>
            memberIds.forEach((m, j) =>
              criteria.forEach((c, k) => map.set(`${b.id}:${c.id}:${m}`, (scores[i][j][k] / 100).toFixed(2))),
            ),
          );
          const r = rankBids({ priceWeight: String(priceWeight), criteria, memberIds, bids, scores: map });
          const totals = reference(
            priceWeight * 100,
            weights.map((w) => w * 100),
            prices,
            scores,
          );
          const byId = new Map(r.rows.map((row) => [row.bidId, row]));
          bids.forEach((b, i) => expect(byId.get(b.id)!.total).toBe(totals[i]));
          const best = Math.max(...totals.map(Number));
          const firsts = bids.filter((_, i) => Number(totals[i]) === best).map((b) => b.id);
          for (const row of r.rows) {
            expect(row.rank).toBe(1 + totals.filter((t) => Number(t) > Number(row.total)).length);
          }
          if (firsts.length > 1) expect([...r.tiedForFirst].sort()).toEqual([...firsts].sort());
          else expect({ tie: r.tiedForFirst, first: r.rows[0].bidId }).toEqual({ tie: [], first: firsts[0] });
        },
      ),
      { numRuns: 300 },
    );
  });
});
