import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { OrderShippingService } from '../orders/order-shipping.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { Products } from './catalogue.entity.js';
import type { CreateShipmentInput, ShipmentEventInput } from './dto/shipment.input.js';
import { OverShipmentError, checkQuantity, checkText, fromMilli, milli } from './fulfillment-rules.js';
import { findOrganizationRow } from './organization-rows.js';
import { exchangeReplacedBy, heldByLine, shipmentEvent, shippedByLine } from './shipment-records.js';
import { shipmentMove } from './shipment-state.js';
import {
  ShipmentEvents,
  ShipmentLines,
  Shipments,
  type Shipment,
  type ShipmentEvent,
  type ShipmentLine,
} from './shipment.entity.js';
import { ShipmentMode, ShipmentStatus } from './shipment.enums.js';
import { returnedByShipmentLine } from './returns/return-records.js';
import type { DeliveredGoods, OrderLineShipping, ShipmentFilter } from './shipment.types.js';
import { WarehouseLocations } from './stock.entity.js';
import { StockService } from './stock.service.js';

/** Statuses set by their own mutations (receipt, acceptance), never by recordShipmentEvent. */
const AFTER_DELIVERY: readonly ShipmentStatus[] = [
  ShipmentStatus.RECEIPT_SIGNED,
  ShipmentStatus.ACCEPTED,
  ShipmentStatus.REJECTED,
];

/** A checked line of a new shipment. */
interface NewLine {
  orderLineId: string;
  productId: string;
  organizationId: string;
  quantity: string;
}

