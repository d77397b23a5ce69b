import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { checkText } from '../fulfillment-rules.js';
import { StockService } from '../stock.service.js';
import { receiveIntoStock } from '../supplier-receipts.js';
import { PurchaseContracts, type PurchaseContract } from './purchase-contract.entity.js';
import type { ReceivePurchaseContractInput } from './purchase-contract.input.js';
import { PURCHASE_CONTRACT, PurchaseContractsService } from './purchase-contracts.service.js';

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

  /** IN_DELIVERY or PARTLY_RECEIVED -> PARTLY_RECEIVED or RECEIVED (no more late checks); OVER_RECEIPT changes nothing. */
  receive(ctx: RequestContext, id: string, input: ReceivePurchaseContractInput): Promise<PurchaseContract> {
    return receiveIntoStock(ctx, this.stock, PURCHASE_CONTRACT, id, input, { lateCheckAt: null });
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
