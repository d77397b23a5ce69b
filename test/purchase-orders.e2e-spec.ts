import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { APPROVE_STEP, REJECT_STEP, pendingStep } from './finance-fixture.js';
import { insertOrder } from './order-fixture.js';

/**
 * Purchase orders to the maker over GraphQL: drawn up for a binding sales order (numbered gap-free), reviewed by
 * finance through the approval engine before they are placed, confirmed by the maker, received into stock as
 * PURCHASE_RECEIPT movements (never more than ordered), closed; typed illegal moves naming both states; what
 * purchase orders buy never exceeds the order line, also with 20 concurrent requests; quantities reconcile after
 * random sequences (fast-check).
 */

interface Po {
  id: string;
  number: string;
  state: string;
  amount: string;
  approvalRequestId: string | null;
  lines: { id: string; orderLineId: string; quantity: string; received: string; lineTotal: string }[];
}

const P = `id number state amount approvalRequestId makerReference makerConfirmedOn cancelReason
  lines { id orderLineId quantity received lineTotal product { code } } maker { id }`;
const CREATE = `mutation($in: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $in) { ${P} } }`;
const SUBMIT = `mutation($id: ID!) { submitPurchaseOrder(id: $id) { ${P} } }`;
const PLACE = `mutation($id: ID!) { placePurchaseOrder(id: $id) { ${P} } }`;
const CONFIRM = `mutation($id: ID!, $in: ConfirmPurchaseOrderInput!) { confirmPurchaseOrder(id: $id, input: $in) { ${P} } }`;
const RECEIVE = `mutation($id: ID!, $in: ReceivePurchaseOrderInput!) { receivePurchaseOrder(id: $id, input: $in) { ${P} } }`;
const CLOSE = `mutation($id: ID!) { closePurchaseOrder(id: $id) { ${P} } }`;
const CANCEL = `mutation($id: ID!, $r: String!) { cancelPurchaseOrder(id: $id, reason: $r) { ${P} } }`;
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

