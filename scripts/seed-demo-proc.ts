import type { INestApplicationContext } from '@nestjs/common';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { VendorKind } from '../src/modules/fulfillment/fulfillment.enums.js';
import { ProcurementRequestsService } from '../src/modules/fulfillment/procurement/procurement-requests.service.js';
import { SupplierQuotationsService } from '../src/modules/fulfillment/procurement/supplier-quotations.service.js';
import { VendorsService } from '../src/modules/fulfillment/vendors.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoPerson } from './seed-demo-work.js';

const SUPPLIERS = [
  { code: 'SUP-HZ', name: 'Hangzhou Industrial Supply' },
  { code: 'SUP-NB', name: 'Ningbo Rigging Trading' },
];
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
 * cheaper on the rope, the first on the hooks), so the comparison has something to show. The suppliers and products
 * are the organization's (head office keeps them), made once.
 */
export function procurementSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const vendors = app.get(VendorsService);
  const catalogue = app.get(CatalogueService);
  const requests = app.get(ProcurementRequestsService);
  const quotations = app.get(SupplierQuotationsService);

  const idsOf = async (table: 'vendors' | 'products', codes: string[]): Promise<Map<string, string>> => {
    const rows = await as(leader, async (ctx) =>
      (await ctx.tx()).query<{ id: string; code: string }>(`SELECT id, code FROM ${table} WHERE code = ANY($1)`, [
        codes,
      ]),
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  };

  /** The suppliers and products, found or made once for the organization. */
  const masters = async (): Promise<{ suppliers: string[]; products: string[] }> => {
    const v = await idsOf(
      'vendors',
      SUPPLIERS.map((s) => s.code),
    );
    for (const s of SUPPLIERS.filter((x) => !v.has(x.code))) {
      const made = await as(leader, (ctx) => vendors.create(ctx, { ...s, kind: VendorKind.SUPPLIER, country: 'CN' }));
      v.set(s.code, made.id);
    }
    const p = await idsOf(
      'products',
      PRODUCTS.map((x) => x.code),
    );
    for (const x of PRODUCTS.filter((y) => !p.has(y.code))) {
      const made = await as(leader, (ctx) => catalogue.create(ctx, x));
      p.set(x.code, made.id);
    }
    return { suppliers: SUPPLIERS.map((s) => v.get(s.code)!), products: PRODUCTS.map((x) => p.get(x.code)!) };
  };

  const requestSlice: DemoSlice = {
    table: 'procurement_requests',
    async seed({ manager: m }) {
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
    },
  };

  return [requestSlice];
}
