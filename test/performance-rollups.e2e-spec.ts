import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import fc from 'fast-check';
import { Database } from '@app/core';
import { finishOutboxRow, type DomainEvent } from '@app/jobs';
import { useFixture } from '@app/testing';
import { AMOUNT_KPIS, KPI_OF_EVENT, PERIOD_KINDS } from '../src/modules/performance/kpi-definitions.js';
import { periodOf } from '../src/modules/performance/kpi-period.js';
import { recomputeBranch } from '../src/modules/performance/kpi-recompute.js';
import { countEvent } from '../src/modules/performance/kpi-rollups.js';
import { KpiEventKind } from '../src/modules/performance/kpi.enums.js';
import { PerformanceJobs } from '../src/modules/performance/performance.jobs.js';
import { branchLinesOff } from './kpi-branch-lines.js';

/**
 * The third worker's guarantee, property-based: after any sequence of domain events delivered once, twice in a
 * row (a retry), twice at the same time (two replicas), as a second outbox row of the same subject, or killed
 * mid-transaction (the session terminated after the increments, before commit) and perhaps delivered again,
 * every rollup line equals the figure computed from the events that committed, and the recompute agrees.
 */

/** Days across a week, month, quarter and year edge. */
const DAYS = ['2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-12-31', '2027-01-01', '2027-01-04'];
const KINDS = Object.values(KpiEventKind);
type Mode = 'once' | 'retry' | 'replicas' | 'twin' | 'killed' | 'killed-then-retried';
const MODES: Mode[] = ['once', 'retry', 'replicas', 'twin', 'killed', 'killed-then-retried'];

interface Op {
  branch: 0 | 1;
  kind: KpiEventKind;
  subject: number;
  person: number;
  day: string;
  cents: number;
  negative: boolean;
  mode: Mode;
}

const op: fc.Arbitrary<Op> = fc.record({
  branch: fc.constantFrom(0 as const, 1 as const),
  kind: fc.constantFrom(...KINDS),
  subject: fc.integer({ min: 0, max: 7 }),
  person: fc.integer({ min: 0, max: 2 }),
  day: fc.constantFrom(...DAYS),
  cents: fc.integer({ min: 0, max: 5_000_000 }),
  negative: fc.boolean(),
  mode: fc.constantFrom(...MODES),
});

const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

