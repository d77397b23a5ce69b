import { BadUserInputError } from './errors.js';

/**
 * Money, one rule for the whole product. Amounts are `numeric(18,2)` in the database and decimal strings in
 * GraphQL; an amount a person types stays below 10^13 (ten trillion) with at most 2 decimals, so a sum of many of
 * them, or an amount with tax, still fits numeric(18,2). Compared and added exactly, as integers of cents.
 */
export const MONEY_SCALE = 2;
/** Integer digits an amount may have: below 10^13. */
export const MONEY_DIGITS = 13;

const MONEY = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;
const CEILING_TEXT = '10,000,000,000,000';

/** What an amount may be: at least zero (the default) or above zero. */
export type MoneyFloor = 'zero' | 'positive';

/**
 * An amount a person typed, checked: a decimal string (such as "85.50"), at most 2 decimals, below 10^13, not
 * negative (and above zero with `min: 'positive'`). Returns it trimmed; refuses anything else with a
 * BAD_USER_INPUT that names the field.
 */
export function parseMoney(field: string, value: string, min: MoneyFloor = 'zero'): string {
  const v = value.trim();
  if (v.startsWith('-'))
    throw BadUserInputError.field(field, min === 'positive' ? 'must be positive' : 'must not be negative');
  if (!MONEY.test(v)) {
    throw BadUserInputError.field(
      field,
      `must be an amount with at most 2 decimals, below ${CEILING_TEXT}, written like "85.50"`,
    );
  }
  if (min === 'positive' && toCents(v) === 0n) throw BadUserInputError.field(field, 'must be positive');
  return v;
}

/** An amount as an integer number of cents: "85.5" -> 8550n. Accepts any decimal string with at most 2 decimals. */
export function toCents(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new RangeError(`toCents: not an amount with at most 2 decimals: ${JSON.stringify(value)}`);
  const cents = BigInt(m[2] + (m[3] ?? '').padEnd(MONEY_SCALE, '0'));
  return m[1] ? -cents : cents;
}

/** Cents back to the text PostgreSQL gives for numeric(18,2): 8550n -> "85.50", -5n -> "-0.05". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = (cents < 0n ? -cents : cents).toString().padStart(MONEY_SCALE + 1, '0');
  return `${sign}${abs.slice(0, -MONEY_SCALE)}.${abs.slice(-MONEY_SCALE)}`;
}

/** "85.5" -> "85.50": an amount written the way the database returns it. */
export const moneyText = (value: string): string => fromCents(toCents(value));

/** Compares two amounts exactly (no floats): -1, 0 or 1. */
export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  const x = toCents(a);
  const y = toCents(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A whole number of cents divided exactly, rounded half-up (half away from zero, as PostgreSQL's round()). */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const [a, b] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const q = (2n * a + b) / (2n * b);
  return neg ? -q : q;
}

/**
 * The tax contained in a tax-inclusive amount (价税合计) at a rate in percent ("13", "6", "1.5": at most 2
 * decimals, 0 to 100): gross × rate / (100 + rate), rounded half-up to the cent, exactly (no floats). The net
 * amount is gross minus this.
 */
export function taxOfGross(gross: string, ratePercent: string): string {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(ratePercent.trim());
  const rate = m ? BigInt(m[1] + (m[2] ?? '').padEnd(2, '0')) : -1n; // hundredths of a percent
  if (rate < 0n || rate > 10000n) throw new RangeError(`taxOfGross: not a rate of 0 to 100 percent: ${ratePercent}`);
  return fromCents(divideHalfUp(toCents(gross) * rate, 10000n + rate));
}
