import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import fc from 'fast-check';
import { Database, addDays, todayIn } from '@app/core';
import type { DomainEvent } from '@app/jobs';
import { insertCustomer, useFixture } from '@app/testing';
import { PERIOD_KINDS } from '../src/modules/performance/kpi-definitions.js';
import { periodOf } from '../src/modules/performance/kpi-period.js';
import { recomputeBranch } from '../src/modules/performance/kpi-recompute.js';
import { KpiPeriodKind } from '../src/modules/performance/kpi.enums.js';
import { PerformanceJobs } from '../src/modules/performance/performance.jobs.js';
import { RECORD, REVERSE, signedContract } from './finance-fixture.js';
import { branchLinesOff } from './kpi-branch-lines.js';

/**
 * Collections and satisfaction from their source rows, property-based: random sequences of receipts applied (on
 * days across a month edge), reversals, satisfaction scores and revised scores, owners changing hands, through the
 * API; their domain events counted by the handler now or later (in shuffled order, so a reversal may count before
 * its application), each delivered once, twice in a row (a retry) or twice at once (two replicas). Then every
 * COLLECTIONS and SATISFACTION rollup line equals the figure computed from the source rows (live applications by
 * whom they credited and the receipt's day; scores by whom they credited and the survey day), and the recompute
 * finds nothing to repair.
 */

