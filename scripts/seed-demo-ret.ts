import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { Database, RequestContext } from '@app/core';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { QuoteLifecycleService } from '../src/modules/contracts/quote-lifecycle.service.js';
import { QuoteLineKind } from '../src/modules/contracts/quote.enums.js';
import { QuotesService } from '../src/modules/contracts/quotes.service.js';
import { DocumentKind } from '../src/modules/documents/document.enums.js';
import { FilesService } from '../src/modules/documents/files.service.js';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { ReturnProcessingService } from '../src/modules/fulfillment/returns/return-processing.service.js';
import { GoodsReturnKind, ReturnReason } from '../src/modules/fulfillment/returns/return.enums.js';
import { ReturnsService } from '../src/modules/fulfillment/returns/returns.service.js';
import { ShipmentDeliveryService } from '../src/modules/fulfillment/shipment-delivery.service.js';
import { ShipmentMode, ShipmentStatus } from '../src/modules/fulfillment/shipment.enums.js';
import { ShipmentsService } from '../src/modules/fulfillment/shipments.service.js';
import { StockCountsService } from '../src/modules/fulfillment/stock-counts.service.js';
import { StockService } from '../src/modules/fulfillment/stock.service.js';
import { StockInCause } from '../src/modules/fulfillment/fulfillment.enums.js';
import { OrderFromQuoteService } from '../src/modules/orders/order-from-quote.service.js';
import { OrderChannel } from '../src/modules/orders/order.enums.js';
import { OrdersService } from '../src/modules/orders/orders.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoPerson } from './seed-demo-work.js';

/** A small PDF: the scan of a signed delivery receipt. */
const pdf = (title: string): Buffer =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );

/**
 * The demo's returns slice: in every branch, a pump Pearl Logistics was quoted from the catalogue and ordered by phone
 * from the accepted quote (approved by the manager and
 * leadership), shipped by the maker, signed for and accepted (the customer's purchase), then one unit returned as defective: checked,
 * authenticated, its red-letter note approved by leadership and processed (back into the branch's returns shelf,
 * the purchase reduced, finance told to credit), and one exchanged for the right variant: its replacement ships from
 * the maker, linked to the exchange. Through the services, as the API would have done it.
 */
