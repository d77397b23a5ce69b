import { Injectable } from '@nestjs/common';
import { fromCents, toCents, type RequestContext } from '@app/core';
import { PurchaseCause } from '../../customers/tiering.enums.js';
import { TieringService } from '../../customers/tiering.service.js';
import type { Order } from '../../orders/order.entity.js';
import { OrdersService } from '../../orders/orders.service.js';
import { ShipmentLines, type Shipment } from '../shipment.entity.js';
import { lineValue } from './return-rules.js';

/**
 * Tiering fed by fulfillment. A purchase (DOMAIN.md section 2, "annual purchase value") is counted when the customer
 * ACCEPTS a shipment: the goods are delivered and taken (final payment follows acceptance, section 6), a rejected
 * delivery is no purchase, and partial deliveries count as they are accepted rather than waiting for the order to
 * close. The value is the shipment's lines at the order's prices; each shipment counts once (source SHIPMENT).
 */
@Injectable()
export class PurchaseFeedService {
  constructor(
    private readonly orders: OrdersService,
    private readonly tiering: TieringService,
  ) {}

  /** In the accepting transaction: the accepted shipment's value as the customer's purchase (nothing if zero). */
  async shipmentAccepted(ctx: RequestContext, order: Order, shipment: Shipment): Promise<void> {
    const tx = await ctx.tx();
    const lines = (
      await tx.query(
        `SELECT ${ShipmentLines.cols('l')} FROM shipment_lines l WHERE l.branch_id = $1 AND l.shipment_id = $2`,
        [shipment.branchId, shipment.id],
      )
    ).map(ShipmentLines.map);
    const key = `${order.branchId}:${order.id}`;
    const prices = new Map((await this.orders.linesLoader(ctx).load(key)).map((l) => [l.id, l.unitPrice]));
    const cents = lines.reduce((s, l) => s + toCents(lineValue(l.quantity, prices.get(l.orderLineId) ?? '0')), 0n);
    if (cents === 0n) return;
    await this.tiering.recordPurchase(ctx, {
      customerId: order.customerId,
      amount: fromCents(cents),
      cause: PurchaseCause.ORDER_DELIVERED,
      source: 'SHIPMENT',
      sourceId: shipment.id,
      note: `Shipment ${shipment.id} of order ${order.reference ?? order.id} accepted`.slice(0, 2000),
    });
  }
}
