import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, type RequestContext } from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import type { ConfirmPurchaseOrderInput, ReceivePurchaseOrderInput } from './dto/purchase-order.input.js';
import { StockInCause } from './fulfillment.enums.js';
import { checkQuantity, checkText, fromMilli, milli } from './fulfillment-rules.js';
import { PurchaseOrderLines, PurchaseOrders, type PurchaseOrder } from './purchase-order.entity.js';
import { OverReceiptError } from './purchase-order-rules.js';
import { purchaseOrderMove } from './purchase-order-state.js';
import { PurchaseOrdersService } from './purchase-orders.service.js';
import { WarehouseLocations } from './stock.entity.js';
import { StockService } from './stock.service.js';

/**
 * After finance's review and placing: the maker's confirmation, goods received into stock (each line a
 * PURCHASE_RECEIPT movement through StockService in the same transaction, never more than ordered: the purchase
 * order's row lock queues receipts of one PO, and a CHECK holds received <= quantity), closing and cancelling.
 */
@Injectable()
export class PurchaseReceiptsService {
  constructor(
    private readonly purchaseOrders: PurchaseOrdersService,
    private readonly stock: StockService,
    private readonly branches: BranchesService,
  ) {}

  /** PLACED -> CONFIRMED: the maker's confirmation (business day, reference, perhaps a new delivery date). */
  async confirm(ctx: RequestContext, id: string, input: ConfirmPurchaseOrderInput): Promise<PurchaseOrder> {
    const reference = checkText('reference', input.reference, 200, true)!;
    const before = await PurchaseOrders.lock(ctx, id.toLowerCase());
    const branch = await this.branches.branchLoader(ctx).load(before.branchId);
    if (!branch) throw new NotFoundError('Branch', before.branchId);
    if (input.confirmedOn > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('confirmedOn', 'must not be in the future (the branch’s today)');
    }
    return this.purchaseOrders.move(ctx, before, 'CONFIRM', {
      makerConfirmedOn: input.confirmedOn,
      makerReference: reference,
      confirmedAt: new Date(),
      ...(input.expectedOn ? { expectedOn: input.expectedOn } : {}),
    });
  }

  /** Goods received: CONFIRMED or PARTLY_RECEIVED -> PARTLY_RECEIVED or RECEIVED; OVER_RECEIPT changes nothing. */
  async receive(ctx: RequestContext, id: string, input: ReceivePurchaseOrderInput): Promise<PurchaseOrder> {
    const note = checkText('note', input.note, 2000);
    const seen = new Set<string>();
    const requested = input.lines.map((l, i) => {
      const lineId = l.lineId.toLowerCase();
      if (seen.has(lineId)) throw BadUserInputError.field(`lines[${i}].lineId`, 'is named twice');
      seen.add(lineId);
      return { lineId, quantity: checkQuantity(`lines[${i}].quantity`, l.quantity) };
    });
    const before = await PurchaseOrders.lock(ctx, id.toLowerCase());
    // The guard first: a PO the maker has not confirmed (or closed, cancelled) takes no goods.
    purchaseOrderMove(before.state, 'RECEIVE_PART');
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location || location.branchId !== before.branchId)
      throw new NotFoundError('WarehouseLocation', input.locationId);
    const key = `${before.branchId}:${before.id}`;
    const lines = await this.purchaseOrders.linesLoader(ctx).clear(key).load(key);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const left = new Map(lines.map((l) => [l.id, milli(l.quantity) - milli(l.received)]));
    for (const [i, r] of requested.entries()) {
      const line = byId.get(r.lineId);
      if (!line) throw BadUserInputError.field(`lines[${i}].lineId`, 'is not a line of this purchase order');
      if (milli(r.quantity) > left.get(r.lineId)!) {
        throw new OverReceiptError(line.id, line.quantity, line.received, r.quantity);
      }
      left.set(r.lineId, left.get(r.lineId)! - milli(r.quantity));
    }
    const complete = [...left.values()].every((q) => q === 0n);
    const after = await this.purchaseOrders.move(ctx, before, complete ? 'RECEIVE_ALL' : 'RECEIVE_PART');
    const tx = await ctx.tx();
    // Product order: two receipts of the same products lock their stock rows in the same order.
    const ordered = requested
      .map((r) => ({ ...r, line: byId.get(r.lineId)! }))
      .sort((a, b) => a.line.productId.localeCompare(b.line.productId));
    for (const r of ordered) {
      await this.stock.receive(ctx, {
        productId: r.line.productId,
        locationId: location.id,
        quantity: r.quantity,
        cause: StockInCause.PURCHASE_RECEIPT,
        reference: `Purchase order ${before.number}`,
        note: note ?? undefined,
      });
      await PurchaseOrderLines.update(tx, PurchaseOrderLines.keyOf(r.line), {
        received: fromMilli(milli(r.line.received) + milli(r.quantity)),
      });
    }
    // The lines read above are stale now: the answer's `lines` reads them again.
    this.purchaseOrders.linesLoader(ctx).clear(key);
    return after;
  }

  /** RECEIVED (or short-closed after a part: PARTLY_RECEIVED) -> CLOSED. */
  async close(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
    const before = await PurchaseOrders.lock(ctx, id.toLowerCase());
    return this.purchaseOrders.move(ctx, before, 'CLOSE', { closedAt: new Date() });
  }

  /** Cancelled before any goods came (DRAFT, APPROVED, PLACED or CONFIRMED): its lines stop counting. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<PurchaseOrder> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await PurchaseOrders.lock(ctx, id.toLowerCase());
    // IN_REVIEW is refused (naming both states): the review decides, or its requester withdraws it (to DRAFT).
    return this.purchaseOrders.move(ctx, before, 'CANCEL', { cancelledAt: new Date(), cancelReason: why });
  }
}
