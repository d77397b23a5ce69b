import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { ApprovalSettingsService } from '../src/modules/approvals/approval-settings.service.js';
import { Role } from '../src/modules/branches/roles.js';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { VendorKind } from '../src/modules/fulfillment/fulfillment.enums.js';
import { ProcurementRequestsService } from '../src/modules/fulfillment/procurement/procurement-requests.service.js';
import { SupplierQuotationsService } from '../src/modules/fulfillment/procurement/supplier-quotations.service.js';
import { PurchaseContractReceiptsService } from '../src/modules/fulfillment/procurement/purchase-contract-receipts.service.js';
import { PurchaseContractsService } from '../src/modules/fulfillment/procurement/purchase-contracts.service.js';
import { IssuedTenderAwardService } from '../src/modules/fulfillment/procurement/issued-tender-award.service.js';
import { IssuedTenderBidsService } from '../src/modules/fulfillment/procurement/issued-tender-bids.service.js';
import { IssuedTendersService } from '../src/modules/fulfillment/procurement/issued-tenders.service.js';
import { StockService } from '../src/modules/fulfillment/stock.service.js';
import { VendorsService } from '../src/modules/fulfillment/vendors.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoBranch, DemoPerson } from './seed-demo-work.js';

const SUPPLIERS = [
  { code: 'SUP-HZ', name: 'Hangzhou Industrial Supply' },
  { code: 'SUP-NB', name: 'Ningbo Rigging Trading' },
];
/** The tender's third invited supplier (invited bidding needs at least three). */
const TENDER_SUPPLIERS = [...SUPPLIERS, { code: 'SUP-WX', name: 'Wuxi Lifting Equipment' }];
const TENDER_PRODUCT = {
  code: 'CH-3T',
  name: 'Chain hoist',
  specification: '3 t, 6 m lift, manual',
  unit: 'pcs',
  listPrice: '2600.00',
  costPrice: '1700.00',
};
/** The bidding window of the tender carried to its award: enough to announce it and record three bids on a busy
 * machine; the seed then waits for the deadline, since bids are opened only after it. */
const BIDDING_WINDOW_MS = 12_000;
const PRODUCTS = [
  {
    code: 'WR-10',
    name: 'Steel wire rope',
    specification: '10 mm, 6x19',
    unit: 'm',
    listPrice: '18.00',
    costPrice: '11.00',
  },
  {
    code: 'HK-5T',
    name: 'Hook block',
    specification: '5 t, swivel',
    unit: 'pcs',
    listPrice: '960.00',
    costPrice: '610.00',
  },
];

/**
 * The demo's procurement slice, in every branch, through the services as the API would: the branch manager records
 * a need for wire rope and hook blocks, plans it, asks two suppliers for quotations, and both offer (the second is
 * cheaper on the rope, the first on the hooks), so the comparison has something to show. Each line is awarded to its
 * cheapest offer: the rope contract (20 % deposit) is reviewed by finance, its deposit recorded and 250 of its 400 m
 * received into a receiving bay; the hook blocks' contract waits as a DRAFT. A branch without a finance reviewer
 * gets its own PURCHASE_CONTRACT policy (leadership reviews), as a branch may. The suppliers and products are the
 * organization's (head office keeps them), made once.
 */
