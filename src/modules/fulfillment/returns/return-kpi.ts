import { compareMoney, fromCents, toCents, type RequestContext } from '@app/core';
import { emitEvent } from '@app/jobs';
import type { Order } from '../../orders/order.entity.js';
import { KpiEventKind } from '../../performance/kpi.enums.js';
import type { GoodsReturn } from './return.entity.js';

/**
 * The goods of a return at their catalogue cost prices now, summed and rounded half-up to cents, as an order's cost
 * of goods is valued when it closes; null when a product's prices are in another currency than the return's.
 */
export async function returnCostOfGoods(ctx: RequestContext, ret: GoodsReturn): Promise<string | null> {
  const tx = await ctx.tx();
  const [r] = await tx.query<{ cost: string | null }>(
    `SELECT CASE WHEN bool_and(p.currency = $3) THEN round(sum(l.quantity * p.cost_price), 2)::text END AS cost
     FROM goods_return_lines l JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
     WHERE l.branch_id = $1 AND l.return_id = $2`,
    [ret.branchId, ret.id, ret.currency],
  );
  return r?.cost ?? null;
}

/**
 * A processed RETURN takes its order's sale back, in its transaction: SALES_AMOUNT minus the return's amount, and
 * GROSS_PROFIT minus (amount - cost of the goods returned) unless either cost is unknown (the order's profit never
 * counted, or these goods cannot be valued). The return is the one source of truth for goods coming back: the
 * credit note finance issues for them (a quantity given back) counts nothing. The performance module credits it to
 * whoever the order's sale counted for, on the later of today and the closing day (it waits for a closing to come).
 * An EXCHANGE counts nothing: the goods are sold again.
 */
export async function emitReturnEvents(
  ctx: RequestContext,
  ret: GoodsReturn,
  order: Order | null,
  cost: string | null,
): Promise<void> {
  if (compareMoney(ret.amount, '0') <= 0) return;
  const base = { branchId: ret.branchId, subjectId: ret.id, personId: ret.ownerId, of: ret.orderId };
  await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_RETURNED, amount: `-${ret.amount}` });
  const orderValued = !(order?.closedAt && order.costOfGoods === null);
  if (cost !== null && orderValued) {
    const profit = fromCents(toCents(cost) - toCents(ret.amount));
    await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_RETURN_PROFIT, amount: profit });
  }
}
