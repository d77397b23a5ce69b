import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { insertOrder } from './order-fixture.js';

/**
 * Shipments of released orders over GraphQL: the gate (nothing ships before RELEASED), partial deliveries from
 * stock and straight from the maker, status events by hand with typed illegal moves, cancellation putting stock
 * back; shipped <= ordered per line and stock = movements in − out after random sequences (fast-check); 50
 * concurrent shipments against the last units ship exactly what is on hand.
 */

interface Shipment {
  id: string;
  status: string;
  mode: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  lines: { orderLineId: string; quantity: string; product: { code: string } }[];
  events: { fromStatus: string | null; toStatus: string }[];
}

const S = `id status mode shippedAt deliveredAt carrier trackingNumber lines { orderLineId quantity product { code } }
  events { fromStatus toStatus note }`;
const CREATE = `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { ${S} } }`;
const EVENT = `mutation($id: ID!, $in: ShipmentEventInput!) { recordShipmentEvent(id: $id, input: $in) { ${S} } }`;
const CANCEL = `mutation($id: ID!, $r: String!) { cancelShipment(id: $id, reason: $r) { ${S} } }`;
const PROGRESS = `query($o: ID!) { orderShipping(orderId: $o) { orderLineId ordered shipped remaining } }`;
const RECEIVE = `mutation($in: ReceiveStockInput!) { receiveStock(input: $in) { onHand } }`;
/** The typed reason of a CONFLICT (INSUFFICIENT_STOCK, OVER_SHIPMENT). */
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;
const CONSIGNEE = { consigneePlace: 'Plant 2, Gate 4, Suzhou', consigneePerson: 'Mr. Wang' };