export function returnsSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const db = app.get(Database);
  const catalogue = app.get(CatalogueService);
  const stock = app.get(StockService);
  const orders = app.get(OrdersService);
  const quotes = app.get(QuotesService);
  const quoteMoves = app.get(QuoteLifecycleService);
  const fromQuote = app.get(OrderFromQuoteService);
  const shipments = app.get(ShipmentsService);
  const delivery = app.get(ShipmentDeliveryService);
  const files = app.get(FilesService);
  const returns = app.get(ReturnsService);
  const processing = app.get(ReturnProcessingService);
  const counts = app.get(StockCountsService);
  const approvals = app.get(ApprovalDecisionsService);

  /** An upload commits its own transaction (the object and its row stand or fall together), as over HTTP. */
  const uploadAs = async (who: DemoPerson, name: string) => {
    const scope = { branchIds: [who.branchId], userId: who.id, ownOnly: who.role === 'SALES_REP' };
    const actor = { userId: who.id, organizationId: '', role: who.role, headOffice: who.headOffice };
    const ctx = new RequestContext((s) => db.begin(s), actor, scope);
    const target = files.prepareUpload(ctx, { kind: DocumentKind.LETTER });
    return files.upload(ctx, target, { name, stream: Readable.from([pdf(name)]) });
  };
  const pendingSteps = (requestId: string | null) =>
    as(leader, async (ctx) =>
      (
        await (
          await ctx.tx()
        ).query<{ id: string }>(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
          requestId,
        ])
      ).map((r) => r.id),
    );

  const returnSlice: DemoSlice = {
    table: 'goods_returns',
    async seed({ code, manager: m, rep: r, customers: c }) {
      const customerId = c['Pearl Logistics'];
      const product = await as(leader, (ctx) =>
        catalogue.create(ctx, {
          code: `PUMP-${code}`,
          name: 'Circulation pump',
          specification: 'DN50, 4 kW',
          unit: 'pcs',
          listPrice: '4800.00',
          costPrice: '3100.00',
        }),
      );
      const location = await as(m, (ctx) => stock.createLocation(ctx, { code: 'RET', name: 'Returns shelf' }));
      // Quoted from the catalogue (list price, 5 % off), accepted by phone, and ordered from the quote without a
      // contract: the manager, then leadership, approve the order before it is released.
      const quote = await as(r, (ctx) =>
        quotes.create(ctx, {
          customerId,
          title: 'Circulation pumps for the Pudong warehouse',
          validUntil: day(20),
          lines: [
            {
              kind: QuoteLineKind.PRODUCT,
              description: 'Circulation pump DN50',
              quantity: '4',
              productId: product.id,
              discountPercent: '5',
            },
          ],
        }),
      );
      await as(r, (ctx) => quoteMoves.send(ctx, quote.id));
      await as(r, (ctx) => quoteMoves.accept(ctx, quote.id));
      const order = await as(r, (ctx) =>
        fromQuote.create(ctx, quote.id, { channel: OrderChannel.PHONE, receivedOn: day(-6), reference: 'Call-off 7' }),
      );
      const pending = await as(r, (ctx) => orders.confirm(ctx, order.id));
      for (const who of [m, leader]) {
        for (const step of await pendingSteps(pending.approvalRequestId)) {
          await as(who, (ctx) => approvals.approve(ctx, step, 'Urgent replacement, approved'));
        }
      }
      await as(m, (ctx) => orders.release(ctx, order.id));
      const line = (await as(m, (ctx) => orders.linesLoader(ctx).load(`${order.branchId}:${order.id}`)))[0];
      const shipment = await as(m, (ctx) =>
        shipments.create(ctx, {
          orderId: order.id,
          mode: ShipmentMode.DIRECT_FROM_MAKER,
          consigneePlace: 'Pearl Logistics, Pudong warehouse',
          consigneePerson: 'Mr. Zhou',
          carrier: 'SF Express',
          lines: [{ orderLineId: line.id, productId: product.id, quantity: '4' }],
        }),
      );
      const at = new Date(Date.now() - 5 * 864e5);
      await as(m, (ctx) => shipments.record(ctx, shipment.id, { status: ShipmentStatus.SHIPPED, at }));
      await as(m, (ctx) =>
        shipments.record(ctx, shipment.id, { status: ShipmentStatus.DELIVERED, at: new Date(+at + 864e5) }),
      );
      const scan = await uploadAs(m, `Delivery receipt ${code}.pdf`);
      await as(m, (ctx) =>
        delivery.recordReceipt(ctx, shipment.id, {
          signedBy: 'Mr. Zhou',
          signedAt: new Date(+at + 864e5 + 3_600_000),
          scanFileId: scan.id,
        }),
      );
      await as(m, (ctx) => delivery.accept(ctx, shipment.id));
      const shipLine = (await as(m, (ctx) => shipments.linesLoader(ctx).load(`${order.branchId}:${shipment.id}`)))[0];
      const ret = await as(r, (ctx) =>
        returns.request(ctx, {
          shipmentId: shipment.id,
          kind: GoodsReturnKind.RETURN,
          reason: ReturnReason.DEFECTIVE,
          description: 'One pump trips its breaker after ten minutes',
          lines: [{ shipmentLineId: shipLine.id, quantity: '1' }],
        }),
      );
      await as(m, (ctx) => returns.checkGoods(ctx, ret.id, { passed: true, note: 'Model, DN50 and serial match' }));
      await as(m, (ctx) =>
        returns.checkAuthenticity(ctx, ret.id, { passed: true, note: 'Maker confirms the serial is genuine' }),
      );
      const submitted = await as(m, (ctx) => returns.submitNote(ctx, ret.id));
      for (const step of await pendingSteps(submitted.approvalRequestId)) {
        await as(leader, (ctx) => approvals.approve(ctx, step, 'Defect confirmed by the maker'));
      }
      await as(m, (ctx) => processing.process(ctx, ret.id, { locationId: location.id, note: 'To the maker for test' }));
      // A second unit came with the wrong flange: exchanged, the maker ships the replacement straight to the site.
      const exchange = await as(r, (ctx) =>
        returns.request(ctx, {
          shipmentId: shipment.id,
          kind: GoodsReturnKind.EXCHANGE,
          reason: ReturnReason.WRONG_ITEM,
          description: 'Delivered with a DN40 flange; the contract says DN50',
          lines: [{ shipmentLineId: shipLine.id, quantity: '1' }],
        }),
      );
      await as(m, (ctx) => returns.checkGoods(ctx, exchange.id, { passed: true, note: 'DN40 flange confirmed' }));
      await as(m, (ctx) =>
        returns.checkAuthenticity(ctx, exchange.id, { passed: true, note: 'Genuine, wrong variant' }),
      );
      const note = await as(m, (ctx) => returns.submitNote(ctx, exchange.id));
      for (const step of await pendingSteps(note.approvalRequestId)) {
        await as(leader, (ctx) => approvals.approve(ctx, step, 'Exchange for the DN50 variant'));
      }
      await as(m, (ctx) =>
        processing.process(ctx, exchange.id, {
          locationId: location.id,
          note: 'DN40 unit back to the maker',
          replacement: { mode: ShipmentMode.DIRECT_FROM_MAKER, carrier: 'SF Express' },
        }),
      );
    },
  };
  // Month-end count of the main warehouse with finance: 2 of 40 valves damaged in handling, written off (760.00 at
  // cost, under the branch manager's 1,000 threshold, so the count closes at once).
  const countSlice: DemoSlice = {
    table: 'stock_counts',
    async seed({ code, manager: m }) {
      const valve = await as(leader, (ctx) =>
        catalogue.create(ctx, {
          code: `VALVE-${code}`,
          name: 'Gate valve',
          specification: 'DN50, PN16',
          unit: 'pcs',
          listPrice: '560.00',
          costPrice: '380.00',
        }),
      );
      const main = await as(m, (ctx) => stock.createLocation(ctx, { code: 'MAIN', name: 'Main warehouse' }));
      await as(m, (ctx) =>
        stock.receive(ctx, {
          productId: valve.id,
          locationId: main.id,
          quantity: '40',
          cause: StockInCause.PURCHASE_RECEIPT,
          reference: 'Receipt 2026-11-03',
        }),
      );
      const count = await as(m, (ctx) =>
        counts.open(ctx, { locationId: main.id, note: 'Month-end count with finance' }),
      );
      await as(m, (ctx) =>
        counts.record(ctx, count.id, {
          lines: [{ productId: valve.id, countedQuantity: '38', reason: 'Two damaged in handling, written off' }],
        }),
      );
      await as(m, (ctx) => counts.close(ctx, count.id));
    },
  };
  return [returnSlice, countSlice];
}
