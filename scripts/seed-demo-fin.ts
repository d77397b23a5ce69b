import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { ContractReviewsService } from '../src/modules/contracts/contract-reviews.service.js';
import { ContractSigningService } from '../src/modules/contracts/contract-signing.service.js';
import { SignatorySide } from '../src/modules/contracts/contract.enums.js';
import { ContractsService } from '../src/modules/contracts/contracts.service.js';
import { DeliveryInvoicingService } from '../src/modules/finance/delivery-invoicing.service.js';
import { InvoiceType } from '../src/modules/finance/invoice.enums.js';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { ShipmentDeliveryService } from '../src/modules/fulfillment/shipment-delivery.service.js';
import { ShipmentMode, ShipmentStatus } from '../src/modules/fulfillment/shipment.enums.js';
import { ShipmentsService } from '../src/modules/fulfillment/shipments.service.js';
import { OrderChannel } from '../src/modules/orders/order.enums.js';
import { OrdersService } from '../src/modules/orders/orders.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import { demoUpload } from './seed-demo-operations.js';
import { DocumentKind } from '../src/modules/documents/document.enums.js';
import type { DemoPerson } from './seed-demo-work.js';

/**
 * The demo's invoices-from-deliveries slice, in every branch: Pearl Logistics' one-year frame contract for filter
 * cartridges (legal review, the manager's approval, signed), a call-off of 10 under it, shipped by the maker, signed for and accepted; the sales rep asks for a
 * VAT special invoice of the 6 the customer wants billed this month (开票申请), waiting for finance's review, and 4
 * stay invoiceable. Through the services, as the API would have done it.
 */
export function finSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const catalogue = app.get(CatalogueService);
  const orders = app.get(OrdersService);
  const shipments = app.get(ShipmentsService);
  const delivery = app.get(ShipmentDeliveryService);
  const invoicing = app.get(DeliveryInvoicingService);
  const contracts = app.get(ContractsService);
  const reviews = app.get(ContractReviewsService);
  const signing = app.get(ContractSigningService);
  const approvals = app.get(ApprovalDecisionsService);
  const pendingSteps = (requestId: string | null) =>
    as(leader, async (ctx) =>
      (
        await (
          await ctx.tx()
        ).query<{ id: string }>(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
          requestId,
        ])
      ).map((row) => row.id),
    );

  const deliveryInvoiceSlice: DemoSlice = {
    // Seeded once: while no invoice bills a delivery.
    table: 'invoices WHERE shipment_id IS NOT NULL',
    async seed({ code, manager: m, rep: r, legal: l, customers: c }) {
      // A one-year frame contract for filter cartridges, through legal review, the manager's approval and signing.
      const customerId = c['Pearl Logistics'];
      const made = await as(r, (ctx) =>
        contracts.create(ctx, {
          customerId,
          title: 'Hydraulic filter cartridges, one-year frame',
          amount: '141600.00',
          startsOn: day(-20),
          endsOn: day(345),
        }),
      );
      const legal = await as(r, (ctx) => reviews.submitForLegalReview(ctx, made.id));
      for (const step of await pendingSteps(legal.legalReviewRequestId)) {
        await as(l, (ctx) => approvals.approve(ctx, step, 'Standard supply terms'));
      }
      const submitted = await as(r, (ctx) => signing.submitForApproval(ctx, made.id));
      for (const step of await pendingSteps(submitted.approvalRequestId)) {
        await as(m, (ctx) => approvals.approve(ctx, step, 'Within the branch budget'));
      }
      await as(m, (ctx) =>
        signing.sign(ctx, made.id, {
          signedOn: day(0),
          signatories: [
            { name: 'Branch manager', side: SignatorySide.OURS },
            { name: 'Procurement manager', side: SignatorySide.CUSTOMER },
          ],
          originalReceived: true,
        }),
      );
      const contract = made.id;
      const product = await as(leader, (ctx) =>
        catalogue.create(ctx, {
          code: `FILTER-${code}`,
          name: 'Hydraulic filter cartridge',
          specification: '10 µm, 250 l/min',
          unit: 'pcs',
          listPrice: '1280.00',
          costPrice: '760.00',
        }),
      );
      const order = await as(r, (ctx) =>
        orders.create(ctx, {
          customerId,
          contractId: contract,
          channel: OrderChannel.EMAIL,
          receivedOn: day(-9),
          reference: 'Call-off 3 (spare parts)',
          lines: [{ description: 'Hydraulic filter cartridge 10 µm', quantity: '10', unitPrice: '1180.00' }],
        }),
      );
      await as(r, (ctx) => orders.confirm(ctx, order.id));
      await as(m, (ctx) => orders.release(ctx, order.id));
      const line = (await as(m, (ctx) => orders.linesLoader(ctx).load(`${order.branchId}:${order.id}`)))[0];
      const shipment = await as(m, (ctx) =>
        shipments.create(ctx, {
          orderId: order.id,
          mode: ShipmentMode.DIRECT_FROM_MAKER,
          consigneePlace: 'Orient Machinery, plant 2 stores',
          consigneePerson: 'Ms. Li',
          carrier: 'Deppon Logistics',
          lines: [{ orderLineId: line.id, productId: product.id, quantity: '10' }],
        }),
      );
      const at = new Date(Date.now() - 7 * 864e5);
      await as(m, (ctx) => shipments.record(ctx, shipment.id, { status: ShipmentStatus.SHIPPED, at }));
      await as(m, (ctx) =>
        shipments.record(ctx, shipment.id, { status: ShipmentStatus.DELIVERED, at: new Date(+at + 2 * 864e5) }),
      );
      const scan = await demoUpload(app, m, DocumentKind.LETTER, `${code} delivery receipt call-off 3.pdf`);
      await as(m, (ctx) =>
        delivery.recordReceipt(ctx, shipment.id, {
          signedBy: 'Ms. Li',
          signedAt: new Date(+at + 2 * 864e5 + 3_600_000),
          scanFileId: scan.id,
        }),
      );
      await as(m, (ctx) => delivery.accept(ctx, shipment.id));
      const shipLine = (await as(m, (ctx) => shipments.linesLoader(ctx).load(`${order.branchId}:${shipment.id}`)))[0];
      await as(r, (ctx) =>
        invoicing.request(ctx, {
          shipmentId: shipment.id,
          type: InvoiceType.VAT_SPECIAL,
          note: '客户要求本月先开6件，余下4件下月开票',
          lines: [{ shipmentLineId: shipLine.id, quantity: '6' }],
        }),
      );
    },
  };
  return [deliveryInvoiceSlice];
}
