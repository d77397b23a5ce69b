import { Injectable } from '@nestjs/common';
import { BadUserInputError, type RequestContext } from '@app/core';
import { FilesService } from '../documents/files.service.js';
import { OrdersService } from '../orders/orders.service.js';
import type { DeliveryReceiptInput } from './dto/shipment.input.js';
import { checkText, milli } from './fulfillment-rules.js';
import { PurchaseFeedService } from './returns/purchase-feed.service.js';
import { costOfGoods, shipmentEvent, shippedByLine } from './shipment-records.js';
import { shipmentMove } from './shipment-state.js';
import { Shipments, type Shipment } from './shipment.entity.js';
import { ShipmentStatus } from './shipment.enums.js';

/**
 * After delivery: the customer's signed receipt, acceptance or rejection, and the order closing when everything it
 * waited for is accepted (ShipmentsService creates and moves shipments up to DELIVERED).
 */
@Injectable()
export class ShipmentDeliveryService {
  constructor(
    private readonly orders: OrdersService,
    private readonly files: FilesService,
    private readonly purchases: PurchaseFeedService,
  ) {}

  /**
   * DELIVERED -> RECEIPT_SIGNED: the customer's signed delivery receipt (设备签收单): who signed, when, and the scan,
   * a file uploaded through POST /files that the caller may read in the shipment's branch (checked by the documents
   * module's service; another branch's file answers as an unknown one).
   */
  async recordReceipt(ctx: RequestContext, id: string, input: DeliveryReceiptInput): Promise<Shipment> {
    const signedBy = checkText('signedBy', input.signedBy, 200, true)!;
    const signedAt = input.signedAt;
    if (signedAt.getTime() > Date.now() + 60_000)
      throw BadUserInputError.field('signedAt', 'must not be in the future');
    const before = await Shipments.lock(ctx, id.toLowerCase());
    const to = shipmentMove(before.status, ShipmentStatus.RECEIPT_SIGNED);
    if (before.shippedAt && signedAt < before.shippedAt) {
      throw BadUserInputError.field(
        'signedAt',
        `must not be before the goods left (${before.shippedAt.toISOString()})`,
      );
    }
    const file = await this.files.findOne(ctx, input.scanFileId);
    if (!file || file.branchId !== before.branchId) {
      throw BadUserInputError.field(
        'scanFileId',
        'is not a file of this branch you may read: upload the scan of the signed receipt with POST /files first',
      );
    }
    const after = await Shipments.change(
      ctx,
      before,
      { status: to, receiptSignedBy: signedBy, receiptSignedAt: signedAt, receiptFileId: file.id },
      'receipt_signed',
    );
    await shipmentEvent(ctx, after, before.status, to, signedAt, `Signed by ${signedBy}`.slice(0, 2000));
    return after;
  }

  /**
   * RECEIPT_SIGNED -> ACCEPTED; the order closes (orders module) when this was the last thing it waited for: every
   * order line fully shipped and every shipment not cancelled accepted, its cost of goods valued now (the KPIs'
   * sales amount and gross profit count from that closing). The order's lock (taken after the
   * shipment's, as recordShipmentEvent does) serializes acceptances of one order, so the last one sees the others.
   */
  async accept(ctx: RequestContext, id: string): Promise<Shipment> {
    const before = await Shipments.lock(ctx, id.toLowerCase());
    const to = shipmentMove(before.status, ShipmentStatus.ACCEPTED);
    // RELEASED, or CLOSED for an exchange's replacement (the order stays CLOSED).
    const { order, lines } = await this.orders.lockShipped(ctx, before.orderId);
    const now = new Date();
    const after = await Shipments.change(ctx, before, { status: to, acceptedAt: now }, 'accept');
    await shipmentEvent(ctx, after, before.status, to, now, null);
    // The customer took the goods: their value counts towards the customer's tier (once per shipment).
    await this.purchases.shipmentAccepted(ctx, order, after);
    const shipped = await shippedByLine(ctx, order.branchId, order.id);
    const allShipped = lines.every((l) => (shipped.get(l.id) ?? 0n) === milli(l.quantity));
    if (order.closedAt === null && allShipped && (await this.openShipments(ctx, order.branchId, order.id)) === 0) {
      await this.orders.close(ctx, order, await costOfGoods(ctx, order.branchId, order.id, order.currency));
    }
    return after;
  }

  /** RECEIPT_SIGNED -> REJECTED with the customer's reason; the order stays open (returns and exchanges follow). */
  async reject(ctx: RequestContext, id: string, reason: string): Promise<Shipment> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await Shipments.lock(ctx, id.toLowerCase());
    const to = shipmentMove(before.status, ShipmentStatus.REJECTED);
    const now = new Date();
    const after = await Shipments.change(ctx, before, { status: to, rejectedAt: now, rejectionReason: why }, 'reject');
    await shipmentEvent(ctx, after, before.status, to, now, why);
    return after;
  }

  /** Shipments of the order neither cancelled nor accepted. */
  private async openShipments(ctx: RequestContext, branchId: string, orderId: string): Promise<number> {
    const tx = await ctx.tx();
    const [r] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM shipments
       WHERE branch_id = $1 AND order_id = $2 AND status NOT IN ('ACCEPTED', 'CANCELLED')`,
      [branchId, orderId],
    );
    return r.n;
  }
}
