import { BadUserInputError, MONEY_DIGITS, parseMoney } from '@app/core';
import type { QuoteLineKind } from './quote.enums.js';

/** A line as the database receives it: exact decimal strings (the amounts are computed there, in numeric). */
export interface CheckedLine {
  kind: QuoteLineKind;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  /** The catalogue product the line names (its organization and id), or null. */
  productId: string | null;
  organizationId: string | null;
  /** The product's list price when the line was priced (the measure of its discount), or null. */
  listPrice: string | null;
}

/**
 * SQL: the discount of the quote line aliased `l` that decides approval, in percent. A line naming a catalogue
 * product counts the larger of its own discount and its discount against the list price it was priced at
 * (100 − net price / list price × 100, rounded up to the hundredth: anything above the limit stays above it), so a
 * lowered unit price at "0 %" counts as much as the same discount. A line without a product (or a list price of 0)
 * counts its own discount.
 */
export const MEASURED_DISCOUNT = (l: string) =>
  `(CASE WHEN ${l}.list_price > 0 THEN greatest(${l}.discount_percent, ceil((100 - ${l}.unit_price * ` +
  `(100 - ${l}.discount_percent) / ${l}.list_price) * 100) / 100) ELSE ${l}.discount_percent END)`;

const QUANTITY = /^(0|[1-9]\d{0,8})(\.\d{1,3})?$/;
const PERCENT = /^(0|[1-9]\d{0,2})(\.\d{1,2})?$/;

/** `value` x 10^scale as an integer; `value` already matched one of the patterns above. */
function scaled(value: string, scale: number): bigint {
  const [int, frac = ''] = value.split('.');
  return BigInt(int + frac.padEnd(scale, '0'));
}

/** A percentage from 0 to 100 with at most 2 decimals, compared exactly. */
export function isPercent(value: string): boolean {
  return PERCENT.test(value) && scaled(value, 2) <= 10000n;
}

/**
 * Checks the lines of a quote and returns them trimmed. Bounds are compared exactly (integers in
 * BigInt), never through a float; the totals themselves are left to PostgreSQL.
 */
export function checkLines(
  lines: readonly {
    kind: QuoteLineKind;
    description: string;
    quantity: string;
    unitPrice: string;
    discountPercent?: string | null;
    productId?: string | null;
    organizationId?: string | null;
    listPrice?: string | null;
  }[],
): CheckedLine[] {
  // Amounts stay below 10^13, as contract amounts do, so an accepted quote can always become a contract.
  const limit = 10n ** BigInt(MONEY_DIGITS + 5);
  let sum = 0n;
  return lines.map((l, i) => {
    const f = (name: string) => `lines[${i}].${name}`;
    const quantity = l.quantity.trim();
    if (quantity.startsWith('-') || /^0+(\.0*)?$/.test(quantity))
      throw BadUserInputError.field(f('quantity'), 'must be positive');
    if (!QUANTITY.test(quantity)) {
      throw BadUserInputError.field(f('quantity'), 'must be a quantity with at most 3 decimals, below 1,000,000,000');
    }
    const unitPrice = parseMoney(f('unitPrice'), l.unitPrice);
    const discountPercent = (l.discountPercent ?? '0').trim();
    if (!isPercent(discountPercent)) {
      throw BadUserInputError.field(f('discountPercent'), 'must be a percentage from 0 to 100 with at most 2 decimals');
    }
    const gross = scaled(quantity, 3) * scaled(unitPrice, 2);
    sum += gross;
    if (gross >= limit) {
      throw BadUserInputError.field(f('unitPrice'), 'quantity x unit price must be below 10,000,000,000,000');
    }
    if (sum >= limit) throw BadUserInputError.field('lines', 'the quote must total below 10,000,000,000,000');
    const product = {
      productId: l.productId ?? null,
      organizationId: l.organizationId ?? null,
      listPrice: l.listPrice ?? null,
    };
    return { kind: l.kind, description: l.description.trim(), quantity, unitPrice, discountPercent, ...product };
  });
}
