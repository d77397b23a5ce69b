import { beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, todayIn } from '@app/core';
import { problem, useFixture } from '@app/testing';
import { APPROVE_STEP, pendingStep } from './finance-fixture.js';

/**
 * A purchase contract cancelled after finance recorded its deposit owes that deposit back: finance sees a refund DUE
 * from the supplier (amount = deposit paid), and its receipt of the refund closes it (RECEIVED), once. Contracts
 * cancelled before any deposit owe nothing; bad receipts are typed errors that change nothing.
 */

interface Refund {
  id: string;
  contractNumber: string;
  amountDue: string;
  state: string;
  supplier: { id: string };
  contract: { id: string; state: string };
  receipt: { amount: string; receivedOn: string; note: string | null; recordedBy: { id: string } } | null;
}

const R = `id contractNumber amountDue depositPaidOn cancelReason state supplier { id } contract { id state }
  receipt { amount receivedOn note recordedBy { id } }`;
const LIST = `query($f: PurchaseDepositRefundFilter) { purchaseDepositRefunds(first: 100, filter: $f) { totalCount
  edges { node { ${R} } } } }`;
const RECORD = `mutation($id: ID!, $in: RecordDepositRefundInput!) { recordPurchaseDepositRefund(contractId: $id, input: $in) {
  ${R} } }`;
