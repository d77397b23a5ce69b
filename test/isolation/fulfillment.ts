import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import {
  api,
  owner,
  org1,
  org2,
  slots,
  tokens,
  snapshot,
  rt,
  attempt,
  scope,
  type Case,
  type Slot,
  type SeedContext,
  type Actor,
  type IdKind,
  allCases,
} from './harness.js';

/** Isolation cases of Fulfillment: catalogue, vendors, stock, shipments, the shipping rule and delivery. */
export interface FulfillmentSlot {
  /** An organization product (maker: the slot's vendor) with a branch price in the slot's branch. */
  product: string;
  /** A MAKER_AND_SUPPLIER vendor of the organization, with a contact, supplying the product. */
  vendor: string;
  /** A warehouse location of the slot's branch holding 5 of the product (one receipt). */
  location: string;
  /** A RELEASED order (one line of 3) the slot's user owns, with one PREPARED shipment from the maker of 1. */
  releasedOrder: string;
  releasedOrderLine: string;
  shipment: string;
  /** A DELIVERED shipment (from the maker, 1 of 1) of another RELEASED order the slot's user owns. */
  deliveredShipment: string;
  /** An OPEN stock count of a second location of the branch (nothing on its book), with the product's line. */
  stockCount: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'branch_product_prices',
  'warehouse_locations',
  'stock_levels',
  'stock_movements',
  'shipments',
  'shipment_lines',
  'shipment_events',
  'stock_counts',
  'stock_count_lines',
];