type Op =
  | { kind: 'receipt'; inst: number[]; cents: number; back: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'survey'; customer: number; score: number }
  | { kind: 'rescore'; pick: number; score: number }
  | { kind: 'owner'; contract: number; rep: number }
  | { kind: 'drain'; mode: 'once' | 'retry' | 'replicas' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('receipt' as const),
    inst: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
    cents: fc.integer({ min: 1, max: 9_999_999 }),
    back: fc.constantFrom(0, 1, 40),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('survey' as const),
    customer: fc.integer({ min: 0, max: 3 }),
    score: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({ kind: fc.constant('rescore' as const), pick: fc.nat(), score: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    kind: fc.constant('owner' as const),
    contract: fc.integer({ min: 0, max: 1 }),
    rep: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({
    kind: fc.constant('drain' as const),
    mode: fc.constantFrom('once' as const, 'retry' as const, 'replicas' as const),
  }),
);

const money = (c: number) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;

describe('KPI rollups of collections and satisfaction equal their source rows', () => {
  const f = useFixture();
  const today = todayIn('Asia/Shanghai');
  const quarter = periodOf(KpiPeriodKind.QUARTER, today).label;

  /** Counts the outbox's unfinished domain events in shuffled order (seeded), each as `mode` delivers it. */
  async function drain(jobs: PerformanceJobs, mode: 'once' | 'retry' | 'replicas', seed: number): Promise<void> {
    const rows = await f.owner.query<{ id: string; payload: DomainEvent }>(
      `SELECT id, payload FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NULL
       ORDER BY md5(id::text || $1)`,
      [String(seed)],
    );
    for (const r of rows.rows) {
      const job = { id: r.id, data: r.payload, name: 'events.domain-event' } as unknown as Job;
      if (mode === 'replicas')
        await Promise.all([jobs.countEvent(r.payload, job), jobs.countEvent(r.payload, { ...job } as Job)]);
      else await jobs.countEvent(r.payload, job);
      if (mode === 'retry') expect(await jobs.countEvent(r.payload, { ...job } as Job)).toEqual({ counted: 0 });
    }
  }

  /** The COLLECTIONS and SATISFACTION lines of branch A, "kpi|kind|start|person" -> "count|amount", zeros left out. */
  async function rollups(): Promise<Record<string, string>> {
    const r = await f.owner.query<{ k: string; v: string }>(
      `SELECT concat_ws('|', kpi, period_kind, period_start, person_id) AS k, count || '|' || amount AS v
       FROM kpi_rollups WHERE branch_id = $1 AND kpi IN ('COLLECTIONS', 'SATISFACTION') AND (count <> 0 OR amount <> 0)`,
      [f.org.a.id],
    );
    return Object.fromEntries(r.rows.map((x) => [x.k, x.v]));
  }

  /** The same figures from the source rows of finance and visits. */
  async function fromSources(): Promise<Record<string, string>> {
    const r = await f.owner.query<{ k: string; v: string }>(
      `WITH src AS (
         SELECT 'COLLECTIONS' AS kpi, a.credited_to AS person, r.received_on AS day, 1 AS n, a.amount
         FROM receipt_applications a JOIN receipts r ON r.branch_id = a.branch_id AND r.id = a.receipt_id
         WHERE a.branch_id = $1 AND a.credited_to IS NOT NULL AND a.reversed_at IS NULL
         UNION ALL
         SELECT 'SATISFACTION', s.credited_to, s.surveyed_on, 1, s.score
         FROM satisfaction_surveys s WHERE s.branch_id = $1 AND s.credited_to IS NOT NULL)
       SELECT concat_ws('|', kpi, k.kind, kpi_period_start(k.kind, day), person) AS k,
         sum(n) || '|' || sum(amount)::numeric(18, 2) AS v
       FROM src CROSS JOIN unnest($2::text[]) k(kind) GROUP BY kpi, k.kind, kpi_period_start(k.kind, day), person`,
      [f.org.a.id, PERIOD_KINDS],
    );
    return Object.fromEntries(r.rows.map((x) => [x.k, x.v]));
  }

  it('after any sequence of receipts, reversals, scores, revisions, owner changes and deliveries', async () => {
    const db = f.api.app.get(Database);
    const jobs = new PerformanceJobs(db);
    const reps = [f.org.users.repA.id, f.org.users.rep2A.id];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        run++;
        const customers: string[] = [];
        for (let i = 0; i < 4; i++) {
          customers.push(
            await insertCustomer(f.owner, {
              branchId: f.org.a.id,
              ownerId: reps[i % 2],
              name: `Prop ${run}-${i} ${randomUUID().slice(0, 4)}`,
            }),
          );
        }
        const contracts = [];
        for (const k of [0, 1]) {
          contracts.push(
            await signedContract(
              { owner: f.owner },
              { branchId: f.org.a.id, customerId: customers[0], ownerId: reps[k] },
              [
                { amount: '900000.00', dueOn: today },
                { amount: '900000.00', dueOn: today },
              ],
            ),
          );
        }
        const instalments = contracts.flatMap((c) => c.instalmentIds);
        const receipts: string[] = [];
        const surveys: string[] = [];
        const surveyed = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'receipt') {
            const share = Math.max(1, Math.floor(o.cents / o.inst.length));
            const d = await f.ok<{ recordReceipt: { id: string } }>('financeA', RECORD, {
              in: {
                customerId: customers[0],
                kind: 'BANK_TRANSFER',
                amount: money(share * o.inst.length),
                receivedOn: addDays(today, -o.back),
                reference: `P-${randomUUID().slice(0, 8)}`,
                applications: o.inst.map((i) => ({ instalmentId: instalments[i], amount: money(share) })),
              },
            });
            receipts.push(d.recordReceipt.id);
          }
          if (o.kind === 'reverse' && receipts.length) {
            const id = receipts.splice(o.pick % receipts.length, 1)[0];
            await f.ok('financeA', REVERSE, { id, r: 'Recorded in error' });
          }
          if (o.kind === 'survey' && !surveyed.has(o.customer)) {
            surveyed.add(o.customer);
            const d = await f.ok<{ recordSatisfaction: { id: string } }>(
              'managerA',
              `mutation($in: RecordSatisfactionInput!) { recordSatisfaction(input: $in) { id } }`,
              {
                in: {
                  customerId: customers[o.customer],
                  period: quarter,
                  score: o.score,
                  method: 'SURVEY',
                  surveyedOn: today,
                },
              },
            );
            surveys.push(d.recordSatisfaction.id);
          }
          if (o.kind === 'rescore' && surveys.length) {
            await f.ok(
              'managerA',
              `mutation($id: ID!, $s: Int!) { updateSatisfaction(id: $id, input: { score: $s }) { id } }`,
              {
                id: surveys[o.pick % surveys.length],
                s: o.score,
              },
            );
          }
          if (o.kind === 'owner') {
            await f.owner.query('UPDATE contracts SET owner_id = $2 WHERE id = $1', [
              contracts[o.contract].contractId,
              reps[o.rep],
            ]);
            await f.owner.query('UPDATE customers SET owner_id = $2 WHERE id = ANY($1)', [customers, reps[o.rep]]);
          }
          if (o.kind === 'drain') await drain(jobs, o.mode, run);
        }
        await drain(jobs, 'once', run);
        expect(await rollups()).toEqual(await fromSources());
        expect(await branchLinesOff(f.owner, [f.org.a.id])).toEqual([]);
        const found = await db.run(
          { branchIds: [f.org.a.id] },
          (tx) => recomputeBranch(tx, f.org.a.id, addDays(today, -45), today),
          'system',
        );
        expect(found).toBe(0);
      }),
      { numRuns: Number(process.env.KPI_RUNS ?? 15), seed: Number(process.env.KPI_SEED ?? 20261207) },
    );
  }, 600_000);
});
