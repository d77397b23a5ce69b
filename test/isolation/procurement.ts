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
  /** An IN_DELIVERY purchase contract (no deposit) awarded from that offer: the line, 2 of the product, none received. */
  purchaseContract: string;
  purchaseContractLine: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'procurement_requests',
  'procurement_request_lines',
  'supplier_quotations',
  'supplier_offer_lines',
  'procurement_request_counters',
  'purchase_contracts',
  'purchase_contract_lines',
  'purchase_contract_counters',
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
  {
    name: 'purchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseContract(id: $id) { id lines { id product { id } } supplier { id } buyer { id }
            branch { id } createdBy { id } depositRecordedBy { id } } }`,
  },
  ...(
    [
      ['branchId', 'branch', false],
      ['requestId', 'procurementRequest', false],
      ['supplierId', 'vendor', true],
    ] as const
  ).map(([f, kind, orgLevel]) => ({
    name: `purchaseContracts(filter: { ${f} })`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: f !== 'branchId' }),
    doc: `query($id: ID!) { purchaseContracts(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'purchaseContracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { purchaseContracts { totalCount edges { node { id lines { id } } } } }`,
  },
  ...(
    [
      ['quotationId', 'supplierQuotation'],
      ['requestLineIds', 'procurementRequestLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `awardPurchaseContract(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($q: ID!, $l: ID!) { awardPurchaseContract(input: { quotationId: $q, requestLineIds: [$l] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      q: me.own.supplierQuotation,
      l: me.own.procurementRequestLine,
      [{ quotationId: 'q', requestLineIds: 'l' }[arg]]: id,
    }),
  })),
  ...(['submitPurchaseContract', 'closePurchaseContract'] as const).map((m) => ({
    name: `${m}(id)`,
    kind: 'purchaseContract' as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(id: $id) { id state } }`,
  })),
  {
    name: 'cancelPurchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelPurchaseContract(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'recordPurchaseContractDeposit(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordPurchaseContractDeposit(id: $id, input: { amount: "1.00", paidOn: "2026-01-02" }) {
            id state } }`,
  },
  {
    name: 'followUpPurchaseContract(id)',
    kind: 'purchaseContract',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { followUpPurchaseContract(id: $id, input: { expectedOn: "2099-01-01", note: "Probe" }) {
            id state } }`,
  },
  ...(
    [
      ['id', 'purchaseContract'],
      ['locationId', 'location'],
      ['lineId', 'purchaseContractLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `receivePurchaseContract(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($c: ID!, $loc: ID!, $line: ID!) { receivePurchaseContract(id: $c, input: { locationId: $loc,
            lines: [{ lineId: $line, quantity: "1" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      c: me.own.purchaseContract,
      loc: me.own.location,
      line: me.own.purchaseContractLine,
      [{ id: 'c', locationId: 'loc', lineId: 'line' }[arg]]: id,
    }),
  })),
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
  const offerLine = randomUUID();
  await owner.query(
    `INSERT INTO supplier_offer_lines (branch_id, id, quotation_id, request_line_id, unit_price, lead_time_days,
         valid_until) VALUES ($1, $2, $3, $4, 40.00, 10, '2099-01-01')`,
    [branch, offerLine, supplierQuotation, procurementRequestLine],
  );
  const purchaseContract = randomUUID();
  const purchaseContractLine = randomUUID();
  await owner.query(
    `INSERT INTO purchase_contracts (branch_id, id, number, request_id, quotation_id, organization_id, vendor_id,
         buyer_id, state, currency, amount, deposit_due, expected_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'IN_DELIVERY', 'CNY', 80.00, 0, '2099-01-01', $8)`,
    [branch, purchaseContract, `PC-${name}-1`, procurementRequest, supplierQuotation, orgId, vendor, u.id],
  );
  await owner.query(
    `INSERT INTO purchase_contract_lines (branch_id, id, contract_id, position, request_id, request_line_id,
         offer_line_id, organization_id, product_id, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, 2, 40.00, 80.00)`,
    [
      branch,
      purchaseContractLine,
      purchaseContract,
      procurementRequest,
      procurementRequestLine,
      offerLine,
      orgId,
      product,
    ],
  );
  await owner.query(
    `INSERT INTO purchase_contract_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = purchase_contract_counters.last + 1`,
    [branch],
  );
  await owner.query(
    `INSERT INTO procurement_request_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = procurement_request_counters.last + 1`,
    [branch],
  );
  Object.assign(slot, {
    procurementRequest,
    procurementRequestLine,
    supplierQuotation,
    purchaseContract,
    purchaseContractLine,
  });
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
    const contract = await ok(m, byName('purchaseContract(id)'), { id: a2.purchaseContract });
    expect((contract.purchaseContract as { id: string }).id).toBe(a2.purchaseContract);
    const received = await ok(m, byName('receivePurchaseContract(id)'), {
      c: a2.purchaseContract,
      loc: a2.location,
      line: a2.purchaseContractLine,
    });
    expect((received.receivePurchaseContract as { state: string }).state).toBe('PARTLY_RECEIVED');
    await ok(m, byName('closePurchaseContract(id)'), { id: a2.purchaseContract });
  });
}
