import { Injectable } from '@nestjs/common';
import { InvalidStateError, NotFoundError, fromMilli, milli, type RequestContext } from '@app/core';
import type { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { ShipmentStatus } from '../fulfillment/shipment.enums.js';
import type { DeliveredGoods } from '../fulfillment/shipment.types.js';
import { ShipmentsService } from '../fulfillment/shipments.service.js';
import { invoiceableOf, planDeliveryInvoice, type DeliveryLineState } from './delivery-invoice-rules.js';
import type { Invoice } from './invoice.entity.js';
import type { ShipmentInvoicing } from './invoice.types.js';
import { InvoicesService } from './invoices.service.js';
import type { RequestDeliveryInvoiceInput } from './dto/invoice.input.js';

/**
 * Invoices from deliveries: an invoice request raised from an ACCEPTED shipment (only acceptance is final: goods
 * merely delivered may still be rejected), its lines the shipment's lines at their order lines' unit prices. Per
 * shipment line, what stands invoiced (invoices not REJECTED, less the quantity credit notes gave back) never
 * exceeds what was delivered less what returns took back: the request locks the contract (as any request on it),
 * then the shipment (as returns of its goods do), and counts under both locks. The amount also counts against the
 * contract's invoiceable amount, like a request on the contract; an order without a contract (released on an
 * approved exception) is billed the same way, its requests queued on the order's lock instead. An exchange's
 * replacement is billed only for what the order line's invoices do not cover yet: the original shipment's invoice
 * covers the goods the exchange took back, unless finance credited them.
 */
@Injectable()
export class DeliveryInvoicingService {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly shipments: ShipmentsService,
    private readonly orders: OrdersService,
  ) {}

  /** Per shipment line: delivered, returned, invoiced and what is left; null for a shipment you may not see. */
  async shipmentInvoicing(ctx: RequestContext, shipmentId: string): Promise<ShipmentInvoicing | null> {
    const shipment = await this.shipments.findOne(ctx, shipmentId);
    const order = await this.orders.findOne(ctx, shipment?.orderId ?? shipmentId);
    if (!shipment || !order) return null;
    return this.view(ctx, order, await this.shipments.deliveredGoods(ctx, shipment));
  }

  async request(ctx: RequestContext, input: RequestDeliveryInvoiceInput): Promise<Invoice> {
    ctx.requireActor();
    const shipmentId = input.shipmentId.toLowerCase();
    // A rep reaches the shipments of their own orders only; a colleague's answers as an unknown id.
    const found = await this.shipments.findOne(ctx, shipmentId);
    const order = await this.orders.findOne(ctx, found?.orderId ?? shipmentId);
    if (!found || !order) throw new NotFoundError('Shipment', input.shipmentId);
    // Lock order: the contract (every request on it), then the shipment (returns of its goods). An order without a
    // contract (released on leadership's approval): the shipment, then the order, as acceptance takes them, so the
    // order's requests queue (a replacement counts what the order's other invoices cover).
    const contract = order.contractId
      ? await this.invoices.lockInvoiceable(ctx, { branchId: order.branchId, id: order.contractId })
      : null;
    const goods = await this.shipments.lockForInvoicing(ctx, found.id);
    if (!contract) await this.orders.lockShipped(ctx, order.id);
    if (goods.shipment.status !== ShipmentStatus.ACCEPTED) {
      throw new InvalidStateError(
        `Shipment ${found.id} is ${goods.shipment.status}: only an ACCEPTED shipment is invoiced (before acceptance ` +
          'the customer may still reject the goods)',
      );
    }
    const view = await this.view(ctx, order, goods);
    const planned = planDeliveryInvoice(found.id, view.lines, input.lines);
    return this.invoices.open(
      ctx,
      contract ?? { order },
      { type: input.type ?? null, note: input.note?.trim() ?? null, orderId: order.id, shipmentId: found.id },
      planned.map((p) => ({
        description: p.description,
        amount: p.amount,
        shipmentLineId: p.shipmentLineId,
        orderLineId: p.orderLineId,
        quantity: p.quantity,
        unitPrice: p.unitPrice,
      })),
    );
  }

  private async view(ctx: RequestContext, order: Order, goods: DeliveredGoods): Promise<ShipmentInvoicing> {
    const { shipment } = goods;
    const key = `${order.branchId}:${order.id}`;
    const orderLines = new Map((await this.orders.linesLoader(ctx).load(key)).map((l) => [l.id, l]));
    const invoiced = await this.invoices.invoicedByShipmentLine(ctx, shipment.branchId, shipment.id);
    const accepted = shipment.status === ShipmentStatus.ACCEPTED;
    // An exchange's replacement: the original shipment's invoice may cover the replaced goods already.
    const orderLeft = goods.replaces ? await this.orderLeft(ctx, order) : null;
    const lines: (DeliveryLineState & { invoiceable: string })[] = goods.lines.map((l) => {
      const ol = orderLines.get(l.orderLineId);
      const state: DeliveryLineState = {
        shipmentLineId: l.id,
        orderLineId: l.orderLineId,
        description: ol?.description ?? '',
        unitPrice: ol?.unitPrice ?? '0.00',
        delivered: accepted ? l.quantity : '0.000',
        returned: goods.returned.get(l.id) ?? '0.000',
        invoiced: invoiced.get(l.id) ?? '0.000',
        ...(orderLeft ? { orderLeft: fromMilli(orderLeft.get(l.orderLineId) ?? 0n) } : {}),
      };
      return { ...state, invoiceable: fromMilli(invoiceableOf(state)) };
    });
    return {
      branchId: shipment.branchId,
      shipmentId: shipment.id,
      orderId: order.id,
      contractId: order.contractId,
      status: shipment.status,
      currency: order.currency,
      lines,
    };
  }

  /** Per order line: what the customer holds less what stands invoiced over the whole order (thousandths). */
  private async orderLeft(ctx: RequestContext, order: Order): Promise<Map<string, bigint>> {
    const held = await this.shipments.heldByOrderLine(ctx, order.branchId, order.id);
    const invoiced = await this.invoices.invoicedByOrderLine(ctx, order.branchId, order.id);
    const ids = new Set([...held.keys(), ...invoiced.keys()]);
    return new Map([...ids].map((id) => [id, milli(held.get(id) ?? '0') - milli(invoiced.get(id) ?? '0')]));
  }
}
