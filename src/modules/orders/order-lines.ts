import { BadUserInputError, parseMoney, type Tx } from '@app/core';
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
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
     SELECT $1, gen_random_uuid(), $2, x.pos, x.d, x.q, x.p, round(x.q * x.p, 2)
     FROM unnest($3::int[], $4::text[], $5::numeric[], $6::numeric[]) AS x(pos, d, q, p)`,
    [
      branchId,
      orderId,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
    ],
  );
}
