import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import {
  api,
  owner,
  slots,
  tokens,
  type Actor,
  type Case,
  type IdKind,
  type SeedContext,
  type Slot,
  allCases,
} from './harness.js';

/** Isolation cases of procurement from suppliers: requests, requests for quotation and offers, the comparison. */
export interface ProcurementSlot {
  /** A SOURCING procurement request (planned) of 2 of the slot's product, wanted by 2099-12-31, and its line. */
  procurementRequest: string;
  procurementRequestLine: string;
  /** An OFFERED request for quotation of that request to the slot's vendor, with an offer for the line. */
  supplierQuotation: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'procurement_requests',
  'procurement_request_lines',
  'supplier_quotations',
  'supplier_offer_lines',
  'procurement_request_counters',
];

const own = (me: Actor) => ({ branch: me.headOffice ? me.own.branch : null, buyer: me.headOffice ? me.user.id : null });

export const cases: Case[] = [
  {
    name: 'procurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `query($id: ID!) { procurementRequest(id: $id) { id lines { id product { id } }
            quotations { id supplier { id } offerLines { id } createdBy { id } } buyer { id } branch { id } } }`,
  },
  {
    name: 'procurementRequests(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { procurementRequests(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'procurementRequests with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { procurementRequests { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'procurementComparison(requestId)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `query($id: ID!) { procurementComparison(requestId: $id) { requestLineId product { id }
            offers { quotationId supplier { id } unitPrice cheapest } } }`,
  },
  ...(
    [
      ['branchId', 'branch', false],
      ['buyerId', 'user', false],
      ['productId', 'product', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `createProcurementRequest(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: arg === 'buyerId' }),
    doc: `mutation($b: ID, $u: ID, $p: ID!) { createProcurementRequest(input: { branchId: $b, buyerId: $u,
            title: "Probe", reason: "Probe", wantedBy: "2099-12-31", lines: [{ productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      b: own(me).branch,
      u: own(me).buyer,
      p: me.own.product,
      [{ branchId: 'b', buyerId: 'u', productId: 'p' }[arg]]: id,
    }),
  })),
  {
    name: 'planProcurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { planProcurementRequest(id: $id, input: { budget: "1.00", orderBy: "2099-01-01" }) {
            id state } }`,
  },
  {
    name: 'cancelProcurementRequest(id)',
    kind: 'procurementRequest',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelProcurementRequest(id: $id, reason: "Probe") { id state } }`,
  },
  ...(
    [
      ['id', 'procurementRequest', false],
      ['vendorIds', 'vendor', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `requestSupplierQuotations(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($r: ID!, $v: ID!) { requestSupplierQuotations(id: $r, input: { vendorIds: [$v], replyBy: "2099-01-01" }) {
            id } }`,
    vars: (id: string, me: Actor) => ({
      r: me.own.procurementRequest,
      v: me.own.vendor,
      [{ id: 'r', vendorIds: 'v' }[arg]]: id,
    }),
  })),
  ...(
    [
      ['id', 'supplierQuotation'],
      ['requestLineId', 'procurementRequestLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `recordSupplierOffer(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($q: ID!, $l: ID!) { recordSupplierOffer(id: $q, input: { lines: [{ requestLineId: $l, unitPrice: "1.00",
            leadTimeDays: 1, validUntil: "2099-01-01" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      q: me.own.supplierQuotation,
      l: me.own.procurementRequestLine,
      [{ id: 'q', requestLineId: 'l' }[arg]]: id,
    }),
  })),
  {
    name: 'declineSupplierQuotation(id)',
    kind: 'supplierQuotation',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { declineSupplierQuotation(id: $id, reason: "Probe") { id state } }`,
  },
];

export async function seedSlot({ branch, u, name, orgId }: SeedContext, slot: Slot): Promise<void> {
  const { product, vendor } = slot;
  const procurementRequest = randomUUID();
  const procurementRequestLine = randomUUID();
  const supplierQuotation = randomUUID();
  await owner.query(
    `INSERT INTO procurement_requests (branch_id, id, number, title, reason, wanted_by, buyer_id, state, currency,
         plan_budget, plan_order_by, planned_at, created_by)
       VALUES ($1, $2, $3, 'Seed need', 'Seed reason', '2099-12-31', $4, 'SOURCING', 'CNY', 500.00, '2099-06-01', now(), $4)`,
    [branch, procurementRequest, `PR-${name}-1`, u.id],
  );
  await owner.query(
    `INSERT INTO procurement_request_lines (branch_id, id, request_id, position, organization_id, product_id, quantity)
       VALUES ($1, $2, $3, 1, $4, $5, 2)`,
    [branch, procurementRequestLine, procurementRequest, orgId, product],
  );
  await owner.query(
    `INSERT INTO supplier_quotations (branch_id, id, request_id, organization_id, vendor_id, state, reply_by, offered_at,
         created_by) VALUES ($1, $2, $3, $4, $5, 'OFFERED', '2099-01-01', now(), $6)`,
    [branch, supplierQuotation, procurementRequest, orgId, vendor, u.id],
  );
  await owner.query(
    `INSERT INTO supplier_offer_lines (branch_id, id, quotation_id, request_line_id, unit_price, lead_time_days,
         valid_until) VALUES ($1, $2, $3, $4, 40.00, 10, '2099-01-01')`,
    [branch, randomUUID(), supplierQuotation, procurementRequestLine],
  );
  await owner.query(
    `INSERT INTO procurement_request_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = procurement_request_counters.last + 1`,
    [branch],
  );
  Object.assign(slot, { procurementRequest, procurementRequestLine, supplierQuotation });
}

export function afterOwnIds(): void {
  it('procurement probes are not vacuous: own ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, unknown>;
    };
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const m = tokens.managerA1;
    const a2 = slots.A2;
    const got = await ok(m, byName('procurementRequest(id)'), { id: a2.procurementRequest });
    expect((got.procurementRequest as { id: string }).id).toBe(a2.procurementRequest);
    const cmp = (await ok(m, byName('procurementComparison(requestId)'), { id: a2.procurementRequest }))
      .procurementComparison as { offers: { cheapest: boolean }[] }[];
    expect(cmp.map((l) => l.offers.map((o) => o.cheapest))).toEqual([[true]]);
    await ok(m, byName('createProcurementRequest(productId)'), { b: null, u: null, p: a2.product });
    const offered = await ok(m, byName('recordSupplierOffer(id)'), {
      q: a2.supplierQuotation,
      l: a2.procurementRequestLine,
    });
    expect((offered.recordSupplierOffer as { state: string }).state).toBe('OFFERED');
    const listed = (await ok(tokens.admin1, byName('procurementRequests(filter: { branchId })'), { id: a2.branch }))
      .procurementRequests as { totalCount: number };
    expect(listed.totalCount).toBeGreaterThan(0);
  });
}
