import { fromCents, toCents, type RequestContext } from '@app/core';
import { emitEvent } from '@app/jobs';
import type { Order } from '../orders/order.entity.js';
import { KpiEventKind } from '../performance/kpi.enums.js';
import type { LineCredit } from './invoice-rules.js';

/**
 * A credit note's KPI events, in its transaction: what it takes off an order's invoice as an amount (a price
 * correction, 折让: no goods come back) is taken off the order's SALES_AMOUNT and, unless the order's profit never
 * counted (its goods could not be valued), its GROSS_PROFIT (the goods cost the same). Quantities given back are
 * the financial side of a return, which fulfillment counts when the return is processed (the one source of truth
 * for goods coming back): they count nothing here, so nothing is taken back twice. A credit note on a contract's
 * invoice (no order) counts nothing: SALES_AMOUNT counts orders. The performance module credits it to whoever the
 * order's sale counted for, on the later of the issue day and the closing day (it waits for a closing to come).
 */
export async function emitCreditNoteEvents(
  ctx: RequestContext,
  note: { branchId: string; id: string; issuedOn: string | null },
  order: Order | null,
  credits: LineCredit[],
): Promise<void> {
  if (!order) return;
  const cents = credits.filter((c) => c.quantity === null).reduce((s, c) => s + toCents(c.amount), 0n);
  if (cents === 0n) return;
  const base = {
    branchId: note.branchId,
    subjectId: note.id,
    personId: order.ownerId,
    of: order.id,
    day: note.issuedOn,
  };
  const amount = fromCents(-cents);
  await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_CREDITED, amount });
  if (!(order.closedAt && order.costOfGoods === null)) {
    await emitEvent(ctx, { ...base, kind: KpiEventKind.ORDER_CREDIT_PROFIT, amount });
  }
}
