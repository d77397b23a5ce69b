import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { ApprovalSettingsService } from '../src/modules/approvals/approval-settings.service.js';
import { Role } from '../src/modules/branches/roles.js';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { VendorKind } from '../src/modules/fulfillment/fulfillment.enums.js';
import { PurchaseOrdersService } from '../src/modules/fulfillment/purchase-orders.service.js';
import { RmaState } from '../src/modules/fulfillment/rma.enums.js';
import { RmasService } from '../src/modules/fulfillment/rmas.service.js';
import { VendorsService } from '../src/modules/fulfillment/vendors.service.js';
import { OrderChannel } from '../src/modules/orders/order.enums.js';
import { OrdersService } from '../src/modules/orders/orders.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoBranch, DemoPerson } from './seed-demo-work.js';

const MAKER_CODE = 'JS-HOIST';
const PRODUCT_CODE = 'HST-2T';

/**
 * The demo's purchase-order and after-sales slices, in every branch, through the services as the API would: an
 * order for the branch's active contract, a purchase order to the maker for it that finance reviewed and the back
 * office placed; and an open RMA of the same customer that an engineer confirmed. The maker and the product are the
 * organization's (head office keeps them), made once. A branch without a finance reviewer gets its own
 * PURCHASE_ORDER policy (leadership reviews; the manager who submits may not decide), as a branch may.
 */
export function purchaseOrderSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const vendors = app.get(VendorsService);
  const catalogue = app.get(CatalogueService);
  const orders = app.get(OrdersService);
  const purchaseOrders = app.get(PurchaseOrdersService);
  const approvalSettings = app.get(ApprovalSettingsService);
  const approvals = app.get(ApprovalDecisionsService);
  const rmas = app.get(RmasService);

  const query = <T>(who: DemoPerson, sql: string, params: unknown[]) =>
    as(who, async (ctx) => (await ctx.tx()).query<T>(sql, params));

  /** The maker and its hoist, found or made once for the organization. */
  const catalogueRows = async (): Promise<{ makerId: string; productId: string }> => {
    const [found] = await query<{ makerId: string; productId: string }>(
      leader,
      `SELECT v.id AS "makerId", p.id AS "productId" FROM vendors v JOIN products p
         ON p.organization_id = v.organization_id AND p.maker_id = v.id WHERE v.code = $1 AND p.code = $2`,
      [MAKER_CODE, PRODUCT_CODE],
    );
    if (found) return found;
    const maker = await as(leader, (ctx) =>
      vendors.create(ctx, { code: MAKER_CODE, name: 'Jiangsu Hoist Works', kind: VendorKind.MAKER, country: 'CN' }),
    );
    const product = await as(leader, (ctx) =>
      catalogue.create(ctx, {
        code: PRODUCT_CODE,
        name: 'Electric hoist',
        specification: '2 t, 6 m lift',
        unit: 'pcs',
        listPrice: '38500.00',
        costPrice: '24000.00',
        makerId: maker.id,
      }),
    );
    return { makerId: maker.id, productId: product.id };
  };

  /** The branch's finance reviewer, or null when it has none. */
  const financeOf = async (b: DemoBranch): Promise<DemoPerson | null> => {
    const [f] = await query<{ id: string }>(
      b.manager,
      'SELECT user_id AS id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1 LIMIT 1',
      [b.id, Role.FINANCE],
    );
    return f ? { id: f.id, role: Role.FINANCE, branchId: b.id, headOffice: false } : null;
  };

  const pendingStep = async (requestId: string | null) =>
    (
      await query<{ id: string }>(
        leader,
        `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
        [requestId],
      )
    )[0].id;

  const purchaseOrderSlice: DemoSlice = {
    table: 'purchase_orders',
    async seed(b) {
      const { manager: m, rep: r, customers: c } = b;
      const { makerId, productId } = await catalogueRows();
      const [contract] = await query<{ id: string }>(
        r,
        `SELECT id FROM contracts WHERE branch_id = $1 AND customer_id = $2 AND state = 'ACTIVE' ORDER BY created_at LIMIT 1`,
        [b.id, c['Orient Machinery']],
      );
      const order = await as(r, (ctx) =>
        orders.create(ctx, {
          customerId: c['Orient Machinery'],
          channel: OrderChannel.EMAIL,
          contractId: contract.id,
          receivedOn: day(0),
          reference: 'Call-off 1 of the annual supply',
          lines: [{ description: 'Electric hoist 2 t', quantity: '4', unitPrice: '38500.00' }],
        }),
      );
      await as(r, (ctx) => orders.confirm(ctx, order.id));
      const [line] = await as(m, (ctx) => orders.linesLoader(ctx).load(`${b.id}:${order.id}`));
      const po = await as(m, (ctx) =>
        purchaseOrders.create(ctx, {
          orderId: order.id,
          makerId,
          expectedOn: day(14),
          lines: [{ orderLineId: line.id, productId, quantity: '4', unitPrice: '24000.00' }],
          note: 'Deliver to the branch warehouse',
        }),
      );
      let reviewer = await financeOf(b);
      if (!reviewer) {
        await as(leader, (ctx) =>
          approvalSettings.setPolicy(ctx, b.id, 'PURCHASE_ORDER', {
            steps: [
              {
                name: 'Leadership (no finance reviewer in the branch)',
                approver: { kind: 'HQ_ROLE', role: Role.LEADERSHIP },
                slaHours: 8,
              },
            ],
            reminderPercents: [50, 90],
            maxEscalationLevel: 0,
          }),
        );
        reviewer = leader;
      }
      const submitted = await as(m, (ctx) => purchaseOrders.submit(ctx, po.id));
      const step = await pendingStep(submitted.approvalRequestId);
      await as(reviewer, (ctx) => approvals.approve(ctx, step, 'Contract and prices checked'));
      await as(m, (ctx) => purchaseOrders.place(ctx, po.id));
    },
  };

  const rmaSlice: DemoSlice = {
    table: 'rmas',
    async seed({ manager: m, rep: r, customers: c }) {
      const { productId } = await catalogueRows();
      const rma = await as(r, (ctx) =>
        rmas.create(ctx, {
          customerId: c['Orient Machinery'],
          productId,
          serialNumber: 'HST-2T-0419',
          problem: 'Hoist stops under load; brake noise',
        }),
      );
      await as(m, (ctx) => rmas.move(ctx, rma.id, { state: RmaState.ENGINEER_CONFIRMED }));
    },
  };

  return [purchaseOrderSlice, rmaSlice];
}
