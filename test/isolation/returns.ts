import { randomUUID } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { gql } from '@app/testing';
import { api, owner, slots, tokens, type Case, type Slot, type SeedContext, type IdKind, allCases } from './harness.js';

/** Isolation cases of Returns and exchanges. */
export interface ReturnsSlot {
  /** An ACCEPTED shipment (from the maker, 2 of a line of 2 at 50.00) of another RELEASED order the slot's user owns. */
  acceptedShipment: string;
  /** A REQUESTED return of 1 of it (DEFECTIVE), with its line. */
  goodsReturn: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['goods_returns', 'goods_return_lines'];

export const cases: Case[] = [
  {
    name: 'goodsReturn(id)',
    kind: 'goodsReturn',
    doc: `query($id: ID!) { goodsReturn(id: $id) { id status lines { id product { id } } shipment { id } branch { id } } }`,
  },
  ...['branchId', 'shipmentId'].map((f) => ({
    name: `goodsReturns(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'acceptedShipment') as IdKind,
    doc: `query($id: ID!) { goodsReturns(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'goodsReturns with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { goodsReturns { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'goodsReturnsByReason(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { goodsReturnsByReason(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) {
            branchId reason requested } }`,
  },
  {
    name: 'requestGoodsReturn(shipmentId)',
    kind: 'acceptedShipment',
    doc: `mutation($id: ID!, $l: ID!) { requestGoodsReturn(input: { shipmentId: $id, kind: RETURN, reason: DEFECTIVE,
            description: "Probe", lines: [{ shipmentLineId: $l, quantity: "1" }] }) { id } }`,
    vars: (id) => ({ id, l: randomUUID() }),
  },
  {
    name: 'checkGoodsReturn(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { checkGoodsReturn(id: $id, input: { passed: true }) { id status } }`,
  },
  {
    name: 'verifyGoodsReturnAuthenticity(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { verifyGoodsReturnAuthenticity(id: $id, input: { passed: false, note: "Probe" }) { id } }`,
  },
  {
    name: 'submitGoodsReturnNote(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { submitGoodsReturnNote(id: $id) { id status } }`,
  },
  {
    name: 'processGoodsReturn(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!, $l: ID!) { processGoodsReturn(id: $id, input: { locationId: $l }) { id status } }`,
    vars: (id, me) => ({ id, l: me.own.location || randomUUID() }),
  },
  {
    name: 'correctCustomerPurchases(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { correctCustomerPurchases(input: { customerId: $id, purchasedOn: "2026-11-02",
            amount: "-1.00", note: "Probe" }) { purchase { id } } }`,
  },
];

export async function seedSlot({ branch, u, orgId }: SeedContext, slot: Slot): Promise<void> {
  const { contract, customer, file, product } = slot;
  const returnOrder = randomUUID();
  await owner.query(
    `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 100.00, 'CNY', 'RELEASED', now(), $4)`,
    [branch, returnOrder, customer, u.id, contract],
  );
  const returnOrderLine = randomUUID();
  await owner.query(
    `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 2, 50.00, 100.00)`,
    [branch, returnOrderLine, returnOrder],
  );
  const acceptedShipment = randomUUID();
  await owner.query(
    `INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person, shipped_at,
         delivered_at, receipt_signed_by, receipt_signed_at, receipt_file_id, accepted_at, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'ACCEPTED', 'Seed site', 'Seed person', now() - interval '3 hours',
         now() - interval '2 hours', 'Seed signer', now() - interval '1 hour', $4, now(), $5)`,
    [branch, acceptedShipment, returnOrder, file, u.id],
  );
  const acceptedLine = randomUUID();
  await owner.query(
    `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 2)`,
    [branch, acceptedLine, acceptedShipment, returnOrder, returnOrderLine, orgId, product],
  );
  const goodsReturn = randomUUID();
  await owner.query(
    `INSERT INTO goods_returns (branch_id, id, kind, shipment_id, order_id, customer_id, owner_id, reason,
         description, amount, currency, requested_by)
       VALUES ($1, $2, 'RETURN', $3, $4, $5, $6, 'DEFECTIVE', 'Seed return', 50.00, 'CNY', $6)`,
    [branch, goodsReturn, acceptedShipment, returnOrder, customer, u.id],
  );
  await owner.query(
    `INSERT INTO goods_return_lines (branch_id, id, return_id, shipment_line_id, order_line_id, organization_id,
         product_id, quantity, unit_price, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, 50.00, 50.00)`,
    [branch, randomUUID(), goodsReturn, acceptedLine, returnOrderLine, orgId, product],
  );
  Object.assign(slot, { acceptedShipment, goodsReturn });
}

export function afterOwnIds(): void {
  it('returns probes are not vacuous: the own branch reads its return and checks it; the owner rep reads it', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => allCases.find((c) => c.name === n)!.doc;
    const id = slots.A1.goodsReturn;
    const read = await call(tokens.repA1, byName('goodsReturn(id)'), { id });
    expect((read.body.data as { goodsReturn: { id: string } }).goodsReturn.id).toBe(id);
    const listed = await call(tokens.managerA1, byName('goodsReturns(filter: { shipmentId })'), {
      id: slots.A1.acceptedShipment,
    });
    expect((listed.body.data as { goodsReturns: { totalCount: number } }).goodsReturns.totalCount).toBe(1);
    const checked = await call(tokens.managerA1, byName('checkGoodsReturn(id)'), { id });
    expect(checked.body).toEqual({ data: { checkGoodsReturn: { id, status: 'GOODS_CHECKED' } } });
  });
}
