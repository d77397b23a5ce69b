import { BadUserInputError, moneyText, parseMoney } from '@app/core';
import type { ContractSpecialFee } from './contract.entity.js';

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
    return { description, amount: moneyText(parseMoney(`${field}[${i}].amount`, f.amount, 'positive')) };
  });
}

/** A term: both days given, the end not before the start. */
export function checkTerm(startsOn: string, endsOn: string, field = 'endsOn'): void {
  if (endsOn < startsOn) throw BadUserInputError.field(field, `must not be before the start (${startsOn})`);
}