describe('fulfillment: shipments', () => {
  const f = useFixture({ env: { DB_POOL_SIZE: '20' } });
  const products: string[] = [];
  let location = '';
  let customer = '';

  /** A SIGNED contract and a RELEASED order backed by it with these line quantities, arranged as the owner. */
  const releasedOrder = (quantities: string[], state = 'RELEASED') =>
    insertOrder(f.owner, {
      branchId: f.org.a.id,
      customerId: customer,
      ownerId: f.org.users.repA.id,
      state,
      quantities,
    });

  const onHand = async (product: string) =>
    (
      await f.owner.query<{ q: string }>(
        `SELECT coalesce((SELECT on_hand::text FROM stock_levels WHERE product_id = $1 AND location_id = $2), '0') AS q`,
        [product, location],
      )
    ).rows[0].q;

  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM shipments s),
           (SELECT count(*) FROM shipment_lines), (SELECT count(*) FROM shipment_events),
           (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM stock_levels l),
           (SELECT count(*) FROM stock_movements), (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;

  const receive = (product: string, quantity: string) =>
    f.ok('managerA', RECEIVE, {
      in: { productId: product, locationId: location, quantity, cause: 'PURCHASE_RECEIPT' },
    });

  beforeAll(async () => {
    for (const i of [0, 1]) {
      const r = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `P-${i}`, name: `Pump ${i}`, unit: 'pcs', listPrice: '1000.00', costPrice: '600.00' } },
      );
      products.push(r.createProduct.id);
    }
    location = (
      await f.ok<{ createWarehouseLocation: { id: string } }>(
        'managerA',
        `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id } }`,
        { in: { code: 'MAIN', name: 'Main' } },
      )
    ).createWarehouseLocation.id;
    customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Acme' });
  });

  it('nothing ships before the order is RELEASED; then partial deliveries from stock and from the maker', async () => {
    await receive(products[0], '10');
    for (const state of ['DRAFT', 'CONFIRMED']) {
      const o = await releasedOrder(['3'], state);
      const before = await tables();
      const r = await f.call('managerA', CREATE, {
        in: {
          orderId: o.id,
          mode: 'FROM_STOCK',
          locationId: location,
          ...CONSIGNEE,
          lines: [{ orderLineId: o.lines[0], productId: products[0], quantity: '1' }],
        },
      });
      expect(problem(r).code).toBe('INVALID_STATE');
      expect(r.body.errors?.[0]?.message).toMatch(
        new RegExp(`is ${state}: nothing ships before the order is RELEASED`),
      );
      expect(await tables()).toBe(before);
    }

    const o = await releasedOrder(['5', '2']);
    // A sales rep follows shipments but does not record them.
    const line0 = { orderLineId: o.lines[0], productId: products[0], quantity: '3' };
    expect(
      (
        await f.refused('repA', CREATE, {
          in: { orderId: o.id, mode: 'FROM_STOCK', locationId: location, ...CONSIGNEE, lines: [line0] },
        })
      ).code,
    ).toBe('FORBIDDEN');
    const first = (
      await f.ok<{ createShipment: Shipment }>('managerA', CREATE, {
        in: {
          orderId: o.id,
          mode: 'FROM_STOCK',
          locationId: location,
          ...CONSIGNEE,
          carrier: 'SF Express',
          lines: [line0],
        },
      })
    ).createShipment;
    expect(first).toMatchObject({
      status: 'PREPARED',
      mode: 'FROM_STOCK',
      lines: [{ quantity: '3.000', product: { code: 'P-0' } }],
    });
    expect(first.events).toEqual([{ fromStatus: null, toStatus: 'PREPARED', note: null }]);
    expect(await onHand(products[0])).toBe('7.000');
    const second = (
      await f.ok<{ createShipment: Shipment }>('managerA', CREATE, {
        in: {
          orderId: o.id,
          mode: 'DIRECT_FROM_MAKER',
          ...CONSIGNEE,
          lines: [
            { orderLineId: o.lines[0], productId: products[0], quantity: '2' },
            { orderLineId: o.lines[1], productId: products[1], quantity: '2' },
          ],
        },
      })
    ).createShipment;
    expect(second.lines).toHaveLength(2);
    expect(await onHand(products[0])).toBe('7.000'); // the maker shipped: no stock moved
    const progress = await f.ok<{ orderShipping: unknown[] }>('repA', PROGRESS, { o: o.id });
    expect(progress.orderShipping).toEqual([
      { orderLineId: o.lines[0], ordered: '5.000', shipped: '5.000', remaining: '0.000' },
      { orderLineId: o.lines[1], ordered: '2.000', shipped: '2.000', remaining: '0.000' },
    ]);

    // Over-shipment: a typed CONFLICT naming the line and the quantities; nothing changes.
    const before = await tables();
    const over = await f.call('managerA', CREATE, {
      in: {
        orderId: o.id,
        mode: 'FROM_STOCK',
        locationId: location,
        ...CONSIGNEE,
        lines: [{ ...line0, quantity: '0.001' }],
      },
    });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'OVER_SHIPMENT',
      orderLineId: o.lines[0],
      ordered: '5.000',
      shipped: '5.000',
      requested: '0.001',
    });
    expect(await tables()).toBe(before);

    // Status events by hand; illegal moves name both states.
    const shipped = (
      await f.ok<{ recordShipmentEvent: Shipment }>('managerA', EVENT, {
        id: first.id,
        in: { status: 'SHIPPED', trackingNumber: 'SF1234567890', at: '2026-12-01T09:30:00+08:00' },
      })
    ).recordShipmentEvent;
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      trackingNumber: 'SF1234567890',
      shippedAt: '2026-12-01T01:30:00.000Z',
    });
    const cancelLate = await f.call('managerA', CANCEL, { id: first.id, r: 'Customer called' });
    expect(problem(cancelLate).code).toBe('INVALID_STATE');
    expect(cancelLate.body.errors?.[0]?.message).toMatch(/from SHIPPED to CANCELLED/);
    await f.ok('managerA', EVENT, { id: first.id, in: { status: 'IN_TRANSIT' } });
    const delivered = (
      await f.ok<{ recordShipmentEvent: Shipment }>('managerA', EVENT, {
        id: first.id,
        in: { status: 'DELIVERED', note: 'Signed by Wang' },
      })
    ).recordShipmentEvent;
    expect(delivered.events.map((e) => e.toStatus)).toEqual(['PREPARED', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED']);
    expect(delivered.deliveredAt).not.toBeNull();
    const back = await f.call('managerA', EVENT, { id: first.id, in: { status: 'SHIPPED' } });
    expect(problem(back).code).toBe('INVALID_STATE');
    expect(back.body.errors?.[0]?.message).toMatch(/from DELIVERED to SHIPPED/);
    expect((await f.refused('managerA', EVENT, { id: second.id, in: { status: 'CANCELLED' } })).fields).toMatchObject([
      'status',
    ]);
    expect(
      (await f.refused('managerA', EVENT, { id: second.id, in: { status: 'SHIPPED', at: '2099-01-01T00:00:00Z' } }))
        .fields,
    ).toEqual(['at']);

    // Cancelling a PREPARED shipment from stock puts its goods back (SHIPMENT_CANCELLED) and frees the order line.
    const o2 = await releasedOrder(['4']);
    const third = (
      await f.ok<{ createShipment: Shipment }>('managerA', CREATE, {
        in: {
          orderId: o2.id,
          mode: 'FROM_STOCK',
          locationId: location,
          ...CONSIGNEE,
          lines: [{ orderLineId: o2.lines[0], productId: products[0], quantity: '4' }],
        },
      })
    ).createShipment;
    expect(await onHand(products[0])).toBe('3.000');
    const cancelled = (
      await f.ok<{ cancelShipment: Shipment }>('managerA', CANCEL, { id: third.id, r: 'Wrong model packed' })
    ).cancelShipment;
    expect(cancelled.status).toBe('CANCELLED');
    expect(await onHand(products[0])).toBe('7.000');
    expect(
      (await f.ok<{ orderShipping: { shipped: string }[] }>('managerA', PROGRESS, { o: o2.id })).orderShipping[0]
        .shipped,
    ).toBe('0.000');
    const audit = await f.owner.query(
      `SELECT entity, action FROM audit_log WHERE entity_id = ANY($1::uuid[]) ORDER BY created_at, action`,
      [[first.id, third.id]],
    );
    expect(audit.rows.map((r) => `${r.entity}:${r.action}`)).toEqual([
      'shipment:create',
      'shipment:shipped',
      'shipment:in_transit',
      'shipment:delivered',
      'shipment:create',
      'shipment:cancel',
    ]);
    const causes = await f.owner.query(
      `SELECT cause, quantity::text AS q FROM stock_movements WHERE reference = $1 ORDER BY at`,
      [`Shipment ${third.id}`],
    );
    expect(causes.rows).toEqual([
      { cause: 'SHIPMENT', q: '-4.000' },
      { cause: 'SHIPMENT_CANCELLED', q: '4.000' },
    ]);
  });

  it('bad input is refused field by field and changes nothing', async () => {
    const o = await releasedOrder(['2']);
    const other = await releasedOrder(['2']);
    const line = { orderLineId: o.lines[0], productId: products[0], quantity: '1' };
    const base = { orderId: o.id, mode: 'FROM_STOCK', locationId: location, ...CONSIGNEE, lines: [line] };
    const before = await tables();
    const cases: [Record<string, unknown>, string][] = [
      [{ locationId: undefined }, 'locationId'],
      [{ mode: 'DIRECT_FROM_MAKER' }, 'locationId'],
      [{ lines: [line, line] }, 'lines[1].orderLineId'],
      [{ lines: [{ ...line, orderLineId: other.lines[0] }] }, 'lines[0].orderLineId'],
      [{ lines: [{ ...line, quantity: '0' }] }, 'lines[0].quantity'],
      [{ lines: [{ ...line, quantity: '1.0001' }] }, 'lines[0].quantity'],
      [{ consigneePerson: '  ' }, 'consigneePerson'],
    ];
    for (const [change, field] of cases) {
      const p = await f.refused('managerA', CREATE, { in: { ...base, ...change } });
      expect({ change, p }).toMatchObject({ change, p: { code: 'BAD_USER_INPUT', fields: [field] } });
    }
    expect((await f.refused('managerA', CREATE, { in: { ...base, orderId: randomUUID() } })).code).toBe('NOT_FOUND');
    expect((await f.refused('managerA', CREATE, { in: { ...base, locationId: randomUUID() } })).code).toBe('NOT_FOUND');
    expect(
      (await f.refused('managerA', CREATE, { in: { ...base, lines: [{ ...line, productId: randomUUID() }] } })).code,
    ).toBe('NOT_FOUND');
    expect(await tables()).toBe(before);
  });

  it('50 concurrent shipments against the last 7 units: exactly 7 ship, the rest get INSUFFICIENT_STOCK', async () => {
    const product = products[1];
    await receive(product, '7');
    const orders: { id: string; lines: string[] }[] = [];
    for (let i = 0; i < 50; i++) orders.push(await releasedOrder(['1']));
    const shipmentsBefore = Number((await f.owner.query('SELECT count(*) FROM shipments')).rows[0].count);
    const results = await Promise.all(
      orders.map((o) =>
        f.call('managerA', CREATE, {
          in: {
            orderId: o.id,
            mode: 'FROM_STOCK',
            locationId: location,
            ...CONSIGNEE,
            lines: [{ orderLineId: o.lines[0], productId: product, quantity: '1' }],
          },
        }),
      ),
    );
    const ok = results.filter((r) => !r.body.errors);
    const refused = results.filter((r) => r.body.errors);
    expect(ok).toHaveLength(7);
    expect(refused.map((r) => reason(r))).toEqual(Array(43).fill('INSUFFICIENT_STOCK'));
    expect(await onHand(product)).toBe('0.000');
    const shipmentsAfter = Number((await f.owner.query('SELECT count(*) FROM shipments')).rows[0].count);
    expect(shipmentsAfter - shipmentsBefore).toBe(7);
  });

  it('random shipments, cancellations and over-shipments: shipped <= ordered per line; stock = movements', async () => {
    const milli = (s: string) => Math.round(Number(s) * 1000);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('ship' as const),
        line: fc.nat(1),
        qty: fc.integer({ min: 1, max: 4000 }),
        fromStock: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const o = await releasedOrder(['5', '2.5']);
        await receive(products[0], '3');
        const stockBefore = milli(await onHand(products[0]));
        const ordered = [5000, 2500];
        const shipped = [0, 0];
        const made: { id: string; line: number; qty: number; fromStock: boolean; open: boolean }[] = [];
        let stock = stockBefore;
        for (const x of ops) {
          if (x.kind === 'ship') {
            const r = await f.call<{ createShipment: { id: string } }>('managerA', CREATE, {
              in: {
                orderId: o.id,
                mode: x.fromStock ? 'FROM_STOCK' : 'DIRECT_FROM_MAKER',
                ...(x.fromStock ? { locationId: location } : {}),
                ...CONSIGNEE,
                lines: [{ orderLineId: o.lines[x.line], productId: products[0], quantity: (x.qty / 1000).toFixed(3) }],
              },
            });
            const over = shipped[x.line] + x.qty > ordered[x.line];
            const short = x.fromStock && x.qty > stock;
            if (over || short) {
              expect(reason(r)).toBe(over ? 'OVER_SHIPMENT' : 'INSUFFICIENT_STOCK');
            } else {
              expect(r.body.errors).toBeUndefined();
              shipped[x.line] += x.qty;
              if (x.fromStock) stock -= x.qty;
              made.push({
                id: r.body.data!.createShipment.id,
                line: x.line,
                qty: x.qty,
                fromStock: x.fromStock,
                open: true,
              });
            }
          } else if (made.length) {
            const s = made[x.pick % made.length];
            const r = await f.call('managerA', CANCEL, { id: s.id, r: 'Changed' });
            if (s.open) {
              expect(r.body.errors).toBeUndefined();
              s.open = false;
              shipped[s.line] -= s.qty;
              if (s.fromStock) stock += s.qty;
            } else {
              expect(problem(r).code).toBe('INVALID_STATE');
            }
          }
        }
        const progress = (
          await f.ok<{ orderShipping: { shipped: string; ordered: string }[] }>('managerA', PROGRESS, { o: o.id })
        ).orderShipping;
        expect(progress.map((p) => milli(p.shipped))).toEqual(shipped);
        for (const p of progress) expect(milli(p.shipped)).toBeLessThanOrEqual(milli(p.ordered));
        expect(milli(await onHand(products[0]))).toBe(stock);
        const sums = await f.owner.query<{ level: string; moved: string }>(
          `SELECT l.on_hand::text AS level, (SELECT sum(quantity)::text FROM stock_movements m
             WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id AND m.location_id = l.location_id) AS moved
           FROM stock_levels l`,
        );
        for (const s of sums.rows) expect(milli(s.moved)).toBe(milli(s.level));
      }),
      { numRuns: 12 },
    );
  });
});
