import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, type RequestContext } from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import type { ConfirmPurchaseOrderInput, ReceivePurchaseOrderInput } from './dto/purchase-order.input.js';
import { checkText } from './fulfillment-rules.js';
import { PurchaseOrders, type PurchaseOrder } from './purchase-order.entity.js';
import { PURCHASE_ORDER, PurchaseOrdersService } from './purchase-orders.service.js';
import { StockService } from './stock.service.js';
import { receiveIntoStock } from './supplier-receipts.js';

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
  receive(ctx: RequestContext, id: string, input: ReceivePurchaseOrderInput): Promise<PurchaseOrder> {
    return receiveIntoStock(ctx, this.stock, PURCHASE_ORDER, id, input);
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
