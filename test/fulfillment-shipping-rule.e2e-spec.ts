import { beforeAll, describe, expect, it } from '@jest/globals';
import { nextWorkingDayClose } from '@app/core';
import { eventually, insertCustomer, useFixture } from '@app/testing';
import { insertOrder, insertSignedContract } from './order-fixture.js';

/**
 * The one-working-day rule (goods ship within one working day of signing, branch calendar): the clock an order
 * gets when it becomes binding, the first shipment that stops it, the breach list, head office's per-branch
 * signing-to-shipment figures, and the worker's breach scan telling the owner and the branch managers once, with
 * two workers racing on their own Redis prefixes.
 */

const ORDER = `id state signedAt shipBy firstShippedAt shippingBreached shipBreachNotifiedAt`;
const BREACHES = `query($f: ShippingBreachFilter) { shippingBreaches(first: 100, filter: $f) {
  totalCount edges { node { id branchId shippingBreached } } } }`;
const TIMES = `query($in: ShippingTimesInput!) { signingToShipment(input: $in) { branchId branchCode signed shipped
  averageHours medianHours breaches awaitingRelease oldestAwaitingHours averageAwaitingHours } }`;
const H = 3_600_000;

describe('fulfillment: the one-working-day shipping rule', () => {
  const f = useFixture({ workers: { count: 2, firstScan: 'orders.ship-breach-scan' } });
  let customerA = '';
  let customerB = '';

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Acme' });
    customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id, name: 'Bolt' });
  });

  /** An order of the branch arranged as the owner with its clock set (the worker's check due at shipBy). */
  const clockedOrder = async (o: {
    branch: 'a' | 'b';
    state?: string;
    signedAt: Date;
    shipBy: Date;
    shippedAt?: Date | null;
    ownerKey?: 'repA' | 'rep2A' | 'repB';
  }): Promise<string> =>
    (
      await insertOrder(f.owner, {
        branchId: f.org[o.branch].id,
        customerId: o.branch === 'a' ? customerA : customerB,
        ownerId: f.org.users[o.ownerKey ?? (o.branch === 'a' ? 'repA' : 'repB')].id,
        state: o.state,
        clock: { signedAt: o.signedAt, shipBy: o.shipBy, firstShippedAt: o.shippedAt },
      })
    ).id;

  const ago = (hours: number) => new Date(Date.now() - hours * H);

  const notices = async (orderId: string) =>
    (
      await f.owner.query<{ user_id: string }>(
        `SELECT user_id FROM notifications WHERE kind = 'ORDER_SHIPPING_BREACH' AND subject_id = $1 ORDER BY user_id`,
        [orderId],
      )
    ).rows.map((r) => r.user_id);

  const audits = async (orderId: string) =>
    Number(
      (
        await f.owner.query<{ n: string }>(
          `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'shipping_breach'`,
          [orderId],
        )
      ).rows[0].n,
    );

  const checkCleared = (orderId: string) =>
    eventually(async () => {
      const r = await f.owner.query('SELECT 1 FROM orders WHERE id = $1 AND ship_breach_check_at IS NULL', [orderId]);
      return r.rowCount === 1;
    });

  it('starts the clock when the order is confirmed against its signed contract: ship by the next working day’s close', async () => {
    const contract = await insertSignedContract(f.owner, {
      branchId: f.org.a.id,
      customerId: customerA,
      ownerId: f.org.users.repA.id,
    });
    const created = await f.ok<{ createOrder: { id: string } }>(
      'repA',
      `mutation($in: CreateOrderInput!) { createOrder(input: $in) { id } }`,
      {
        in: {
          customerId: customerA,
          channel: 'PHONE',
          contractId: contract,
          receivedOn: '2026-11-20',
          lines: [{ description: 'Pump', quantity: '2', unitPrice: '100.00' }],
        },
      },
    );
    const draft = await f.ok<{ order: { signedAt: string | null; shipBy: string | null } }>(
      'repA',
      `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
      { id: created.createOrder.id },
    );
    expect(draft.order).toMatchObject({ signedAt: null, shipBy: null });
    const before = Date.now();
    const { confirmOrder: o } = await f.ok<{
      confirmOrder: { state: string; signedAt: string; shipBy: string; shippingBreached: boolean };
    }>('repA', `mutation($id: ID!) { confirmOrder(id: $id) { ${ORDER} } }`, { id: created.createOrder.id });
    expect(o.state).toBe('CONFIRMED');
    const signedAt = new Date(o.signedAt);
    expect(signedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(signedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // The branch has no calendar of its own: Monday to Friday, 09:00 to 18:00, in its time zone.
    const calendar = {
      timeZone: 'Asia/Shanghai',
      workDays: [1, 2, 3, 4, 5],
      dayStartMinute: 540,
      dayEndMinute: 1080,
      holidays: new Set<string>(),
    };
    expect(o.shipBy).toBe(nextWorkingDayClose(signedAt, calendar).toISOString());
    expect(o.shippingBreached).toBe(false);
    const [row] = (
      await f.owner.query<{ check: Date }>('SELECT ship_breach_check_at AS check FROM orders WHERE id = $1', [
        created.createOrder.id,
      ])
    ).rows;
    expect(row.check.toISOString()).toBe(o.shipBy);
  });

  it('the first shipment that leaves stops the clock: shipped late is a breach, shipped in time is not', async () => {
    const late = await clockedOrder({ branch: 'a', signedAt: ago(50), shipBy: ago(20) });
    const onTime = await clockedOrder({ branch: 'a', signedAt: ago(1), shipBy: ago(-20) });
    const ids: Record<string, string> = {};
    for (const [name, orderId] of Object.entries({ late, onTime })) {
      const lines = await f.owner.query<{ id: string }>('SELECT id FROM order_lines WHERE order_id = $1', [orderId]);
      expect(lines.rowCount).toBe(0);
      await f.owner.query(
        `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
         VALUES ($1, gen_random_uuid(), $2, 1, 'Pump', 1, 0, 0)`,
        [f.org.a.id, orderId],
      );
      const product = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `P-${name}`, name: `Pump ${name}`, unit: 'pcs', listPrice: '10.00', costPrice: '5.00' } },
      );
      const line = (await f.owner.query<{ id: string }>('SELECT id FROM order_lines WHERE order_id = $1', [orderId]))
        .rows[0].id;
      const s = await f.ok<{ createShipment: { id: string } }>(
        'managerA',
        `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`,
        {
          in: {
            orderId,
            mode: 'DIRECT_FROM_MAKER',
            consigneePlace: 'Plant 2',
            consigneePerson: 'Mr. Wang',
            lines: [{ orderLineId: line, productId: product.createProduct.id, quantity: '1' }],
          },
        },
      );
      ids[name] = s.createShipment.id;
    }
    // PREPARED is not shipped: the clock still runs.
    const prepared = await f.ok<{ order: { firstShippedAt: string | null } }>(
      'managerA',
      `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
      { id: onTime },
    );
    expect(prepared.order.firstShippedAt).toBeNull();
    const at = new Date(Date.now() - 60_000).toISOString();
    for (const id of Object.values(ids)) {
      await f.ok(
        'managerA',
        `mutation($id: ID!, $in: ShipmentEventInput!) { recordShipmentEvent(id: $id, input: $in) { id } }`,
        { id, in: { status: 'SHIPPED', at } },
      );
    }
    const read = (id: string) =>
      f.ok<{ order: { firstShippedAt: string; shippingBreached: boolean } }>(
        'managerA',
        `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
        { id },
      );
    expect((await read(late)).order).toMatchObject({ firstShippedAt: at, shippingBreached: true });
    expect((await read(onTime)).order).toMatchObject({ firstShippedAt: at, shippingBreached: false });
    const list = await f.ok<{ shippingBreaches: { edges: { node: { id: string } }[] } }>('managerA', BREACHES);
    const listed = list.shippingBreaches.edges.map((e) => e.node.id);
    expect(listed).toContain(late);
    expect(listed).not.toContain(onTime);
  });

  it('the worker tells the owner and the branch managers of a breach exactly once, across two workers and retries', async () => {
    const breached: string[] = [];
    for (let i = 0; i < 12; i++) {
      breached.push(
        await clockedOrder({ branch: 'a', state: i % 2 ? 'CONFIRMED' : 'RELEASED', signedAt: ago(30), shipBy: ago(2) }),
      );
    }
    const shippedLate = await clockedOrder({ branch: 'a', signedAt: ago(40), shipBy: ago(20), shippedAt: ago(10) });
    const inTime = await clockedOrder({ branch: 'a', signedAt: ago(40), shipBy: ago(20), shippedAt: ago(30) });
    const cancelled = await clockedOrder({ branch: 'a', state: 'CANCELLED', signedAt: ago(40), shipBy: ago(20) });
    const expected = [f.org.users.managerA.id, f.org.users.repA.id].sort();
    for (const id of [...breached, shippedLate]) {
      await eventually(async () => (await notices(id)).length >= 2);
    }
    for (const id of [inTime, cancelled]) await checkCleared(id);
    // Both workers keep scanning: nothing more arrives.
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of [...breached, shippedLate]) {
      expect(await notices(id)).toEqual(expected);
      expect(await audits(id)).toBe(1);
    }
    for (const id of [inTime, cancelled]) {
      expect(await notices(id)).toEqual([]);
      expect(await audits(id)).toBe(0);
    }
    // A retried check (the due time set again, as a crash before commit would leave it) tells nobody again.
    await f.owner.query('UPDATE orders SET ship_breach_check_at = now() - interval $$1 minute$$ WHERE id = ANY($1)', [
      breached,
    ]);
    for (const id of breached) await checkCleared(id);
    for (const id of breached) {
      expect(await notices(id)).toEqual(expected);
      expect(await audits(id)).toBe(1);
    }
    const read = await f.ok<{ order: { shipBreachNotifiedAt: string | null } }>(
      'repA',
      `query($id: ID!) { order(id: $id) { ${ORDER} } }`,
      { id: breached[0] },
    );
    expect(read.order.shipBreachNotifiedAt).not.toBeNull();
  });

  it('a deadline not yet reached is not a breach; the worker leaves the order until then', async () => {
    const id = await clockedOrder({ branch: 'a', state: 'CONFIRMED', signedAt: ago(1), shipBy: ago(-5) });
    await new Promise((r) => setTimeout(r, 800));
    expect(await notices(id)).toEqual([]);
    const [row] = (await f.owner.query('SELECT ship_breach_check_at FROM orders WHERE id = $1', [id])).rows;
    expect(row.ship_breach_check_at).not.toBeNull();
  });

  it('lists breaches per branch: head office across branches, the branch its own, a sales rep their own', async () => {
    const a = await clockedOrder({ branch: 'a', state: 'CONFIRMED', signedAt: ago(100), shipBy: ago(70) });
    const a2 = await clockedOrder({
      branch: 'a',
      state: 'CONFIRMED',
      signedAt: ago(100),
      shipBy: ago(70),
      ownerKey: 'rep2A',
    });
    const b = await clockedOrder({ branch: 'b', signedAt: ago(100), shipBy: ago(70), shippedAt: ago(60) });
    const ids = async (who: string, filter?: object) =>
      (
        await f.ok<{ shippingBreaches: { edges: { node: { id: string; shippingBreached: boolean } }[] } }>(
          who,
          BREACHES,
          { f: filter },
        )
      ).shippingBreaches.edges.map((e) => {
        expect(e.node.shippingBreached).toBe(true);
        return e.node.id;
      });
    const hq = await ids('admin');
    expect(hq).toEqual(expect.arrayContaining([a, a2, b]));
    expect(await ids('admin', { branchId: f.org.b.id })).toEqual(expect.arrayContaining([b]));
    expect(await ids('admin', { branchId: f.org.b.id })).not.toContain(a);
    const managerA = await ids('managerA');
    expect(managerA).toEqual(expect.arrayContaining([a, a2]));
    expect(managerA).not.toContain(b);
    // A branch filter naming another branch gives nothing, as RLS would.
    expect(await ids('managerA', { branchId: f.org.b.id })).toEqual([]);
    const repA = await ids('repA');
    expect(repA).toContain(a);
    expect(repA).not.toContain(a2);
    expect(await ids('managerB')).toEqual(expect.arrayContaining([b]));
    expect(await ids('managerB')).not.toContain(a);
  });

  it('gives head office signing-to-shipment hours, breaches and orders waiting for release per branch', async () => {
    // Branch B, business days 2026-03-02 .. 2026-03-06 (Asia/Shanghai): signed Monday 10:00 local.
    const signed = new Date('2026-03-02T10:00:00+08:00');
    const shipBy = new Date('2026-03-03T18:00:00+08:00');
    const plus = (h: number) => new Date(signed.getTime() + h * H);
    await clockedOrder({ branch: 'b', signedAt: signed, shipBy, shippedAt: plus(4) });
    await clockedOrder({ branch: 'b', signedAt: signed, shipBy, shippedAt: plus(10) });
    await clockedOrder({ branch: 'b', signedAt: signed, shipBy, shippedAt: plus(50) }); // late
    await clockedOrder({ branch: 'b', state: 'CONFIRMED', signedAt: signed, shipBy }); // never shipped: a breach
    // Signed the day before the period (local), and just after it: not counted.
    await clockedOrder({ branch: 'b', signedAt: new Date('2026-03-01T23:59:00+08:00'), shipBy, shippedAt: plus(1) });
    await clockedOrder({ branch: 'b', signedAt: new Date('2026-03-07T00:00:00+08:00'), shipBy, shippedAt: plus(1) });
    const period = { from: '2026-03-02', to: '2026-03-06' };
    const rows = (await f.ok<{ signingToShipment: Record<string, unknown>[] }>('admin', TIMES, { in: period }))
      .signingToShipment;
    expect(rows.map((r) => r.branchId)).toEqual(expect.arrayContaining([f.org.a.id, f.org.b.id]));
    const b = rows.find((r) => r.branchId === f.org.b.id)!;
    // Waiting for release now: the CONFIRMED one above, signed 2026-03-02.
    const waitedHours = (Date.now() - signed.getTime()) / H;
    expect(b).toMatchObject({
      signed: 4,
      shipped: 3,
      averageHours: '21.33',
      medianHours: '10.00',
      breaches: 2,
      awaitingRelease: 1,
    });
    expect(Math.abs(Number(b.oldestAwaitingHours) - waitedHours)).toBeLessThan(0.1);
    expect(b.averageAwaitingHours).toBe(b.oldestAwaitingHours);
    const a = rows.find((r) => r.branchId === f.org.a.id)!;
    expect(a).toMatchObject({ signed: 0, shipped: 0, averageHours: null, medianHours: null, breaches: 0 });

    // The branch manager sees their branch only; head office can narrow to one.
    const mine = (await f.ok<{ signingToShipment: { branchId: string }[] }>('managerB', TIMES, { in: period }))
      .signingToShipment;
    expect(mine.map((r) => r.branchId)).toEqual([f.org.b.id]);
    const narrowed = (
      await f.ok<{ signingToShipment: { branchId: string }[] }>('admin', TIMES, {
        in: { ...period, branchId: f.org.b.id },
      })
    ).signingToShipment;
    expect(narrowed.map((r) => r.branchId)).toEqual([f.org.b.id]);
  });

  it('refuses a bad period with a typed error naming the field, and sales reps', async () => {
    expect(await f.refused('admin', TIMES, { in: { from: '2026-03-06', to: '2026-03-02' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['to'],
    });
    expect(await f.refused('admin', TIMES, { in: { from: '2025-01-01', to: '2026-03-02' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['to'],
    });
    expect((await f.refused('admin', TIMES, { in: { from: '2026-02-30', to: '2026-03-02' } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await f.refused('repA', TIMES, { in: { from: '2026-03-02', to: '2026-03-06' } })).code).toBe('FORBIDDEN');
  });
});