export function procurementSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const vendors = app.get(VendorsService);
  const catalogue = app.get(CatalogueService);
  const requests = app.get(ProcurementRequestsService);
  const quotations = app.get(SupplierQuotationsService);
  const contracts = app.get(PurchaseContractsService);
  const receipts = app.get(PurchaseContractReceiptsService);
  const stock = app.get(StockService);
  const approvalSettings = app.get(ApprovalSettingsService);
  const approvals = app.get(ApprovalDecisionsService);

  const query = <T>(who: DemoPerson, sql: string, params: unknown[]) =>
    as(who, async (ctx) => (await ctx.tx()).query<T>(sql, params));

  /** The branch's finance reviewer; without one, leadership reviews (the branch's own PURCHASE_CONTRACT policy). */
  const reviewerOf = async (b: DemoBranch): Promise<DemoPerson> => {
    const [f] = await query<{ id: string }>(
      b.manager,
      'SELECT user_id AS id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1 LIMIT 1',
      [b.id, Role.FINANCE],
    );
    if (f) return { id: f.id, role: Role.FINANCE, branchId: b.id, headOffice: false };
    await as(leader, (ctx) =>
      approvalSettings.setPolicy(ctx, b.id, 'PURCHASE_CONTRACT', {
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
    return leader;
  };

  const idsOf = async (table: 'vendors' | 'products', codes: string[]): Promise<Map<string, string>> => {
    const rows = await as(leader, async (ctx) =>
      (await ctx.tx()).query<{ id: string; code: string }>(`SELECT id, code FROM ${table} WHERE code = ANY($1)`, [
        codes,
      ]),
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  };

  /** The suppliers and products, found or made once for the organization. */
  const masters = async (
    supplierList = SUPPLIERS,
    productList = PRODUCTS,
  ): Promise<{ suppliers: string[]; products: string[] }> => {
    const v = await idsOf(
      'vendors',
      supplierList.map((s) => s.code),
    );
    for (const s of supplierList.filter((x) => !v.has(x.code))) {
      const made = await as(leader, (ctx) => vendors.create(ctx, { ...s, kind: VendorKind.SUPPLIER, country: 'CN' }));
      v.set(s.code, made.id);
    }
    const p = await idsOf(
      'products',
      productList.map((x) => x.code),
    );
    for (const x of productList.filter((y) => !p.has(y.code))) {
      const made = await as(leader, (ctx) => catalogue.create(ctx, x));
      p.set(x.code, made.id);
    }
    return { suppliers: supplierList.map((s) => v.get(s.code)!), products: productList.map((x) => p.get(x.code)!) };
  };

  const requestSlice: DemoSlice = {
    table: 'procurement_requests',
    async seed(b) {
      const m = b.manager;
      const { suppliers, products } = await masters();
      const request = await as(m, (ctx) =>
        requests.create(ctx, {
          title: 'Rigging for the spring installations',
          reason: 'Three hoist installations in March need new rope and hook blocks',
          wantedBy: day(45),
          lines: [
            { productId: products[0], quantity: '400' },
            { productId: products[1], quantity: '6' },
          ],
        }),
      );
      await as(m, (ctx) =>
        requests.plan(ctx, request.id, {
          budget: '12000.00',
          orderBy: day(14),
          note: 'Competitive negotiation with two regular suppliers',
        }),
      );
      const asked = await as(m, (ctx) =>
        quotations.request(ctx, request.id, { vendorIds: suppliers, replyBy: day(7) }),
      );
      const lines = await as(m, (ctx) => requests.linesLoader(ctx).load(`${request.branchId}:${request.id}`));
      const prices = [
        ['12.40', '598.00'],
        ['11.90', '615.00'],
      ];
      for (const [i, q] of asked.entries()) {
        await as(m, (ctx) =>
          quotations.offer(ctx, q.id, {
            reference: `Q-${day(0).replace(/-/g, '')}-${i + 1}`,
            lines: lines.map((l, j) => ({
              requestLineId: l.id,
              unitPrice: prices[i][j],
              leadTimeDays: 10 + 5 * i,
              validUntil: day(30),
              terms: i === 0 ? '30 % deposit, rest on delivery' : '20 % deposit, rest 30 days after delivery',
            })),
          }),
        );
      }
      // Each line to its cheapest offer: the rope to Ningbo (20 % deposit), the hook blocks to Hangzhou.
      const rope = await as(m, (ctx) =>
        contracts.award(ctx, {
          quotationId: asked[1].id,
          requestLineIds: [lines[0].id],
          depositDue: '952.00',
          terms: '20 % deposit, rest 30 days after delivery',
        }),
      );
      await as(m, (ctx) => contracts.award(ctx, { quotationId: asked[0].id, requestLineIds: [lines[1].id] }));
      const reviewer = await reviewerOf(b);
      const submitted = await as(m, (ctx) => contracts.submit(ctx, rope.id));
      const [step] = await query<{ id: string }>(
        leader,
        `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
        [submitted.approvalRequestId],
      );
      await as(reviewer, (ctx) => approvals.approve(ctx, step.id, 'Prices and terms checked'));
      await as(reviewer, (ctx) => contracts.recordDeposit(ctx, rope.id, { amount: '952.00', paidOn: day(0) }));
      const bay = await as(m, (ctx) => stock.createLocation(ctx, { code: 'PROC', name: 'Receiving bay' }));
      const [line] = await as(m, (ctx) => contracts.linesLoader(ctx).load(`${b.id}:${rope.id}`));
      await as(m, (ctx) =>
        receipts.receive(ctx, rope.id, {
          locationId: bay.id,
          lines: [{ lineId: line.id, quantity: '250' }],
          note: 'First delivery: 250 m',
        }),
      );
    },
  };

  return [requestSlice, issuedTenderSlice(app, as, masters)];
}

/**
 * The demo's tender the company issues (招标), in every branch, through the services: the back-office clerk asks for
 * 8 chain hoists (`CH-3T`), plans the need and drafts a tender for it inviting three head-office suppliers, price
 * weighted 60 and two technical criteria (30 and 10), its committee the branch manager (chair), the clerk and finance;
 * then announces it. Beijing's tender has two sealed bids in and Shenzhen's none yet (deadline in ten days). Shanghai's
 * is carried to its award: its deadline a few seconds after the announcement (the bids must arrive before it and the
 * opening cannot come earlier, so the seed waits it out), three bids, opened, every member's scores, and the chair's
 * award to Hangzhou (not the cheapest: the best technical solution), which becomes a DRAFT purchase contract.
 */
function issuedTenderSlice(
  app: INestApplicationContext,
  as: ActAs,
  masters: (
    s: typeof TENDER_SUPPLIERS,
    p: (typeof PRODUCTS)[number][],
  ) => Promise<{ suppliers: string[]; products: string[] }>,
): DemoSlice {
  const requests = app.get(ProcurementRequestsService);
  const tenders = app.get(IssuedTendersService);
  const bids = app.get(IssuedTenderBidsService);
  const awards = app.get(IssuedTenderAwardService);
  return {
    table: 'issued_tenders',
    async seed(b) {
      const { manager, clerk, finance } = b;
      const { suppliers, products } = await masters(TENDER_SUPPLIERS, [TENDER_PRODUCT]);
      const request = await as(clerk, (ctx) =>
        requests.create(ctx, {
          title: 'Chain hoists for the workshop',
          reason: 'The workshop replaces its eight worn chain hoists before the winter overhaul',
          wantedBy: day(60),
          lines: [{ productId: products[0], quantity: '8' }],
        }),
      );
      await as(clerk, (ctx) =>
        requests.plan(ctx, request.id, {
          budget: '22000.00',
          orderBy: day(30),
          note: 'Above the competitive-negotiation limit: an invited tender',
        }),
      );
      const full = b.code === 'SH';
      const deadline = new Date(Date.now() + (full ? BIDDING_WINDOW_MS : 10 * 864e5));
      const drafted = await as(clerk, (ctx) =>
        tenders.create(ctx, {
          requestId: request.id,
          title: `${b.code} workshop chain hoists`,
          scope:
            '8 manual chain hoists, 3 t, 6 m lift, delivered to the branch workshop; 2 years warranty, on-site training',
          submissionDeadline: deadline,
          openingAt: deadline,
          priceWeight: '60',
          criteria: [
            { name: 'Technical solution', weight: '30' },
            { name: 'After-sales service', weight: '10' },
          ],
          committee: { memberIds: [manager.id, clerk.id, finance.id], chairId: manager.id },
          supplierIds: suppliers,
        }),
      );
      await as(clerk, (ctx) => tenders.announce(ctx, drafted.id));
      const lines = await as(clerk, (ctx) => tenders.linesLoader(ctx).load(`${b.id}:${drafted.id}`));
      // Per supplier (Hangzhou, Ningbo, Wuxi): the unit price, then each member's [technical, service] scores.
      const offers: [string, string[][]][] = [
        [
          '1650.00',
          [
            ['88', '90'],
            ['85', '90'],
            ['90', '85'],
          ],
        ],
        [
          '1720.00',
          [
            ['75', '80'],
            ['70', '80'],
            ['72', '85'],
          ],
        ],
        [
          '1580.00',
          [
            ['70', '70'],
            ['65', '75'],
            ['68', '70'],
          ],
        ],
      ];
      const received = full ? offers.length : b.code === 'BJ' ? 2 : 0;
      for (const [i, [price]] of offers.slice(0, received).entries()) {
        await as(clerk, (ctx) =>
          bids.record(ctx, drafted.id, {
            supplierId: suppliers[i],
            leadTimeDays: 15 + 5 * i,
            validUntil: day(90),
            lines: lines.map((l) => ({ tenderLineId: l.id, unitPrice: price })),
          }),
        );
      }
      if (!full) return;
      // The bids are opened at the deadline, not before: wait it out.
      await new Promise((res) => setTimeout(res, Math.max(0, deadline.getTime() - Date.now()) + 500));
      await as(clerk, (ctx) => bids.open(ctx, drafted.id));
      const [criteria, opened] = await as(
        clerk,
        async (ctx) =>
          [
            await tenders.criteriaLoader(ctx).load(`${b.id}:${drafted.id}`),
            await bids.bidsLoader(ctx).load(`${b.id}:${drafted.id}`),
          ] as const,
      );
      const members = [manager, clerk, finance];
      for (const [i, [, perMember]] of offers.entries()) {
        const bid = opened.find((x) => x.vendorId === suppliers[i])!;
        for (const [m, scores] of perMember.entries()) {
          await as(members[m], (ctx) =>
            bids.score(
              ctx,
              bid.id,
              criteria.map((c, j) => ({ criterionId: c.id, score: scores[j] })),
            ),
          );
        }
      }
      await as(manager, (ctx) => awards.award(ctx, drafted.id));
    },
  };
}
