import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { useFixture } from '@app/testing';
import {
  REQUEST,
  approveReturn,
  deliverAndAccept,
  pricedOrder,
  processReturn,
  returnsWorld,
  stockIn,
  type ReturnsWorld,
} from './returns-fixture.js';

/**
 * After any sequence of ship / deliver (accept) / return / exchange on one order, through the API: stock = movements
 * in - movements out per product and location (and what the model expects), returned <= shipped per order line, and
 * the customer's purchases = accepted value - returned value, to the cent. An exchange here is a processed EXCHANGE
 * return plus a replacement shipment of the same quantity through createShipment.
 */

type Op =
  | { t: 'ship'; line: number; qty: number }
  | { t: 'deliver'; pick: number }
  | { t: 'return'; pick: number; qty: number }
  | { t: 'exchange'; pick: number; qty: number };

const OPS: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant('ship' as const), line: fc.nat(1), qty: fc.integer({ min: 1, max: 6 }) }),
    },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: fc.nat(9) }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant('return' as const), pick: fc.nat(9), qty: fc.integer({ min: 1, max: 4 }) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant('exchange' as const),
        pick: fc.nat(9),
        qty: fc.integer({ min: 1, max: 3 }),
      }),
    },
  ),
  { minLength: 1, maxLength: 9 },
);

const PRICES = ['12.34', '7.05'];
const SHIP = `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id lines { id } } }`;

interface Sent {
  id: string;
  line: string;
  orderLine: number;
  qty: number;
  accepted: boolean;
  returned: number;
}

const dir = mkdtempSync(join(tmpdir(), 'returns-props-'));

describe('returns: stock, quantities and purchases reconcile after any sequence', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '10', STORAGE_DIR: dir },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stock = in - out, returned <= shipped per order line, purchases = delivered - returned', async () => {
    let run = 0;
    const outcomes: Record<string, number> = {};
    const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(OPS, fc.integer({ min: 0, max: 12 }), async (ops, initial) => {
        run++;
        const w: ReturnsWorld = await returnsWorld(f, `PR-${run}`);
        if (initial > 0) await stockIn(f, w, String(initial));
        const o = await pricedOrder(f, w, ['1000', '1000'], '0');
        await f.owner.query(
          `UPDATE order_lines SET unit_price = $2, line_total = round(quantity * $2::numeric, 2) WHERE id = $1`,
          [o.lines[0], PRICES[0]],
        );
        await f.owner.query(
          `UPDATE order_lines SET unit_price = $2, line_total = round(quantity * $2::numeric, 2) WHERE id = $1`,
          [o.lines[1], PRICES[1]],
        );
        const cents = (qty: number, line: number) => qty * Math.round(Number(PRICES[line]) * 100);
        let stock = initial;
        let purchases = 0;
        const sent: Sent[] = [];
        const ship = async (line: number, qty: number) => {
          const r = await f.call<{ createShipment: { id: string; lines: { id: string }[] } }>('managerA', SHIP, {
            in: {
              orderId: o.id,
              mode: 'FROM_STOCK',
              locationId: w.location,
              consigneePlace: 'Site',
              consigneePerson: 'Wang',
              lines: [{ orderLineId: o.lines[line], productId: w.product, quantity: String(qty) }],
            },
          });
          if (stock < qty) {
            expect((r.body.errors?.[0]?.extensions as Record<string, unknown> | undefined)?.reason).toBe(
              'INSUFFICIENT_STOCK',
            );
            count('ship refused');
            return;
          }
          expect(r.body.errors).toBeUndefined();
          const s = r.body.data!.createShipment;
          sent.push({ id: s.id, line: s.lines[0].id, orderLine: line, qty, accepted: false, returned: 0 });
          stock -= qty;
          count('shipped');
        };
        const takeBack = async (s: Sent, qty: number, kind: string) => {
          const r = await f.call<{ requestGoodsReturn: { id: string } }>('repA', REQUEST, {
            in: {
              shipmentId: s.id,
              kind,
              reason: 'DEFECTIVE',
              description: 'x',
              lines: [{ shipmentLineId: s.line, quantity: String(qty) }],
            },
          });
          if (!s.accepted || s.returned + qty > s.qty) {
            expect(r.body.errors?.[0]?.extensions?.code).toBe(s.accepted ? 'CONFLICT' : 'INVALID_STATE');
            count(`${kind} refused`);
            return false;
          }
          expect(r.body.errors).toBeUndefined();
          const id = r.body.data!.requestGoodsReturn.id;
          await approveReturn(f, id);
          await processReturn(f, w, id);
          s.returned += qty;
          stock += qty;
          purchases -= cents(qty, s.orderLine);
          count(kind);
          return true;
        };
        for (const op of ops) {
          if (op.t === 'ship') await ship(op.line, op.qty);
          else if (sent.length === 0) continue;
          else if (op.t === 'deliver') {
            const s = sent[op.pick % sent.length];
            if (s.accepted) continue;
            await deliverAndAccept(f, w, s.id);
            s.accepted = true;
            purchases += cents(s.qty, s.orderLine);
            count('accepted');
          } else {
            const s = sent[op.pick % sent.length];
            const kind = op.t === 'exchange' ? 'EXCHANGE' : 'RETURN';
            if ((await takeBack(s, op.qty, kind)) && kind === 'EXCHANGE') await ship(s.orderLine, op.qty);
          }
        }
        // stock = in - out, per product and location, and what the model expects
        const levels = await f.owner.query<{ on_hand: string; moved: string }>(
          `SELECT l.on_hand::text, (SELECT coalesce(sum(m.quantity), 0)::text FROM stock_movements m
             WHERE m.branch_id = l.branch_id AND m.product_id = l.product_id AND m.location_id = l.location_id) AS moved
           FROM stock_levels l WHERE l.product_id = $1`,
          [w.product],
        );
        for (const l of levels.rows) expect(Number(l.on_hand)).toBe(Number(l.moved));
        expect(levels.rows.reduce((s, l) => s + Number(l.on_hand), 0)).toBe(stock);
        // returned <= shipped per order line
        const lines = await f.owner.query<{ shipped: string; returned: string }>(
          `SELECT (SELECT coalesce(sum(sl.quantity), 0) FROM shipment_lines sl JOIN shipments s
                     ON s.branch_id = sl.branch_id AND s.id = sl.shipment_id AND s.status <> 'CANCELLED'
                   WHERE sl.order_line_id = ol.id)::text AS shipped,
                  (SELECT coalesce(sum(rl.quantity), 0) FROM goods_return_lines rl JOIN goods_returns r
                     ON r.branch_id = rl.branch_id AND r.id = rl.return_id AND r.status <> 'REJECTED'
                   WHERE rl.order_line_id = ol.id)::text AS returned
           FROM order_lines ol WHERE ol.order_id = $1`,
          [o.id],
        );
        for (const l of lines.rows) expect(Number(l.returned)).toBeLessThanOrEqual(Number(l.shipped));
        // the customer's purchases = accepted value - returned value, to the cent
        const [p] = (
          await f.owner.query<{ total: string }>(
            `SELECT coalesce(sum(amount), 0)::text AS total FROM customer_purchases WHERE customer_id = $1`,
            [w.customer],
          )
        ).rows;
        expect(Math.round(Number(p.total) * 100)).toBe(purchases);
      }),
      { numRuns: 8, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 1e9), endOnFailure: true },
    );
    // The runs reached the interesting paths, not only refusals.
    expect(outcomes.shipped ?? 0).toBeGreaterThan(0);
    expect(run).toBe(8);
  }, 900_000);
});
