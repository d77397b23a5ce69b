import { BadUserInputError, fromCents, fromMilli, lineValue, milli, parseMoney, taxOfGross, toCents } from '@app/core';
import type { InvoiceLine } from './invoice.entity.js';

const RATE = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** A tax rate a person typed: percent, 0 to 100, at most 2 decimals ("13", "6", "1.5"). */
export function parseTaxRate(field: string, value: string): string {
  const v = value.trim();
  if (!RATE.test(v)) throw BadUserInputError.field(field, 'must be a tax rate in percent from 0 to 100, like "13"');
  return v;
}

/**
 * The tax a credit of `amount` takes off an issued line: what is left of the line's tax when the credit takes
 * all that remains of it (so a line credited in full in several notes nets to zero tax), else its own tax at the
 * line's rate, half-up to the cent.
 */
export function creditTax(line: InvoiceLine, amount: string): string {
  const remaining = toCents(line.amount) - toCents(line.creditedAmount);
  if (toCents(amount) === remaining) return fromCents(toCents(line.taxAmount!) - toCents(line.creditedTax));
  return taxOfGross(amount, line.taxRate!);
}

/** Ids named in a list of `{ lineId }`, each once and each a line of the invoice (else BAD_USER_INPUT on it). */
export function checkLineIds(
  field: string,
  named: readonly { lineId: string }[],
  lines: readonly InvoiceLine[],
): Map<string, InvoiceLine> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const seen = new Map<string, InvoiceLine>();
  named.forEach((n, i) => {
    const id = n.lineId.toLowerCase();
    const line = byId.get(id);
    if (!line) throw BadUserInputError.field(`${field}[${i}].lineId`, 'is not a line of this invoice');
    if (seen.has(id)) throw BadUserInputError.field(`${field}[${i}].lineId`, 'names a line a second time');
    seen.set(id, line);
  });
  return seen;
}

/** What a credit note takes off one invoice line: the amount, its tax, and the quantity given back (or none). */
export interface LineCredit {
  line: InvoiceLine;
  amount: string;
  tax: string;
  quantity: string | null;
}

/**
 * One line of a credit note, checked against what remains on the invoice line. An amount is a correction (no
 * quantity back); a quantity (lines from a delivery only) gives goods back: its amount is quantity × unit price,
 * or all that remains of the line when the whole remaining quantity goes back (so nothing is left over in cents).
 */
export function creditLine(
  field: string,
  line: InvoiceLine,
  part: { amount?: string | null; quantity?: string | null },
  currency: string,
): LineCredit {
  const remaining = toCents(line.amount) - toCents(line.creditedAmount);
  if (part.quantity != null) {
    if (part.amount != null)
      throw BadUserInputError.field(`${field}.quantity`, 'give the amount or the quantity, not both');
    if (line.quantity == null || line.unitPrice == null) {
      throw BadUserInputError.field(
        `${field}.quantity`,
        'this line bills no quantity (a contract line): credit an amount',
      );
    }
    const q = milli(part.quantity.trim());
    const left = milli(line.quantity) - milli(line.creditedQuantity);
    if (q > left) {
      throw BadUserInputError.field(
        `${field}.quantity`,
        `only ${fromMilli(left)} of the quantity billed is not yet credited; give back at most that`,
      );
    }
    const value = toCents(lineValue(fromMilli(q), line.unitPrice));
    const cents = q === left || value > remaining ? remaining : value;
    if (cents <= 0n) {
      throw BadUserInputError.field(`${field}.quantity`, `is worth ${fromCents(cents)} ${currency}: nothing to credit`);
    }
    const amount = fromCents(cents);
    return { line, amount, tax: creditTax(line, amount), quantity: fromMilli(q) };
  }
  if (part.amount == null) {
    throw BadUserInputError.field(
      `${field}.amount`,
      'give the amount to take off (or, on a line from a delivery, the quantity)',
    );
  }
  const amount = parseMoney(`${field}.amount`, part.amount, 'positive');
  if (toCents(amount) > remaining) {
    throw BadUserInputError.field(
      `${field}.amount`,
      `only ${fromCents(remaining)} ${currency} remains on this line; credit at most that`,
    );
  }
  return { line, amount, tax: creditTax(line, amount), quantity: null };
}
