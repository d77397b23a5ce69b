import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, compareMoney, type RequestContext } from '@app/core';
import { enqueue } from '@app/jobs';
import { PurchaseCause } from '../../customers/tiering.enums.js';
import { TieringService } from '../../customers/tiering.service.js';
import { OrdersService } from '../../orders/orders.service.js';
import { StockInCause } from '../fulfillment.enums.js';
import { checkText, milli } from '../fulfillment-rules.js';
import { ShipmentsService } from '../shipments.service.js';
import { WarehouseLocations } from '../stock.entity.js';
import { StockService } from '../stock.service.js';
import { emitReturnEvents, returnCostOfGoods } from './return-kpi.js';
import { returnJobs } from './return.job-catalogue.js';
import { returnMove } from './return-state.js';
import { GoodsReturns, type GoodsReturn, type GoodsReturnLine } from './return.entity.js';
import { GoodsReturnKind, GoodsReturnStatus } from './return.enums.js';
import type { ProcessGoodsReturnInput, ReplacementShipmentInput } from './return.types.js';
import { ReturnsService } from './returns.service.js';

/**
 * APPROVED -> PROCESSED, all in one transaction: every line back into stock at the named location (cause RETURN,
 * through StockService, products in a fixed order as shipments lock them), the customer's purchases reduced by the
 * note's amount (tiering, counted once per return), and the branch's finance people told to credit it through
 * the outbox (their credit note is finance's: creditInvoice), and a RETURN's KPI events taking back the order's
 * sales and gross profit (return-kpi.ts). An EXCHANGE also ships its replacement, linked.
 */
@Injectable()
export class ReturnProcessingService {
  constructor(
    private readonly returns: ReturnsService,
    private readonly stock: StockService,
    private readonly tiering: TieringService,
    private readonly orders: OrdersService,
    private readonly shipments: ShipmentsService,
  ) {}

  async process(ctx: RequestContext, id: string, input: ProcessGoodsReturnInput): Promise<GoodsReturn> {
    const note = checkText('note', input.note, 2000);
    const before = await GoodsReturns.lock(ctx, id.toLowerCase());
    const to = returnMove(before.status, GoodsReturnStatus.PROCESSED);
    const exchange = before.kind === GoodsReturnKind.EXCHANGE;
    if (exchange && !input.replacement) {
      throw BadUserInputError.field(
        'replacement',
        'an exchange ships replacements: say how (mode, and locationId for FROM_STOCK); it is linked to the exchange',
      );
    }
    if (!exchange && input.replacement) {
      throw BadUserInputError.field('replacement', 'a return ships nothing back: leave it out, or request an EXCHANGE');
    }
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location || location.branchId !== before.branchId) {
      throw new NotFoundError('WarehouseLocation', input.locationId);
    }
    // The order's lock before any stock row's, as shipments take them (no deadlock with a concurrent shipment).
    if (exchange) await this.orders.lockShipped(ctx, before.orderId);
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
    const replacement = exchange ? await this.replace(ctx, before, lines, input.replacement!) : null;
    const costOfGoods = exchange ? null : await returnCostOfGoods(ctx, before);
    const now = new Date();
    const after = await GoodsReturns.change(
      ctx,
      before,
      {
        status: to,
        processedAt: now,
        locationId: location.id,
        replacementShipmentId: replacement,
        costOfGoods,
        updatedAt: now,
      },
      'process',
    );
    // The order's sales and profit (KPIs) lose what came back; an exchange sells it again.
    if (!exchange) await emitReturnEvents(ctx, after, await this.orders.findOne(ctx, after.orderId), costOfGoods);
    // Finance hears of it from the worker (an API transaction writes only the actor's own notices).
    await enqueue(ctx, returnJobs.processed, { branchId: after.branchId, returnId: after.id });
    return after;
  }

  /**
   * The exchange's replacement: a shipment of the same order lines, products and quantities as the goods taken back,
   * to the original consignee unless named. Its id goes on the exchange in the same statement as PROCESSED (a CHECK
   * holds them together), and from then the exchange's lines count off the order's shipped quantities.
   */
  private async replace(
    ctx: RequestContext,
    ret: GoodsReturn,
    lines: GoodsReturnLine[],
    input: ReplacementShipmentInput,
  ): Promise<string> {
    const original = (await this.shipments.findOne(ctx, ret.shipmentId))!;
    const credit = new Map(lines.map((l) => [l.orderLineId, milli(l.quantity)]));
    const shipment = await this.shipments.createReplacement(
      ctx,
      {
        orderId: ret.orderId,
        mode: input.mode,
        ...(input.locationId ? { locationId: input.locationId } : {}),
        consigneePlace: input.consigneePlace ?? original.consigneePlace,
        consigneePerson: input.consigneePerson ?? original.consigneePerson,
        ...(original.consigneePhone && !input.consigneePerson ? { consigneePhone: original.consigneePhone } : {}),
        ...(input.carrier ? { carrier: input.carrier } : {}),
        note: input.note ?? `Replacement for exchange ${ret.id}`,
        lines: lines.map((l) => ({ orderLineId: l.orderLineId, productId: l.productId, quantity: l.quantity })),
      },
      credit,
    );
    return shipment.id;
  }
}