/**
 * Shipments (发货) of RELEASED orders. The orders module holds the gate and the order lines: `lockForShipment`
 * refuses an order that is not RELEASED and locks it, so shipments of one order run one after another and each
 * sees what the others drew down (shipped <= ordered per line, also under concurrency). FROM_STOCK issues every
 * line through StockService in the same transaction (INSUFFICIENT_STOCK changes nothing); DIRECT_FROM_MAKER moves
 * no stock. Cancelling (only before SHIPPED) puts the stock back.
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly orders: OrdersService,
    private readonly stock: StockService,
    private readonly shipping: OrderShippingService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Shipment | null> {
    return Shipments.findInScope(ctx, id);
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ShipmentFilter },
  ): Promise<ConnectionShape<Shipment>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('order_id', f.orderId?.toLowerCase(), 'uuid')
      .eq('status', f.status);
    return keysetPage(ctx, args, {
      columns: Shipments.cols(),
      from: 'shipments',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (s: Shipment) => s.createdAt },
      map: Shipments.map,
    });
  }

  /** Per order line: ordered, shipped (shipments not cancelled) and what remains; NOT_FOUND for an unknown order. */
  async progress(ctx: RequestContext, orderId: string): Promise<OrderLineShipping[]> {
    const order = await this.orders.findOne(ctx, orderId.toLowerCase());
    if (!order) throw new NotFoundError('Order', orderId);
    const key = `${order.branchId}:${order.id}`;
    const lines = await this.orders.linesLoader(ctx).load(key);
    const shipped = await shippedByLine(ctx, order.branchId, order.id);
    return lines.map((l) => {
      const s = shipped.get(l.id) ?? 0n;
      return {
        orderLineId: l.id,
        description: l.description,
        ordered: l.quantity,
        shipped: fromMilli(s),
        remaining: fromMilli(milli(l.quantity) - s),
      };
    });
  }

  /** The lines of many shipments ("branchId:shipmentId" keys) in one statement. */
  linesLoader(ctx: RequestContext): DataLoader<string, ShipmentLine[]> {
    return this.childLoader(
      ctx,
      'shipments.lines',
      'shipment_lines',
      ShipmentLines.cols('x'),
      'x.id',
      ShipmentLines.map,
    );
  }

  /** The status events of many shipments, oldest first, in one statement. */
  eventsLoader(ctx: RequestContext): DataLoader<string, ShipmentEvent[]> {
    return this.childLoader(
      ctx,
      'shipments.events',
      'shipment_events',
      ShipmentEvents.cols('x'),
      'x.recorded_at, x.id',
      ShipmentEvents.map,
    );
  }

  /**
   * Finance's invoices from deliveries: the shipment (NOT_FOUND out of scope) locked FOR UPDATE. Returns of its goods
   * take the same lock, so an invoice request and a return of the same units queue and each counts the other.
   */
  async lockForInvoicing(ctx: RequestContext, id: string): Promise<DeliveredGoods> {
    return this.deliveredGoods(ctx, await Shipments.lock(ctx, id));
  }

  /** A shipment's lines, what returns took back per line and the exchange it replaces goods for, as read now. */
  async deliveredGoods(ctx: RequestContext, shipment: Shipment): Promise<DeliveredGoods> {
    const key = `${shipment.branchId}:${shipment.id}`;
    const lines = await this.linesLoader(ctx).clear(key).load(key);
    const returned = await returnedByShipmentLine(ctx, shipment.branchId, shipment.id);
    const replaces = await exchangeReplacedBy(ctx, shipment.branchId, shipment.id);
    return { shipment, lines, returned: new Map([...returned].map(([id, m]) => [id, fromMilli(m)])), replaces };
  }

  /** Finance: what the customer holds per order line (accepted shipments less returns), numeric(18,3) text. */
  async heldByOrderLine(ctx: RequestContext, branchId: string, orderId: string): Promise<Map<string, string>> {
    const held = await heldByLine(ctx, branchId, orderId);
    return new Map([...held].map(([id, m]) => [id, fromMilli(m)]));
  }

  // ---------- writes ----------

  create(ctx: RequestContext, input: CreateShipmentInput): Promise<Shipment> {
    return this.write(ctx, input, null);
  }

  /**
   * An exchange's replacement (ReturnProcessingService, in the processing transaction, before the exchange is
   * PROCESSED): the goods it takes back are `credit` per order line, so the replacement fits under shipped <= ordered
   * as the exchange's own taking back will count once it is PROCESSED. The order has shipped: RELEASED or CLOSED.
   */
  createReplacement(ctx: RequestContext, input: CreateShipmentInput, credit: Map<string, bigint>): Promise<Shipment> {
    return this.write(ctx, input, credit);
  }

  private async write(
    ctx: RequestContext,
    input: CreateShipmentInput,
    credit: Map<string, bigint> | null,
  ): Promise<Shipment> {
    const actor = ctx.requireActor();
    const consigneePlace = checkText('consigneePlace', input.consigneePlace, 500, true)!;
    const consigneePerson = checkText('consigneePerson', input.consigneePerson, 200, true)!;
    const texts = {
      consigneePhone: checkText('consigneePhone', input.consigneePhone, 50),
      carrier: checkText('carrier', input.carrier, 200),
      trackingNumber: checkText('trackingNumber', input.trackingNumber, 100),
      note: checkText('note', input.note, 4000),
    };
    if (input.mode === ShipmentMode.FROM_STOCK && !input.locationId) {
      throw BadUserInputError.field('locationId', 'name the location to issue the stock from (mode FROM_STOCK)');
    }
    if (input.mode === ShipmentMode.DIRECT_FROM_MAKER && input.locationId) {
      throw BadUserInputError.field('locationId', 'the maker ships directly: no location (or use mode FROM_STOCK)');
    }
    const seen = new Set<string>();
    const requested = input.lines.map((l, i) => {
      const orderLineId = l.orderLineId.toLowerCase();
      if (seen.has(orderLineId)) {
        throw BadUserInputError.field(`lines[${i}].orderLineId`, 'is named twice: one shipment line per order line');
      }
      seen.add(orderLineId);
      return {
        orderLineId,
        productId: l.productId.toLowerCase(),
        quantity: checkQuantity(`lines[${i}].quantity`, l.quantity),
      };
    });

    // The gate, and the lock that serializes shipments of this order.
    const orderId = input.orderId.toLowerCase();
    const { order, lines: orderLines } = credit
      ? await this.orders.lockShipped(ctx, orderId)
      : await this.orders.lockForShipment(ctx, orderId);
    const location = input.locationId
      ? await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase())
      : null;
    if (input.locationId && (!location || location.branchId !== order.branchId)) {
      throw new NotFoundError('WarehouseLocation', input.locationId);
    }
    const ordered = new Map(orderLines.map((l) => [l.id, l.quantity]));
    const named = new Map(orderLines.map((l) => [l.id, l.productId]));
    const shipped = await shippedByLine(ctx, order.branchId, order.id);
    const lines: NewLine[] = [];
    for (const [i, l] of requested.entries()) {
      const quantity = ordered.get(l.orderLineId);
      if (quantity === undefined) {
        throw BadUserInputError.field(`lines[${i}].orderLineId`, 'is not a line of this order');
      }
      const wanted = named.get(l.orderLineId);
      if (wanted && wanted !== l.productId) {
        throw BadUserInputError.field(`lines[${i}].productId`, `the order line names product ${wanted}: ship that one`);
      }
      const already = (shipped.get(l.orderLineId) ?? 0n) - (credit?.get(l.orderLineId) ?? 0n);
      if (already + milli(l.quantity) > milli(quantity)) {
        throw new OverShipmentError(l.orderLineId, quantity, fromMilli(already), l.quantity);
      }
      const product = await findOrganizationRow(ctx, Products, l.productId);
      lines.push({ ...l, organizationId: product.organizationId });
    }

    const id = randomUUID();
    if (location) {
      // Product order: two shipments issuing the same products lock their stock rows in the same order.
      for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
        await this.stock.issue(ctx, {
          productId: l.productId,
          locationId: location.id,
          quantity: l.quantity,
          reference: `Shipment ${id}`,
        });
      }
    }
    const tx = await ctx.tx();
    const shipment = await Shipments.insert(tx, {
      branchId: order.branchId,
      id,
      orderId: order.id,
      mode: input.mode,
      locationId: location?.id ?? null,
      consigneePlace,
      consigneePerson,
      ...texts,
      createdById: actor.userId,
    });
    const written: ShipmentLine[] = [];
    for (const l of lines) {
      written.push(
        await ShipmentLines.insert(tx, {
          branchId: order.branchId,
          id: randomUUID(),
          shipmentId: id,
          orderId: order.id,
          ...l,
        }),
      );
    }
    await shipmentEvent(ctx, shipment, null, ShipmentStatus.PREPARED, new Date(), null);
    await writeAudit(ctx, {
      branchId: order.branchId,
      entity: 'shipment',
      entityId: id,
      action: 'create',
      after: { ...shipment, lines: written },
    });
    return shipment;
  }

  /** SHIPPED, IN_TRANSIT or DELIVERED, as the carrier or the consignee reports; illegal moves name both states. */
  async record(ctx: RequestContext, id: string, input: ShipmentEventInput): Promise<Shipment> {
    if (input.status === ShipmentStatus.CANCELLED) {
      throw BadUserInputError.field('status', 'cancel with cancelShipment, which asks for a reason');
    }
    if (AFTER_DELIVERY.includes(input.status)) {
      throw BadUserInputError.field(
        'status',
        'record the signed receipt with recordDeliveryReceipt, then acceptShipment or rejectShipment',
      );
    }
    const at = input.at ?? new Date();
    if (at.getTime() > Date.now() + 60_000) throw BadUserInputError.field('at', 'must not be in the future');
    const note = checkText('note', input.note, 2000);
    const carrier = checkText('carrier', input.carrier, 200);
    const trackingNumber = checkText('trackingNumber', input.trackingNumber, 100);
    const before = await Shipments.lock(ctx, id.toLowerCase());
    const to = shipmentMove(before.status, input.status);
    const set: Values<Shipment> = { status: to };
    if (to === ShipmentStatus.SHIPPED) set.shippedAt = at;
    if (to === ShipmentStatus.DELIVERED) set.deliveredAt = at;
    if (carrier) set.carrier = carrier;
    if (trackingNumber) set.trackingNumber = trackingNumber;
    const after = await Shipments.change(ctx, before, set, to.toLowerCase());
    await shipmentEvent(ctx, after, before.status, to, at, note);
    // The one-working-day rule measures signing to the first shipment that left.
    if (to === ShipmentStatus.SHIPPED)
      await this.shipping.recordShipped(ctx, { branchId: after.branchId, id: after.orderId }, at);
    return after;
  }

  /** PREPARED -> CANCELLED: the stock issued for it goes back to its location (SHIPMENT_CANCELLED). */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Shipment> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await Shipments.lock(ctx, id.toLowerCase());
    const to = shipmentMove(before.status, ShipmentStatus.CANCELLED);
    const exchange = await exchangeReplacedBy(ctx, before.branchId, before.id);
    if (exchange) {
      throw new InvalidStateError(
        `Shipment ${before.id} is the replacement of exchange ${exchange}: the exchange is processed and its goods ` +
          'came back, so the replacement stays; ship it',
      );
    }
    if (before.locationId) {
      const key = `${before.branchId}:${before.id}`;
      const lines = await this.linesLoader(ctx).clear(key).load(key);
      for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
        await this.stock.restore(ctx, {
          productId: l.productId,
          locationId: before.locationId,
          quantity: l.quantity,
          reference: `Shipment ${before.id}`,
        });
      }
    }
    const now = new Date();
    const after = await Shipments.change(ctx, before, { status: to, cancelledAt: now, cancelReason: why }, 'cancel');
    await shipmentEvent(ctx, after, before.status, to, now, why);
    return after;
  }

  // ---------- helpers ----------

  private childLoader<T extends { branchId: string; shipmentId: string }>(
    ctx: RequestContext,
    name: string,
    table: string,
    cols: string,
    orderBy: string,
    map: (r: unknown) => T,
  ): DataLoader<string, T[]> {
    return ctx.loader(
      name,
      () =>
        new DataLoader<string, T[]>(async (keys) => {
          const [branchIds, shipmentIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<T>(
            `SELECT x.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, shipment_id)
             CROSS JOIN LATERAL (SELECT ${cols} FROM ${table} x
               WHERE x.branch_id = k.branch_id AND x.shipment_id = k.shipment_id ORDER BY ${orderBy}) x`,
            [branchIds, shipmentIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.shipmentId}`, map);
        }),
    );
  }
}
