import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { problem, useFixture } from '@app/testing';
import {
  APPROVE_STEP,
  CREDIT_INVOICE,
  ISSUE_INVOICE,
  REJECT_STEP,
  REQUEST_DELIVERY,
  SHIPMENT_INVOICING,
  pendingStep,
  type DeliveryInvoice,
} from './finance-fixture.js';
import {
  approveReturn,
  deliverAndAccept,
  pricedOrder,
  requestReturn,
  returnsWorld,
  ship,
  stockIn,
  type ReturnsWorld,
} from './returns-fixture.js';

/**
 * Invoices from deliveries (issue 12): an invoice request raised from an ACCEPTED shipment bills its lines at the
 * order prices; per shipment line what stands invoiced never exceeds what was delivered less what came back (also
 * when requests race), a rejected review and a credit note of a quantity give it back, an amount-only credit
 * (a price correction) does not. Refusals are typed and change nothing.
 */

interface LineInvoicing {
  shipmentLineId: string;
  delivered: string;
  returned: string;
  invoiced: string;
  invoiceable: string;
}

const dir = mkdtempSync(join(tmpdir(), 'delivery-invoices-'));

describe('finance: invoices from deliveries', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '20', STORAGE_DIR: dir },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let w: ReturnsWorld;
  beforeAll(async () => {
    w = await returnsWorld(f, 'DI-1');
    await stockIn(f, w, '500');
  });

  /** An accepted shipment of `quantity` on a new order line priced `price`. */
  async function accepted(quantity: string, price = '1000.00', ordered = '100') {
    const order = await pricedOrder(f, w, [ordered], price);
    const s = await ship(f, w, order.id, order.lines[0], quantity);
    await deliverAndAccept(f, w, s.id);
    return { order, shipment: s };
  }

  async function lines(shipmentId: string): Promise<LineInvoicing[]> {
    return (
      await f.ok<{ shipmentInvoicing: { lines: LineInvoicing[] } }>('financeA', SHIPMENT_INVOICING, {
        id: shipmentId,
      })
    ).shipmentInvoicing.lines;
  }

  async function approve(inv: DeliveryInvoice, how = APPROVE_STEP) {
    await f.ok('financeA', how, { s: await pendingStep(f, inv.approvalRequestId) });
  }

  it('bills an accepted shipment at the order price, and refuses a second request for the same goods', async () => {
    const { order, shipment } = await accepted('3', '1234.56');
    const before = await lines(shipment.id);
    expect(before).toEqual([
      expect.objectContaining({ delivered: '3.000', returned: '0.000', invoiced: '0.000', invoiceable: '3.000' }),
    ]);
    const { requestDeliveryInvoice: inv } = await f.ok<{
      requestDeliveryInvoice: DeliveryInvoice & Record<string, unknown>;
    }>('repA', REQUEST_DELIVERY, { in: { shipmentId: shipment.id, type: 'VAT_SPECIAL' } });
    expect(inv).toMatchObject({ state: 'REQUESTED', amount: '3703.68', orderId: order.id, shipmentId: shipment.id });
    expect(inv.lines).toEqual([
      expect.objectContaining({
        quantity: '3.000',
        unitPrice: '1234.56',
        amount: '3703.68',
        shipmentLineId: shipment.line,
      }),
    ]);
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '3.000', invoiceable: '0.000' });
    const again = await f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: shipment.id } });
    expect(problem(again).code).toBe('CONFLICT');
    const named = await f.call('repA', REQUEST_DELIVERY, {
      in: { shipmentId: shipment.id, lines: [{ shipmentLineId: shipment.line, quantity: '1' }] },
    });
    expect(problem(named).code).toBe('CONFLICT');
    expect(named.body.errors![0].extensions).toMatchObject({
      reason: 'OVER_INVOICE',
      delivered: '3.000',
      invoiced: '3.000',
      requested: '1.000',
    });
    const count = await f.owner.query(`SELECT count(*)::int AS n FROM invoices WHERE shipment_id = $1`, [shipment.id]);
    expect(count.rows[0].n).toBe(1);
  });

  it('bills part of a line, then the rest; a rejected review gives its quantity back', async () => {
    const { shipment } = await accepted('5', '100.00');
    const part = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
        in: { shipmentId: shipment.id, lines: [{ shipmentLineId: shipment.line, quantity: '2.5' }] },
      })
    ).requestDeliveryInvoice;
    expect(part.amount).toBe('250.00');
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '2.500', invoiceable: '2.500' });
    await approve(part, REJECT_STEP);
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '0.000', invoiceable: '5.000' });
    const all = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
        in: { shipmentId: shipment.id },
      })
    ).requestDeliveryInvoice;
    expect(all.amount).toBe('500.00');
  });

  it('a credit note of a quantity gives it back to invoice again; a price correction does not', async () => {
    const { shipment } = await accepted('4', '250.00');
    const inv = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
        in: { shipmentId: shipment.id },
      })
    ).requestDeliveryInvoice;
    await approve(inv);
    await f.ok('financeA', ISSUE_INVOICE, { id: inv.id, in: { type: 'VAT_SPECIAL', taxRate: '13' } });
    const line = inv.lines[0].id;
    // A correction of the price: amount only, no quantity back.
    await f.ok('financeA', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Discount agreed', lines: [{ lineId: line, amount: '100.00' }] },
    });
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '4.000', invoiceable: '0.000' });
    const { creditInvoice: note } = await f.ok<{
      creditInvoice: { amount: string; lines: { quantity: string; amount: string }[] };
    }>(
      'financeA',
      `mutation($in: CreditInvoiceInput!) { creditInvoice(input: $in) { amount lines { quantity amount } } }`,
      { in: { invoiceId: inv.id, reason: 'Goods returned', lines: [{ lineId: line, quantity: '1' }] } },
    );
    expect(note).toEqual({ amount: '250.00', lines: [{ quantity: '1.000', amount: '250.00' }] });
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '3.000', invoiceable: '1.000' });
    // The whole rest: what remains of the amount (1000 - 100 - 250 = 650), not 3 x 250.
    const { creditInvoice: rest } = await f.ok<{ creditInvoice: { amount: string } }>(
      'financeA',
      `mutation($in: CreditInvoiceInput!) { creditInvoice(input: $in) { amount } }`,
      { in: { invoiceId: inv.id, reason: 'All returned', lines: [{ lineId: line, quantity: '3' }] } },
    );
    expect(rest.amount).toBe('650.00');
    expect((await lines(shipment.id))[0]).toMatchObject({ invoiced: '0.000', invoiceable: '4.000' });
    const over = await f.call('financeA', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Again', lines: [{ lineId: line, quantity: '0.001' }] },
    });
    expect(problem(over)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].quantity'] });
    const both = await f.call('financeA', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Both', lines: [{ lineId: line, quantity: '1', amount: '1.00' }] },
    });
    expect(problem(both)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].quantity'] });
    const neither = await f.call('financeA', CREDIT_INVOICE, {
      in: { invoiceId: inv.id, reason: 'Neither', lines: [{ lineId: line }] },
    });
    expect(problem(neither)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines[0].amount'] });
  });

  it('goods returned (or being returned) are not invoiced', async () => {
    const { shipment } = await accepted('6', '10.00');
    await requestReturn(f, shipment, '2');
    expect((await lines(shipment.id))[0]).toMatchObject({ returned: '2.000', invoiceable: '4.000' });
    const inv = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
        in: { shipmentId: shipment.id },
      })
    ).requestDeliveryInvoice;
    expect(inv.lines[0].quantity).toBe('4.000');
  });

  it('refuses what cannot be invoiced, changing nothing', async () => {
    const order = await pricedOrder(f, w, ['10'], '100.00');
    const s = await ship(f, w, order.id, order.lines[0], '2');
    const early = await f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: s.id } });
    expect(problem(early).code).toBe('INVALID_STATE');
    expect((await lines(s.id))[0]).toMatchObject({ delivered: '0.000', invoiceable: '0.000' });
    await deliverAndAccept(f, w, s.id);
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['rep2A', { shipmentId: s.id }, 'NOT_FOUND', []],
      ['repB', { shipmentId: s.id }, 'NOT_FOUND', []],
      ['repA', { shipmentId: order.lines[0] }, 'NOT_FOUND', []],
      [
        'repA',
        { shipmentId: s.id, lines: [{ shipmentLineId: order.lines[0], quantity: '1' }] },
        'BAD_USER_INPUT',
        ['lines[0].shipmentLineId'],
      ],
      [
        'repA',
        { shipmentId: s.id, lines: [{ shipmentLineId: s.line, quantity: '-1' }] },
        'BAD_USER_INPUT',
        ['lines[0].quantity'],
      ],
      [
        'repA',
        { shipmentId: s.id, lines: [{ shipmentLineId: s.line, quantity: '1.0001' }] },
        'BAD_USER_INPUT',
        ['lines[0].quantity'],
      ],
      [
        'repA',
        {
          shipmentId: s.id,
          lines: [
            { shipmentLineId: s.line, quantity: '1' },
            { shipmentLineId: s.line, quantity: '1' },
          ],
        },
        'BAD_USER_INPUT',
        ['lines[1].shipmentLineId'],
      ],
      ['repA', { shipmentId: s.id, lines: [{ shipmentLineId: s.line, quantity: '2.001' }] }, 'CONFLICT', []],
    ];
    for (const [who, input, code, fields] of cases) {
      const r = await f.call(who, REQUEST_DELIVERY, { in: input });
      expect({ who, input, ...problem(r) }).toMatchObject({ who, input, code, fields });
    }
    expect(await f.call('repB', SHIPMENT_INVOICING, { id: s.id })).toMatchObject({
      body: { data: { shipmentInvoicing: null } },
    });
    // Over the contract's invoiceable amount (the order's contract is 100,000.00).
    await f.owner.query(`UPDATE contracts SET amount = 150 WHERE id = (SELECT contract_id FROM orders WHERE id = $1)`, [
      order.id,
    ]);
    const capped = await f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: s.id } });
    expect(problem(capped)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['lines'] });
    const count = await f.owner.query(`SELECT count(*)::int AS n FROM invoices WHERE shipment_id = $1`, [s.id]);
    expect(count.rows[0].n).toBe(0);
  });

  it('bills an order without a contract (released on an approved exception), never twice, credits included', async () => {
    // A phone order without a contract: the branch manager and leadership approve it, then it is released.
    const { createOrder: made } = await f.ok<{ createOrder: { id: string; lines: { id: string }[] } }>(
      'repA',
      `mutation($in: CreateOrderInput!) { createOrder(input: $in) { id lines { id } } }`,
      {
        in: {
          customerId: w.customer,
          channel: 'PHONE',
          receivedOn: '2026-11-20',
          lines: [{ description: 'Pump', quantity: '10', unitPrice: '80.00' }],
        },
      },
    );
    const order = { id: made.id, lines: made.lines.map((l) => l.id) };
    const { confirmOrder } = await f.ok<{ confirmOrder: { approvalRequestId: string } }>(
      'repA',
      `mutation($id: ID!) { confirmOrder(id: $id) { approvalRequestId } }`,
      { id: order.id },
    );
    await f.ok('managerA', APPROVE_STEP, { s: await pendingStep(f, confirmOrder.approvalRequestId) });
    await f.ok('leader', APPROVE_STEP, { s: await pendingStep(f, confirmOrder.approvalRequestId) });
    await f.ok('clerkA', `mutation($id: ID!) { releaseOrderForShipment(id: $id) { id } }`, { id: order.id });
    const s = await ship(f, w, order.id, order.lines[0], '4');
    await deliverAndAccept(f, w, s.id);
    const view = await f.ok<{ shipmentInvoicing: { contractId: string | null; lines: LineInvoicing[] } }>(
      'financeA',
      SHIPMENT_INVOICING,
      { id: s.id },
    );
    expect(view.shipmentInvoicing.contractId).toBeNull();
    expect(view.shipmentInvoicing.lines[0]).toMatchObject({ delivered: '4.000', invoiceable: '4.000' });
    const rs = await Promise.all(
      Array.from({ length: 6 }, () => f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: s.id } })),
    );
    expect(rs.map((r) => problem(r).code ?? 'OK').sort()).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'OK',
    ]);
    const inv = rs.find((r) => !r.body.errors)!.body.data!.requestDeliveryInvoice as DeliveryInvoice & {
      contractId: string | null;
      orderId: string;
    };
    expect(inv).toMatchObject({ state: 'REQUESTED', amount: '320.00', contractId: null, orderId: order.id });
    expect((await lines(s.id))[0]).toMatchObject({ invoiced: '4.000', invoiceable: '0.000' });
    await approve(inv);
    await f.ok('financeA', ISSUE_INVOICE, { id: inv.id, in: { type: 'VAT_ORDINARY', taxRate: '13' } });
    const { creditInvoice: note } = await f.ok<{ creditInvoice: { contractId: string | null; amount: string } }>(
      'financeA',
      `mutation($in: CreditInvoiceInput!) { creditInvoice(input: $in) { contractId amount } }`,
      { in: { invoiceId: inv.id, reason: 'One came back', lines: [{ lineId: inv.lines[0].id, quantity: '1' }] } },
    );
    expect(note).toEqual({ contractId: null, amount: '80.00' });
    expect((await lines(s.id))[0]).toMatchObject({ invoiced: '3.000', invoiceable: '1.000' });
    const over = await f.call('repA', REQUEST_DELIVERY, {
      in: { shipmentId: s.id, lines: [{ shipmentLineId: s.line, quantity: '1.5' }] },
    });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVER_INVOICE' });
    const billed = await f.owner.query(
      `SELECT i.kind, sum(l.quantity)::text AS q FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.order_id = $1 OR i.credited_invoice_id = $2 GROUP BY i.kind ORDER BY i.kind`,
      [order.id, inv.id],
    );
    expect(billed.rows).toEqual([
      { kind: 'CREDIT_NOTE', q: '1.000' },
      { kind: 'INVOICE', q: '4.000' },
    ]);
  });

  it('an exchange’s replacement is not billed again for goods the original invoice covers', async () => {
    await stockIn(f, w, '20');
    const order = await pricedOrder(f, w, ['10'], '50.00');
    const s = await ship(f, w, order.id, order.lines[0], '5');
    await deliverAndAccept(f, w, s.id);
    const original = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, { in: { shipmentId: s.id } })
    ).requestDeliveryInvoice;
    await approve(original);
    await f.ok('financeA', ISSUE_INVOICE, { id: original.id, in: { type: 'VAT_SPECIAL', taxRate: '13' } });
    // Two of the five are exchanged: the replacement ships them again; the original invoice still bills all five.
    const r = await requestReturn(f, s, '2', { kind: 'EXCHANGE', reason: 'WRONG_ITEM' });
    await approveReturn(f, r.id);
    const { processGoodsReturn: p } = await f.ok<{ processGoodsReturn: { replacementShipment: { id: string } } }>(
      'clerkA',
      `mutation($id: ID!, $in: ProcessGoodsReturnInput!) {
        processGoodsReturn(id: $id, input: $in) { replacementShipment { id } } }`,
      { id: r.id, in: { locationId: w.location, replacement: { mode: 'FROM_STOCK', locationId: w.location } } },
    );
    const rep = p.replacementShipment.id;
    await deliverAndAccept(f, w, rep);
    expect((await lines(rep))[0]).toMatchObject({ delivered: '2.000', invoiced: '0.000', invoiceable: '0.000' });
    const again = await f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: rep } });
    expect(problem(again).code).toBe('CONFLICT');
    const repLine = (await lines(rep))[0].shipmentLineId;
    const named = await f.call('repA', REQUEST_DELIVERY, {
      in: { shipmentId: rep, lines: [{ shipmentLineId: repLine, quantity: '1' }] },
    });
    expect(named.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'OVER_INVOICE',
      orderLeft: '0.000',
    });
    // Once finance credits the exchanged quantity on the original, the replacement bills it, once.
    await f.ok('financeA', CREDIT_INVOICE, {
      in: { invoiceId: original.id, reason: 'Exchanged', lines: [{ lineId: original.lines[0].id, quantity: '2' }] },
    });
    expect((await lines(rep))[0]).toMatchObject({ invoiceable: '2.000' });
    const billed = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, { in: { shipmentId: rep } })
    ).requestDeliveryInvoice;
    expect(billed.lines[0]).toMatchObject({ quantity: '2.000', amount: '100.00' });
    expect(problem(await f.call('repA', REQUEST_DELIVERY, { in: { shipmentId: rep } })).code).toBe('CONFLICT');
    const standing = await f.owner.query(
      `SELECT sum(l.quantity - l.credited_quantity)::text AS q FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.order_id = $1 AND i.kind = 'INVOICE' AND i.state <> 'REJECTED'`,
      [order.id],
    );
    // Five held (three kept, two replaced), five billed.
    expect(standing.rows[0].q).toBe('5.000');
  });

  it('an exchange before any invoice: the original bills what stayed, the replacement what it brought', async () => {
    await stockIn(f, w, '20');
    const order = await pricedOrder(f, w, ['10'], '30.00');
    const s = await ship(f, w, order.id, order.lines[0], '6');
    await deliverAndAccept(f, w, s.id);
    const r = await requestReturn(f, s, '2', { kind: 'EXCHANGE', reason: 'WRONG_ITEM' });
    await approveReturn(f, r.id);
    const { processGoodsReturn: p } = await f.ok<{ processGoodsReturn: { replacementShipment: { id: string } } }>(
      'clerkA',
      `mutation($id: ID!, $in: ProcessGoodsReturnInput!) {
        processGoodsReturn(id: $id, input: $in) { replacementShipment { id } } }`,
      { id: r.id, in: { locationId: w.location, replacement: { mode: 'FROM_STOCK', locationId: w.location } } },
    );
    const rep = p.replacementShipment.id;
    await deliverAndAccept(f, w, rep);
    expect((await lines(rep))[0]).toMatchObject({ invoiceable: '2.000' });
    const a = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, { in: { shipmentId: rep } })
    ).requestDeliveryInvoice;
    const b = (
      await f.ok<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, { in: { shipmentId: s.id } })
    ).requestDeliveryInvoice;
    expect([a.lines[0].quantity, b.lines[0].quantity]).toEqual(['2.000', '4.000']);
  });

  it('12 concurrent requests for the same goods: exactly one bills them', async () => {
    const { shipment } = await accepted('7', '300.00');
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        f.call('repA', REQUEST_DELIVERY, {
          in:
            i % 2
              ? { shipmentId: shipment.id }
              : { shipmentId: shipment.id, lines: [{ shipmentLineId: shipment.line, quantity: '7' }] },
        }),
      ),
    );
    const codes = rs.map((r) => problem(r).code ?? 'OK').sort();
    expect(codes).toEqual(['OK', ...Array(11).fill('CONFLICT')].sort());
    const billed = await f.owner.query(
      `SELECT coalesce(sum(l.quantity), 0)::text AS q FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.shipment_id = $1`,
      [shipment.id],
    );
    expect(billed.rows[0].q).toBe('7.000');
  });
});
