import { describe, expect, it } from '@jest/globals';
import { RiskPriority, compareRisks, riskPriority, riskScore } from './risk-priority.js';

describe('contract risk priority', () => {
  it.each([
    // [probability, impact, score, priority]
    [1, 1, 1, RiskPriority.LOW],
    [2, 3, 6, RiskPriority.LOW],
    [1, 4, 4, RiskPriority.LOW],
    [1, 5, 5, RiskPriority.HIGH], // impact 5 is HIGH however unlikely
    [2, 4, 8, RiskPriority.MEDIUM], // 8: the MEDIUM threshold itself
    [4, 2, 8, RiskPriority.MEDIUM],
    [3, 4, 12, RiskPriority.MEDIUM],
    [4, 3, 12, RiskPriority.MEDIUM],
    [5, 3, 15, RiskPriority.HIGH], // 15: the HIGH threshold itself
    [3, 5, 15, RiskPriority.HIGH],
    [4, 4, 16, RiskPriority.HIGH],
    [5, 4, 20, RiskPriority.HIGH],
    [5, 5, 25, RiskPriority.HIGH],
    [5, 1, 5, RiskPriority.LOW], // almost certain but negligible
  ])('probability %d, impact %d: score %d, %s', (p, i, score, priority) => {
    expect(riskScore(p, i)).toBe(score);
    expect(riskPriority(p, i)).toBe(priority);
  });

  it('every pair of the 5x5 grid has exactly the priority the rule states', () => {
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i <= 5; i++) {
        const want = p * i >= 15 || i === 5 ? 'HIGH' : p * i >= 8 ? 'MEDIUM' : 'LOW';
        expect({ p, i, got: riskPriority(p, i) }).toEqual({ p, i, got: want });
      }
    }
  });

  it('a register sorts by priority, then score, then age', () => {
    const at = (n: number) => new Date(Date.UTC(2026, 0, n));
    const risks = [
      { id: 'low', probability: 1, impact: 2, createdAt: at(1) },
      { id: 'high-impact', probability: 1, impact: 5, createdAt: at(2) },
      { id: 'medium', probability: 3, impact: 3, createdAt: at(3) },
      { id: 'high-score', probability: 5, impact: 4, createdAt: at(4) },
      { id: 'medium-older', probability: 3, impact: 3, createdAt: at(0) },
    ];
    expect([...risks].sort(compareRisks).map((r) => r.id)).toEqual([
      'high-score',
      'high-impact',
      'medium-older',
      'medium',
      'low',
    ]);
  });
});
