/** How urgent a contract risk is (DOMAIN.md section 4: risks are scored and prioritised before signing). */
export enum RiskPriority {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

/** Probability and impact are each scored 1 (rare, negligible) to 5 (almost certain, severe). */
export const RISK_SCALE = { min: 1, max: 5 } as const;

/** The risk score: probability x impact, 1 to 25. */
export function riskScore(probability: number, impact: number): number {
  return probability * impact;
}

/**
 * HIGH at a score of 15 or more, or whenever the impact is 5 (a severe outcome is high even when
 * unlikely); MEDIUM from 8; LOW below. Signing waits for a response to every HIGH risk.
 */
export function riskPriority(probability: number, impact: number): RiskPriority {
  const score = riskScore(probability, impact);
  if (score >= 15 || impact >= RISK_SCALE.max) return RiskPriority.HIGH;
  if (score >= 8) return RiskPriority.MEDIUM;
  return RiskPriority.LOW;
}

const RANK: Record<RiskPriority, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Sort order of a risk register: priority, then score (highest first), then the oldest first. */
export function compareRisks(
  a: { probability: number; impact: number; createdAt: Date; id: string },
  b: { probability: number; impact: number; createdAt: Date; id: string },
): number {
  return (
    RANK[riskPriority(a.probability, a.impact)] - RANK[riskPriority(b.probability, b.impact)] ||
    riskScore(b.probability, b.impact) - riskScore(a.probability, a.impact) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
