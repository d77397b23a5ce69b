import { BadUserInputError } from '@app/core';

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

const AMOUNT = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** A money amount as a decimal string that fits numeric(18,2); zero only when `allowZero`. */
export function checkAmount(field: string, value: string, allowZero = false): string {
  const v = value.trim();
  if (!AMOUNT.test(v)) {
    throw BadUserInputError.field(field, 'must be an amount with at most 2 decimals, below 10,000,000,000,000,000');
  }
  if (!allowZero && /^0(\.0*)?$/.test(v)) throw BadUserInputError.field(field, 'must be positive');
  return v;
}

/** Compares two non-negative decimal strings exactly (no floats): -1, 0 or 1. */
export function compareAmounts(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const ia = ai.replace(/^0+(?=\d)/, '');
  const ib = bi.replace(/^0+(?=\d)/, '');
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  const x = ia + af.padEnd(2, '0');
  const y = ib + bf.padEnd(2, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The settings after a change, checked as a whole: HIGH's threshold must stay above MEDIUM's. */
export function mergeRules(before: TieringRules, change: Partial<TieringRules>): TieringRules {
  const after: TieringRules = {
    highAbove: change.highAbove != null ? checkAmount('highAbove', change.highAbove) : before.highAbove,
    mediumAbove: change.mediumAbove != null ? checkAmount('mediumAbove', change.mediumAbove, true) : before.mediumAbove,
    largeChangeAmount:
      change.largeChangeAmount != null
        ? checkAmount('largeChangeAmount', change.largeChangeAmount)
        : before.largeChangeAmount,
    largeChangePercent: change.largeChangePercent ?? before.largeChangePercent,
  };
  if (compareAmounts(after.highAbove, after.mediumAbove) <= 0) {
    throw BadUserInputError.field(
      change.highAbove != null ? 'highAbove' : 'mediumAbove',
      'the HIGH threshold must be above the MEDIUM threshold',
    );
  }
  return after;
}
