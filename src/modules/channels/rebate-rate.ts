import { BadUserInputError } from '@app/core';

/**
 * A rebate rate typed by a person: a percentage of 0 to 100 with at most 4 decimals ("3", "2.5", "0.1250"), kept as
 * numeric(7,4) text; BAD_USER_INPUT on `field` otherwise.
 */
export function checkRebateRate(field: string, value: string): string {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(value.trim());
  if (!m || Number(m[1]) > 100 || (Number(m[1]) === 100 && /[1-9]/.test(m[2] ?? ''))) {
    throw BadUserInputError.field(field, 'must be a percentage from 0 to 100 with at most 4 decimals');
  }
  return `${Number(m[1])}.${(m[2] ?? '').padEnd(4, '0')}`;
}
