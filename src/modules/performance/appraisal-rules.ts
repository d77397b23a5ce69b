import { BadUserInputError, InvalidStateError, fromCents, toCents } from '@app/core';
import { AppraisalState } from './appraisal.enums.js';

/** A score or a weight: 0 to 100 with at most 2 decimals, as text ("72.5"), read as exact hundredths. */
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** Reads a percentage a person typed (score or weight), or BAD_USER_INPUT naming the field; "72.5" -> "72.50". */
export function parsePercent(field: string, value: string): string {
  const v = value.trim();
  if (!PERCENT.test(v) || toCents(v) > 10_000n) {
    throw BadUserInputError.field(field, 'must be a number from 0 to 100 with at most 2 decimals, like "72.50"');
  }
  return fromCents(toCents(v));
}

export interface Weights {
  resultsWeight: string;
  attitudeWeight: string;
  teamworkWeight: string;
}

export interface Scores {
  resultsScore: string;
  attitudeScore: string;
  teamworkScore: string;
}

/** The three weights, each read exactly, summing to exactly 100 (else BAD_USER_INPUT on resultsWeight). */
export function checkWeights(w: Weights): Weights {
  const out = {
    resultsWeight: parsePercent('resultsWeight', w.resultsWeight),
    attitudeWeight: parsePercent('attitudeWeight', w.attitudeWeight),
    teamworkWeight: parsePercent('teamworkWeight', w.teamworkWeight),
  };
  const sum = toCents(out.resultsWeight) + toCents(out.attitudeWeight) + toCents(out.teamworkWeight);
  if (sum !== 10_000n) {
    throw BadUserInputError.field('resultsWeight', `the three weights must sum to 100; they sum to ${fromCents(sum)}`);
  }
  return out;
}

/**
 * The total score: Σ weight × score / 100, exact. Weights and scores are hundredths, so each product is in
 * ten-thousandths and the sum divided by 100 is a whole number of millionths: no rounding anywhere.
 */
export function totalScore(w: Weights, s: Scores): string {
  const millionths =
    toCents(w.resultsWeight) * toCents(s.resultsScore) +
    toCents(w.attitudeWeight) * toCents(s.attitudeScore) +
    toCents(w.teamworkWeight) * toCents(s.teamworkScore);
  const text = millionths.toString().padStart(7, '0');
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
}

export type AppraisalStep = 'SELF_ASSESS' | 'SCORE' | 'CHECK' | 'RETURN' | 'APPROVE' | 'SEND_BACK';

const S = AppraisalState;

/** Each step of the flow: HR may return an appraisal to the head; leadership's refusal sends it back to HR. */
export const APPRAISAL_STEPS: Readonly<Record<AppraisalStep, { from: AppraisalState; to: AppraisalState }>> = {
  SELF_ASSESS: { from: S.SELF_ASSESSMENT, to: S.HEAD_REVIEW },
  SCORE: { from: S.HEAD_REVIEW, to: S.HR_CHECK },
  CHECK: { from: S.HR_CHECK, to: S.LEADERSHIP },
  RETURN: { from: S.HR_CHECK, to: S.HEAD_REVIEW },
  APPROVE: { from: S.LEADERSHIP, to: S.APPROVED },
  SEND_BACK: { from: S.LEADERSHIP, to: S.HR_CHECK },
};

/** The target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function appraisalStep(from: AppraisalState, step: AppraisalStep): AppraisalState {
  const edge = APPRAISAL_STEPS[step];
  if (edge.from !== from) {
    throw new InvalidStateError(
      `An appraisal cannot move from ${from} to ${edge.to} (${step.toLowerCase().replace('_', ' ')} needs ${edge.from})`,
    );
  }
  return edge.to;
}
