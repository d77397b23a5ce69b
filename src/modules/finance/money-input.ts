import { BadUserInputError } from '@app/core';

const AMOUNT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/**
 * A money amount given to finance: positive, at most 2 decimals, below 10^13 (numeric(18,2)). Finance's one check
 * until libs/core's money helper is on main; then this goes.
 */
export function checkMoney(field: string, value: string): string {
  const v = value.trim();
  if (!AMOUNT.test(v)) {
    throw BadUserInputError.field(field, 'must be a positive amount with at most 2 decimals, below 10,000,000,000,000');
  }
  if (/^0(\.0+)?$/.test(v)) throw BadUserInputError.field(field, 'must be positive');
  return v;
}
