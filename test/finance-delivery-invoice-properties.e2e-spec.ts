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
import { deliverAndAccept, pricedOrder, returnsWorld, ship, stockIn, type ReturnsWorld } from './returns-fixture.js';

/**
 * Invoices from deliveries over random sequences of deliveries (shipped and accepted), invoice requests (approved
 * or rejected), issues and credit notes of quantities, against a model in thousandths: each refusal is the one the
 * model predicts, the API's invoiced and invoiceable figures per shipment line are the model's, and, read straight
 * from the tables, the invoiced quantity per order line (invoices not rejected, less credited) never exceeds the
 * quantity of its accepted shipments.
 */

type Op =
  | { t: 'deliver'; line: number; qty: number }
  | { t: 'invoice'; shipment: number; qty: number; approve: boolean }
  | { t: 'issue'; invoice: number }
  | { t: 'credit'; invoice: number; qty: number };

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
  const f = useFixture({ env: { STORAGE_DIR: dir } });
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
        for (const op of ops) {
          if (op.t === 'deliver') {
            const s = await ship(f, w, order.id, order.lines[op.line], String(op.qty));
            await deliverAndAccept(f, w, s.id);
            shps.push({ ...s, orderLine: op.line, qty: op.qty });
            count('deliver');
          } else if (op.t === 'invoice' && shps.length) {
            const k = op.shipment % shps.length;
            const s = shps[k];
            const left = s.qty - invoiced(k);
            // qty 0: "everything left" (no lines named).
            const asked = op.qty === 0 ? left : op.qty;
            const expected = asked > 0 && asked <= left ? 'OK' : 'CONFLICT';
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
            invoiceable: `${s.qty - invoiced(k)}.000`,
          });
        }
        // Straight from the tables: invoiced per order line <= delivered (accepted shipments).
        const { rows } = await f.owner.query<{ id: string; delivered: string; invoiced: string; ok: boolean }>(
          `SELECT id, delivered::text, invoiced::text, invoiced <= delivered AS ok FROM (SELECT ol.id,
             (SELECT coalesce(sum(sl.quantity), 0) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
              WHERE sl.order_line_id = ol.id AND s.status = 'ACCEPTED') AS delivered,
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
        ],
      },
    );
    for (const k of ['deliver', 'invoice:OK', 'invoice:CONFLICT', 'issue:OK', 'issue:INVALID_STATE', 'credit:OK']) {
      expect({ k, seen: (outcomes[k] ?? 0) > 0 }).toEqual({ k, seen: true });
    }
  }, 600_000);
});
