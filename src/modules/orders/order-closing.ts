import { fromCents, toCents, type RequestContext } from '@app/core';
import { emitEvent } from '@app/jobs';
import { KpiEventKind } from '../performance/kpi.enums.js';
import type { Order } from './order.entity.js';

/** Gross profit: the order's amount less its cost of goods, exact in cents; null when the cost is unknown. */
export function grossProfit(amount: string, costOfGoods: string | null): string | null {
  return costOfGoods === null ? null : fromCents(toCents(amount) - toCents(costOfGoods));
}

/**
 * The KPI events of a closing, in its transaction: the sales amount (the order's amount), and the gross profit when
 * the goods were valued; the owner's, on the branch's closing day (emitEvent's default day).
 */
export async function emitClosingEvents(ctx: RequestContext, order: Order): Promise<void> {
  const base = { branchId: order.branchId, subjectId: order.id, personId: order.ownerId };
  await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_CLOSED, amount: order.amount });
  const profit = grossProfit(order.amount, order.costOfGoods);
  if (profit !== null) await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_GROSS_PROFIT, amount: profit });
}
