import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
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
 * Invoices from deliveries over random sequences of deliveries (shipped and accepted), exchanges (the goods taken
 * back, the replacement shipped and accepted), invoice requests (approved or rejected), issues and credit notes of
 * quantities, against a model in thousandths: each refusal is the one the model predicts, the API's invoiced and
 * invoiceable figures per shipment line are the model's, and, read straight from the tables, the invoiced quantity
 * per order line (invoices not rejected, less credited) never exceeds what the customer holds (accepted shipments,
 * replacements included, less what exchanges took back): a replacement is not billed for goods already billed.
 */

const EXCHANGE = `mutation($id: ID!, $in: ProcessGoodsReturnInput!) {
  processGoodsReturn(id: $id, input: $in) { replacementShipment { id lines { id } } } }`;

type Op =
  | { t: 'deliver'; line: number; qty: number }
  | { t: 'invoice'; shipment: number; qty: number; approve: boolean }
  | { t: 'issue'; invoice: number }
  | { t: 'credit'; invoice: number; qty: number }
  | { t: 'exchange'; shipment: number; qty: number };

const OPS: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('deliver' as const),
        line: fc.nat(1),
        qty: fc.integer({ min: 1, max: 4 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        t: fc.constant('invoice' as const),
        shipment: fc.nat(10),
        qty: fc.integer({ min: 0, max: 5 }),
        approve: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('issue' as const), invoice: fc.nat(10) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('exchange' as const),
        shipment: fc.nat(10),
        qty: fc.integer({ min: 1, max: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('credit' as const),
        invoice: fc.nat(10),
        qty: fc.integer({ min: 1, max: 4 }),
      }),
    },
  ),
  { minLength: 1, maxLength: 10 },
);

interface Shp {
  id: string;
  line: string;
  orderLine: number;
  qty: number;
  /** Taken back by exchanges. */
  returned: number;
  /** An exchange's replacement. */
  replacement: boolean;
}

interface Inv {
  id: string;
  lineId: string;
  shipment: number;
  qty: number;
  state: 'APPROVED' | 'REJECTED' | 'ISSUED';
  credited: number;
}

const dir = mkdtempSync(join(tmpdir(), 'delivery-invoice-props-'));

