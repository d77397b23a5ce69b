import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, type RequestContext } from '@app/core';
import { StockInCause } from '../fulfillment.enums.js';
import { checkQuantity, checkText, fromMilli, milli } from '../fulfillment-rules.js';
import { WarehouseLocations } from '../stock.entity.js';
import { StockService } from '../stock.service.js';
import { overReceipt } from './procurement-rules.js';
import { purchaseContractMove } from './procurement-state.js';
import { PurchaseContractLines, PurchaseContracts, type PurchaseContract } from './purchase-contract.entity.js';
import type { ReceivePurchaseContractInput } from './purchase-contract.input.js';
import { PurchaseContractsService } from './purchase-contracts.service.js';

/**
 * Goods of a purchase contract received into stock (each line a PURCHASE_RECEIPT movement through StockService in
 * the same transaction, never more than contracted: the contract's row lock queues receipts of one contract, and a
 * CHECK holds received <= quantity), closing and cancelling.
 */
@Injectable()
export class PurchaseContractReceiptsService {
  constructor(
    private readonly contracts: PurchaseContractsService,
    private readonly stock: StockService,
  ) {}

  /** IN_DELIVERY or PARTLY_RECEIVED -> PARTLY_RECEIVED or RECEIVED; OVER_RECEIPT (CONFLICT) changes nothing. */
  async receive(ctx: RequestContext, id: string, input: ReceivePurchaseContractInput): Promise<PurchaseContract> {
    const note = checkText('note', input.note, 2000);
    const seen = new Set<string>();
    const requested = input.lines.map((l, i) => {
      const lineId = l.lineId.toLowerCase();
      if (seen.has(lineId)) throw BadUserInputError.field(`lines[${i}].lineId`, 'is named twice');
      seen.add(lineId);
      return { lineId, quantity: checkQuantity(`lines[${i}].quantity`, l.quantity) };
    });
    const before = await PurchaseContracts.lock(ctx, id.toLowerCase());
    // The guard first: a contract not (yet) in delivery takes no goods.
    purchaseContractMove(before.state, 'RECEIVE_PART');
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location || location.branchId !== before.branchId) {
      throw new NotFoundError('WarehouseLocation', input.locationId);
    }
    const key = `${before.branchId}:${before.id}`;
    const lines = await this.contracts.linesLoader(ctx).clear(key).load(key);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const left = new Map(lines.map((l) => [l.id, milli(l.quantity) - milli(l.received)]));
    for (const [i, r] of requested.entries()) {
      const line = byId.get(r.lineId);
      if (!line) throw BadUserInputError.field(`lines[${i}].lineId`, 'is not a line of this purchase contract');
      if (milli(r.quantity) > left.get(r.lineId)!) throw overReceipt(line.id, line.quantity, line.received, r.quantity);
      left.set(r.lineId, left.get(r.lineId)! - milli(r.quantity));
    }
    const complete = [...left.values()].every((q) => q === 0n);
    const after = await this.contracts.move(
      ctx,
      before,
      complete ? 'RECEIVE_ALL' : 'RECEIVE_PART',
      complete ? { lateCheckAt: null } : {},
    );
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
        reference: `Purchase contract ${before.number}`,
        note: note ?? undefined,
      });
      await PurchaseContractLines.update(tx, PurchaseContractLines.keyOf(r.line), {
        received: fromMilli(milli(r.line.received) + milli(r.quantity)),
      });
    }
    // The lines read above are stale now: the answer's `lines` reads them again.
    this.contracts.linesLoader(ctx).clear(key);
    return after;
  }

  /** RECEIVED (or short-closed after a part: PARTLY_RECEIVED) -> CLOSED. */
  async close(ctx: RequestContext, id: string): Promise<PurchaseContract> {
    const before = await PurchaseContracts.lock(ctx, id.toLowerCase());
    return this.contracts.move(ctx, before, 'CLOSE', { closedAt: new Date(), lateCheckAt: null });
  }

  /** Cancelled before any goods came (DRAFT, AWAITING_DEPOSIT or IN_DELIVERY): its request lines are free again. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<PurchaseContract> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await PurchaseContracts.lock(ctx, id.toLowerCase());
    // IN_REVIEW is refused (naming both states): the review decides, or its requester withdraws it (to DRAFT).
    const after = await this.contracts.move(ctx, before, 'CANCEL', {
      cancelledAt: new Date(),
      cancelReason: why,
      lateCheckAt: null,
    });
    await this.contracts.reopenRequest(ctx, after);
    return after;
  }
}
