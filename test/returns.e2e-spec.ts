import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, useFixture } from '@app/testing';
import {
  AUTHENTIC,
  CHECK,
  PROCESS,
  REQUEST,
  RETURN,
  SUBMIT,
  approveReturn,
  deliverAndAccept,
  pricedOrder,
  processReturn,
  requestReturn,
  returnsWorld,
  ship,
  stockIn,
  type ReturnsWorld,
} from './returns-fixture.js';

/**
 * Returns and exchanges (DOMAIN.md section 5) over GraphQL: request against an ACCEPTED shipment -> check of name,
 * specification and quantity -> authenticity -> the red-letter note approved by leadership -> processed: stock back
 * in (RETURN), the customer's purchases reduced (tiering, once), finance told to credit. Accepting a shipment records
 * the purchase. Never more back than delivered, also when requests race; illegal moves name both states.
 */

const dir = mkdtempSync(join(tmpdir(), 'returns-'));

describe('fulfillment: returns and exchanges', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20', STORAGE_DIR: dir },
    worker: true,
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let w: ReturnsWorld;

  beforeAll(async () => {
    w = await returnsWorld(f, 'R-1');
  });

  const onHand = async () =>
    (
      await f.owner.query<{ q: string }>(
        `SELECT coalesce(sum(on_hand), 0)::text AS q FROM stock_levels WHERE product_id = $1 AND location_id = $2`,
        [w.product, w.location],
      )
    ).rows[0].q;

  const purchases = async (sourceIds: string[]) =>
    (
      await f.owner.query<{ cause: string; amount: string; source: string }>(
        `SELECT cause, amount::text, source FROM customer_purchases WHERE source_id = ANY($1) ORDER BY created_at`,
        [sourceIds],
      )
    ).rows;

  /** The stored state of the returns, purchases, stock and audit tables, for "nothing changed". */
  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM goods_returns r),
           (SELECT count(*) FROM goods_return_lines), (SELECT count(*) FROM customer_purchases),
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM stock_levels s),
           (SELECT count(*) FROM approval_requests), (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;

  it('accepting records the purchase; a return walks the checks and leadership, then stock, purchases, finance', async () => {
    await stockIn(f, w, '10');
    const o = await pricedOrder(f, w, ['4'], '250.50');
    const s = await ship(f, w, o.id, o.lines[0], '4');
    await deliverAndAccept(f, w, s.id);
    expect(await purchases([s.id])).toEqual([{ cause: 'ORDER_DELIVERED', amount: '1002.00', source: 'SHIPMENT' }]);
    const stockBefore = await onHand();

    const r = await requestReturn(f, s, '1.5', { reason: 'DEFECTIVE' });
    expect(r).toMatchObject({ status: 'REQUESTED', amount: '375.75', currency: 'CNY', orderId: o.id });
    expect(r.lines).toEqual([
      {
        shipmentLineId: s.line,
        orderLineId: o.lines[0],
        productId: w.product,
        quantity: '1.500',
        unitPrice: '250.50',
        amount: '375.75',
      },
    ]);
    await approveReturn(f, r.id);
    const approved = (await f.ok<{ goodsReturn: { status: string } }>('managerA', RETURN, { id: r.id })).goodsReturn;
    expect(approved.status).toBe('APPROVED');
    const done = await processReturn(f, w, r.id);
    expect(done).toMatchObject({ status: 'PROCESSED', locationId: w.location });
    expect(Number(await onHand())).toBe(Number(stockBefore) + 1.5);
    const moves = await f.owner.query<{ cause: string; quantity: string }>(
      `SELECT cause, quantity::text FROM stock_movements WHERE reference = $1`,
      [`Return ${r.id}`],
    );
    expect(moves.rows).toEqual([{ cause: 'RETURN', quantity: '1.500' }]);
    expect(await purchases([s.id, r.id])).toEqual([
      { cause: 'ORDER_DELIVERED', amount: '1002.00', source: 'SHIPMENT' },
      { cause: 'RETURN', amount: '-375.75', source: 'RETURN' },
    ]);
    // Finance hears of it through the outbox: the worker writes one notice per finance person, naming the return.
    const notes = await eventually(async () => {
      const rows = (
        await f.owner.query<{ user_id: string; kind: string; title: string }>(
          `SELECT user_id, kind, title FROM notifications WHERE subject_id = $1`,
          [r.id],
        )
      ).rows;
      return rows.length ? rows : null;
    });
    expect(notes).toEqual([
      { user_id: f.org.users.financeA.id, kind: 'RETURN_TO_CREDIT', title: expect.stringContaining(r.id) },
    ]);
    expect(notes![0].title).toContain('credit 375.75 CNY');
    // The approval went to leadership: the built-in default for returns.
    const req = await f.owner.query<{ subject_type: string; n: number }>(
      `SELECT r.subject_type, (SELECT count(*)::int FROM approval_steps s WHERE s.request_id = r.id) AS n
       FROM approval_requests r WHERE r.subject_id = $1`,
      [r.id],
    );
    expect(req.rows).toEqual([{ subject_type: 'RETURN', n: 1 }]);
    // Processing again is an illegal move that names both states and changes nothing.
    const before = await tables();
    const again = await f.refused('clerkA', PROCESS, { id: r.id, in: { locationId: w.location } });
    expect(again.code).toBe('INVALID_STATE');
    expect(again.message).toMatch(/from PROCESSED to PROCESSED/);
    expect(await tables()).toBe(before);
  });

  it('an exchange ships its replacement, linked and counted against the order, even after the order closed', async () => {
    await stockIn(f, w, '10');
    const o = await pricedOrder(f, w, ['2'], '100.00');
    const s = await ship(f, w, o.id, o.lines[0], '2');
    await deliverAndAccept(f, w, s.id);
    const state = async () =>
      (await f.owner.query<{ state: string }>('SELECT state FROM orders WHERE id = $1', [o.id])).rows[0].state;
    expect(await state()).toBe('CLOSED');
    const r = await requestReturn(f, s, '1', { kind: 'EXCHANGE', reason: 'WRONG_ITEM' });
    await approveReturn(f, r.id);

    // Without a replacement, or with one that cannot ship: refused, nothing changed.
    let before = await tables();
    const none = await f.refused('clerkA', PROCESS, { id: r.id, in: { locationId: w.location } });
    expect(none).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['replacement'] });
    expect(await tables()).toBe(before);
    const empty = (
      await f.ok<{ createWarehouseLocation: { id: string } }>(
        'managerA',
        `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id } }`,
        { in: { code: 'L-EMPTY', name: 'Empty shelf' } },
      )
    ).createWarehouseLocation.id;
    before = await tables();
    const short = await f.call('clerkA', PROCESS, {
      id: r.id,
      in: { locationId: w.location, replacement: { mode: 'FROM_STOCK', locationId: empty } },
    });
    expect(short.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_STOCK' });
    expect(await tables()).toBe(before);

    const { processGoodsReturn: done } = await f.ok<{
      processGoodsReturn: {
        status: string;
        replacementShipment: {
          id: string;
          status: string;
          orderId: string;
          consigneePlace: string;
          lines: { id: string; orderLineId: string; quantity: string }[];
        };
      };
    }>(
      'clerkA',
      `mutation($id: ID!, $in: ProcessGoodsReturnInput!) { processGoodsReturn(id: $id, input: $in) {
        status replacementShipment { id status orderId consigneePlace lines { id orderLineId quantity } } } }`,
      { id: r.id, in: { locationId: w.location, replacement: { mode: 'FROM_STOCK', locationId: w.location } } },
    );
    const rep = done.replacementShipment;
    expect(done.status).toBe('PROCESSED');
    expect(rep).toMatchObject({ status: 'PREPARED', orderId: o.id, consigneePlace: 'Plant 2' });
    expect(rep.lines).toEqual([{ id: expect.any(String), orderLineId: o.lines[0], quantity: '1.000' }]);
    // Counted against the order: 2 ordered, 2 shipped (1 taken back, 1 on its way again); the order stays CLOSED.
    const { orderShipping } = await f.ok<{ orderShipping: { shipped: string; remaining: string }[] }>(
      'managerA',
      `query($id: ID!) { orderShipping(orderId: $id) { shipped remaining } }`,
      { id: o.id },
    );
    expect(orderShipping).toEqual([{ shipped: '2.000', remaining: '0.000' }]);
    expect(await state()).toBe('CLOSED');
    // The replacement cannot be cancelled (its goods came back already); nothing else ships on the closed order.
    const cancel = await f.refused(
      'managerA',
      `mutation($id: ID!) { cancelShipment(id: $id, reason: "Wrong shelf") { id } }`,
      { id: rep.id },
    );
    expect(cancel.code).toBe('INVALID_STATE');
    expect(cancel.message).toContain(`replacement of exchange ${r.id}`);
    const extra = await f.call(
      'managerA',
      `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`,
      {
        in: {
          orderId: o.id,
          mode: 'DIRECT_FROM_MAKER',
          consigneePlace: 'Plant 2',
          consigneePerson: 'Mr. Wang',
          lines: [{ orderLineId: o.lines[0], productId: w.product, quantity: '1' }],
        },
      },
    );
    expect(extra.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    await deliverAndAccept(f, w, rep.id);
    expect(await state()).toBe('CLOSED');
    expect(await purchases([s.id, r.id, rep.id])).toEqual([
      { cause: 'ORDER_DELIVERED', amount: '200.00', source: 'SHIPMENT' },
      { cause: 'RETURN', amount: '-100.00', source: 'RETURN' },
      { cause: 'ORDER_DELIVERED', amount: '100.00', source: 'SHIPMENT' },
    ]);

    // A plain return ships nothing back.
    const plain = await requestReturn(f, s, '1');
    await approveReturn(f, plain.id);
    const bad = await f.refused('clerkA', PROCESS, {
      id: plain.id,
      in: { locationId: w.location, replacement: { mode: 'DIRECT_FROM_MAKER' } },
    });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['replacement'] });
  });

  it('on an open order, the replacement leaves exactly the room it had: shipped <= ordered', async () => {
    await stockIn(f, w, '10');
    const o = await pricedOrder(f, w, ['3'], '10.00');
    const s = await ship(f, w, o.id, o.lines[0], '2');
    await deliverAndAccept(f, w, s.id);
    const r = await requestReturn(f, s, '2', { kind: 'EXCHANGE' });
    await approveReturn(f, r.id);
    await f.ok('clerkA', PROCESS, {
      id: r.id,
      in: { locationId: w.location, replacement: { mode: 'DIRECT_FROM_MAKER', consigneePlace: 'Plant 3' } },
    });
    const over = await f.call('managerA', `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`, {
      in: {
        orderId: o.id,
        mode: 'FROM_STOCK',
        locationId: w.location,
        consigneePlace: 'Plant 2',
        consigneePerson: 'Mr. Wang',
        lines: [{ orderLineId: o.lines[0], productId: w.product, quantity: '2' }],
      },
    });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ reason: 'OVER_SHIPMENT', shipped: '2.000' });
    const last = await ship(f, w, o.id, o.lines[0], '1');
    const replacement = (
      await f.owner.query<{ id: string }>('SELECT replacement_shipment_id AS id FROM goods_returns WHERE id = $1', [
        r.id,
      ])
    ).rows[0].id;
    await deliverAndAccept(f, w, last.id);
    const state = async () =>
      (await f.owner.query<{ state: string }>('SELECT state FROM orders WHERE id = $1', [o.id])).rows[0].state;
    expect(await state()).toBe('RELEASED');
    await deliverAndAccept(f, w, replacement);
    expect(await state()).toBe('CLOSED');
  });

  it('refuses skipped steps, a shipment not accepted, and more back than delivered, changing nothing', async () => {
    await stockIn(f, w, '5');
    const o = await pricedOrder(f, w, ['3', '2'], '10.00');
    const s = await ship(f, w, o.id, o.lines[0], '3');
    const early = await tables();
    const notAccepted = await f.refused('repA', REQUEST, {
      in: {
        shipmentId: s.id,
        kind: 'RETURN',
        reason: 'OTHER',
        description: 'x',
        lines: [{ shipmentLineId: s.line, quantity: '1' }],
      },
    });
    expect(notAccepted.code).toBe('INVALID_STATE');
    expect(notAccepted.message).toMatch(/PREPARED/);
    expect(await tables()).toBe(early);
    await deliverAndAccept(f, w, s.id);

    const r = await requestReturn(f, s, '2');
    const before = await tables();
    const skip = await f.refused('clerkA', AUTHENTIC, { id: r.id, in: { passed: true } });
    expect(skip.code).toBe('INVALID_STATE');
    expect(skip.message).toMatch(/from REQUESTED to AUTHENTICATED/);
    const process = await f.refused('clerkA', PROCESS, { id: r.id, in: { locationId: w.location } });
    expect(process.message).toMatch(/from REQUESTED to PROCESSED/);
    const submit = await f.refused('clerkA', SUBMIT, { id: r.id });
    expect(submit.message).toMatch(/from REQUESTED to PENDING_APPROVAL/);
    // 2 of 3 are being returned: 2 more is one too many.
    const over = await f.refused('repA', REQUEST, {
      in: {
        shipmentId: s.id,
        kind: 'RETURN',
        reason: 'OTHER',
        description: 'x',
        lines: [{ shipmentLineId: s.line, quantity: '2' }],
      },
    });
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toMatch(/3\.000 delivered, 2\.000 returned.*return at most 1\.000/);
    const badLine = await f.refused('repA', REQUEST, {
      in: {
        shipmentId: s.id,
        kind: 'RETURN',
        reason: 'OTHER',
        description: 'x',
        lines: [{ shipmentLineId: o.lines[0], quantity: '1' }],
      },
    });
    expect(badLine).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].shipmentLineId'] });
    const noNote = await f.refused('clerkA', CHECK, { id: r.id, in: { passed: false } });
    expect(noNote).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
    expect(await tables()).toBe(before);

    // A failed check rejects the request, which then holds no quantity: the units may be asked for again.
    const rejected = await f.ok<{ checkGoodsReturn: { status: string } }>('clerkA', CHECK, {
      id: r.id,
      in: { passed: false, note: 'Serial numbers are not ours' },
    });
    expect(rejected.checkGoodsReturn.status).toBe('REJECTED');
    const again = await requestReturn(f, s, '3');
    expect(again.status).toBe('REQUESTED');
  });

  it('concurrent requests for the last units: exactly what was delivered comes back, the rest CONFLICT', async () => {
    await stockIn(f, w, '3');
    const o = await pricedOrder(f, w, ['3'], '99.99');
    const s = await ship(f, w, o.id, o.lines[0], '3');
    await deliverAndAccept(f, w, s.id);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        f.call('repA', REQUEST, {
          in: {
            shipmentId: s.id,
            kind: 'RETURN',
            reason: 'WRONG_ITEM',
            description: 'x',
            lines: [{ shipmentLineId: s.line, quantity: '1' }],
          },
        }),
      ),
    );
    const codes = answers.map((a) => (a.body.errors?.[0]?.extensions as { code?: string } | undefined)?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(9);
    const stored = await f.owner.query<{ q: string }>(
      `SELECT sum(l.quantity)::text AS q FROM goods_return_lines l WHERE l.shipment_line_id = $1`,
      [s.line],
    );
    expect(stored.rows[0].q).toBe('3.000');
  });

  it('leadership rejecting the note ends the return; nothing moves', async () => {
    await stockIn(f, w, '1');
    const o = await pricedOrder(f, w, ['1'], '5.00');
    const s = await ship(f, w, o.id, o.lines[0], '1');
    await deliverAndAccept(f, w, s.id);
    const r = await requestReturn(f, s, '1', { kind: 'EXCHANGE', reason: 'CHANGED_MIND' });
    await f.ok('clerkA', CHECK, { id: r.id, in: { passed: true } });
    await f.ok('clerkA', AUTHENTIC, { id: r.id, in: { passed: true } });
    const { submitGoodsReturnNote: sub } = await f.ok<{ submitGoodsReturnNote: { approvalRequestId: string } }>(
      'clerkA',
      SUBMIT,
      { id: r.id },
    );
    const step = await f.owner.query<{ id: string }>(
      `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
      [sub.approvalRequestId],
    );
    await f.ok('leader', `mutation($s: ID!, $c: String!) { rejectStep(stepId: $s, reason: $c) { id } }`, {
      s: step.rows[0].id,
      c: 'Not our fault',
    });
    const after = (
      await f.ok<{ goodsReturn: { status: string; rejectionReason: string } }>('managerA', RETURN, { id: r.id })
    ).goodsReturn;
    expect(after.status).toBe('REJECTED');
    expect(await purchases([r.id])).toEqual([]);
  });

  it('a colleague rep sees and asks nothing of another rep’s order; the owner rep reads their own', async () => {
    await stockIn(f, w, '1');
    const o = await pricedOrder(f, w, ['1'], '1.00');
    const s = await ship(f, w, o.id, o.lines[0], '1');
    await deliverAndAccept(f, w, s.id);
    const r = await requestReturn(f, s, '1');
    expect((await f.ok<{ goodsReturn: { id: string } | null }>('repA', RETURN, { id: r.id })).goodsReturn?.id).toBe(
      r.id,
    );
    expect((await f.ok<{ goodsReturn: null }>('rep2A', RETURN, { id: r.id })).goodsReturn).toBeNull();
    const before = await tables();
    const asked = await f.refused('rep2A', REQUEST, {
      in: {
        shipmentId: s.id,
        kind: 'RETURN',
        reason: 'OTHER',
        description: 'x',
        lines: [{ shipmentLineId: s.line, quantity: '1' }],
      },
    });
    expect(asked.code).toBe('NOT_FOUND');
    expect(await tables()).toBe(before);
  });

  it('head office counts returns by reason per branch in the period', async () => {
    await stockIn(f, w, '2');
    const o = await pricedOrder(f, w, ['2'], '7.00');
    const s = await ship(f, w, o.id, o.lines[0], '2');
    await deliverAndAccept(f, w, s.id);
    const q = `query($in: ReturnsByReasonInput!) { goodsReturnsByReason(input: $in) {
      branchId reason requested processed rejected exchanges processedAmount currency } }`;
    const today = new Date().toISOString().slice(0, 10);
    const range = { from: '2026-01-01', to: today > '2026-12-31' ? today : '2026-12-31' };
    const read = async () =>
      (
        await f.ok<{
          goodsReturnsByReason: {
            branchId: string;
            reason: string;
            requested: number;
            processed: number;
            processedAmount: string;
          }[];
        }>('admin', q, { in: range })
      ).goodsReturnsByReason.find((x) => x.branchId === f.org.a.id && x.reason === 'DAMAGED_IN_TRANSIT');
    const base = (await read()) ?? { requested: 0, processed: 0, processedAmount: '0.00' };
    const r = await requestReturn(f, s, '2', { reason: 'DAMAGED_IN_TRANSIT' });
    await approveReturn(f, r.id);
    await processReturn(f, w, r.id);
    const now = (await read())!;
    expect(now.requested - base.requested).toBe(1);
    expect(now.processed - base.processed).toBe(1);
    expect(Math.round((Number(now.processedAmount) - Number(base.processedAmount)) * 100)).toBe(1400);
    const bad = await f.refused('admin', q, { in: { from: '2026-02-01', to: '2026-01-01' } });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['to'] });
    const rep = await f.refused('repA', q, { in: range });
    expect(rep.code).toBe('FORBIDDEN');
  });
});