describe('finance: invoiced quantity per order line <= delivered, after any sequence of operations', () => {
  const f = useFixture({
    env: { STORAGE_DIR: dir },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let w: ReturnsWorld;
  beforeAll(async () => {
    w = await returnsWorld(f, 'DIP-1');
    await stockIn(f, w, '5000');
  });

  it('holds, and every refusal is the one the model predicts', async () => {
    const outcomes: Record<string, number> = {};
    const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(OPS, async (ops) => {
        const order = await pricedOrder(f, w, ['40', '40'], '33.33');
        const shps: Shp[] = [];
        const invs: Inv[] = [];
        const invoiced = (s: number) =>
          invs.filter((i) => i.shipment === s && i.state !== 'REJECTED').reduce((n, i) => n + i.qty - i.credited, 0);
        // What may be invoiced of shipment k: its own goods left, and on a replacement no more than the order line
        // holds beyond what stands invoiced on it (the original invoice covers exchanged goods).
        const left = (k: number) => {
          const s = shps[k];
          let n = s.qty - s.returned - invoiced(k);
          if (s.replacement) {
            const same = [...shps.keys()].filter((j) => shps[j].orderLine === s.orderLine);
            const held = same.reduce((x, j) => x + shps[j].qty - shps[j].returned, 0);
            n = Math.min(n, held - same.reduce((x, j) => x + invoiced(j), 0));
          }
          return Math.max(0, n);
        };
        for (const op of ops) {
          if (op.t === 'deliver') {
            const s = await ship(f, w, order.id, order.lines[op.line], String(op.qty));
            await deliverAndAccept(f, w, s.id);
            shps.push({ ...s, orderLine: op.line, qty: op.qty, returned: 0, replacement: false });
            count('deliver');
          } else if (op.t === 'exchange' && shps.length) {
            const s = shps[op.shipment % shps.length];
            if (s.returned + op.qty > s.qty) continue;
            const r = await requestReturn(f, s, String(op.qty), { kind: 'EXCHANGE', reason: 'WRONG_ITEM' });
            await approveReturn(f, r.id);
            const { processGoodsReturn: p } = await f.ok<{
              processGoodsReturn: { replacementShipment: { id: string; lines: { id: string }[] } };
            }>('clerkA', EXCHANGE, {
              id: r.id,
              in: { locationId: w.location, replacement: { mode: 'FROM_STOCK', locationId: w.location } },
            });
            const rep = p.replacementShipment;
            await deliverAndAccept(f, w, rep.id);
            s.returned += op.qty;
            shps.push({
              id: rep.id,
              line: rep.lines[0].id,
              orderLine: s.orderLine,
              qty: op.qty,
              returned: 0,
              replacement: true,
            });
            count('exchange');
          } else if (op.t === 'invoice' && shps.length) {
            const k = op.shipment % shps.length;
            const s = shps[k];
            // qty 0: "everything left" (no lines named).
            const asked = op.qty === 0 ? left(k) : op.qty;
            const expected = asked > 0 && asked <= left(k) ? 'OK' : 'CONFLICT';
            const r = await f.call<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
              in:
                op.qty === 0
                  ? { shipmentId: s.id }
                  : { shipmentId: s.id, lines: [{ shipmentLineId: s.line, quantity: String(op.qty) }] },
            });
            expect({ op, code: problem(r).code ?? 'OK' }).toEqual({ op, code: expected });
            count(`invoice:${expected}`);
            if (expected !== 'OK') continue;
            const inv = r.body.data!.requestDeliveryInvoice;
            await f.ok('financeA', op.approve ? APPROVE_STEP : REJECT_STEP, {
              s: await pendingStep(f, inv.approvalRequestId),
            });
            invs.push({
              id: inv.id,
              lineId: inv.lines[0].id,
              shipment: k,
              qty: asked,
              state: op.approve ? 'APPROVED' : 'REJECTED',
              credited: 0,
            });
          } else if (op.t === 'issue' && invs.length) {
            const inv = invs[op.invoice % invs.length];
            const expected = inv.state === 'APPROVED' ? 'OK' : 'INVALID_STATE';
            const r = await f.call('financeA', ISSUE_INVOICE, {
              id: inv.id,
              in: { type: 'VAT_SPECIAL', taxRate: '13' },
            });
            expect({ op, code: problem(r).code ?? 'OK' }).toEqual({ op, code: expected });
            count(`issue:${expected}`);
            if (expected === 'OK') inv.state = 'ISSUED';
          } else if (op.t === 'credit' && invs.length) {
            const inv = invs[op.invoice % invs.length];
            const expected =
              inv.state !== 'ISSUED' ? 'INVALID_STATE' : op.qty > inv.qty - inv.credited ? 'BAD_USER_INPUT' : 'OK';
            const r = await f.call('financeA', CREDIT_INVOICE, {
              in: { invoiceId: inv.id, reason: 'Returned', lines: [{ lineId: inv.lineId, quantity: String(op.qty) }] },
            });
            expect({ op, code: problem(r).code ?? 'OK' }).toEqual({ op, code: expected });
            count(`credit:${expected}`);
            if (expected === 'OK') inv.credited += op.qty;
          }
        }
        // The API's figures per shipment line are the model's.
        for (const [k, s] of shps.entries()) {
          const { shipmentInvoicing } = await f.ok<{
            shipmentInvoicing: { lines: { invoiced: string; invoiceable: string }[] };
          }>('financeA', SHIPMENT_INVOICING, { id: s.id });
          const { invoiced: got, invoiceable } = shipmentInvoicing.lines[0];
          expect({ k, invoiced: got, invoiceable }).toEqual({
            k,
            invoiced: `${invoiced(k)}.000`,
            invoiceable: `${left(k)}.000`,
          });
        }
        // Straight from the tables: invoiced per order line <= held (accepted shipments less exchanged goods).
        const { rows } = await f.owner.query<{ id: string; delivered: string; invoiced: string; ok: boolean }>(
          `SELECT id, delivered::text, invoiced::text, invoiced <= delivered AS ok FROM (SELECT ol.id,
             (SELECT coalesce(sum(sl.quantity), 0) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
              WHERE sl.order_line_id = ol.id AND s.status = 'ACCEPTED')
             - (SELECT coalesce(sum(rl.quantity), 0) FROM goods_return_lines rl
                JOIN goods_returns r ON r.id = rl.return_id
                WHERE rl.order_line_id = ol.id AND r.status <> 'REJECTED') AS delivered,
             (SELECT coalesce(sum(il.quantity - il.credited_quantity), 0) FROM invoice_lines il
              JOIN invoices i ON i.id = il.invoice_id
              WHERE il.order_line_id = ol.id AND i.kind = 'INVOICE' AND i.state <> 'REJECTED') AS invoiced
           FROM order_lines ol WHERE ol.order_id = $1) x`,
          [order.id],
        );
        expect(rows).toHaveLength(2);
        for (const r of rows) expect(r).toMatchObject({ ok: true });
        // Amounts: every invoice line is its quantity at the order price (33.33), half-up to the cent.
        const amounts = await f.owner.query<{ ok: boolean }>(
          `SELECT bool_and(l.amount = round(l.quantity * 33.33, 2)) AS ok FROM invoice_lines l
           JOIN invoices i ON i.id = l.invoice_id WHERE i.order_id = $1 AND i.kind = 'INVOICE'`,
          [order.id],
        );
        expect(amounts.rows[0].ok ?? true).toBe(true);
      }),
      {
        numRuns: 12,
        examples: [
          [
            [
              { t: 'deliver', line: 0, qty: 3 },
              { t: 'invoice', shipment: 0, qty: 2, approve: true },
              { t: 'invoice', shipment: 0, qty: 2, approve: true },
              { t: 'invoice', shipment: 0, qty: 0, approve: false },
              { t: 'invoice', shipment: 0, qty: 0, approve: true },
              { t: 'issue', invoice: 0 },
              { t: 'issue', invoice: 0 },
              { t: 'credit', invoice: 0, qty: 3 },
              { t: 'credit', invoice: 0, qty: 1 },
              { t: 'invoice', shipment: 0, qty: 1, approve: true },
            ],
          ],
          [
            [
              { t: 'deliver', line: 0, qty: 4 },
              { t: 'invoice', shipment: 0, qty: 0, approve: true },
              { t: 'exchange', shipment: 0, qty: 2 },
              { t: 'invoice', shipment: 1, qty: 0, approve: true },
              { t: 'invoice', shipment: 1, qty: 1, approve: true },
              { t: 'issue', invoice: 0 },
              { t: 'credit', invoice: 0, qty: 1 },
              { t: 'invoice', shipment: 1, qty: 0, approve: true },
              { t: 'invoice', shipment: 1, qty: 1, approve: true },
            ],
          ],
        ],
      },
    );
    for (const k of [
      'deliver',
      'exchange',
      'invoice:OK',
      'invoice:CONFLICT',
      'issue:OK',
      'issue:INVALID_STATE',
      'credit:OK',
    ]) {
      expect({ k, seen: (outcomes[k] ?? 0) > 0 }).toEqual({ k, seen: true });
    }
  }, 600_000);
});
