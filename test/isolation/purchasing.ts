import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import {
  api,
  owner,
  org1,
  slots,
  tokens,
  type Case,
  type Slot,
  type SeedContext,
  type Actor,
  type IdKind,
  allCases,
} from './harness.js';

/** Isolation cases of Purchase orders to makers and RMA. */
export interface PurchasingSlot {
  /** A CONFIRMED purchase order (maker: the slot's vendor) of 1 of the released order's line, and that line. */
  purchaseOrder: string;
  purchaseOrderLine: string;
  /** A REQUESTED RMA of the slot's customer, owned by the slot's user. */
  rma: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['purchase_orders', 'purchase_order_lines', 'purchase_order_counters', 'rmas', 'rma_settings'];

export const cases: Case[] = [
  {
    name: 'purchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseOrder(id: $id) { id lines { id product { id } } maker { id } owner { id } branch { id } } }`,
  },
  ...(['branchId', 'orderId'] as const).map((f) => ({
    name: `purchaseOrders(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'releasedOrder') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseOrders(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'purchaseOrders(filter: { makerId })',
    kind: 'vendor',
    orgLevel: true,
    doc: `query($id: ID!) { purchaseOrders(first: 50, filter: { makerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'purchaseOrders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { purchaseOrders { totalCount edges { node { id lines { id } } } } }`,
  },
  ...(
    [
      ['orderId', 'releasedOrder', false],
      ['orderLineId', 'releasedOrderLine', false],
      ['makerId', 'vendor', true],
      ['productId', 'product', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `createPurchaseOrder(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($o: ID!, $l: ID!, $p: ID!, $m: ID!) { createPurchaseOrder(input: { orderId: $o, makerId: $m,
            lines: [{ orderLineId: $l, productId: $p, quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      o: me.own.releasedOrder,
      l: me.own.releasedOrderLine,
      p: me.own.product,
      m: me.own.vendor,
      [{ orderId: 'o', orderLineId: 'l', makerId: 'm', productId: 'p' }[arg]]: id,
    }),
  })),
  ...(['submitPurchaseOrder', 'placePurchaseOrder', 'closePurchaseOrder'] as const).map((m) => ({
    name: `${m}(id)`,
    kind: 'purchaseOrder' as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(id: $id) { id state } }`,
  })),
  {
    name: 'cancelPurchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelPurchaseOrder(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'confirmPurchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { confirmPurchaseOrder(id: $id, input: { confirmedOn: "2026-01-02", reference: "Probe" }) {
            id state } }`,
  },
  ...(
    [
      ['id', 'purchaseOrder'],
      ['locationId', 'location'],
      ['lineId', 'purchaseOrderLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `receivePurchaseOrder(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($po: ID!, $loc: ID!, $line: ID!) { receivePurchaseOrder(id: $po, input: { locationId: $loc,
            lines: [{ lineId: $line, quantity: "1" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      po: me.own.purchaseOrder,
      loc: me.own.location,
      line: me.own.purchaseOrderLine,
      [{ id: 'po', locationId: 'loc', lineId: 'line' }[arg]]: id,
    }),
  })),
  {
    name: 'rma(id)',
    kind: 'rma',
    doc: `query($id: ID!) { rma(id: $id) { id owner { id } engineer { id } product { id } maker { id } branch { id } } }`,
  },
  ...(['branchId', 'customerId'] as const).map((f) => ({
    name: `rmas(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'customer') as IdKind,
    doc: `query($id: ID!) { rmas(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'rmas with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { rmas { totalCount edges { node { id } } } }`,
  },
  {
    name: 'openRmasByAge(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { openRmasByAge(branchId: $id) { branchId state open overdue } }`,
  },
  {
    name: 'openRmasByAge with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { openRmasByAge { branchId state open } }`,
  },
  {
    name: 'rmaSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { rmaSettings(branchId: $id) { branchId requestedHours } }`,
  },
  {
    name: 'updateRmaSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateRmaSettings(input: { branchId: $id, requestedHours: 3 }) { branchId } }`,
  },
  {
    name: 'createRma(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createRma(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createRma(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createRma(input: { branchId: $id, customerId: $customer, problem: "Probe" }) {
            id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'createRma(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createRma(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'createRma(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createRma(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, productId: $id, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
    }),
  },
  {
    name: 'moveRma(id)',
    kind: 'rma',
    doc: `mutation($id: ID!) { moveRma(id: $id, input: { state: ENGINEER_CONFIRMED }) { id state } }`,
  },
];

export async function seedSlot({ branch, u, name, orgId }: SeedContext, slot: Slot): Promise<void> {
  const { customer, product, releasedOrder, releasedOrderLine, vendor } = slot;
  const purchaseOrder = randomUUID();
  const purchaseOrderLine = randomUUID();
  await owner.query(
    `INSERT INTO purchase_orders (branch_id, id, number, order_id, organization_id, maker_id, owner_id, state, currency,
         amount, placed_at, maker_confirmed_on, maker_reference, confirmed_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CONFIRMED', 'CNY', 55.00, now(), '2026-11-25', 'MK-1', now(), $7)`,
    [branch, purchaseOrder, `PO-${name}-1`, releasedOrder, orgId, vendor, u.id],
  );
  await owner.query(
    `INSERT INTO purchase_order_lines (branch_id, id, purchase_order_id, position, order_id, order_line_id,
         organization_id, product_id, quantity, unit_price, line_total) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, 1, 55, 55)`,
    [branch, purchaseOrderLine, purchaseOrder, releasedOrder, releasedOrderLine, orgId, product],
  );
  await owner.query(
    `INSERT INTO purchase_order_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = purchase_order_counters.last + 1`,
    [branch],
  );
  const rma = randomUUID();
  await owner.query(
    `INSERT INTO rmas (branch_id, id, customer_id, owner_id, organization_id, product_id, problem, state_due_at,
         overdue_check_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'Seed fault', now() + interval '30 days', now() + interval '30 days', $4)`,
    [branch, rma, customer, u.id, orgId, product],
  );
  await owner.query(
    `INSERT INTO rma_settings (branch_id, requested_hours, engineer_confirmed_hours, checked_hours, at_maker_hours,
         returned_hours, escalation_hours) VALUES ($1, 8, 16, 16, 160, 40, 8) ON CONFLICT (branch_id) DO NOTHING`,
    [branch],
  );
  Object.assign(slot, { purchaseOrder, purchaseOrderLine, rma });
}

export function afterOwnIds(): void {
  it('purchase order and RMA probes are not vacuous: own ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const m = tokens.managerA1;
    // Branch A's second slot: the other fulfillment probes count the first slot's stock movements.
    const po = await ok(m, byName('purchaseOrder(id)'), { id: slots.A2.purchaseOrder });
    expect(po.purchaseOrder.id).toBe(slots.A2.purchaseOrder);
    const listed = await ok(m, byName('purchaseOrders(filter: { orderId })'), { id: slots.A2.releasedOrder });
    expect(listed.purchaseOrders.totalCount).toBe(1);
    await ok(m, byName('createPurchaseOrder(orderId)'), {
      o: slots.A2.releasedOrder,
      l: slots.A2.releasedOrderLine,
      p: slots.A2.product,
      m: slots.A2.vendor,
    });
    const received = await ok(m, byName('receivePurchaseOrder(id)'), {
      po: slots.A2.purchaseOrder,
      loc: slots.A2.location,
      line: slots.A2.purchaseOrderLine,
    });
    expect(received.receivePurchaseOrder.state).toBe('RECEIVED');
    await ok(m, byName('closePurchaseOrder(id)'), { id: slots.A2.purchaseOrder });
    const rep = tokens.repA1;
    expect((await ok(rep, byName('rma(id)'), { id: slots.A1.rma })).rma.id).toBe(slots.A1.rma);
    const rmas = await ok(rep, byName('rmas(filter: { customerId })'), { id: slots.A1.customer });
    expect(rmas.rmas.totalCount).toBe(1);
    await ok(rep, byName('createRma(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
    await ok(rep, byName('moveRma(id)'), { id: slots.A1.rma });
    await ok(m, byName('updateRmaSettings(branchId)'), { id: org1.a.id });
    const ages = await ok(tokens.admin1, byName('openRmasByAge(branchId)'), { id: org1.a.id });
    expect((ages.openRmasByAge as unknown as unknown[]).length).toBeGreaterThan(0);
  });
}