describe('KPI rollups: each event counts exactly once', () => {
  const f = useFixture();
  const subjects = Array.from({ length: 8 }, () => randomUUID());
  /** Subjects of corrections (returns, credit notes): their own keys, naming one of `subjects` as their order. */
  const fixes = Array.from({ length: 8 }, () => randomUUID());
  const people = Array.from({ length: 3 }, () => randomUUID());

  /** A domain event as emitEvent writes it: an outbox row, and the job the relay would make of it. */
  async function outboxJob(e: DomainEvent): Promise<Job> {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO outbox (branch_id, id, job_name, payload) VALUES ($1, $2, 'events.domain-event', $3)`,
      [e.branchId, id, JSON.stringify(e)],
    );
    return { id, data: e, name: 'events.domain-event' } as unknown as Job;
  }

  /** The handler's work, with its database session terminated after the increments and before the commit. */
  async function killedMidway(db: Database, job: Job, e: DomainEvent): Promise<void> {
    const run = db.run(
      { branchIds: [e.branchId] },
      async (tx) => {
        await finishOutboxRow(tx, job);
        await countEvent(tx, job.id!, e);
        const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await f.owner.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.query('SELECT 1');
      },
      'system',
    );
    await expect(run).rejects.toThrow();
  }

  /** Every rollup line of the two branches as "branch|kpi|kind|start|person" -> "count|cents". */
  async function rollups(): Promise<Map<string, string>> {
    const r = await f.owner.query<{ k: string; v: string }>(
      `SELECT concat_ws('|', branch_id, kpi, period_kind, period_start, person_id) AS k,
         count || '|' || (amount * 100)::bigint AS v
       FROM kpi_rollups WHERE branch_id = ANY($1::uuid[])`,
      [[f.org.a.id, f.org.b.id]],
    );
    return new Map(r.rows.map((x) => [x.k, x.v]));
  }

  it('every rollup equals the figure from the committed events, whatever retries, replicas and kills did', async () => {
    const db = f.api.app.get(Database);
    const jobs = new PerformanceJobs(db);
    const branches = [f.org.a.id, f.org.b.id];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await f.owner.query(
          'TRUNCATE kpi_events, kpi_waiting, kpi_rollups, kpi_branch_rollups, kpi_check_due, kpi_checks, kpi_differences',
        );
        /** The model: what counted, first committed delivery per (branch, KPI, subject). */
        const counted = new Map<string, { e: DomainEvent }>();
        for (const o of ops) {
          const { kpi, n, corrects } = KPI_OF_EVENT[o.kind];
          // A reversal takes money back; a revised score moves the sum either way (a loss may be negative too).
          const cents = n === -1 || (n === 0 && o.negative) ? -o.cents : o.cents;
          const e: DomainEvent = {
            branchId: branches[o.branch],
            kind: o.kind,
            subjectId: corrects ? fixes[o.subject] : subjects[o.subject],
            personId: people[o.person],
            day: o.day,
            amount: AMOUNT_KPIS.has(kpi) ? money(cents) : null,
            ...(corrects ? { of: subjects[(o.subject * 3) % 8] } : {}),
          };
          const key = `${e.branchId}|${kpi}|${e.subjectId}`;
          const job = await outboxJob(e);
          let commits = true;
          if (o.mode === 'once') await jobs.countEvent(e, job);
          if (o.mode === 'retry') {
            await jobs.countEvent(e, job);
            expect(await jobs.countEvent(e, { ...job } as Job)).toEqual({ counted: 0 });
          }
          if (o.mode === 'replicas') {
            const both = await Promise.all([jobs.countEvent(e, job), jobs.countEvent(e, { ...job } as Job)]);
            expect(both.filter((r) => r.counted === 1).length).toBeLessThanOrEqual(1);
          }
          if (o.mode === 'twin') {
            const twin = await outboxJob(e);
            await Promise.all([jobs.countEvent(e, job), jobs.countEvent(e, twin)]);
          }
          if (o.mode === 'killed' || o.mode === 'killed-then-retried') {
            await killedMidway(db, job, e);
            const row = await f.owner.query('SELECT finished_at FROM outbox WHERE id = $1', [job.id]);
            expect(row.rows[0].finished_at).toBeNull();
            if (o.mode === 'killed') commits = false;
            else await jobs.countEvent(e, { ...job } as Job);
          }
          if (commits && !counted.has(key)) counted.set(key, { e });
        }
        const expected = new Map<string, { n: number; cents: number }>();
        for (const { e } of counted.values()) {
          const { kpi, n, corrects } = KPI_OF_EVENT[e.kind as KpiEventKind];
          // A correction counts once its order's event of the same KPI has: for that person, not before its day.
          const sale = corrects ? counted.get(`${e.branchId}|${kpi}|${e.of}`)?.e : e;
          if (!sale) continue;
          const day = e.day > sale.day ? e.day : sale.day;
          for (const kind of PERIOD_KINDS) {
            const k = [e.branchId, kpi, kind, periodOf(kind, day).start, sale.personId].join('|');
            const cur = expected.get(k) ?? { n: 0, cents: 0 };
            cur.n += n;
            cur.cents += e.amount ? Math.round(Number(e.amount) * 100) : 0;
            expected.set(k, cur);
          }
        }
        const want = new Map([...expected].map(([k, v]) => [k, `${v.n}|${v.cents}`]));
        expect(Object.fromEntries(await rollups())).toEqual(Object.fromEntries(want));
        // Each branch line (a week or longer) is the sum of its people's lines: written by the same statement.
        expect(await branchLinesOff(f.owner, branches)).toEqual([]);
        // The recompute rebuilds the same figures from the ledger: nothing to repair.
        for (const b of branches) {
          const found = await db.run(
            { branchIds: [b] },
            (tx) => recomputeBranch(tx, b, '2026-03-01', '2027-01-31'),
            'system',
          );
          expect(found).toBe(0);
        }
      }),
      { numRuns: 30, seed: Number(process.env.KPI_SEED ?? 20261207) },
    );
  }, 600_000);
});