export const cases: Case[] = [
  { name: 'product(id)', kind: 'product', orgLevel: true, doc: `query($id: ID!) { product(id: $id) { id code } }` },
  {
    name: 'updateProduct(id)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!) { updateProduct(id: $id, input: { name: "Probe" }) { id } }`,
  },
  {
    name: 'setBranchPrice(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID) { setBranchPrice(input: { productId: $id, branchId: $branch, price: "1.00" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'setBranchPrice(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { setBranchPrice(input: { productId: $p, branchId: $id, price: "1.00" }) { id } }`,
    vars: (id, me) => ({ id, p: me.own.product }),
  },
  {
    name: 'products(filter: { makerId })',
    kind: 'vendor',
    orgLevel: true,
    doc: `query($id: ID!) { products(first: 50, filter: { makerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createProduct(makerId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { createProduct(input: { code: "PROBE", name: "Probe", unit: "pcs", listPrice: "1.00",
            costPrice: "1.00", makerId: $id }) { id } }`,
  },
  { name: 'vendor(id)', kind: 'vendor', orgLevel: true, doc: `query($id: ID!) { vendor(id: $id) { id code } }` },
  {
    name: 'updateVendor(id)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { updateVendor(id: $id, input: { name: "Probe" }) { id } }`,
  },
  {
    name: 'addVendorContact(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { addVendorContact(input: { vendorId: $id, name: "Probe", phone: "1" }) { id } }`,
  },
  {
    name: 'setVendorProduct(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!, $p: ID!) { setVendorProduct(input: { vendorId: $id, productId: $p }) { id } }`,
    vars: (id, me) => ({ id, p: me.own.product }),
  },
  {
    name: 'setVendorProduct(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $v: ID!) { setVendorProduct(input: { vendorId: $v, productId: $id }) { id } }`,
    vars: (id, me) => ({ id, v: me.own.vendor }),
  },
  {
    name: 'removeVendorProduct(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!, $p: ID!) { removeVendorProduct(vendorId: $id, productId: $p) { id } }`,
    vars: (id, me) => ({ id, p: me.own.product }),
  },
  {
    name: 'warehouseLocations(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { warehouseLocations(first: 50, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'warehouseLocations with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { warehouseLocations { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createWarehouseLocation(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createWarehouseLocation(input: { branchId: $id, code: "PROBE", name: "Probe" }) { id } }`,
  },
  ...(['branchId', 'productId', 'locationId'] as const).map((f) => ({
    name: `stockLevels(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : f === 'productId' ? 'product' : 'location') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockLevels(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id onHand } } } }`,
  })),
  {
    name: 'stockLevels with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { stockLevels { totalCount edges { node { id product { id } location { id } } } } }`,
  },
  {
    name: 'stockMovements(productId)',
    kind: 'product',
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockMovements(productId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'stockMovements(filter: { locationId })',
    kind: 'location',
    colleagueAllowed: true,
    doc: `query($id: ID!, $p: ID!) { stockMovements(productId: $p, filter: { locationId: $id }) { totalCount edges { node { id } } } }`,
    vars: (id, me) => ({ id, p: me.own.product }),
  },
  {
    name: 'stockValues(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { stockValues(branchId: $id) { branchId value } }`,
  },
  {
    name: 'stockValues with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { stockValues { branchId value } }`,
  },
  ...(
    [
      ['receiveStock', 'ReceiveStockInput', 'quantity: "1", cause: RETURN'],
      ['issueStock', 'IssueStockInput', 'quantity: "1"'],
      ['adjustStock', 'AdjustStockInput', 'countedQuantity: "1", note: "Probe"'],
    ] as const
  ).flatMap(([m, , rest]) => [
    {
      name: `${m}(locationId)`,
      kind: 'location' as IdKind,
      colleagueAllowed: true,
      doc: `mutation($id: ID!, $p: ID!) { ${m}(input: { locationId: $id, productId: $p, ${rest} }) { id onHand } }`,
      vars: (id: string, me: Actor) => ({ id, p: me.own.product }),
    },
    {
      name: `${m}(productId)`,
      kind: 'product' as IdKind,
      orgLevel: true,
      doc: `mutation($id: ID!, $l: ID!) { ${m}(input: { locationId: $l, productId: $id, ${rest} }) { id onHand } }`,
      vars: (id: string, me: Actor) => ({ id, l: me.own.location }),
    },
  ]),
  {
    name: 'shipment(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `query($id: ID!) { shipment(id: $id) { id lines { id product { id } } events { toStatus } location { id } } }`,
  },
  ...(['branchId', 'orderId'] as const).map((f) => ({
    name: `shipments(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'releasedOrder') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { shipments(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'shipments with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { shipments { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'orderShipping(orderId)',
    kind: 'releasedOrder',
    colleagueAllowed: true,
    doc: `query($id: ID!) { orderShipping(orderId: $id) { orderLineId shipped } }`,
  },
  {
    name: 'createShipment(orderId)',
    kind: 'releasedOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $l: ID!, $p: ID!) { createShipment(input: { orderId: $id, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, l: me.own.releasedOrderLine, p: me.own.product }),
  },
  {
    name: 'createShipment(locationId)',
    kind: 'location',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!, $l: ID!, $p: ID!) { createShipment(input: { orderId: $o, mode: FROM_STOCK,
            locationId: $id, consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $p,
            quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.own.releasedOrder, l: me.own.releasedOrderLine, p: me.own.product }),
  },
  {
    name: 'createShipment(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $o: ID!, $l: ID!) { createShipment(input: { orderId: $o, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $id, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.own.releasedOrder, l: me.own.releasedOrderLine }),
  },
  {
    name: 'createShipment(orderLineId)',
    kind: 'releasedOrderLine',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!, $p: ID!) { createShipment(input: { orderId: $o, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $id, productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.own.releasedOrder, p: me.own.product }),
  },
  {
    name: 'recordShipmentEvent(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordShipmentEvent(id: $id, input: { status: SHIPPED }) { id status } }`,
  },
  {
    name: 'cancelShipment(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelShipment(id: $id, reason: "Probe") { id status } }`,
  },
  {
    name: 'shippingBreaches(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { shippingBreaches(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'shippingBreaches with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { shippingBreaches(first: 50) { totalCount edges { node { id shippingBreached } } } }`,
  },
  {
    name: 'signingToShipment(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { signingToShipment(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) {
            branchId signed breaches awaitingRelease } }`,
  },
  {
    name: 'signingToShipment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { signingToShipment(input: { from: "2026-01-01", to: "2026-12-31" }) { branchId signed breaches } }`,
  },
  {
    name: 'recordDeliveryReceipt(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $f: ID!) { recordDeliveryReceipt(id: $id, input: { signedBy: "Probe",
            signedAt: "2026-01-01T00:00:00Z", scanFileId: $f }) { id status } }`,
    vars: (id) => ({ id, f: randomUUID() }),
  },
  {
    name: 'recordDeliveryReceipt(scanFileId)',
    kind: 'file',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $s: ID!) { recordDeliveryReceipt(id: $s, input: { signedBy: "Probe",
            signedAt: "${new Date().toISOString()}", scanFileId: $id }) { id status } }`,
    vars: (id, me) => ({ id, s: me.own.deliveredShipment || randomUUID() }),
  },
  {
    name: 'acceptShipment(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { acceptShipment(id: $id) { id status } }`,
  },
  {
    name: 'rejectShipment(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { rejectShipment(id: $id, reason: "Probe") { id status } }`,
  },
  // ---- stock counts (ful) ----
  {
    name: 'stockCount(id)',
    kind: 'stockCount',
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockCount(id: $id) { id status lines { productId product { id } } location { id } } }`,
  },
  {
    name: 'stockCounts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { stockCounts(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'stockCounts(filter: { locationId })',
    kind: 'location',
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockCounts(first: 50, filter: { locationId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'openStockCount(locationId)',
    kind: 'location',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { openStockCount(input: { locationId: $id }) { id } }`,
  },
  {
    name: 'recordStockCount(id)',
    kind: 'stockCount',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $p: ID!) { recordStockCount(id: $id, input: { lines: [{ productId: $p, countedQuantity: "0" }] }) {
            id } }`,
    vars: (id, me) => ({ id, p: me.own.product }),
  },
  {
    name: 'closeStockCount(id)',
    kind: 'stockCount',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { closeStockCount(id: $id) { id status } }`,
  },
  // ---- end stock counts (ful) ----
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { contract, customer } = slot;
  const [{ organization_id: orgId }] = (
    await owner.query<{ organization_id: string }>('SELECT organization_id FROM branches WHERE id = $1', [branch])
  ).rows;
  const vendor = randomUUID();
  await owner.query(
    `INSERT INTO vendors (organization_id, id, code, name, kind, created_by) VALUES ($1, $2, $3, $4, 'MAKER_AND_SUPPLIER', $5)`,
    [orgId, vendor, `V-${name}`, `${name} Works`, u.id],
  );
  await owner.query(
    `INSERT INTO vendor_contacts (organization_id, id, vendor_id, name, phone) VALUES ($1, $2, $3, 'Seed seller', '+86 1')`,
    [orgId, randomUUID(), vendor],
  );
  const product = randomUUID();
  await owner.query(
    `INSERT INTO products (organization_id, id, code, name, unit, list_price, cost_price, maker_id, created_by)
       VALUES ($1, $2, $3, $4, 'pcs', 100, 60, $5, $6)`,
    [orgId, product, `P-${name}`, `${name} pump`, vendor, u.id],
  );
  await owner.query(
    `INSERT INTO vendor_products (organization_id, id, vendor_id, product_id, price) VALUES ($1, $2, $3, $4, 55)`,
    [orgId, randomUUID(), vendor, product],
  );
  await owner.query(
    `INSERT INTO branch_product_prices (branch_id, id, organization_id, product_id, price, updated_by)
       VALUES ($1, $2, $3, $4, 95, $5)`,
    [branch, randomUUID(), orgId, product, u.id],
  );
  const location = randomUUID();
  await owner.query(
    `INSERT INTO warehouse_locations (branch_id, id, code, name, created_by) VALUES ($1, $2, $3, 'Seed store', $4)`,
    [branch, location, `W-${name}`, u.id],
  );
  await owner.query(
    `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       VALUES ($1, $2, $3, $4, $5, 5)`,
    [branch, randomUUID(), orgId, product, location],
  );
  await owner.query(
    `INSERT INTO stock_movements (branch_id, id, organization_id, product_id, location_id, cause, quantity,
         on_hand_after, actor_id) VALUES ($1, $2, $3, $4, $5, 'PURCHASE_RECEIPT', 5, 5, $6)`,
    [branch, randomUUID(), orgId, product, location, u.id],
  );
  const countLocation = randomUUID();
  const stockCount = randomUUID();
  await owner.query(
    `INSERT INTO warehouse_locations (branch_id, id, code, name, created_by) VALUES ($1, $2, $3, 'Counted store', $4)`,
    [branch, countLocation, `C-${name}`, u.id],
  );
  await owner.query(`INSERT INTO stock_counts (branch_id, id, location_id, opened_by) VALUES ($1, $2, $3, $4)`, [
    branch,
    stockCount,
    countLocation,
    u.id,
  ]);
  await owner.query(
    `INSERT INTO stock_count_lines (branch_id, id, count_id, organization_id, product_id, book_quantity)
       VALUES ($1, $2, $3, $4, $5, 0)`,
    [branch, randomUUID(), stockCount, orgId, product],
  );
  const releasedOrder = randomUUID();
  await owner.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 300.00, 'CNY', 'RELEASED', now(), $4)`,
    [branch, releasedOrder, customer, u.id, contract],
  );
  const releasedOrderLine = randomUUID();
  await owner.query(
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 3, 100.00, 300.00)`,
    [branch, releasedOrderLine, releasedOrder],
  );
  const shipment = randomUUID();
  await owner.query(
    `INSERT INTO shipments (branch_id, id, order_id, mode, consignee_place, consignee_person, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'Seed site', 'Seed person', $4)`,
    [branch, shipment, releasedOrder, u.id],
  );
  await owner.query(
    `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
    [branch, randomUUID(), shipment, releasedOrder, releasedOrderLine, orgId, product],
  );
  await owner.query(
    `INSERT INTO shipment_events (branch_id, id, shipment_id, to_status, at, actor_id)
       VALUES ($1, $2, $3, 'PREPARED', now(), $4)`,
    [branch, randomUUID(), shipment, u.id],
  );
  // The released order broke the one-working-day rule: signed 50 hours ago, due 20 hours ago, nothing shipped.
  await owner.query(
    `UPDATE orders SET signed_at = now() - interval '50 hours', ship_by = now() - interval '20 hours'
       WHERE branch_id = $1 AND id = $2`,
    [branch, releasedOrder],
  );
  const deliveryOrder = randomUUID();
  await owner.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 100.00, 'CNY', 'RELEASED', now(), $4)`,
    [branch, deliveryOrder, customer, u.id, contract],
  );
  const deliveryLine = randomUUID();
  await owner.query(
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 1, 100.00, 100.00)`,
    [branch, deliveryLine, deliveryOrder],
  );
  const deliveredShipment = randomUUID();
  await owner.query(
    `INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person, shipped_at,
         delivered_at, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'DELIVERED', 'Seed site', 'Seed person', now() - interval '2 hours',
         now() - interval '1 hour', $4)`,
    [branch, deliveredShipment, deliveryOrder, u.id],
  );
  await owner.query(
    `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
    [branch, randomUUID(), deliveredShipment, deliveryOrder, deliveryLine, orgId, product],
  );
  Object.assign(slot, {
    product,
    vendor,
    location,
    releasedOrder,
    releasedOrderLine,
    shipment,
    deliveredShipment,
    stockCount,
  });
}

