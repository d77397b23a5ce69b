import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, seedFile, seedShipment, useFixture } from '@app/testing';
import { insertOrder } from './order-fixture.js';

/**
 * Delivery receipt and acceptance over GraphQL: a DELIVERED shipment gets the customer's signed receipt (who, when,
 * a scan uploaded through POST /files in the same branch), then acceptance or rejection; the order closes when every
 * line is shipped and every shipment accepted, exactly once even when the last two acceptances race. Illegal moves
 * name both states; bad input names its field; neither changes anything.
 */

const S = `id status receiptSignedBy receiptSignedAt receiptFileId acceptedAt rejectedAt rejectionReason
  events { fromStatus toStatus }`;
const CREATE = `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`;
const EVENT = `mutation($id: ID!, $in: ShipmentEventInput!) { recordShipmentEvent(id: $id, input: $in) { id status } }`;
const RECEIPT = `mutation($id: ID!, $in: DeliveryReceiptInput!) { recordDeliveryReceipt(id: $id, input: $in) { ${S} } }`;
const ACCEPT = `mutation($id: ID!) { acceptShipment(id: $id) { ${S} } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectShipment(id: $id, reason: $r) { ${S} } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id state closedAt } }`;

/** The scans this file uploads are stored here, and removed after it. */
const dir = mkdtempSync(join(tmpdir(), 'fulfillment-delivery-'));

