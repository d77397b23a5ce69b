import { BadUserInputError } from './errors.js';
import { fromCents, toCents } from './money.js';

const QUANTITY = /^(0|[1-9]\d{0,14})(\.\d{1,3})?$/;

/** A quantity moved or counted: at most 3 decimals, below 10^15 (numeric(18,3)); positive unless `zeroOk`. */
export function checkQuantity(field: string, value: string, zeroOk = false): string {
  const v = value.trim();
  if (!QUANTITY.test(v)) {
    throw BadUserInputError.field(field, 'must be a quantity of zero or more with at most 3 decimals, such as "12.5"');
  }
  if (!zeroOk && /^0(\.0*)?$/.test(v)) throw BadUserInputError.field(field, 'must be more than zero');
  return v;
}

/** Thousandths as an exact integer: quantities are numeric(18,3), beyond what a float counts exactly. */
export function milli(quantity: string): bigint {
  const negative = quantity.startsWith('-');
  const [whole, frac = ''] = (negative ? quantity.slice(1) : quantity).split('.');
  const m = BigInt(whole) * 1000n + BigInt(frac.padEnd(3, '0').slice(0, 3));
  return negative ? -m : m;
}

/** An exact integer of thousandths as numeric(18,3) text ("12.500"). */
export function fromMilli(m: bigint): string {
  const sign = m < 0n ? '-' : '';
  const a = m < 0n ? -m : m;
  return `${sign}${a / 1000n}.${(a % 1000n).toString().padStart(3, '0')}`;
}

/** Quantity × unit price, half-up to the cent, exactly (thousandths × cents, no floats). */
export function lineValue(quantity: string, unitPrice: string): string {
  return fromCents((milli(quantity) * toCents(unitPrice) + 500n) / 1000n);
}
