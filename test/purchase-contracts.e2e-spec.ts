import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, todayIn } from '@app/core';
import { eventually, problem, useFixture } from '@app/testing';
import { APPROVE_STEP, REJECT_STEP, pendingStep } from './finance-fixture.js';

/**
 * Procurement from suppliers over GraphQL, second part: a supplier's offer awarded as a purchase contract (one
 * request line on one live contract), reviewed through the approval engine (PURCHASE_CONTRACT: finance, then the
 * branch manager above 50,000), the deposit recorded by finance, delivery followed up and reminded when late by the
 * worker (two racing, told once), goods received into stock never above what was contracted (also with 12 receipts
 * at once), closed or cancelled; a property over random receipts and issues: received <= contracted per line and
 * stock = movements in - out.
 */

interface Line {
  id: string;
  requestLineId: string;
  quantity: string;
  unitPrice: string;
  lineTotal: string;
  received: string;
}
interface Contract {
  id: string;
  number: string;
  state: string;
  amount: string;
  depositDue: string;
  depositPaid: string | null;
  expectedOn: string;
  approvalRequestId: string | null;
  cancelReason: string | null;
  lines: Line[];
}

const C = `id number state amount depositDue depositPaid depositPaidOn expectedOn approvalRequestId cancelReason
  followUpNote lateRemindedOn supplier { id } buyer { id } depositRecordedBy { id }
  lines { id requestLineId quantity unitPrice lineTotal received product { id } }`;
const AWARD = `mutation($in: AwardPurchaseContractInput!) { awardPurchaseContract(input: $in) { ${C} } }`;
const SUBMIT = `mutation($id: ID!) { submitPurchaseContract(id: $id) { ${C} } }`;
const DEPOSIT = `mutation($id: ID!, $in: RecordDepositInput!) { recordPurchaseContractDeposit(id: $id, input: $in) {
  ${C} } }`;
const FOLLOW = `mutation($id: ID!, $in: FollowUpDeliveryInput!) { followUpPurchaseContract(id: $id, input: $in) { ${C} } }`;
const RECEIVE = `mutation($id: ID!, $in: ReceivePurchaseContractInput!) { receivePurchaseContract(id: $id, input: $in) {
  ${C} } }`;
const CLOSE = `mutation($id: ID!) { closePurchaseContract(id: $id) { ${C} } }`;
const CANCEL = `mutation($id: ID!) { cancelPurchaseContract(id: $id, reason: "Supplier cannot deliver") { ${C} } }`;
const GET = `query($id: ID!) { purchaseContract(id: $id) { ${C} } }`;
const REQUEST = `query($id: ID!) { procurementRequest(id: $id) { state contracts { id state } } }`;
const CANCEL_REQUEST = `mutation($id: ID!) { cancelProcurementRequest(id: $id, reason: "Need gone") { id } }`;
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

