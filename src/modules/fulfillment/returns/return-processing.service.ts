import { Injectable } from '@nestjs/common';
import { NotFoundError, compareMoney, type RequestContext } from '@app/core';
import { enqueue } from '@app/jobs';
import { PurchaseCause } from '../../customers/tiering.enums.js';
import { TieringService } from '../../customers/tiering.service.js';
import { StockInCause } from '../fulfillment.enums.js';
import { checkText } from '../fulfillment-rules.js';
import { WarehouseLocations } from '../stock.entity.js';
import { StockService } from '../stock.service.js';
import { returnJobs } from './return.job-catalogue.js';
import { returnMove } from './return-state.js';
import { GoodsReturns, type GoodsReturn } from './return.entity.js';
import { GoodsReturnStatus } from './return.enums.js';
import type { ProcessGoodsReturnInput } from './return.types.js';
import { ReturnsService } from './returns.service.js';

/**
 * APPROVED -> PROCESSED, all in one transaction: every line back into stock at the named location (cause RETURN,
 * through StockService, products in a fixed order as shipments lock them), the customer's purchases reduced by the
 * note's amount (tiering, counted once per return), and the branch's finance people told to credit it through
 * the outbox (their credit note is finance's: creditInvoice).
 */
@Injectable()
export class ReturnProcessingService {
  constructor(
    private readonly returns: ReturnsService,
    private readonly stock: StockService,
    private readonly tiering: TieringService,
  ) {}

  async process(ctx: RequestContext, id: string, input: ProcessGoodsReturnInput): Promise<GoodsReturn> {
    const note = checkText('note', input.note, 2000);
    const before = await GoodsReturns.lock(ctx, id.toLowerCase());
    const to = returnMove(before.status, GoodsReturnStatus.PROCESSED);
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location || location.branchId !== before.branchId) {
      throw new NotFoundError('WarehouseLocation', input.locationId);
    }
    const key = `${before.branchId}:${before.id}`;
    const lines = await this.returns.linesLoader(ctx).clear(key).load(key);
    for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      await this.stock.receive(ctx, {
        productId: l.productId,
        locationId: location.id,
        quantity: l.quantity,
        cause: StockInCause.RETURN,
        reference: `Return ${before.id}`,
        ...(note ? { note } : {}),
      });
    }
    if (compareMoney(before.amount, '0') > 0) {
      await this.tiering.recordPurchase(ctx, {
        customerId: before.customerId,
        amount: `-${before.amount}`,
        cause: PurchaseCause.RETURN,
        source: 'RETURN',
        sourceId: before.id,
        note: `Return ${before.id} (${before.reason})`,
      });
    }
    const now = new Date();
    const after = await GoodsReturns.change(
      ctx,
      before,
      { status: to, processedAt: now, locationId: location.id, updatedAt: now },
      'process',
    );
    // Finance hears of it from the worker (an API transaction writes only the actor's own notices).
    await enqueue(ctx, returnJobs.processed, { branchId: after.branchId, returnId: after.id });
    return after;
  }
}