export function afterOwnIds(): void {
  it('fulfillment probes are not vacuous: own organization and branch ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    // A branch of org 1 reads a product and a vendor its head office keeps (here: seeded with branch B's slot).
    expect((await ok(tokens.managerA1, byName('product(id)'), { id: slots.B1.product })).product.id).toBe(
      slots.B1.product,
    );
    expect((await ok(tokens.repA1, byName('vendor(id)'), { id: slots.B1.vendor })).vendor.id).toBe(slots.B1.vendor);
    await ok(tokens.managerA1, byName('setBranchPrice(productId)'), { id: slots.B1.product, branch: null });
    await ok(tokens.admin1, byName('updateProduct(id)'), { id: slots.A1.product });
    await ok(tokens.admin1, byName('addVendorContact(vendorId)'), { id: slots.A1.vendor });
    const levels = await ok(tokens.managerA1, byName('stockLevels(filter: { locationId })'), { id: slots.A1.location });
    expect(levels.stockLevels.totalCount).toBe(1);
    await ok(tokens.managerA1, byName('receiveStock(locationId)'), { id: slots.A1.location, p: slots.A1.product });
    await ok(tokens.managerA1, byName('issueStock(locationId)'), { id: slots.A1.location, p: slots.A1.product });
    const moves = await ok(tokens.managerA1, byName('stockMovements(productId)'), { id: slots.A1.product });
    expect(moves.stockMovements.totalCount).toBe(3);
    // Stock counts: the own count is read, counted (0, as its book) and closed.
    const own = await ok(tokens.managerA1, byName('stockCount(id)'), { id: slots.A1.stockCount });
    expect(own.stockCount.id).toBe(slots.A1.stockCount);
    await ok(tokens.managerA1, byName('recordStockCount(id)'), { id: slots.A1.stockCount, p: slots.A1.product });
    const closed = await ok(tokens.managerA1, byName('closeStockCount(id)'), { id: slots.A1.stockCount });
    expect(closed.closeStockCount.status).toBe('CLOSED');
    const values = await ok(tokens.admin1, byName('stockValues(branchId)'), { id: org1.b.id });
    expect(values.stockValues).toEqual([{ branchId: org1.b.id, value: '300.00' }]);
    const shipments = await ok(tokens.managerA1, byName('shipments(filter: { orderId })'), {
      id: slots.A1.releasedOrder,
    });
    expect(shipments.shipments.totalCount).toBe(1);
    await ok(tokens.managerA1, byName('orderShipping(orderId)'), { id: slots.A1.releasedOrder });
    await ok(tokens.managerA1, byName('createShipment(orderLineId)'), {
      id: slots.A1.releasedOrderLine,
      o: slots.A1.releasedOrder,
      p: slots.A1.product,
    });
    await ok(tokens.managerA1, byName('createShipment(locationId)'), {
      id: slots.A1.location,
      o: slots.A1.releasedOrder,
      l: slots.A1.releasedOrderLine,
      p: slots.A1.product,
    });
    await ok(tokens.managerA1, byName('recordShipmentEvent(id)'), { id: slots.A1.shipment });
    await ok(tokens.managerB1, byName('cancelShipment(id)'), { id: slots.B1.shipment });
  });
  it('shipping-rule probes are not vacuous: own branch ids list the seeded breach and figures', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const mine = await ok(tokens.managerA1, byName('shippingBreaches(filter: { branchId })'), { id: org1.a.id });
    const edges = mine.shippingBreaches.edges as { node: { id: string } }[];
    expect(edges.map((e) => e.node.id).sort()).toEqual([slots.A1.releasedOrder, slots.A2.releasedOrder].sort());
    const hq = await ok(tokens.admin1, byName('shippingBreaches(filter: { branchId })'), { id: org1.b.id });
    expect(hq.shippingBreaches.edges).toEqual([{ node: { id: slots.B1.releasedOrder } }]);
    const times = await ok(tokens.admin1, byName('signingToShipment(branchId)'), { id: org1.b.id });
    expect(times.signingToShipment).toEqual([{ branchId: org1.b.id, signed: 1, breaches: 1, awaitingRelease: 0 }]);
  });
  it('delivery probes are not vacuous: the own branch records a receipt with its file, accepts, the order closes', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const s = slots.A1.deliveredShipment;
    const receipt = await call(tokens.managerA1, byName('recordDeliveryReceipt(scanFileId)'), {
      id: slots.A1.file,
      s,
    });
    expect(receipt.body).toEqual({ data: { recordDeliveryReceipt: { id: s, status: 'RECEIPT_SIGNED' } } });
    const accepted = await call(tokens.managerA1, byName('acceptShipment(id)'), { id: s });
    expect(accepted.body).toEqual({ data: { acceptShipment: { id: s, status: 'ACCEPTED' } } });
    const order = await owner.query<{ state: string }>(
      'SELECT o.state FROM orders o JOIN shipments s ON s.branch_id = o.branch_id AND s.id = $1 AND o.id = s.order_id',
      [s],
    );
    expect(order.rows).toEqual([{ state: 'CLOSED' }]);
  });
}

