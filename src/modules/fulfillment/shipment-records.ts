import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@app/core';
import { milli } from './fulfillment-rules.js';
import { ShipmentEvents, type Shipment } from './shipment.entity.js';
import type { ShipmentStatus } from './shipment.enums.js';

/** The timeline row of a shipment's move (who, when, from and to, a note), in the request's transaction. */
export async function shipmentEvent(
  ctx: RequestContext,
  s: Shipment,
  from: ShipmentStatus | null,
  to: ShipmentStatus,
  at: Date,
  note: string | null,
): Promise<void> {
  const tx = await ctx.tx();
  await ShipmentEvents.insert(tx, {
    branchId: s.branchId,
    id: randomUUID(),
    shipmentId: s.id,
    fromStatus: from,
    toStatus: to,
    at,
    note,
    actorId: ctx.actor?.userId ?? null,
  });
}

/**
 * Shipped so far per order line, in thousandths: the shipments of the order that are not cancelled, less what
 * PROCESSED exchanges took back (their replacement shipment sends it again). So an exchange's replacement counts
 * against the order like any shipment, and shipped <= ordered holds with it.
 */
export async function shippedByLine(
  ctx: RequestContext,
  branchId: string,
  orderId: string,
): Promise<Map<string, bigint>> {
  const tx = await ctx.tx();
  const rows = await tx.query<{ orderLineId: string; shipped: string }>(
    `SELECT x.order_line_id AS "orderLineId", sum(x.quantity)::text AS shipped FROM (
       SELECT l.order_line_id, l.quantity
       FROM shipment_lines l JOIN shipments s ON s.branch_id = l.branch_id AND s.id = l.shipment_id
       WHERE l.branch_id = $1 AND l.order_id = $2 AND s.status <> 'CANCELLED'
       UNION ALL
       SELECT rl.order_line_id, -rl.quantity
       FROM goods_returns r JOIN goods_return_lines rl ON rl.branch_id = r.branch_id AND rl.return_id = r.id
       WHERE r.branch_id = $1 AND r.order_id = $2 AND r.kind = 'EXCHANGE' AND r.status = 'PROCESSED'
     ) x GROUP BY x.order_line_id`,
    [branchId, orderId],
  );
  return new Map(rows.map((r) => [r.orderLineId, milli(r.shipped)]));
}

/**
 * What the customer holds per order line, in thousandths: the order's ACCEPTED shipments (replacements included)
 * less what returns and exchanges not REJECTED take back from them. Finance weighs an exchange's replacement against
 * it: goods the original invoice already covers are not billed again.
 */
export async function heldByLine(ctx: RequestContext, branchId: string, orderId: string): Promise<Map<string, bigint>> {
  const tx = await ctx.tx();
  const rows = await tx.query<{ orderLineId: string; held: string }>(
    `SELECT x.order_line_id AS "orderLineId", sum(x.quantity)::text AS held FROM (
       SELECT l.order_line_id, l.quantity
       FROM shipment_lines l JOIN shipments s ON s.branch_id = l.branch_id AND s.id = l.shipment_id
       WHERE l.branch_id = $1 AND l.order_id = $2 AND s.status = 'ACCEPTED'
       UNION ALL
       SELECT rl.order_line_id, -rl.quantity
       FROM goods_returns r JOIN goods_return_lines rl ON rl.branch_id = r.branch_id AND rl.return_id = r.id
       JOIN shipments s ON s.branch_id = r.branch_id AND s.id = r.shipment_id
       WHERE r.branch_id = $1 AND r.order_id = $2 AND r.status <> 'REJECTED' AND s.status = 'ACCEPTED'
     ) x GROUP BY x.order_line_id`,
    [branchId, orderId],
  );
  return new Map(rows.map((r) => [r.orderLineId, milli(r.held)]));
}

/** The exchange a shipment replaces goods for (its id), or null for an ordinary shipment. */
export async function exchangeReplacedBy(ctx: RequestContext, branchId: string, shipmentId: string) {
  const tx = await ctx.tx();
  const [r] = await tx.query<{ id: string }>(
    'SELECT id FROM goods_returns WHERE branch_id = $1 AND replacement_shipment_id = $2',
    [branchId, shipmentId],
  );
  return r?.id ?? null;
}

/**
 * The cost of goods of an order, fixed when it closes: every product shipped (shipments not cancelled, less what
 * processed exchanges took back, as shippedByLine counts) at its catalogue cost price now, summed and rounded
 * half-up to cents. Null when a product's prices are in another currency than the order's (there is no exchange
 * rate to value it at), or nothing was shipped: the order's gross profit is then unknown and not counted, rather
 * than counted as if the goods cost nothing.
 */
export async function costOfGoods(ctx: RequestContext, branchId: string, orderId: string, currency: string) {
  const tx = await ctx.tx();
  const [r] = await tx.query<{ cost: string | null }>(
    `SELECT CASE WHEN bool_and(p.currency = $3) THEN round(sum(x.quantity * p.cost_price), 2)::text END AS cost
     FROM (
       SELECT l.organization_id, l.product_id, l.quantity
       FROM shipment_lines l JOIN shipments s ON s.branch_id = l.branch_id AND s.id = l.shipment_id
       WHERE l.branch_id = $1 AND l.order_id = $2 AND s.status <> 'CANCELLED'
       UNION ALL
       SELECT rl.organization_id, rl.product_id, -rl.quantity
       FROM goods_returns r JOIN goods_return_lines rl ON rl.branch_id = r.branch_id AND rl.return_id = r.id
       WHERE r.branch_id = $1 AND r.order_id = $2 AND r.kind = 'EXCHANGE' AND r.status = 'PROCESSED'
     ) x JOIN products p ON p.organization_id = x.organization_id AND p.id = x.product_id`,
    [branchId, orderId, currency],
  );
  return r?.cost ?? null;
}
