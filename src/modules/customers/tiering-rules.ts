import { BadUserInputError, compareMoney, parseMoney } from '@app/core';

export interface TieringRules {
  highAbove: string;
  mediumAbove: string;
  largeChangeAmount: string;
  largeChangePercent: number;
}

/** DOMAIN.md: annual purchases above 1,000,000 are high value; above 200,000 medium (issue 4). */
export const DEFAULT_TIERING: TieringRules = {
  highAbove: '1000000.00',
  mediumAbove: '200000.00',
  largeChangeAmount: '100000.00',
  largeChangePercent: 50,
};

/** The settings after a change, checked as a whole: HIGH's threshold must stay above MEDIUM's. */
export function mergeRules(before: TieringRules, change: Partial<TieringRules>): TieringRules {
  const after: TieringRules = {
    highAbove: change.highAbove != null ? parseMoney('highAbove', change.highAbove, 'positive') : before.highAbove,
    mediumAbove: change.mediumAbove != null ? parseMoney('mediumAbove', change.mediumAbove) : before.mediumAbove,
    largeChangeAmount:
      change.largeChangeAmount != null
        ? parseMoney('largeChangeAmount', change.largeChangeAmount, 'positive')
        : before.largeChangeAmount,
    largeChangePercent: change.largeChangePercent ?? before.largeChangePercent,
  };
  if (compareMoney(after.highAbove, after.mediumAbove) <= 0) {
    throw BadUserInputError.field(
      change.highAbove != null ? 'highAbove' : 'mediumAbove',
      'the HIGH threshold must be above the MEDIUM threshold',
    );
  }
  return after;
}
