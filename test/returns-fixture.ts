import { insertCustomer, seedFile, seedShipment, type Fixture } from '@app/testing';
import { insertOrder } from './order-fixture.js';

/**
 * The world the returns specs build on, through the API as the back office would: a product, a location with stock,
 * RELEASED orders with priced lines, shipments moved to ACCEPTED (a signed receipt with one uploaded scan), and
 * returns walked through checks, leadership's approval and processing. People: managerA, repA (the orders' owner),
 * clerkA, financeA and `leader` (head office's leadership, added by the spec's fixture).
 */

export const RETURN_FIELDS = `id kind status reason amount currency shipmentId orderId customerId approvalRequestId
  locationId processedAt rejectionReason lines { shipmentLineId orderLineId productId quantity unitPrice amount }`;
export const REQUEST = `mutation($in: RequestGoodsReturnInput!) { requestGoodsReturn(input: $in) { ${RETURN_FIELDS} } }`;
export const CHECK = `mutation($id: ID!, $in: ReturnCheckInput!) { checkGoodsReturn(id: $id, input: $in) { id status } }`;
export const AUTHENTIC = `mutation($id: ID!, $in: ReturnCheckInput!) {
  verifyGoodsReturnAuthenticity(id: $id, input: $in) { id status } }`;
export const SUBMIT = `mutation($id: ID!) { submitGoodsReturnNote(id: $id) { id status approvalRequestId } }`;
export const PROCESS = `mutation($id: ID!, $in: ProcessGoodsReturnInput!) {
  processGoodsReturn(id: $id, input: $in) { ${RETURN_FIELDS} } }`;
export const RETURN = `query($id: ID!) { goodsReturn(id: $id) { ${RETURN_FIELDS} } }`;
const STEPS = `query($id: ID!) { approvalRequest(id: $id) { status steps { id status name } } }`;
const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status } }`;

export interface ReturnsWorld {
  product: string;
  location: string;
  customer: string;
  scan: string;
}

/** A product (admin), a location of branch A (managerA), a customer of repA, a scan for receipts. */
export async function returnsWorld(f: Fixture, code: string): Promise<ReturnsWorld> {
  const product = (
    await f.ok<{ createProduct: { id: string } }>(
      'admin',
      `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
      { in: { code, name: `Pump ${code}`, unit: 'pcs', listPrice: '1000.00', costPrice: '600.00' } },
    )
  ).createProduct.id;
  const location = (
    await f.ok<{ createWarehouseLocation: { id: string } }>(
      'managerA',
      `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id } }`,
      { in: { code: `L-${code}`, name: `Store ${code}` } },
    )
  ).createWarehouseLocation.id;
  const customer = await insertCustomer(f.owner, {
    branchId: f.org.a.id,
    ownerId: f.org.users.repA.id,
    name: `Customer ${code}`,
  });
  const scan = await seedFile(f, 'managerA', { name: 'receipt.pdf' });
  return { product, location, customer, scan: scan.id };
}

/** Goods into stock at the world's location (cause PURCHASE_RECEIPT). */
export async function stockIn(f: Fixture, w: ReturnsWorld, quantity: string): Promise<void> {
  await f.ok('managerA', `mutation($in: ReceiveStockInput!) { receiveStock(input: $in) { onHand } }`, {
    in: { productId: w.product, locationId: w.location, quantity, cause: 'PURCHASE_RECEIPT' },
  });
}

/** A RELEASED order of repA's customer with lines of these quantities, each at `unitPrice`. */
export async function pricedOrder(
  f: Fixture,
  w: ReturnsWorld,
  quantities: string[],
  unitPrice: string,
): Promise<{ id: string; lines: string[] }> {
  const o = await insertOrder(f.owner, {
    branchId: f.org.a.id,
    customerId: w.customer,
    ownerId: f.org.users.repA.id,
    quantities,
  });
  await f.owner.query(
    `UPDATE order_lines SET unit_price = $2, line_total = round(quantity * $2::numeric, 2) WHERE order_id = $1`,
    [o.id, unitPrice],
  );
  await f.owner.query(
    `UPDATE orders SET amount = (SELECT sum(line_total) FROM order_lines WHERE order_id = $1) WHERE id = $1`,
    [o.id],
  );
  return o;
}

