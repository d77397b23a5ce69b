import { BadUserInputError, parseMoney } from '@app/core';
import type { OrderLineInput } from './dto/order.input.js';

const QUANTITY = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;

export interface CheckedLine {
  description: string;
  quantity: string;
  unitPrice: string;
}

/** Order lines as the database takes them: a positive quantity (3 decimals), a price not below zero (2 decimals). */
export function checkLines(lines: OrderLineInput[]): CheckedLine[] {
  return lines.map((l, i) => {
    const f = `lines[${i}]`;
    const description = l.description.trim();
    if (description.length < 1 || description.length > 500) {
      throw BadUserInputError.field(`${f}.description`, 'must be 1 to 500 characters');
    }
    const quantity = l.quantity.trim();
    if (quantity.startsWith('-') || /^0(\.0*)?$/.test(quantity)) {
      throw BadUserInputError.field(`${f}.quantity`, 'must be positive');
    }
    if (!QUANTITY.test(quantity)) {
      throw BadUserInputError.field(`${f}.quantity`, 'must have at most 3 decimals and be below 1,000,000,000,000');
    }
    const unitPrice = parseMoney(`${f}.unitPrice`, l.unitPrice);
    return { description, quantity, unitPrice };
  });
}

/** The integer digits of a non-negative decimal string: a total of more than 13 does not fit the order. */
export function tooLarge(total: string): boolean {
  return total.split('.')[0].length > 13;
}
