import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import fc from 'fast-check';
import { Database, addDays, todayIn } from '@app/core';
import type { DomainEvent } from '@app/jobs';
import { useFixture } from '@app/testing';
import { PERIOD_KINDS } from '../src/modules/performance/kpi-definitions.js';
import { rebuildBranch, recomputeBranch } from '../src/modules/performance/kpi-recompute.js';
import { PerformanceJobs } from '../src/modules/performance/performance.jobs.js';
import {
  APPROVE_STEP,
  CREDIT_INVOICE,
  ISSUE_INVOICE,
  REQUEST_DELIVERY,
  pendingStep,
  type DeliveryInvoice,
} from './finance-fixture.js';
import {
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
import { branchLinesOff } from './kpi-branch-lines.js';

/**
 * Sales amount and gross profit from their source rows, property-based: random sequences of shipments accepted (the
 * last one closes the order, its closing day moved back by 0, 1 or 40 days), returns processed before or after the
 * order closed, credit notes of a price (amount) or of goods (a quantity) on the shipments' invoices, through the
 * API; their domain events counted by the handler now or later, in shuffled order (a return may come before its
 * order's closing: it waits for it), each delivered once, twice in a row (a retry) or twice at once (two replicas).
 * Then every SALES_AMOUNT and GROSS_PROFIT line equals the figure from the source rows: closed orders on their
 * closing day; processed RETURNs (minus their amount, and minus amount less cost of goods) and the amount lines of
 * credit notes on an order's invoice (minus), for the order's owner on the later of their day and the closing day;
 * quantity lines of credit notes count nothing (the return counts those goods). The recompute finds nothing to
 * repair, and a rebuild from scratch writes the same lines; the branch's own lines (kpi_branch_rollups) are the sums
 * of its people's lines after every sequence and after the rebuild.
 */

type Op =
  | { kind: 'ship'; order: number; qty: number; back: number }
  | { kind: 'return'; order: number; pick: number }
  | { kind: 'credit'; order: number; pick: number; by: 'amount' | 'quantity'; cents: number }
  | { kind: 'drain'; mode: 'once' | 'retry' | 'replicas' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('ship' as const),
      order: fc.integer({ min: 0, max: 1 }),
      qty: fc.integer({ min: 1, max: 2 }),
      back: fc.constantFrom(0, 1, 40),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      order: fc.integer({ min: 0, max: 1 }),
      pick: fc.nat(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('credit' as const),
      order: fc.integer({ min: 0, max: 1 }),
      pick: fc.nat(),
      by: fc.constantFrom('amount' as const, 'quantity' as const),
      cents: fc.integer({ min: 1, max: 50_000 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('drain' as const),
      mode: fc.constantFrom('once' as const, 'retry' as const, 'replicas' as const),
    }),
    weight: 1,
  },
);

/** Each order has one line of this many units. */
const ORDERED = 3;

interface Sent {
  id: string;
  line: string;
  qty: number;
  returned: number;
  invoice: { id: string; line: string } | null;
}

const dir = mkdtempSync(join(tmpdir(), 'kpi-returns-props-'));

describe('KPI rollups of sales and profit equal their source rows, with returns and credit notes', () => {
  const f = useFixture({
    env: { DB_POOL_SIZE: '10', STORAGE_DIR: dir },
    people: { leader: { branch: 'hq', role: 'LEADERSHIP' }, clerkA: { branch: 'a', role: 'CLERK' } },
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const today = todayIn('Asia/Shanghai');
  let w: ReturnsWorld;
  const outcomes: Record<string, number> = {};
  const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);

  beforeAll(async () => {
    w = await returnsWorld(f, 'KPI-R');
    await stockIn(f, w, '100000');
  });

  /** Counts the outbox's unfinished domain events in shuffled order (seeded), each as `mode` delivers it. */
  async function drain(jobs: PerformanceJobs, mode: 'once' | 'retry' | 'replicas', seed: string): Promise<void> {
    const rows = await f.owner.query<{ id: string; payload: DomainEvent }>(
      `SELECT id, payload FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NULL
       ORDER BY md5(id::text || $1)`,
      [seed],
    );
    for (const r of rows.rows) {
      const job = { id: r.id, data: r.payload, name: 'events.domain-event' } as unknown as Job;
      if (mode === 'replicas')
        await Promise.all([jobs.countEvent(r.payload, job), jobs.countEvent(r.payload, { ...job } as Job)]);
      else await jobs.countEvent(r.payload, job);
      if (mode === 'retry') expect(await jobs.countEvent(r.payload, { ...job } as Job)).toEqual({ counted: 0 });
    }
  }

  /** The SALES_AMOUNT and GROSS_PROFIT lines of branch A, "kpi|kind|start|person" -> "count|amount", zeros left out. */
  async function rollups(): Promise<Record<string, string>> {
    const r = await f.owner.query<{ k: string; v: string }>(
      `SELECT concat_ws('|', kpi, period_kind, period_start, person_id) AS k, count || '|' || amount AS v
       FROM kpi_rollups WHERE branch_id = $1 AND kpi IN ('SALES_AMOUNT', 'GROSS_PROFIT') AND (count <> 0 OR amount <> 0)`,
      [f.org.a.id],
    );
    return Object.fromEntries(r.rows.map((x) => [x.k, x.v]));
  }

  /** The same figures from the source rows of orders, returns and invoices. */
  async function fromSources(): Promise<Record<string, string>> {
    const r = await f.owner.query<{ k: string; v: string }>(
      `WITH o AS (
         SELECT o.id, o.owner_id, o.amount, o.cost_of_goods,
           (o.closed_at AT TIME ZONE b.time_zone)::date AS closed_on, b.time_zone
         FROM orders o JOIN branches b ON b.id = o.branch_id
         WHERE o.branch_id = $1 AND o.closed_at IS NOT NULL),
       credited AS (
         SELECT o.id AS order_id, cn.issued_on, sum(cl.amount) AS amount
         FROM invoices cn
         JOIN invoices inv ON inv.branch_id = cn.branch_id AND inv.id = cn.credited_invoice_id
         JOIN o ON o.id = inv.order_id
         JOIN invoice_lines cl ON cl.branch_id = cn.branch_id AND cl.invoice_id = cn.id
         WHERE cn.branch_id = $1 AND cn.kind = 'CREDIT_NOTE' AND cl.quantity IS NULL
         GROUP BY o.id, cn.id, cn.issued_on),
       src AS (
         SELECT 'SALES_AMOUNT' AS kpi, o.owner_id AS person, o.closed_on AS day, 1 AS n, o.amount FROM o
         UNION ALL
         SELECT 'GROSS_PROFIT', o.owner_id, o.closed_on, 1, o.amount - o.cost_of_goods
         FROM o WHERE o.cost_of_goods IS NOT NULL
         UNION ALL
         SELECT x.kpi, o.owner_id, greatest((r.processed_at AT TIME ZONE o.time_zone)::date, o.closed_on), 0, x.amount
         FROM goods_returns r JOIN o ON o.id = r.order_id
         CROSS JOIN LATERAL (VALUES ('SALES_AMOUNT', -r.amount), ('GROSS_PROFIT', r.cost_of_goods - r.amount)) x(kpi, amount)
         WHERE r.branch_id = $1 AND r.kind = 'RETURN' AND r.status = 'PROCESSED'
           AND (x.kpi = 'SALES_AMOUNT' OR (r.cost_of_goods IS NOT NULL AND o.cost_of_goods IS NOT NULL))
         UNION ALL
         SELECT x.kpi, o.owner_id, greatest(c.issued_on, o.closed_on), 0, -c.amount
         FROM credited c JOIN o ON o.id = c.order_id
         CROSS JOIN (VALUES ('SALES_AMOUNT'), ('GROSS_PROFIT')) x(kpi)
         WHERE x.kpi = 'SALES_AMOUNT' OR o.cost_of_goods IS NOT NULL)
       SELECT concat_ws('|', kpi, k.kind, kpi_period_start(k.kind, day), person) AS k,
         sum(n) || '|' || sum(amount)::numeric(18, 2) AS v
       FROM src CROSS JOIN unnest($2::text[]) k(kind) GROUP BY kpi, k.kind, kpi_period_start(k.kind, day), person
       HAVING sum(n) <> 0 OR sum(amount) <> 0`,
      [f.org.a.id, PERIOD_KINDS],
    );
    return Object.fromEntries(r.rows.map((x) => [x.k, x.v]));
  }

  /** The shipment's delivery invoice, requested, approved and issued the first time it is needed (null: refused). */
  async function invoiceOf(s: Sent): Promise<Sent['invoice']> {
    if (s.invoice) return s.invoice;
    const r = await f.call<{ requestDeliveryInvoice: DeliveryInvoice }>('repA', REQUEST_DELIVERY, {
      in: { shipmentId: s.id },
    });
    if (r.body.errors) {
      // Everything delivered came back: nothing to bill.
      expect(s.returned).toBe(s.qty);
      count('invoice refused: all returned');
      return null;
    }
    const inv = r.body.data!.requestDeliveryInvoice;
    await f.ok('financeA', APPROVE_STEP, { s: await pendingStep(f, inv.approvalRequestId) });
    await f.ok('financeA', ISSUE_INVOICE, { id: inv.id, in: { type: 'VAT_SPECIAL', taxRate: '13' } });
    s.invoice = { id: inv.id, line: inv.lines[0].id };
    return s.invoice;
  }

  it('after any sequence of shipments, closings, returns, credit notes and deliveries', async () => {
    const db = f.api.app.get(Database);
    const jobs = new PerformanceJobs(db);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 8, maxLength: 16, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 2, maxLength: 2 }),
        async (ops, prices) => {
          run++;
          const orders = [];
          for (const cents of prices) {
            const price = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
            orders.push({ ...(await pricedOrder(f, w, [String(ORDERED)], price)), shipped: 0, sent: [] as Sent[] });
          }
          // One unit of each order on its way first, so returns and credit notes have goods to act on.
          const first: Op[] = orders.map((_, i) => ({ kind: 'ship', order: i, qty: 1, back: 0 }));
          for (const o of [...first, ...ops]) {
            if (o.kind === 'ship') {
              const order = orders[o.order];
              if (order.shipped + o.qty > ORDERED) continue;
              const s = await ship(f, w, order.id, order.lines[0], String(o.qty));
              await deliverAndAccept(f, w, s.id);
              order.shipped += o.qty;
              order.sent.push({ ...s, qty: o.qty, returned: 0, invoice: null });
              if (order.shipped === ORDERED) {
                count('closed');
                // The closing day moved back (arrangement): the order's closed_at and its closing events' day.
                await f.owner.query(
                  `UPDATE orders SET closed_at = closed_at - $2 * interval '1 day' WHERE id = $1 AND closed_at IS NOT NULL`,
                  [order.id, o.back],
                );
                await f.owner.query(
                  `UPDATE outbox SET payload = payload || jsonb_build_object('day', $2::text)
                   WHERE job_name = 'events.domain-event' AND payload->>'subjectId' = $1`,
                  [order.id, addDays(today, -o.back)],
                );
                expect(
                  (await f.owner.query('SELECT closed_at FROM orders WHERE id = $1', [order.id])).rows[0].closed_at,
                ).not.toBeNull();
              }
            }
            if (o.kind === 'return') {
              const open = orders[o.order].sent.filter((s) => s.returned < s.qty);
              if (!open.length) continue;
              const s = open[o.pick % open.length];
              const ret = await requestReturn(f, s, '1');
              await approveReturn(f, ret.id);
              await processReturn(f, w, ret.id);
              s.returned++;
              count(orders[o.order].shipped === ORDERED ? 'returned after closing' : 'returned before closing');
            }
            if (o.kind === 'credit') {
              const sent = orders[o.order].sent;
              if (!sent.length) continue;
              const s = sent[o.pick % sent.length];
              const inv = await invoiceOf(s);
              count('credit op');
              if (!inv) continue;
              const [line] = (
                await f.owner.query<{ left: string; qty: string }>(
                  `SELECT (amount - credited_amount)::text AS left, (quantity - credited_quantity)::text AS qty
                   FROM invoice_lines WHERE id = $1`,
                  [inv.line],
                )
              ).rows;
              const leftCents = Math.round(Number(line.left) * 100);
              if (o.by === 'quantity' && Number(line.qty) >= 1) {
                await f.ok('financeA', CREDIT_INVOICE, {
                  in: { invoiceId: inv.id, reason: 'Goods back', lines: [{ lineId: inv.line, quantity: '1' }] },
                });
                count('credit: quantity');
              } else if (o.by === 'amount' && leftCents > 1) {
                const c = Math.min(o.cents, leftCents - 1);
                await f.ok('financeA', CREDIT_INVOICE, {
                  in: {
                    invoiceId: inv.id,
                    reason: 'Price agreed',
                    lines: [{ lineId: inv.line, amount: `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}` }],
                  },
                });
                count(orders[o.order].shipped === ORDERED ? 'credit: amount after closing' : 'credit: amount before');
              }
            }
            if (o.kind === 'drain') await drain(jobs, o.mode, String(run));
          }
          await drain(jobs, 'once', String(run));
          const figures = await rollups();
          expect(figures).toEqual(await fromSources());
          // The branch's own lines (a week or longer) are the sums of its people's lines.
          expect(await branchLinesOff(f.owner, [f.org.a.id])).toEqual([]);
          const found = await db.run(
            { branchIds: [f.org.a.id] },
            (tx) => recomputeBranch(tx, f.org.a.id, addDays(today, -60), today),
            'system',
          );
          expect(found).toBe(0);
          // From scratch: the same lines again.
          await db.run(
            { branchIds: [f.org.a.id] },
            async (tx) => {
              await tx.query('SELECT 1 FROM kpi_check_due WHERE branch_id = $1 FOR UPDATE', [f.org.a.id]);
              return rebuildBranch(tx, f.org.a.id, addDays(today, -60), today);
            },
            'system',
          );
          expect(await rollups()).toEqual(figures);
          expect(await branchLinesOff(f.owner, [f.org.a.id])).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.KPI_RUNS ?? 10), seed: Number(process.env.KPI_SEED ?? 20261207) },
    );
    // The sequences reached what they are about.
    for (const k of ['closed', 'returned after closing', 'returned before closing', 'credit: quantity']) {
      expect(outcomes[k] ?? 0).toBeGreaterThan(0);
    }
    for (const k of ['credit: amount before', 'credit: amount after closing'])
      expect(outcomes[k] ?? 0).toBeGreaterThan(0);
  }, 900_000);
});