describe('fulfillment: delivery receipt, acceptance, the order closing', () => {
  const f = useFixture({ env: { DB_POOL_SIZE: '10', STORAGE_DIR: dir } });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let product = '';
  let customer = '';

  beforeAll(async () => {
    product = (
      await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: 'P-1', name: 'Pump', unit: 'pcs', listPrice: '1000.00', costPrice: '600.00' } },
      )
    ).createProduct.id;
    customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Acme' });
  });

  /** A RELEASED order of branch A with lines of these quantities (as the owner). */
  const releasedOrder = (quantities: string[]) =>
    insertOrder(f.owner, { branchId: f.org.a.id, customerId: customer, ownerId: f.org.users.repA.id, quantities });

  /** A shipment of `quantity` on one order line, straight from the maker, moved through the given statuses. */
  const shipment = async (orderId: string, line: string, quantity: string, statuses: string[]) =>
    (await seedShipment(f, { orderId, lines: [{ orderLineId: line, productId: product, quantity }], statuses })).id;

  /** A PDF uploaded through POST /files by `who` (a scan of the signed note). */
  const scan = async (who: string) => (await seedFile(f, who, { name: 'receipt.pdf' })).id;

  const receipt = (fileId: string, extra: object = {}) => ({
    signedBy: 'Mr. Wang (warehouse)',
    signedAt: new Date(Date.now() - 600_000).toISOString(),
    scanFileId: fileId,
    ...extra,
  });

  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM shipments s),
           (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM orders o),
           (SELECT count(*) FROM shipment_events), (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;

  const orderState = async (id: string) =>
    (await f.ok<{ order: { state: string; closedAt: string | null } }>('managerA', ORDER, { id })).order;

  it('records the signed receipt, then acceptance; the order closes when every line is shipped and accepted', async () => {
    const o = await releasedOrder(['2', '1']);
    const s1 = await shipment(o.id, o.lines[0], '2', ['SHIPPED', 'DELIVERED']);
    const file = await scan('managerA');
    const signedAt = new Date(Date.now() - 600_000).toISOString();
    const { recordDeliveryReceipt: r } = await f.ok<{ recordDeliveryReceipt: Record<string, unknown> }>(
      'managerA',
      RECEIPT,
      { id: s1, in: receipt(file, { signedAt }) },
    );
    expect(r).toMatchObject({
      status: 'RECEIPT_SIGNED',
      receiptSignedBy: 'Mr. Wang (warehouse)',
      receiptSignedAt: signedAt,
      receiptFileId: file,
      acceptedAt: null,
    });
    expect((r.events as { toStatus: string }[]).map((e) => e.toStatus)).toEqual([
      'PREPARED',
      'SHIPPED',
      'DELIVERED',
      'RECEIPT_SIGNED',
    ]);
    const { acceptShipment: a } = await f.ok<{ acceptShipment: { status: string; acceptedAt: string } }>(
      'managerA',
      ACCEPT,
      { id: s1 },
    );
    expect(a.status).toBe('ACCEPTED');
    expect(a.acceptedAt).not.toBeNull();
    // Line 2 has not shipped: the order stays open.
    expect(await orderState(o.id)).toMatchObject({ state: 'RELEASED', closedAt: null });

    const s2 = await shipment(o.id, o.lines[1], '1', ['SHIPPED', 'IN_TRANSIT', 'DELIVERED']);
    await f.ok('managerA', RECEIPT, { id: s2, in: receipt(await scan('managerA')) });
    await f.ok('managerA', ACCEPT, { id: s2 });
    const closed = await orderState(o.id);
    expect(closed.state).toBe('CLOSED');
    expect(closed.closedAt).not.toBeNull();
    const audit = await f.owner.query<{ entity: string; action: string }>(
      `SELECT entity, action FROM audit_log WHERE entity_id = ANY($1) ORDER BY created_at, action`,
      [[o.id, s1, s2]],
    );
    const actions = audit.rows.map((x) => `${x.entity}:${x.action}`);
    expect(actions.filter((x) => x === 'shipment:receipt_signed')).toHaveLength(2);
    expect(actions.filter((x) => x === 'shipment:accept')).toHaveLength(2);
    expect(actions.filter((x) => x === 'order:close')).toHaveLength(1);
    // A closed order ships nothing more.
    const more = await f.call('managerA', CREATE, {
      in: {
        orderId: o.id,
        mode: 'DIRECT_FROM_MAKER',
        consigneePlace: 'P',
        consigneePerson: 'P',
        lines: [{ orderLineId: o.lines[0], productId: product, quantity: '1' }],
      },
    });
    expect(problem(more).code).toBe('INVALID_STATE');
  });

  it('refuses illegal moves with INVALID_STATE naming both states, changing nothing', async () => {
    const o = await releasedOrder(['3']);
    const prepared = await shipment(o.id, o.lines[0], '1', []);
    const delivered = await shipment(o.id, o.lines[0], '1', ['SHIPPED', 'DELIVERED']);
    const file = await scan('managerA');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [RECEIPT, { id: prepared, in: receipt(file) }, /cannot move from PREPARED to RECEIPT_SIGNED/],
      [ACCEPT, { id: delivered }, /cannot move from DELIVERED to ACCEPTED/],
      [REJECT, { id: delivered, r: 'Damaged' }, /cannot move from DELIVERED to REJECTED/],
    ];
    for (const [doc, vars, message] of cases) {
      const before = await tables();
      const p = await f.refused('managerA', doc, vars);
      expect(p.code).toBe('INVALID_STATE');
      expect(p.message).toMatch(message);
      expect(await tables()).toBe(before);
    }
    // The statuses after delivery have their own mutations.
    for (const status of ['RECEIPT_SIGNED', 'ACCEPTED', 'REJECTED']) {
      expect(await f.refused('managerA', EVENT, { id: delivered, in: { status } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['status'],
      });
    }
    await f.ok('managerA', RECEIPT, { id: delivered, in: receipt(file) });
    const p = await f.refused('managerA', RECEIPT, { id: delivered, in: receipt(file) });
    expect(p.message).toMatch(/cannot move from RECEIPT_SIGNED to RECEIPT_SIGNED/);
    const { rejectShipment } = await f.ok<{ rejectShipment: Record<string, unknown> }>('managerA', REJECT, {
      id: delivered,
      r: '  Wrong model delivered  ',
    });
    expect(rejectShipment).toMatchObject({ status: 'REJECTED', rejectionReason: 'Wrong model delivered' });
    expect((await f.refused('managerA', ACCEPT, { id: delivered })).message).toMatch(
      /cannot move from REJECTED to ACCEPTED: REJECTED is final/,
    );
    // A rejected delivery keeps the order open (returns and exchanges follow).
    expect((await orderState(o.id)).state).toBe('RELEASED');
  });

  it('refuses bad input with a typed error naming the field, changing nothing', async () => {
    const o = await releasedOrder(['1']);
    const s = await shipment(o.id, o.lines[0], '1', ['SHIPPED', 'DELIVERED']);
    const mine = await scan('managerA');
    const otherBranch = await scan('managerB');
    const cases: [Record<string, unknown>, string][] = [
      [receipt(otherBranch), 'scanFileId'],
      [receipt(randomUUID()), 'scanFileId'],
      [receipt('not-a-uuid'), 'scanFileId'],
      [receipt(mine, { signedBy: '   ' }), 'signedBy'],
      [receipt(mine, { signedBy: 'x'.repeat(201) }), 'signedBy'],
      [receipt(mine, { signedAt: new Date(Date.now() + 3_600_000).toISOString() }), 'signedAt'],
      // Before the goods left (one hour ago).
      [receipt(mine, { signedAt: new Date(Date.now() - 7_200_000).toISOString() }), 'signedAt'],
      [receipt(mine, { signedAt: '2026-12-01 10:00' }), 'signedAt'],
      [receipt(mine, { signedAt: '2026-12-01T10:00:00' }), 'signedAt'],
    ];
    const messages = new Map<string, string>();
    for (const [input, field] of cases) {
      const before = await tables();
      const p = await f.refused('managerA', RECEIPT, { id: s, in: input });
      expect({ input, code: p.code }).toEqual({ input, code: 'BAD_USER_INPUT' });
      expect(p.fields.map((x) => x.replace(/^in\./, ''))).toEqual([field]);
      expect(await tables()).toBe(before);
      if (field === 'scanFileId') messages.set(String(input.scanFileId), p.message);
    }
    // Another branch's file answers exactly as an unknown one.
    expect(messages.get(otherBranch)).toBe([...messages.values()][1]);
    expect((await f.refused('managerA', REJECT, { id: s, r: ' ' })).fields.map((x) => x.replace(/^in\./, ''))).toEqual([
      'reason',
    ]);
    // A sales rep follows deliveries but does not record them.
    expect((await f.refused('repA', RECEIPT, { id: s, in: receipt(mine) })).code).toBe('FORBIDDEN');
  });

  it('closes the order exactly once when its last two shipments are accepted at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const o = await releasedOrder(['1', '1']);
      const ids: string[] = [];
      for (const line of o.lines) {
        const id = await shipment(o.id, line, '1', ['SHIPPED', 'DELIVERED']);
        await f.ok('managerA', RECEIPT, { id, in: receipt(await scan('managerA')) });
        ids.push(id);
      }
      const answers = await Promise.all(ids.map((id) => f.call('managerA', ACCEPT, { id })));
      expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined]);
      expect((await orderState(o.id)).state).toBe('CLOSED');
      const closes = await f.owner.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'close'`, [o.id]);
      expect(closes.rowCount).toBe(1);
    }
  });
});
