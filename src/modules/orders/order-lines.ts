import { BadUserInputError, fromCents, parseMoney, toCents, type RequestContext, type Tx } from '@app/core';
import type { CatalogueService } from '../fulfillment/catalogue.service.js';
import type { OrderLineInput } from './dto/order.input.js';

const QUANTITY = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;

export interface CheckedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  /** The catalogue product the line names (its organization and id), or null; set by `withProducts`. */
  productId?: string | null;
  organizationId?: string | null;
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

/** The order amount: the sum of the lines' totals, each rounded to cents, in SQL numeric. */
export async function orderTotal(tx: Tx, lines: CheckedLine[]): Promise<string> {
  const [r] = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(round(q * p, 2)), 0.00)::text AS total
     FROM unnest($1::numeric[], $2::numeric[]) AS x(q, p)`,
    [lines.map((l) => l.quantity), lines.map((l) => l.unitPrice)],
  );
  if (tooLarge(r.total)) {
    throw BadUserInputError.field('lines', 'the order total must be below 10,000,000,000,000');
  }
  return r.total;
}

export async function insertLines(tx: Tx, branchId: string, orderId: string, lines: CheckedLine[]): Promise<void> {
  await tx.query(
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total,
       organization_id, product_id)
     SELECT $1, gen_random_uuid(), $2, x.pos, x.d, x.q, x.p, round(x.q * x.p, 2), x.org, x.product
     FROM unnest($3::int[], $4::text[], $5::numeric[], $6::numeric[], $7::uuid[], $8::uuid[])
       AS x(pos, d, q, p, org, product)`,
    [
      branchId,
      orderId,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
      lines.map((l) => l.organizationId ?? null),
      lines.map((l) => l.productId ?? null),
    ],
  );
}

/** The lines with the catalogue products they name (checked by the catalogue: BAD_USER_INPUT naming the line). */
export async function withProducts(
  ctx: RequestContext,
  catalogue: CatalogueService,
  branchId: string,
  currency: string,
  inputs: { productId?: string | null }[],
  lines: CheckedLine[],
): Promise<CheckedLine[]> {
  if (!inputs.some((l) => l.productId)) return lines;
  const found = await catalogue.forLines(
    ctx,
    branchId,
    currency,
    inputs.map((l) => l.productId),
  );
  return lines.map((l, i) => ({
    ...l,
    productId: found[i]?.product.id ?? null,
    organizationId: found[i]?.product.organizationId ?? null,
  }));
}

/** A quote line's unit price after its discount, half-up to the cent (exact: cents × basis points, no floats). */
export function netUnitPrice(unitPrice: string, discountPercent: string): string {
  const [int, frac = ''] = discountPercent.split('.');
  const bp = BigInt(int + frac.padEnd(2, '0').slice(0, 2));
  return fromCents((toCents(unitPrice) * (10000n - bp) + 5000n) / 10000n);
}