/** A shipment from stock of `quantity` on one order line; its id and its line's id. */
export async function ship(
  f: Fixture,
  w: ReturnsWorld,
  orderId: string,
  orderLineId: string,
  quantity: string,
): Promise<{ id: string; line: string }> {
  const s = await seedShipment(f, {
    orderId,
    locationId: w.location,
    lines: [{ orderLineId, productId: w.product, quantity }],
  });
  return { id: s.id, line: s.lines[0] };
}

/** Shipped, delivered, signed for and accepted by the customer. */
export async function deliverAndAccept(f: Fixture, w: ReturnsWorld, shipmentId: string): Promise<void> {
  const at = new Date(Date.now() - 3_600_000);
  const EVENT = `mutation($id: ID!, $in: ShipmentEventInput!) { recordShipmentEvent(id: $id, input: $in) { id } }`;
  await f.ok('managerA', EVENT, { id: shipmentId, in: { status: 'SHIPPED', at } });
  await f.ok('managerA', EVENT, { id: shipmentId, in: { status: 'DELIVERED', at } });
  await f.ok(
    'managerA',
    `mutation($id: ID!, $in: DeliveryReceiptInput!) { recordDeliveryReceipt(id: $id, input: $in) { id } }`,
    { id: shipmentId, in: { signedBy: 'Mr. Wang', signedAt: new Date(Date.now() - 600_000), scanFileId: w.scan } },
  );
  await f.ok('managerA', `mutation($id: ID!) { acceptShipment(id: $id) { id status } }`, { id: shipmentId });
}

export interface ReturnRow {
  id: string;
  status: string;
  amount: string;
  approvalRequestId: string | null;
  lines: { quantity: string; amount: string }[];
}

/** A return request (by `who`, repA by default) of `quantity` on one shipment line. */
export async function requestReturn(
  f: Fixture,
  shipment: { id: string; line: string },
  quantity: string,
  extra: { kind?: string; reason?: string; who?: string } = {},
): Promise<ReturnRow> {
  const { requestGoodsReturn } = await f.ok<{ requestGoodsReturn: ReturnRow }>(extra.who ?? 'repA', REQUEST, {
    in: {
      shipmentId: shipment.id,
      kind: extra.kind ?? 'RETURN',
      reason: extra.reason ?? 'DEFECTIVE',
      description: 'Stops after an hour',
      lines: [{ shipmentLineId: shipment.line, quantity }],
    },
  });
  return requestGoodsReturn;
}

/** Checked, authenticated, its note submitted and approved by leadership: APPROVED. */
export async function approveReturn(f: Fixture, id: string): Promise<void> {
  await f.ok('clerkA', CHECK, { id, in: { passed: true, note: 'Name, model and quantity match' } });
  await f.ok('clerkA', AUTHENTIC, { id, in: { passed: true, note: 'Maker confirms serials' } });
  const { submitGoodsReturnNote: s } = await f.ok<{ submitGoodsReturnNote: { approvalRequestId: string } }>(
    'clerkA',
    SUBMIT,
    { id },
  );
  const { approvalRequest } = await f.ok<{ approvalRequest: { steps: { id: string; status: string }[] } }>(
    'leader',
    STEPS,
    { id: s.approvalRequestId },
  );
  await f.ok('leader', APPROVE, { s: approvalRequest.steps.find((x) => x.status === 'PENDING')!.id });
}

/** Processed into the world's location. */
export async function processReturn(f: Fixture, w: ReturnsWorld, id: string): Promise<ReturnRow> {
  const { processGoodsReturn } = await f.ok<{ processGoodsReturn: ReturnRow }>('clerkA', PROCESS, {
    id,
    in: { locationId: w.location },
  });
  return processGoodsReturn;
}