export function sqlWall(): void {
  it('organization rows: a branch of org 2 reads and writes only org 2’s catalogue, vendors and supplies', async () => {
    const orgTables = ['products', 'vendors', 'vendor_contacts', 'vendor_products'];
    const before = await snapshot();
    await scope(rt, [org2.a.id]);
    try {
      for (const t of orgTables) {
        const got = await attempt(rt, `SELECT organization_id FROM "${t}"`);
        const expected = await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE organization_id = $1`, [
          org2.id,
        ]);
        expect({ t, code: got.code, n: got.rows.length }).toEqual({ t, code: undefined, n: expected.rows[0].n });
        expect({ t, orgs: [...new Set(got.rows.map((r) => r.organization_id))] }).toEqual({ t, orgs: [org2.id] });
        const upd = await attempt(
          rt,
          `UPDATE "${t}" SET organization_id = organization_id WHERE organization_id = $1`,
          [org1.id],
        );
        expect({ t, upd: upd.code ?? upd.count }).toEqual({ t, upd: 0 });
        const move = await attempt(rt, `UPDATE "${t}" SET organization_id = $1`, [org1.id]);
        expect({ t, move: move.code }).toEqual({ t, move: '42501' });
        const row = (
          await owner.query(`SELECT to_jsonb(r) AS j FROM "${t}" r WHERE organization_id = $1 LIMIT 1`, [org1.id])
        ).rows[0].j as Record<string, unknown>;
        const ins = await attempt(rt, `INSERT INTO "${t}" SELECT * FROM jsonb_populate_record(NULL::"${t}", $1)`, [
          { ...row, id: randomUUID(), code: `Z-${randomUUID().slice(0, 6)}` },
        ]);
        expect({ t, ins: ins.code }).toEqual({ t, ins: '42501' });
      }
      // Org 1's product by id: invisible; a branch row of org 2 cannot point at it, whatever organization it claims.
      const p = await attempt(rt, 'SELECT id FROM products WHERE id = $1', [slots.A1.product]);
      expect(p.rows).toEqual([]);
      const claimOwn = await attempt(
        rt,
        `INSERT INTO branch_product_prices (branch_id, id, organization_id, product_id, price, updated_by)
           VALUES ($1, $2, $3, $4, 1, $5)`,
        [org2.a.id, randomUUID(), org2.id, slots.A1.product, org2.users.managerA.id],
      );
      expect(claimOwn.code).toBe('23503');
      const claimTheirs = await attempt(
        rt,
        `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
           VALUES ($1, $2, $3, $4, $5, 1)`,
        [org2.a.id, randomUUID(), org1.id, slots.A1.product, slots.X1.location],
      );
      expect(claimTheirs.code).toBe('42501');
      // The branch wall holds inside the organization: branch A's stock is not B's.
      const levels = await attempt(rt, 'SELECT DISTINCT branch_id FROM stock_levels');
      expect(levels.rows).toEqual([{ branch_id: org2.a.id }]);
    } finally {
      await rt.query('COMMIT');
    }
    expect(await snapshot()).toEqual(before);
    // Head office of org 1 (all its branches in scope) sees org 1's catalogue only.
    await scope(rt, [org1.hq.id, org1.a.id, org1.b.id]);
    try {
      const got = await attempt(rt, 'SELECT DISTINCT organization_id FROM products');
      expect(got.rows).toEqual([{ organization_id: org1.id }]);
    } finally {
      await rt.query('ROLLBACK');
    }
  });
}