describe('fulfillment: purchase orders to the maker', () => {
  const f = useFixture({ env: { DB_POOL_SIZE: '20' } });
  const products: string[] = [];
  let maker = '';
  let supplier = '';
  let location = '';
  let customer = '';

  const order = (quantities: string[], state = 'CONFIRMED') =>
    insertOrder(f.owner, {
      branchId: f.org.a.id,
      customerId: customer,
      ownerId: f.org.users.repA.id,
      state,
      quantities,
    });

  const create = (o: { id: string; lines: string[] }, qs: string[], who = 'managerA') =>
    f.call<{ createPurchaseOrder: Po }>(who, CREATE, {
      in: {
        orderId: o.id,
        makerId: maker,
        expectedOn: '2026-12-20',
        lines: qs.map((q, i) => ({
          orderLineId: o.lines[i],
          productId: products[i % 2],
          quantity: q,
          unitPrice: '10.50',
        })),
      },
    });

  /** DRAFT -> IN_REVIEW -> APPROVED (finance) -> PLACED -> CONFIRMED. */
  const toConfirmed = async (po: Po): Promise<Po> => {
    const submitted = (await f.ok<{ submitPurchaseOrder: Po }>('managerA', SUBMIT, { id: po.id })).submitPurchaseOrder;
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    await f.ok('managerA', PLACE, { id: po.id });
    return (
      await f.ok<{ confirmPurchaseOrder: Po }>('managerA', CONFIRM, {
        id: po.id,
        in: { confirmedOn: '2026-11-30', reference: 'MK-CONF-1' },
      })
    ).confirmPurchaseOrder;
  };

  const receive = (po: Po, lines: { lineId: string; quantity: string }[]) =>
    f.call<{ receivePurchaseOrder: Po }>('managerA', RECEIVE, { id: po.id, in: { locationId: location, lines } });

  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY p.id), '')) FROM purchase_orders p),
           (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM purchase_order_lines l),
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM stock_levels s),
           (SELECT count(*) FROM stock_movements), (SELECT count(*) FROM audit_log),
           (SELECT count(*) FROM approval_requests)) AS x`,
      )
    ).rows[0].x;

  const onHand = async (product: string) =>
    (
      await f.owner.query<{ q: string }>(
        `SELECT coalesce((SELECT on_hand::text FROM stock_levels WHERE product_id = $1 AND location_id = $2), '0') AS q`,
        [product, location],
      )
    ).rows[0].q;

  beforeAll(async () => {
    for (const i of [0, 1]) {
      const r = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `PO-P-${i}`, name: `Valve ${i}`, unit: 'pcs', listPrice: '100.00', costPrice: '60.00' } },
      );
      products.push(r.createProduct.id);
    }
    const vendor = async (code: string, kind: string) =>
      (
        await f.ok<{ createVendor: { id: string } }>(
          'admin',
          `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
          { in: { code, name: `Vendor ${code}`, kind } },
        )
      ).createVendor.id;
    maker = await vendor('MK1', 'MAKER');
    supplier = await vendor('SP1', 'SUPPLIER');
    location = (
      await f.ok<{ createWarehouseLocation: { id: string } }>(
        'managerA',
        `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id } }`,
        { in: { code: 'PO-MAIN', name: 'Main' } },
      )
    ).createWarehouseLocation.id;
    customer = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id, name: 'Buyer' });
  });

  it('drawn up, reviewed by finance, placed, confirmed, received into stock in parts and closed', async () => {
    const o = await order(['4', '2']);
    expect((await f.refused('repA', CREATE, { in: { orderId: o.id, makerId: maker, lines: [] } })).code).toBe(
      'FORBIDDEN',
    );
    const r = await create(o, ['4', '2']);
    const po = r.body.data!.createPurchaseOrder;
    expect(po).toMatchObject({ state: 'DRAFT', amount: '63.00', maker: { id: maker } });
    expect(po.number).toMatch(/^PO-[A-Z0-9]+-\d{4}-\d{4}$/);
    expect(po.lines.map((l) => [l.quantity, l.lineTotal, l.received])).toEqual([
      ['4.000', '42.00', '0.000'],
      ['2.000', '21.00', '0.000'],
    ]);

    // Not placed before finance approved it; the refusal names both states.
    const early = await f.call('managerA', PLACE, { id: po.id });
    expect(problem(early).code).toBe('INVALID_STATE');
    expect(early.body.errors?.[0]?.message).toMatch(/from DRAFT to PLACED/);
    const submitted = (await f.ok<{ submitPurchaseOrder: Po }>('managerA', SUBMIT, { id: po.id })).submitPurchaseOrder;
    expect(submitted.state).toBe('IN_REVIEW');
    // The built-in policy: one step, the branch's finance reviewer (a manager may not decide it).
    const steps = await f.owner.query<{ name: string }>(`SELECT name FROM approval_steps WHERE request_id = $1`, [
      submitted.approvalRequestId,
    ]);
    expect(steps.rows.map((x) => x.name)).toEqual(['Finance review']);
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    const placed = (await f.ok<{ placePurchaseOrder: Po }>('managerA', PLACE, { id: po.id })).placePurchaseOrder;
    expect(placed.state).toBe('PLACED');

    // Goods come in only after the maker confirmed: nothing changes before.
    const before = await tables();
    const notYet = await receive(po, [{ lineId: po.lines[0].id, quantity: '1' }]);
    expect(problem(notYet).code).toBe('INVALID_STATE');
    expect(notYet.body.errors?.[0]?.message).toMatch(/from PLACED to PARTLY_RECEIVED/);
    expect(await tables()).toBe(before);
    const future = await f.call('managerA', CONFIRM, {
      id: po.id,
      in: { confirmedOn: '2099-01-01', reference: 'X' },
    });
    expect(problem(future)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const confirmed = (
      await f.ok<{ confirmPurchaseOrder: Po & { makerReference: string } }>('managerA', CONFIRM, {
        id: po.id,
        in: { confirmedOn: '2026-11-30', reference: 'MK-7781' },
      })
    ).confirmPurchaseOrder;
    expect(confirmed).toMatchObject({ state: 'CONFIRMED', makerReference: 'MK-7781', makerConfirmedOn: '2026-11-30' });

    const stock0 = await onHand(products[0]);
    const part = await receive(po, [{ lineId: po.lines[0].id, quantity: '3' }]);
    expect(part.body.data!.receivePurchaseOrder.state).toBe('PARTLY_RECEIVED');
    // The answer shows the receipt, not the lines as they were read before it.
    expect(Number(part.body.data!.receivePurchaseOrder.lines.find((l) => l.id === po.lines[0].id)!.received)).toBe(3);
    expect(Number(await onHand(products[0])) - Number(stock0)).toBe(3);
    // More than the line still awaits: typed CONFLICT, nothing moves.
    const mid = await tables();
    const over = await receive(po, [
      { lineId: po.lines[1].id, quantity: '2' },
      { lineId: po.lines[0].id, quantity: '1.5' },
    ]);
    expect(problem(over).code).toBe('CONFLICT');
    expect(reason(over)).toBe('OVER_RECEIPT');
    expect(await tables()).toBe(mid);
    const rest = await receive(po, [
      { lineId: po.lines[0].id, quantity: '1' },
      { lineId: po.lines[1].id, quantity: '2' },
    ]);
    expect(rest.body.data!.receivePurchaseOrder).toMatchObject({ state: 'RECEIVED' });
    const moves = await f.owner.query<{ cause: string; quantity: string; reference: string }>(
      `SELECT cause, quantity::text, reference FROM stock_movements WHERE reference = $1 ORDER BY at, quantity`,
      [`Purchase order ${po.number}`],
    );
    expect(moves.rows.map((m) => m.cause)).toEqual(['PURCHASE_RECEIPT', 'PURCHASE_RECEIPT', 'PURCHASE_RECEIPT']);
    expect((await f.ok<{ closePurchaseOrder: Po }>('managerA', CLOSE, { id: po.id })).closePurchaseOrder.state).toBe(
      'CLOSED',
    );
    const cancel = await f.call('managerA', CANCEL, { id: po.id, r: 'Too late' });
    expect(cancel.body.errors?.[0]?.message).toMatch(/from CLOSED to CANCELLED/);
  });

  it('never buys more than the order line needs; a cancelled or rejected PO stops counting; the gate and the maker', async () => {
    const o = await order(['5']);
    const first = (await create(o, ['3'])).body.data!.createPurchaseOrder;
    const before = await tables();
    const over = await create(o, ['3']);
    expect(problem(over).code).toBe('CONFLICT');
    expect(reason(over)).toBe('OVER_PURCHASE');
    expect(over.body.errors?.[0]?.message).toMatch(/5.000 ordered, 3.000 on purchase orders already, 3 requested/);
    expect(await tables()).toBe(before);
    await f.ok('managerA', CANCEL, { id: first.id, r: 'Wrong maker' });
    const second = (await create(o, ['3'])).body.data!.createPurchaseOrder;
    const submitted = (await f.ok<{ submitPurchaseOrder: Po }>('managerA', SUBMIT, { id: second.id }))
      .submitPurchaseOrder;
    await f.ok('financeA', REJECT_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    const rejected = await f.ok<{ purchaseOrder: Po & { cancelReason: string } }>(
      'managerA',
      `query($id: ID!) { purchaseOrder(id: $id) { ${P} } }`,
      { id: second.id },
    );
    expect(rejected.purchaseOrder).toMatchObject({ state: 'CANCELLED', cancelReason: 'Rejected in finance’s review' });
    expect((await create(o, ['5'])).body.data!.createPurchaseOrder.state).toBe('DRAFT');
    // Numbers are consecutive in the branch.
    const numbers = [first, second].map((p) => Number(p.number.slice(-4)));
    expect(numbers[1] - numbers[0]).toBe(1);

    for (const state of ['DRAFT', 'CANCELLED']) {
      const bad = await create(await order(['1'], state), ['1']);
      expect(problem(bad).code).toBe('INVALID_STATE');
      expect(bad.body.errors?.[0]?.message).toMatch(new RegExp(`is ${state}: only a CONFIRMED, APPROVED or RELEASED`));
    }
    const o2 = await order(['1']);
    const notMaker = await f.call('managerA', CREATE, {
      in: {
        orderId: o2.id,
        makerId: supplier,
        lines: [{ orderLineId: o2.lines[0], productId: products[0], quantity: '1', unitPrice: '1' }],
      },
    });
    expect(problem(notMaker)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(problem(notMaker))).toMatch(/makerId/);
  });

  it('20 concurrent purchase orders against an order line of 7: exactly 7 units are bought', async () => {
    const o = await order(['7']);
    const results = await Promise.all(Array.from({ length: 20 }, () => create(o, ['1'])));
    const ok = results.filter((r) => !r.body.errors);
    expect(ok).toHaveLength(7);
    for (const r of results.filter((x) => x.body.errors)) expect(reason(r)).toBe('OVER_PURCHASE');
    const sum = await f.owner.query<{ s: string }>(
      `SELECT sum(quantity)::text AS s FROM purchase_order_lines WHERE order_line_id = $1`,
      [o.lines[0]],
    );
    expect(sum.rows[0].s).toBe('7.000');
    // Gap-free: the seven numbers are consecutive.
    const seq = ok.map((r) => Number(r.body.data!.createPurchaseOrder.number.slice(-4))).sort((a, b) => a - b);
    expect(seq[6] - seq[0]).toBe(6);
  });

  it('property: bought <= ordered per order line, received <= bought per line, stock in = receipts', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), q: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('receive' as const), pick: fc.nat(), q: fc.integer({ min: 1, max: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const o = await order(['8']);
        const pos: Po[] = [];
        for (const x of ops) {
          if (x.kind === 'create') {
            const r = await create(o, [String(x.q)]);
            if (!r.body.errors) pos.push(await toConfirmed(r.body.data!.createPurchaseOrder));
            else expect(reason(r)).toBe('OVER_PURCHASE');
          } else if (pos.length && x.kind === 'cancel') {
            const r = await f.call('managerA', CANCEL, { id: pos[x.pick % pos.length].id, r: 'Property' });
            if (r.body.errors) expect(problem(r).code).toBe('INVALID_STATE');
          } else if (pos.length && x.kind === 'receive') {
            const po = pos[x.pick % pos.length];
            const r = await receive(po, [{ lineId: po.lines[0].id, quantity: String(x.q) }]);
            if (r.body.errors) expect(['INVALID_STATE', 'CONFLICT']).toContain(problem(r).code);
          }
        }
        const check = await f.owner.query<{ bought: string; received: string; overLines: string; moved: string }>(
          `SELECT (SELECT coalesce(sum(l.quantity), 0) FROM purchase_order_lines l JOIN purchase_orders p
                     ON p.branch_id = l.branch_id AND p.id = l.purchase_order_id
                   WHERE l.order_id = $1 AND p.state <> 'CANCELLED')::text AS bought,
                  (SELECT coalesce(sum(received), 0) FROM purchase_order_lines WHERE order_id = $1)::text AS received,
                  (SELECT count(*) FROM purchase_order_lines WHERE order_id = $1 AND received > quantity)::text
                    AS "overLines",
                  (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m
                   WHERE m.cause = 'PURCHASE_RECEIPT' AND m.reference IN (SELECT 'Purchase order ' || number
                     FROM purchase_orders WHERE order_id = $1))::text AS moved`,
          [o.id],
        );
        const c = check.rows[0];
        expect(Number(c.bought)).toBeLessThanOrEqual(8);
        expect(c.overLines).toBe('0');
        expect(Number(c.moved)).toBe(Number(c.received));
      }),
      { numRuns: 8 },
    );
  });
});
