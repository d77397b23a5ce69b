import { BadUserInputError } from '@app/core';
import type { ContractSpecialFee } from './contract.entity.js';

const AMOUNT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** A contract amount: positive, at most 2 decimals, below 10^13 (numeric(18,2) in the database). */
export function checkContractAmount(field: string, value: string): string {
  const v = value.trim();
  if (v.startsWith('-')) throw BadUserInputError.field(field, 'must be positive');
  if (!AMOUNT.test(v)) {
    throw BadUserInputError.field(field, 'must be an amount with at most 2 decimals, below 10,000,000,000,000');
  }
  if (/^0(\.0+)?$/.test(v)) throw BadUserInputError.field(field, 'must be positive');
  return v;
}

/** Special fees as the contract keeps them: 0 to 20, each a description and a positive amount. */
export function checkSpecialFees(
  fees: readonly { description: string; amount: string }[],
  field = 'specialFees',
): ContractSpecialFee[] {
  if (fees.length > 20) throw BadUserInputError.field(field, 'at most 20 special fees');
  return fees.map((f, i) => {
    const description = f.description.trim();
    if (description.length < 1 || description.length > 200) {
      throw BadUserInputError.field(`${field}[${i}].description`, 'must be 1 to 200 characters');
    }
    return { description, amount: normaliseAmount(checkContractAmount(`${field}[${i}].amount`, f.amount)) };
  });
}

/** "85.5" -> "85.50": amounts leave the database with two decimals; fees kept in JSON look the same. */
function normaliseAmount(v: string): string {
  const [i, f = ''] = v.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

/** A term: both days given, the end not before the start. */
export function checkTerm(startsOn: string, endsOn: string, field = 'endsOn'): void {
  if (endsOn < startsOn) throw BadUserInputError.field(field, `must not be before the start (${startsOn})`);
}
