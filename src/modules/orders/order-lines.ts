import DataLoader from 'dataloader';
import { BadUserInputError, fromCents, parseMoney, toCents, type RequestContext, type Tx } from '@app/core';
import { groupByKey, splitKeys } from '@app/graphql';
import type { ContractLine } from '../contracts/contract-line.entity.js';
import type { ContractLinesService } from '../contracts/contract-lines.service.js';
import type { CatalogueService } from '../fulfillment/catalogue.service.js';
import type { OrderLineInput } from './dto/order.input.js';
import { OrderLines, type OrderLine } from './order.entity.js';

const QUANTITY = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;

export interface CheckedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  /** The catalogue product the line names (its organization and id), or null; set by `withProducts`. */
  productId?: string | null;
  organizationId?: string | null;
  /** The contract line the order line draws down, or null; set by `fromContract`. */
  contractLineId?: string | null;
}

/** An order line as given, once `fromContract` has filled in what its contract line decides. */
export interface GivenLine extends OrderLineInput {
  /** The contract line's product (its organization and id): not looked up in the catalogue again. */
  contracted?: { productId: string | null; organizationId: string | null };
}

/**
 * Lines against a contract with lines (made from a quote) each name one (`contractLineId`) and take its description
 * (unless given), product and price after discount: a different product or price is BAD_USER_INPUT naming the line.
 * A contract without lines (or no contract) takes lines as they come, naming no contract line.
 */
export function fromContract(inputs: OrderLineInput[], contractId: string | null, lines: ContractLine[]): GivenLine[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return inputs.map((l, i) => {
    const field = `lines[${i}].contractLineId`;
    if (!lines.length) {
      if (!l.contractLineId) return l;
      throw BadUserInputError.field(
        field,
        contractId
          ? 'the order’s contract has no lines (it was not made from a quote): leave it out'
          : 'an order without a contract draws on no contract line: name the contract (contractId), or leave it out',
      );
    }
    if (!l.contractLineId)
      throw BadUserInputError.field(field, 'the order’s contract has lines: name the one this line orders');
    const line = byId.get(l.contractLineId.toLowerCase());
    if (!line) throw BadUserInputError.field(field, 'is not a line of the order’s contract');
    if (l.productId && l.productId.toLowerCase() !== line.productId) {
      throw BadUserInputError.field(`lines[${i}].productId`, 'must be the contract line’s product, or left out');
    }
    if (
      l.unitPrice != null &&
      toCents(parseMoney(`lines[${i}].unitPrice`, l.unitPrice)) !== toCents(line.netUnitPrice)
    ) {
      throw BadUserInputError.field(
        `lines[${i}].unitPrice`,
        `must be the contract line’s price after discount, ${line.netUnitPrice}, or left out`,
      );
    }
    return {
      description: l.description ?? line.description,
      quantity: l.quantity,
      unitPrice: line.netUnitPrice,
      contractLineId: line.id,
      contracted: { productId: line.productId, organizationId: line.organizationId },
    };
  });
}

/** Order lines as the database takes them: a positive quantity (3 decimals), a price not below zero (2 decimals). */
export function checkLines(lines: GivenLine[]): CheckedLine[] {
  return lines.map((l, i) => {
    const f = `lines[${i}]`;
    const description = (l.description ?? '').trim();
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
    if (l.unitPrice == null)
      throw BadUserInputError.field(`${f}.unitPrice`, 'give a unit price, or name a contract line');
    const unitPrice = parseMoney(`${f}.unitPrice`, l.unitPrice);
    return { description, quantity, unitPrice, contractLineId: l.contractLineId ?? null, ...l.contracted };
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
       organization_id, product_id, contract_line_id)
     SELECT $1, gen_random_uuid(), $2, x.pos, x.d, x.q, x.p, round(x.q * x.p, 2), x.org, x.product, x.cl
     FROM unnest($3::int[], $4::text[], $5::numeric[], $6::numeric[], $7::uuid[], $8::uuid[], $9::uuid[])
       AS x(pos, d, q, p, org, product, cl)`,
    [
      branchId,
      orderId,
      lines.map((_, i) => i + 1),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
      lines.map((l) => l.organizationId ?? null),
      lines.map((l) => l.productId ?? null),
      lines.map((l) => l.contractLineId ?? null),
    ],
  );
}

/** What the lines draw from their contract lines, for ContractLinesService.change. */
export function draws(lines: { contractLineId?: string | null; quantity: string }[]) {
  return lines.flatMap((l, index) =>
    l.contractLineId ? [{ index, contractLineId: l.contractLineId, quantity: l.quantity }] : [],
  );
}

/** The lines of many orders ("branchId:orderId" keys) in one statement. */
export function orderLinesLoader(ctx: RequestContext): DataLoader<string, OrderLine[]> {
  return ctx.loader(
    'orders.lines',
    () =>
      new DataLoader<string, OrderLine[]>(async (keys) => {
        const [branchIds, orderIds] = splitKeys(keys);
        const tx = await ctx.tx();
        const rows = await tx.query<OrderLine>(
          `SELECT l.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, order_id)
           CROSS JOIN LATERAL (SELECT ${OrderLines.cols('x')} FROM order_lines x
             WHERE x.branch_id = k.branch_id AND x.order_id = k.order_id ORDER BY x.position) l`,
          [branchIds, orderIds],
        );
        return groupByKey(keys, rows, (r) => `${r.branchId}:${r.orderId}`, OrderLines.map);
      }),
  );
}

/** The lines with the catalogue products they name (checked by the catalogue: BAD_USER_INPUT naming the line). */
export async function withProducts(
  ctx: RequestContext,
  catalogue: CatalogueService,
  branchId: string,
  currency: string,
  inputs: GivenLine[],
  lines: CheckedLine[],
): Promise<CheckedLine[]> {
  // A contract line's product came with it (sold under the contract even if the catalogue retired it since).
  const named = inputs.map((l) => (l.contracted ? null : l.productId));
  if (!named.some((id) => id)) return lines;
  const found = await catalogue.forLines(ctx, branchId, currency, named);
  return lines.map((l, i) =>
    inputs[i].contracted
      ? l
      : { ...l, productId: found[i]?.product.id ?? null, organizationId: found[i]?.product.organizationId ?? null },
  );
}

/** A quote line's unit price after its discount, half-up to the cent (exact: cents × basis points, no floats). */
export function netUnitPrice(unitPrice: string, discountPercent: string): string {
  const [int, frac = ''] = discountPercent.split('.');
  const bp = BigInt(int + frac.padEnd(2, '0').slice(0, 2));
  return fromCents((toCents(unitPrice) * (10000n - bp) + 5000n) / 10000n);
}

/** An order's lines checked: drawn from its contract's lines when it has any, products from the catalogue otherwise. */
export async function checkedLines(
  ctx: RequestContext,
  s: { catalogue: CatalogueService; contractLines: ContractLinesService },
  branchId: string,
  currency: string,
  contractId: string | null,
  inputs: OrderLineInput[],
): Promise<CheckedLine[]> {
  const contracted = contractId ? await s.contractLines.linesOf(ctx, branchId, contractId) : [];
  const given = fromContract(inputs, contractId, contracted);
  return withProducts(ctx, s.catalogue, branchId, currency, given, checkLines(given));
}

/** An order line as input again (the order's contract changes, its lines do not). */
export const asInput = (l: OrderLine): OrderLineInput => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  ...(l.productId ? { productId: l.productId } : {}),
  ...(l.contractLineId ? { contractLineId: l.contractLineId } : {}),
});