describe('fulfillment: purchase contracts with suppliers', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20' },
    people: { clerkA: { branch: 'a', role: 'CLERK' } },
    workers: { count: 2, firstScan: 'fulfillment.purchase-late-scan' },
  });
  const products: string[] = [];
  const suppliers: string[] = [];
  let location = '';
  const today = todayIn('Asia/Shanghai');

  /** A SOURCING request of these quantities (one product each), offered by both suppliers at these prices. */
  const sourced = async (quantities: string[], prices: string[][], validUntil = addDays(today, 20)) => {
    const r = await f.ok<{ createProcurementRequest: { id: string; lines: { id: string }[] } }>(
      'clerkA',
      `mutation($in: CreateProcurementRequestInput!) { createProcurementRequest(input: $in) { id lines { id } } }`,
      {
        in: {
          title: 'Spare parts',
          reason: 'Stock below minimum',
          wantedBy: addDays(today, 40),
          lines: quantities.map((q, i) => ({ productId: products[i], quantity: q })),
        },
      },
    );
    const request = r.createProcurementRequest;
    await f.ok(
      'clerkA',
      `mutation($id: ID!) { planProcurementRequest(id: $id, input: { budget: "1000000.00", orderBy: "${addDays(today, 5)}" }) { id } }`,
      { id: request.id },
    );
    const asked = await f.ok<{ requestSupplierQuotations: { id: string }[] }>(
      'clerkA',
      `mutation($id: ID!, $v: [ID!]!) { requestSupplierQuotations(id: $id, input: { vendorIds: $v, replyBy: "${today}" }) { id } }`,
      { id: request.id, v: suppliers },
    );
    const quotations = asked.requestSupplierQuotations.map((q) => q.id);
    for (const [s, q] of quotations.entries()) {
      await f.ok(
        'clerkA',
        `mutation($id: ID!, $in: RecordSupplierOfferInput!) { recordSupplierOffer(id: $id, input: $in) { id } }`,
        {
          id: q,
          in: {
            lines: request.lines.map((l, i) => ({
              requestLineId: l.id,
              unitPrice: prices[s][i],
              leadTimeDays: 7 + s,
              validUntil,
            })),
          },
        },
      );
    }
    return { request, quotations };
  };

  const award = (quotationId: string, extra: Record<string, unknown> = {}) =>
    f.call<{ awardPurchaseContract: Contract }>('clerkA', AWARD, { in: { quotationId, ...extra } });

  /** Awarded, submitted and approved by finance (and the manager when above 50,000); no deposit: IN_DELIVERY. */
  const inDelivery = async (quantities: string[], price = '10.00'): Promise<Contract> => {
    const { quotations } = await sourced(quantities, [quantities.map(() => price), quantities.map(() => '99.00')]);
    const c = (await award(quotations[0])).body.data!.awardPurchaseContract;
    const submitted = (await f.ok<{ submitPurchaseContract: Contract }>('clerkA', SUBMIT, { id: c.id }))
      .submitPurchaseContract;
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    return (await f.ok<{ purchaseContract: Contract }>('clerkA', GET, { id: c.id })).purchaseContract;
  };

  const receive = (c: Contract, lines: { lineId: string; quantity: string }[], who = 'clerkA') =>
    f.call<{ receivePurchaseContract: Contract }>(who, RECEIVE, { id: c.id, in: { locationId: location, lines } });

  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|',
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM purchase_contracts c),
           (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM purchase_contract_lines l),
           (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM procurement_requests r),
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM stock_levels s),
           (SELECT count(*) FROM stock_movements), (SELECT count(*) FROM audit_log),
           (SELECT count(*) FROM approval_requests)) AS x`,
      )
    ).rows[0].x;

  beforeAll(async () => {
    for (const i of [0, 1]) {
      const r = await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: `PC-P-${i}`, name: `Bearing ${i}`, unit: 'pcs', listPrice: '100.00', costPrice: '60.00' } },
      );
      products.push(r.createProduct.id);
    }
    for (const code of ['PS1', 'PS2']) {
      const r = await f.ok<{ createVendor: { id: string } }>(
        'admin',
        `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
        { in: { code, name: `Supplier ${code}`, kind: 'SUPPLIER' } },
      );
      suppliers.push(r.createVendor.id);
    }
    location = (
      await f.ok<{ createWarehouseLocation: { id: string } }>(
        'managerA',
        `mutation($in: CreateWarehouseLocationInput!) { createWarehouseLocation(input: $in) { id } }`,
        { in: { code: 'PC-MAIN', name: 'Main' } },
      )
    ).createWarehouseLocation.id;
  });

  it('awarded, reviewed, deposit paid, followed up, received in parts and closed', async () => {
    const { request, quotations } = await sourced(
      ['100', '20'],
      [
        ['300.00', '1200.00'],
        ['310.00', '1150.00'],
      ],
    );
    // The first supplier gets line 1 only, with a deposit of 30 %.
    const c = (
      await award(quotations[0], { requestLineIds: [request.lines[0].id], depositDue: '9000.00', terms: '30/70' })
    ).body.data!.awardPurchaseContract;
    expect(c).toMatchObject({
      state: 'DRAFT',
      amount: '30000.00',
      depositDue: '9000.00',
      expectedOn: addDays(today, 7),
    });
    expect(c.number).toMatch(/^PC-[A-Z0-9]+-\d{4}-\d{4}$/);
    expect(c.lines.map((l) => [l.requestLineId, l.quantity, l.unitPrice, l.lineTotal])).toEqual([
      [request.lines[0].id, '100.000', '300.00', '30000.00'],
    ]);
    // The same line again: CONFLICT, nothing changes; the other line goes to the second supplier.
    const before = await tables();
    const again = await award(quotations[1], { requestLineIds: [request.lines[0].id] });
    expect(problem(again).code).toBe('CONFLICT');
    expect(reason(again)).toBe('ALREADY_AWARDED');
    expect(problem(again).message).toContain(c.number);
    const tooMuchDeposit = await award(quotations[1], {
      requestLineIds: [request.lines[1].id],
      depositDue: '23000.01',
    });
    expect(problem(tooMuchDeposit)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['depositDue'] });
    // A request with a live contract (and a line still open) is not cancelled.
    const cancelReq = await f.call('clerkA', CANCEL_REQUEST, { id: request.id });
    expect(reason(cancelReq)).toBe('CONTRACTS_ALIVE');
    expect(problem(cancelReq).message).toContain(c.number);
    expect(await tables()).toBe(before);
    const c2 = (await award(quotations[1], { requestLineIds: [request.lines[1].id] })).body.data!.awardPurchaseContract;
    expect(c2.amount).toBe('23000.00');
    const awarded = await f.ok<{ procurementRequest: { state: string; contracts: { id: string }[] } }>(
      'managerA',
      REQUEST,
      { id: request.id },
    );
    expect(awarded.procurementRequest.state).toBe('AWARDED');
    expect(awarded.procurementRequest.contracts.map((x) => x.id)).toEqual([c.id, c2.id]);

    // Nothing is received before the review; the refusal names both states.
    const early = await receive(c, [{ lineId: c.lines[0].id, quantity: '1' }]);
    expect(problem(early).code).toBe('INVALID_STATE');
    expect(problem(early).message).toMatch(/from DRAFT to PARTLY_RECEIVED/);
    // Review: 30,000 is below the band, so finance alone decides.
    const submitted = (await f.ok<{ submitPurchaseContract: Contract }>('clerkA', SUBMIT, { id: c.id }))
      .submitPurchaseContract;
    expect(submitted.state).toBe('IN_REVIEW');
    const steps = async (id: string) =>
      (
        await f.owner.query<{ name: string }>(`SELECT name FROM approval_steps WHERE request_id = $1 ORDER BY 1`, [id])
      ).rows.map((x) => x.name);
    expect(await steps(submitted.approvalRequestId!)).toEqual(['Finance review']);
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    const approved = (await f.ok<{ purchaseContract: Contract }>('clerkA', GET, { id: c.id })).purchaseContract;
    expect(approved.state).toBe('AWAITING_DEPOSIT');
    const notYet = await receive(c, [{ lineId: c.lines[0].id, quantity: '1' }]);
    expect(problem(notYet).message).toMatch(/from AWAITING_DEPOSIT to PARTLY_RECEIVED/);

    // The deposit: finance only, not in the future, at least what is due.
    const dep = (amount: string, paidOn = today, who = 'financeA') =>
      f.call<{ recordPurchaseContractDeposit: Contract }>(who, DEPOSIT, { id: c.id, in: { amount, paidOn } });
    expect(problem(await dep('9000.00', today, 'clerkA')).code).toBe('FORBIDDEN');
    expect(problem(await dep('9000.00', addDays(today, 1)))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['paidOn'],
    });
    const short = await dep('8999.99');
    expect(reason(short)).toBe('DEPOSIT_SHORT');
    const paid = (await dep('9000.00')).body.data!.recordPurchaseContractDeposit;
    expect(paid).toMatchObject({
      state: 'IN_DELIVERY',
      depositPaid: '9000.00',
      depositRecordedBy: { id: f.u.financeA.id },
    });
    const twice = await dep('9000.00');
    expect(problem(twice).message).toMatch(/from IN_DELIVERY to IN_DELIVERY/);

    const followed = (
      await f.ok<{ followUpPurchaseContract: Contract & { followUpNote: string } }>('clerkA', FOLLOW, {
        id: c.id,
        in: { expectedOn: addDays(today, 9), note: 'Supplier ships on Monday' },
      })
    ).followUpPurchaseContract;
    expect(followed).toMatchObject({ expectedOn: addDays(today, 9), followUpNote: 'Supplier ships on Monday' });

    const part = await receive(c, [{ lineId: c.lines[0].id, quantity: '60' }]);
    expect(part.body.data!.receivePurchaseContract.state).toBe('PARTLY_RECEIVED');
    const mid = await tables();
    const over = await receive(c, [{ lineId: c.lines[0].id, quantity: '40.001' }]);
    expect(problem(over).code).toBe('CONFLICT');
    expect(reason(over)).toBe('OVER_RECEIPT');
    expect(problem(over).message).toMatch(
      /100.000 contracted, 60.000 received already, 40.001 now; receive at most 40.000/,
    );
    expect(await tables()).toBe(mid);
    const rest = (await receive(c, [{ lineId: c.lines[0].id, quantity: '40' }])).body.data!.receivePurchaseContract;
    expect(rest).toMatchObject({ state: 'RECEIVED', lines: [{ received: '100.000' }] });
    const moves = await f.owner.query<{ cause: string; quantity: string }>(
      `SELECT cause, quantity::text FROM stock_movements WHERE reference = $1 ORDER BY at`,
      [`Purchase contract ${c.number}`],
    );
    expect(moves.rows).toEqual([
      { cause: 'PURCHASE_RECEIPT', quantity: '60.000' },
      { cause: 'PURCHASE_RECEIPT', quantity: '40.000' },
    ]);
    expect(
      (await f.ok<{ closePurchaseContract: Contract }>('clerkA', CLOSE, { id: c.id })).closePurchaseContract.state,
    ).toBe('CLOSED');
    expect(problem(await f.call('clerkA', CANCEL, { id: c.id })).message).toMatch(/from CLOSED to CANCELLED/);
    const audits = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'purchaseContract' AND entity_id = $1 ORDER BY created_at, action`,
      [c.id],
    );
    expect(audits.rows.map((a) => a.action)).toEqual([
      'award',
      'submit',
      'review_approved',
      'record_deposit',
      'follow_up',
      'receive_part',
      'receive_all',
      'close',
    ]);
  });

  it('above 50,000 the branch manager reviews after finance; a rejected contract frees its lines', async () => {
    const { request, quotations } = await sourced(['200'], [['300.00'], ['301.00']]);
    const c = (await award(quotations[0])).body.data!.awardPurchaseContract;
    expect(c.amount).toBe('60000.00');
    const submitted = (await f.ok<{ submitPurchaseContract: Contract }>('clerkA', SUBMIT, { id: c.id }))
      .submitPurchaseContract;
    const names = await f.owner.query<{ name: string }>(
      `SELECT name FROM approval_steps WHERE request_id = $1 ORDER BY position`,
      [submitted.approvalRequestId],
    );
    expect(names.rows.map((x) => x.name)).toEqual(['Finance review', 'Branch manager']);
    // In review it is not cancelled by hand: the review decides.
    expect(problem(await f.call('clerkA', CANCEL, { id: c.id })).message).toMatch(/from IN_REVIEW to CANCELLED/);
    await f.ok('financeA', REJECT_STEP, { s: await pendingStep(f, submitted.approvalRequestId!) });
    const rejected = (await f.ok<{ purchaseContract: Contract }>('clerkA', GET, { id: c.id })).purchaseContract;
    expect(rejected).toMatchObject({ state: 'CANCELLED', cancelReason: 'Rejected in review' });
    const reopened = await f.ok<{ procurementRequest: { state: string } }>('clerkA', REQUEST, { id: request.id });
    expect(reopened.procurementRequest.state).toBe('SOURCING');
    // The line is free again: the second supplier gets it.
    expect((await award(quotations[1])).body.data!.awardPurchaseContract.amount).toBe('60200.00');
    // Every line awarded: the request is no longer cancelled.
    const cancelReq = await f.call('clerkA', CANCEL_REQUEST, { id: request.id });
    expect(problem(cancelReq).message).toMatch(/from AWARDED to CANCELLED/);
  });

  it('an offer past its validity is not awarded', async () => {
    const { quotations } = await sourced(['1'], [['5.00'], ['6.00']]);
    await f.owner.query(`UPDATE supplier_offer_lines SET valid_until = $2 WHERE quotation_id = $1`, [
      quotations[0],
      addDays(today, -1),
    ]);
    const before = await tables();
    const r = await award(quotations[0]);
    expect(problem(r).code).toBe('CONFLICT');
    expect(reason(r)).toBe('OFFER_EXPIRED');
    expect(await tables()).toBe(before);
  });

  it('12 receipts of 1 at once against a line of 5: exactly 5 come in, the rest are refused and change nothing', async () => {
    const c = await inDelivery(['5']);
    expect(c.state).toBe('IN_DELIVERY');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => receive(c, [{ lineId: c.lines[0].id, quantity: '1' }])),
    );
    const ok = results.filter((r) => !r.body.errors);
    expect(ok).toHaveLength(5);
    for (const r of results.filter((x) => x.body.errors)) {
      expect(['OVER_RECEIPT', undefined]).toContain(reason(r));
      expect(['CONFLICT', 'INVALID_STATE']).toContain(problem(r).code);
    }
    const after = (await f.ok<{ purchaseContract: Contract }>('clerkA', GET, { id: c.id })).purchaseContract;
    expect(after).toMatchObject({ state: 'RECEIVED', lines: [{ received: '5.000' }] });
    const moved = await f.owner.query<{ s: string }>(
      `SELECT sum(quantity)::text AS s FROM stock_movements WHERE reference = $1`,
      [`Purchase contract ${c.number}`],
    );
    expect(moved.rows[0].s).toBe('5.000');
  });

  it('the worker reminds the buyer of a late delivery once per expected day; a follow-up re-arms it', async () => {
    const c = await inDelivery(['3']);
    const notices = async () =>
      (
        await f.owner.query<{ user_id: string; title: string }>(
          `SELECT user_id, title FROM notifications WHERE kind = 'PURCHASE_DELIVERY_LATE' AND subject_id = $1
           ORDER BY created_at`,
          [c.id],
        )
      ).rows;
    // The expected day passed (as if time went by): the look is due.
    const past = addDays(today, -2);
    await f.owner.query(
      `UPDATE purchase_contracts SET expected_on = $2, late_check_at = now() - interval '1 minute' WHERE id = $1`,
      [c.id, past],
    );
    await eventually(async () => (await notices()).length === 1);
    expect((await notices())[0]).toMatchObject({ user_id: f.u.clerkA.id });
    expect((await notices())[0].title).toContain(past);
    await eventually(async () => {
      const r = await f.owner.query('SELECT 1 FROM purchase_contracts WHERE id = $1 AND late_check_at IS NULL', [c.id]);
      return r.rowCount === 1;
    });
    // Armed again for the same day: no second notice.
    await f.owner.query(`UPDATE purchase_contracts SET late_check_at = now() - interval '1 minute' WHERE id = $1`, [
      c.id,
    ]);
    await eventually(async () => {
      const r = await f.owner.query('SELECT 1 FROM purchase_contracts WHERE id = $1 AND late_check_at IS NULL', [c.id]);
      return r.rowCount === 1;
    });
    expect(await notices()).toHaveLength(1);
    // A follow-up names a new day; when that one passes too, the buyer hears again.
    await f.ok('clerkA', FOLLOW, { id: c.id, in: { expectedOn: today, note: 'Stuck at customs' } });
    await f.owner.query(
      `UPDATE purchase_contracts SET expected_on = $2, late_check_at = now() - interval '1 minute' WHERE id = $1`,
      [c.id, addDays(today, -1)],
    );
    await eventually(async () => (await notices()).length === 2);
    // Received in full: nothing more is looked at.
    await receive(c, [{ lineId: c.lines[0].id, quantity: '3' }]);
    const done = await f.owner.query<{ late_check_at: Date | null }>(
      'SELECT late_check_at FROM purchase_contracts WHERE id = $1',
      [c.id],
    );
    expect(done.rows[0].late_check_at).toBeNull();
    const audits = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'late_reminder'`,
      [c.id],
    );
    expect(audits.rows[0].n).toBe(2);
  });

  it('property: received <= contracted per line and stock = movements in - out, over random receipts and issues', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), line: fc.nat(), q: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('issue' as const), product: fc.nat(), q: fc.integer({ min: 1, max: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const c = await inDelivery(['6', '4']);
        for (const x of ops) {
          if (x.kind === 'receive') {
            const line = c.lines[x.line % c.lines.length];
            const r = await receive(c, [{ lineId: line.id, quantity: String(x.q) }]);
            if (r.body.errors) expect(['CONFLICT', 'INVALID_STATE']).toContain(problem(r).code);
          } else {
            const r = await f.call(
              'managerA',
              `mutation($in: IssueStockInput!) { issueStock(input: $in) { onHand } }`,
              { in: { productId: products[x.product % 2], locationId: location, quantity: String(x.q) } },
            );
            if (r.body.errors) expect(problem(r).code).toBe('CONFLICT');
          }
        }
        const lines = await f.owner.query<{ quantity: string; received: string }>(
          `SELECT quantity::text, received::text FROM purchase_contract_lines WHERE contract_id = $1`,
          [c.id],
        );
        for (const l of lines.rows) expect(Number(l.received)).toBeLessThanOrEqual(Number(l.quantity));
        const moved = await f.owner.query<{ s: string }>(
          `SELECT coalesce(sum(quantity), 0)::text AS s FROM stock_movements WHERE reference = $1`,
          [`Purchase contract ${c.number}`],
        );
        const received = lines.rows.reduce((s, l) => s + Number(l.received), 0);
        expect(Number(moved.rows[0].s)).toBe(received);
        const stock = await f.owner.query<{ product_id: string; on_hand: string; moved: string }>(
          `SELECT s.product_id, s.on_hand::text, (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m
             WHERE m.branch_id = s.branch_id AND m.product_id = s.product_id AND m.location_id = s.location_id)::text
             AS moved
           FROM stock_levels s WHERE s.location_id = $1`,
          [location],
        );
        for (const s of stock.rows) expect([s.product_id, Number(s.on_hand)]).toEqual([s.product_id, Number(s.moved)]);
        const state = (await f.ok<{ purchaseContract: Contract }>('clerkA', GET, { id: c.id })).purchaseContract.state;
        const full = lines.rows.every((l) => l.quantity === l.received);
        const none = lines.rows.every((l) => Number(l.received) === 0);
        expect(state).toBe(full ? 'RECEIVED' : none ? 'IN_DELIVERY' : 'PARTLY_RECEIVED');
      }),
      { numRuns: 8 },
    );
  });
});