const reason = (r: { body: { errors?: { extensions?: object }[] } }) =>
  (r.body.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

describe('fulfillment: deposits refunded when a purchase contract is cancelled', () => {
  const f = useFixture({
    people: { clerkA: { branch: 'a', role: 'CLERK' }, financeB: { branch: 'b', role: 'FINANCE' } },
  });
  const today = todayIn('Asia/Shanghai');
  let product = '';
  let supplier = '';

  beforeAll(async () => {
    product = (
      await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: 'DR-P', name: 'Bearing', unit: 'pcs', listPrice: '100.00', costPrice: '60.00' } },
      )
    ).createProduct.id;
    supplier = (
      await f.ok<{ createVendor: { id: string } }>(
        'admin',
        `mutation($in: CreateVendorInput!) { createVendor(input: $in) { id } }`,
        { in: { code: 'DR-S', name: 'Supplier DR', kind: 'SUPPLIER' } },
      )
    ).createVendor.id;
  });

  /** A contract for 10 units at 100.00 asking for `depositDue`, approved by finance: AWAITING_DEPOSIT (or delivery). */
  const approved = async (depositDue: string) => {
    const request = (
      await f.ok<{ createProcurementRequest: { id: string } }>(
        'clerkA',
        `mutation($in: CreateProcurementRequestInput!) { createProcurementRequest(input: $in) { id lines { id } } }`,
        {
          in: {
            title: 'Bearings',
            reason: 'Stock low',
            wantedBy: addDays(today, 40),
            lines: [{ productId: product, quantity: '10' }],
          },
        },
      )
    ).createProcurementRequest;
    await f.ok(
      'clerkA',
      `mutation($id: ID!) { planProcurementRequest(id: $id, input: { budget: "5000.00", orderBy: "${addDays(today, 5)}" }) { id } }`,
      { id: request.id },
    );
    const [quotation] = (
      await f.ok<{ requestSupplierQuotations: { id: string }[] }>(
        'clerkA',
        `mutation($id: ID!, $v: [ID!]!) { requestSupplierQuotations(id: $id, input: { vendorIds: $v, replyBy: "${today}" }) { id } }`,
        { id: request.id, v: [supplier] },
      )
    ).requestSupplierQuotations;
    const lines = (
      await f.ok<{ procurementRequest: { lines: { id: string }[] } }>(
        'clerkA',
        `query($id: ID!) { procurementRequest(id: $id) { lines { id } } }`,
        { id: request.id },
      )
    ).procurementRequest.lines;
    await f.ok(
      'clerkA',
      `mutation($id: ID!, $in: RecordSupplierOfferInput!) { recordSupplierOffer(id: $id, input: $in) { id } }`,
      {
        id: quotation.id,
        in: {
          lines: [{ requestLineId: lines[0].id, unitPrice: '100.00', leadTimeDays: 7, validUntil: addDays(today, 20) }],
        },
      },
    );
    const c = (
      await f.ok<{ awardPurchaseContract: { id: string } }>(
        'clerkA',
        `mutation($in: AwardPurchaseContractInput!) { awardPurchaseContract(input: $in) { id } }`,
        { in: { quotationId: quotation.id, depositDue } },
      )
    ).awardPurchaseContract;
    const submitted = (
      await f.ok<{ submitPurchaseContract: { approvalRequestId: string } }>(
        'clerkA',
        `mutation($id: ID!) { submitPurchaseContract(id: $id) { approvalRequestId } }`,
        { id: c.id },
      )
    ).submitPurchaseContract;
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, submitted.approvalRequestId) });
    return c.id;
  };
  const deposit = (id: string, amount: string) =>
    f.ok(
      'financeA',
      `mutation($id: ID!) { recordPurchaseContractDeposit(id: $id, input: { amount: "${amount}",
      paidOn: "${today}" }) { id state } }`,
      { id },
    );
  const cancel = (id: string) =>
    f.ok<{ cancelPurchaseContract: { state: string } }>(
      'clerkA',
      `mutation($id: ID!) { cancelPurchaseContract(id: $id, reason: "Supplier cannot deliver") { state } }`,
      { id },
    );
  const refunds = async (who: string, filter: Record<string, unknown> = {}) =>
    (
      await f.ok<{ purchaseDepositRefunds: { edges: { node: Refund }[] } }>(who, LIST, { f: filter })
    ).purchaseDepositRefunds.edges.map((e) => e.node);
  const tables = async () =>
    (
      await f.owner.query<{ x: string }>(
        `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM purchase_deposit_refunds r),
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM purchase_contracts c),
           (SELECT count(*) FROM audit_log)) AS x`,
      )
    ).rows[0].x;

  it('cancelled after its deposit: finance sees the refund due (the deposit paid), and its receipt closes it', async () => {
    const id = await approved('300.00');
    await deposit(id, '350.00');
    // Not cancelled yet: nothing is owed, and no refund is received.
    expect((await refunds('financeA')).map((r) => r.id)).not.toContain(id);
    const early = await f.call('financeA', RECORD, { id, in: { amount: '350.00', receivedOn: today } });
    expect(problem(early)).toMatchObject({ code: 'INVALID_STATE' });
    expect(problem(early).message).toMatch(/is IN_DELIVERY: a deposit refund is received only once it is CANCELLED/);

    expect((await cancel(id)).cancelPurchaseContract.state).toBe('CANCELLED');
    const [due] = (await refunds('financeA', { state: 'DUE' })).filter((r) => r.id === id);
    expect(due).toMatchObject({
      amountDue: '350.00',
      state: 'DUE',
      supplier: { id: supplier },
      contract: { id, state: 'CANCELLED' },
      receipt: null,
    });
    // The manager and head office see it too; branch B does not.
    expect((await refunds('managerA')).map((r) => r.id)).toContain(id);
    expect((await refunds('admin', { state: 'DUE' })).map((r) => r.id)).toContain(id);
    expect((await refunds('managerB')).map((r) => r.id)).not.toContain(id);

    // Bad receipts: typed, and nothing changes.
    const before = await tables();
    const bad: [string, Record<string, unknown>, string][] = [
      ['financeA', { amount: '300.00', receivedOn: today }, 'amount'],
      ['financeA', { amount: '350.01', receivedOn: today }, 'amount'],
      ['financeA', { amount: '350.00', receivedOn: addDays(today, 1) }, 'receivedOn'],
      ['financeA', { amount: '350.00', receivedOn: addDays(today, -1) }, 'receivedOn'],
    ];
    for (const [who, input, field] of bad) {
      const p = problem(await f.call(who, RECORD, { id, in: input }));
      expect({ input, p }).toMatchObject({ input, p: { code: 'BAD_USER_INPUT', fields: [field] } });
    }
    // Only finance (and head office's admin) records it; the buyer may not.
    expect(problem(await f.call('clerkA', RECORD, { id, in: { amount: '350.00', receivedOn: today } })).code).toBe(
      'FORBIDDEN',
    );
    expect(await tables()).toBe(before);

    const got = (
      await f.ok<{ recordPurchaseDepositRefund: Refund }>('financeA', RECORD, {
        id,
        in: { amount: '350.00', receivedOn: today, note: 'Bank ref 8812' },
      })
    ).recordPurchaseDepositRefund;
    expect(got).toMatchObject({
      state: 'RECEIVED',
      amountDue: '350.00',
      receipt: { amount: '350.00', receivedOn: today, note: 'Bank ref 8812', recordedBy: { id: f.u.financeA.id } },
    });
    expect((await refunds('financeA', { state: 'DUE' })).map((r) => r.id)).not.toContain(id);
    expect((await refunds('financeA', { state: 'RECEIVED' })).map((r) => r.id)).toContain(id);
    // Once only.
    const after = await tables();
    const again = await f.call('financeA', RECORD, { id, in: { amount: '350.00', receivedOn: today } });
    expect(reason(again)).toBe('REFUND_ALREADY_RECEIVED');
    expect(await tables()).toBe(after);
    const audit = await f.owner.query<{ action: string; before: { state: string }; after: { state: string } }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'purchaseDepositRefund' AND entity_id = $1`,
      [id],
    );
    expect(audit.rows).toMatchObject([{ action: 'received', before: { state: 'DUE' }, after: { state: 'RECEIVED' } }]);
  });

  it('a contract cancelled before its deposit was paid owes nothing: CONFLICT NO_DEPOSIT_PAID', async () => {
    const id = await approved('200.00');
    await cancel(id);
    expect((await refunds('financeA')).map((r) => r.id)).not.toContain(id);
    const before = await tables();
    const p = await f.call('financeA', RECORD, { id, in: { amount: '200.00', receivedOn: today } });
    expect(problem(p).code).toBe('CONFLICT');
    expect(reason(p)).toBe('NO_DEPOSIT_PAID');
    expect(await tables()).toBe(before);
    // Another branch's contract answers as a random id.
    const foreign = problem(await f.call('financeB', RECORD, { id, in: { amount: '200.00', receivedOn: today } }));
    expect(foreign.code).toBe('NOT_FOUND');
  });
});
