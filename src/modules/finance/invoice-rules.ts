import { BadUserInputError, fromCents, taxOfGross, toCents } from '@app/core';
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
