/**
 * The KPI part of `npm run bench` (issue 13), on its own database (bench/kpi-seed.ts): 1,000 branches and
 * 10,000,000 ledger rows by default.
 * - Rollup from scratch: every branch's rollups rebuilt by the worker's set-based rebuild (rebuildBranch's two
 *   steps, the people's lines then the branch's own, as app_worker under row-level security, one transaction per
 *   branch, two at a time) against the raw-SQL floor: the same GROUP BYs into tables of the same shapes, one
 *   statement each as the superuser. Both results are compared.
 * - The scheduled recompute (compare, record, repair) of a branch's recent periods, per branch.
 * - Incremental lag, event -> rollup: domain events written to the outbox at a steady rate, counted by the real
 *   worker process; lag = the ledger row's transaction time - the outbox row's creation, p50 and p99.
 * - Head office's ranking of 1,000 branches and its 12-month trend over GraphQL (RLS) against raw SQL over the
 *   branch lines (and, for the record, raw SQL over the people's lines, what they read before the branch lines).
 * BENCH_KPI_STEPS (bench/config.ts) runs some of the four steps: `queries` alone reuses the rollups of an earlier run.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Tx } from '@app/core';
import { BRANCH_PERIOD_KINDS, PERIOD_KINDS } from '../src/modules/performance/kpi-definitions.js';
import {
  checkWindow,
  rebuildBranchLines,
  rebuildPeopleLines,
  recomputeBranch,
} from '../src/modules/performance/kpi-recompute.js';
import { AppProcess } from './app-process.js';
import type { BenchConfig, KpiStep } from './config.js';
import { measureHqScenarios, type HqScenario } from './hq-scenarios.js';
import { KPI_YEAR, prepareKpiDatabase, type KpiSeed } from './kpi-seed.js';
import { mdTable, resultRows, RESULT_HEAD, type ScenarioResult, type Target } from './report.js';
import { BENCH_PASSWORD } from './seed.js';
import { WorkerProcess } from './worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const int = (n: number) => Math.round(n).toLocaleString('en');

export interface KpiOutput {
  targets: Target[];
  markdown: string;
  text: string;
}

/** A pg client as the rebuild functions' transaction (they use only query and execute). */
function asTx(c: pg.ClientBase): Tx {
  return {
    query: async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows,
    execute: async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rowCount ?? 0,
  } as unknown as Tx;
}

/** One branch's transaction as the worker runs it: app_worker, the branch in scope, its check row locked. */
async function asWorker<T>(c: pg.ClientBase, branchId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    await c.query(`SELECT set_config('role', 'app_worker', true), set_config('app.branch_ids', $1, true)`, [
      `{${branchId}}`,
    ]);
    await c.query(`INSERT INTO kpi_check_due (branch_id) VALUES ($1) ON CONFLICT (branch_id) DO NOTHING`, [branchId]);
    await c.query(`SELECT 1 FROM kpi_check_due WHERE branch_id = $1 FOR UPDATE`, [branchId]);
    const r = await fn(asTx(c));
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

const FLOOR_SQL = `INSERT INTO kpi_floor (branch_id, kpi, period_kind, period_start, person_id, count, amount)
  SELECT e.branch_id, e.kpi, k.kind, kpi_period_start(k.kind, e.day), e.person_id, sum(e.n)::int,
    sum(coalesce(e.amount, 0))
  FROM kpi_events e CROSS JOIN unnest($1::text[]) k(kind)
  GROUP BY 1, 2, 3, 4, 5`;
/** The branch lines' floor: the people's floor lines of a week or longer summed, as the rebuild sums its own. */
const BRANCH_FLOOR_SQL = `INSERT INTO kpi_branch_floor (branch_id, kpi, period_kind, period_start, count, amount)
  SELECT branch_id, kpi, period_kind, period_start, sum(count), sum(amount) FROM kpi_floor
  WHERE period_kind = ANY($1::text[]) GROUP BY 1, 2, 3, 4`;

/** Rows in one table and not the other, both ways (0 when the rebuild equals the floor). */
const mismatchSql = (a: string, b: string, cols: string) =>
  `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM ${a} EXCEPT SELECT ${cols} FROM ${b}) x)
    + (SELECT count(*) FROM (SELECT ${cols} FROM ${b} EXCEPT SELECT ${cols} FROM ${a}) y) AS n`;
const PEOPLE_COLS = 'branch_id, kpi, period_kind, period_start, person_id, count, amount';
const BRANCH_COLS = 'branch_id, kpi, period_kind, period_start, count, amount';

interface Scratch {
  floorS: number;
  /** The floor of the people's lines alone (what the floor was before the branch lines). */
  floorPeopleS: number;
  rebuildS: number;
  /** The share of the rebuild's time (summed over both connections) spent on the people's lines. */
  peopleShare: number;
  lines: number;
  branchLines: number;
  mismatched: number;
}

async function fromScratch(url: string, admin: pg.Client, seed: KpiSeed, log: (s: string) => void): Promise<Scratch> {
  await admin.query('DROP TABLE IF EXISTS kpi_floor, kpi_branch_floor');
  await admin.query('CREATE UNLOGGED TABLE kpi_floor (LIKE kpi_rollups INCLUDING DEFAULTS INCLUDING INDEXES)');
  await admin.query('ALTER TABLE kpi_floor SET LOGGED');
  await admin.query('CREATE TABLE kpi_branch_floor (LIKE kpi_branch_rollups INCLUDING DEFAULTS INCLUDING INDEXES)');
  // The floor gets the same room to sum as the rebuild's transactions (64 MB of work_mem).
  await admin.query(`SET work_mem = '64MB'`);
  let t = performance.now();
  await admin.query(FLOOR_SQL, [PERIOD_KINDS]);
  const floorPeopleS = (performance.now() - t) / 1000;
  await admin.query(BRANCH_FLOOR_SQL, [BRANCH_PERIOD_KINDS]);
  await admin.query('RESET work_mem');
  const floorS = (performance.now() - t) / 1000;
  log(`KPI: raw-SQL floor, GROUP BYs into tables: ${f1(floorS)} s (the people's lines alone: ${f1(floorPeopleS)} s)`);
  await admin.query('TRUNCATE kpi_rollups, kpi_branch_rollups');
  const queue = [...seed.branchIds];
  let lines = 0;
  let branchLines = 0;
  let peopleMs = 0;
  let branchMs = 0;
  t = performance.now();
  // Two branches at a time: the machine has two cores. Each branch in one transaction, as rebuildBranch runs.
  await Promise.all(
    [0, 1].map(async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bench-kpi-rebuild' });
      await c.connect();
      try {
        for (let b = queue.shift(); b; b = queue.shift()) {
          const [from, to] = [`${KPI_YEAR}-01-01`, `${KPI_YEAR}-12-31`];
          await asWorker(c, b, async (tx) => {
            const t0 = performance.now();
            lines += await rebuildPeopleLines(tx, b, from, to);
            const t1 = performance.now();
            branchLines += await rebuildBranchLines(tx, b, from, to);
            peopleMs += t1 - t0;
            branchMs += performance.now() - t1;
          });
        }
      } finally {
        await c.end();
      }
    }),
  );
  const rebuildS = (performance.now() - t) / 1000;
  const peopleShare = peopleMs / (peopleMs + branchMs);
  log(
    `KPI: rollup from scratch, ${seed.branchIds.length} branches: ${f1(rebuildS)} s, ${int(lines)} people's lines ` +
      `+ ${int(branchLines)} branch lines (the people's lines ${f1(peopleShare * 100)} % of the time)`,
  );
  const mismatched =
    Number((await admin.query<{ n: string }>(mismatchSql('kpi_rollups', 'kpi_floor', PEOPLE_COLS))).rows[0].n) +
    Number(
      (await admin.query<{ n: string }>(mismatchSql('kpi_branch_rollups', 'kpi_branch_floor', BRANCH_COLS))).rows[0].n,
    );
  log(`KPI: lines that differ between the rebuild and the floor: ${mismatched}`);
  await admin.query('DROP TABLE kpi_floor, kpi_branch_floor');
  await admin.query('VACUUM (ANALYZE) kpi_rollups, kpi_branch_rollups');
  return { floorS, floorPeopleS, rebuildS, peopleShare, lines, branchLines, mismatched };
}

/** The scheduled recompute of `n` branches (clean), and one with two planted differences (a person's, the branch's). */
async function recompute(url: string, admin: pg.Client, seed: KpiSeed, n: number) {
  const c = new pg.Client({ connectionString: url, application_name: 'bench-kpi-recompute' });
  await c.connect();
  try {
    const { from, to } = checkWindow(`${KPI_YEAR}-12-07`);
    const t = performance.now();
    let found = 0;
    for (const b of seed.branchIds.slice(0, n)) found += await asWorker(c, b, (tx) => recomputeBranch(tx, b, from, to));
    const perBranchMs = (performance.now() - t) / n;
    const b = seed.branchIds[0];
    await admin.query(
      `UPDATE kpi_rollups SET count = count + 1 WHERE branch_id = $1 AND kpi = 'SALES_AMOUNT' AND period_kind = 'MONTH'
         AND period_start = $2 AND person_id = (SELECT min(person_id::text)::uuid FROM kpi_rollups WHERE branch_id = $1)`,
      [b, `${KPI_YEAR}-11-01`],
    );
    await admin.query(
      `UPDATE kpi_branch_rollups SET amount = amount + 1 WHERE branch_id = $1 AND kpi = 'SALES_AMOUNT'
         AND period_kind = 'MONTH' AND period_start = $2`,
      [b, `${KPI_YEAR}-11-01`],
    );
    const planted = await asWorker(c, b, (tx) => recomputeBranch(tx, b, from, to));
    return { perBranchMs, found, planted, from, to };
  } finally {
    await c.end();
  }
}

/** Domain events at `rate` per second for `seconds`, counted by the real worker; lag percentiles in ms. */
async function lag(cfg: BenchConfig, admin: pg.Client, seed: KpiSeed, rate: number, seconds: number) {
  // Every branch's check is pushed a day out, so the recompute scan does not run during the measurement.
  await admin.query(`UPDATE kpi_check_due SET due_at = now() + interval '1 day'`);
  const prefix = `{bench-${process.pid}-kpi}`;
  const w = new WorkerProcess({
    name: 'kpi-worker',
    databaseUrl: cfg.databaseUrl,
    redisUrl: cfg.redisUrl,
    redisPrefix: prefix,
    poolSize: cfg.poolSize,
    logLevel: cfg.appLogLevel,
  });
  const tag = `lag-${Date.now()}`;
  const total = Math.round(rate * seconds);
  try {
    await w.start();
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const b = seed.branchIds[(i * 37) % seed.branchIds.length];
      await admin.query(
        `INSERT INTO outbox (branch_id, id, job_name, payload)
         VALUES ($1, gen_random_uuid(), 'events.domain-event', jsonb_build_object('branchId', $3::text,
           'kind', 'ORDER_CLOSED', 'subjectId', md5($2)::uuid, 'personId', md5($2 || ':p')::uuid,
           'day', (now() AT TIME ZONE 'Asia/Shanghai')::date::text, 'amount', '1234.56'))`,
        [b, `${tag}:${i}`, b],
      );
    }
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox WHERE job_name = 'events.domain-event' AND finished_at IS NULL`,
      );
      if (Number(r.rows[0].n) === 0) break;
      if (Date.now() > deadline) throw new Error(`KPI lag: events not counted in 120 s: ${w.output()}`);
      await sleep(100);
    }
  } finally {
    await w.stop().catch(() => undefined);
    const r = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
  const p = await admin.query<{ n: string; p50: number; p99: number; max: number }>(
    `SELECT count(*) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
     FROM (SELECT extract(epoch FROM e.recorded_at - o.created_at) * 1000 AS ms
           FROM outbox o JOIN kpi_events e ON e.event_id = o.id AND e.branch_id = o.branch_id
           WHERE o.job_name = 'events.domain-event' AND o.payload->>'kind' = 'ORDER_CLOSED') x`,
  );
  const r = p.rows[0];
  // The measured events leave the ledger and the outbox: the next run starts from the seeded rows only.
  await admin.query(
    `WITH o AS (DELETE FROM outbox WHERE job_name = 'events.domain-event' RETURNING branch_id, id)
     DELETE FROM kpi_events e USING o WHERE e.branch_id = o.branch_id AND e.event_id = o.id`,
  );
  return { events: Number(r.n), p50: Number(r.p50), p99: Number(r.p99), max: Number(r.max), rate, seconds };
}

const RANKING_GQL = `{ kpiRanking(input: { kpi: SALES_AMOUNT, period: "${KPI_YEAR}-11", measure: AMOUNT }) {
  rank branchId count amount growthOnPrevious growthOnLastYear } }`;
const TREND_GQL = `{ kpiTrend(input: { kpi: SALES_AMOUNT, period: "${KPI_YEAR}-11", periods: 12, measure: AMOUNT }) {
  period count amount growthOnPrevious } }`;
/** Raw SQL over a rollup table: the people's lines (what head office read before) or the branch lines. */
const rankingRaw = (table: string) => `SELECT branch_id, sum(count) FILTER (WHERE period_start = $2) AS count,
    sum(amount) FILTER (WHERE period_start = $2) AS amount, sum(amount) FILTER (WHERE period_start = $3) AS prev,
    rank() OVER (ORDER BY sum(amount) FILTER (WHERE period_start = $2) DESC) AS rank
  FROM ${table} WHERE branch_id = ANY($1::uuid[]) AND kpi = 'SALES_AMOUNT' AND period_kind = 'MONTH'
    AND period_start IN ($2, $3, $4)
  GROUP BY branch_id ORDER BY rank, branch_id`;
const trendRaw = (table: string) => `SELECT period_start, sum(count) AS count, sum(amount) AS amount FROM ${table}
  WHERE branch_id = ANY($1::uuid[]) AND kpi = 'SALES_AMOUNT' AND period_kind = 'MONTH'
    AND period_start >= $2::date - interval '12 months' AND period_start <= $2
  GROUP BY 1 ORDER BY 1`;
const RANKING_RAW = rankingRaw('kpi_branch_rollups');
const TREND_RAW = trendRaw('kpi_branch_rollups');

async function queries(cfg: BenchConfig, admin: pg.Client, seed: KpiSeed, log: (s: string) => void) {
  const app = new AppProcess({
    name: 'graphql-rls-kpi',
    databaseUrl: cfg.databaseUrl,
    redisUrl: cfg.redisUrl,
    poolSize: cfg.poolSize,
    logLevel: cfg.appLogLevel,
    runtimeRole: 'app_runtime',
    redisPrefix: `{bench-${process.pid}-kpi-api}`,
  });
  const pool = new pg.Pool({ connectionString: cfg.databaseUrl, max: cfg.poolSize, application_name: 'bench-raw' });
  const nov = `${KPI_YEAR}-11-01`;
  const rankParams = [seed.branchIds, nov, `${KPI_YEAR}-10-01`, `${KPI_YEAR - 1}-11-01`];
  try {
    await app.start();
    const token = await app.login(seed.hqEmail, BENCH_PASSWORD);
    const g = await app.graphql(RANKING_GQL, token);
    const lines = (g.body.data as { kpiRanking: { branchId: string; amount: string }[] } | undefined)?.kpiRanking;
    const raw = await pool.query<{ branch_id: string; amount: string }>(RANKING_RAW, rankParams);
    const a = (lines ?? []).map((l) => `${l.branchId}:${l.amount}`).sort();
    const b = raw.rows.map((r) => `${r.branch_id}:${Number(r.amount).toFixed(2)}`).sort();
    if (a.length !== seed.branchIds.length || a.join() !== b.join()) {
      throw new Error(
        `KPI ranking: GraphQL and raw differ (${a.length} vs ${b.length} lines): ${JSON.stringify(g.body).slice(0, 300)}`,
      );
    }
    log(`KPI: GraphQL ranking and raw SQL agree on ${a.length} branches (${g.statements} statements)`);
    // The trend's months as GraphQL answers them, against the people's lines summed by hand.
    const gt = await app.graphql(TREND_GQL, token);
    const points = (gt.body.data as { kpiTrend: { amount: string }[] } | undefined)?.kpiTrend ?? [];
    const people = await pool.query<{ amount: string }>(trendRaw('kpi_rollups'), [seed.branchIds, nov]);
    const want = people.rows.slice(-12).map((r) => Number(r.amount).toFixed(2));
    const got = points.slice(-want.length).map((p) => p.amount);
    if (!want.length || got.join() !== want.join()) {
      throw new Error(`KPI trend: GraphQL ${JSON.stringify(got)} vs the people's lines ${JSON.stringify(want)}`);
    }
    log(`KPI: GraphQL trend and the people's lines agree on ${want.length} months (${gt.statements} statements)`);
    const scenarios: HqScenario[] = [
      {
        key: 'raw-rank',
        label: 'raw SQL: ranking of 1,000 branches',
        kind: 'raw',
        request: async () => (await pool.query(RANKING_RAW, rankParams), 1),
      },
      {
        key: 'gql-rank',
        label: 'GraphQL: kpiRanking (BRANCH, month)',
        kind: 'graphql',
        floorKey: 'raw-rank',
        request: app.requester(RANKING_GQL, token),
      },
      {
        key: 'raw-trend',
        label: 'raw SQL: 12-month trend, all branches',
        kind: 'raw',
        request: async () => (await pool.query(TREND_RAW, [seed.branchIds, nov]), 1),
      },
      {
        key: 'raw-rank-people',
        label: "raw SQL: ranking, over the people's lines (before)",
        kind: 'raw',
        request: async () => (await pool.query(rankingRaw('kpi_rollups'), rankParams), 1),
      },
      {
        key: 'raw-trend-people',
        label: "raw SQL: 12-month trend, over the people's lines (before)",
        kind: 'raw',
        request: async () => (await pool.query(trendRaw('kpi_rollups'), [seed.branchIds, nov]), 1),
      },
      {
        key: 'gql-trend',
        label: 'GraphQL: kpiTrend (12 months, all branches)',
        kind: 'graphql',
        floorKey: 'raw-trend',
        request: app.requester(TREND_GQL, token),
      },
    ];
    return await measureHqScenarios(cfg, admin, app, scenarios, log);
  } finally {
    await app.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

export async function runKpi(cfg: BenchConfig, log: (s: string) => void): Promise<KpiOutput> {
  const started = new Date();
  const loadBefore = loadavg();
  const url = cfg.kpiDatabaseUrl;
  const steps = new Set<KpiStep>(cfg.kpiSteps);
  const seed = await prepareKpiDatabase(url, cfg.kpiBranches, cfg.kpiEvents, log);
  log(
    `KPI: ${int(seed.branchIds.length)} branches, ${int(seed.events)} ledger rows (${seed.seededNow ? 'seeded' : 'reused'}, ${f1(seed.seconds)} s); steps: ${[...steps].join(', ')}`,
  );
  const here = { ...cfg, databaseUrl: url, clients: cfg.kpiClients };
  const admin = new pg.Client({ connectionString: url, application_name: 'commerce-bench-kpi' });
  await admin.connect();
  try {
    const scratch = steps.has('scratch') ? await fromScratch(url, admin, seed, log) : undefined;
    if (!scratch) {
      // The other steps read the rollups an earlier run's rebuild left: none (a new seed) means run it first.
      const [{ n }] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM kpi_branch_rollups`)).rows;
      if (n === 0)
        throw new Error('KPI: no rollups in the bench database yet: run with BENCH_KPI_STEPS including scratch');
    }
    let check: Awaited<ReturnType<typeof recompute>> | undefined;
    if (steps.has('recompute')) {
      check = await recompute(url, admin, seed, Math.min(100, seed.branchIds.length));
      log(
        `KPI: recompute ${f1(check.perBranchMs)} ms per branch (${check.from}..${check.to}), ${check.found} differences; planted: ${check.planted}`,
      );
    }
    let l: Awaited<ReturnType<typeof lag>> | undefined;
    if (steps.has('lag')) {
      l = await lag(here, admin, seed, cfg.kpiLagRate, cfg.kpiLagSeconds);
      log(`KPI: lag event -> rollup over ${l.events} events at ${l.rate}/s: p50 ${f1(l.p50)} ms, p99 ${f1(l.p99)} ms`);
    }
    const results = steps.has('queries') ? await queries(here, admin, seed, log) : [];
    return report({ started, loadBefore, loadAfter: loadavg(), seed, scratch, check, lag: l, results, cfg: here });
  } finally {
    await admin.end().catch(() => undefined);
  }
}

function report(r: {
  started: Date;
  loadBefore: number[];
  loadAfter: number[];
  seed: KpiSeed;
  scratch?: Scratch;
  check?: Awaited<ReturnType<typeof recompute>>;
  lag?: Awaited<ReturnType<typeof lag>>;
  results: ScenarioResult[];
  cfg: BenchConfig;
}): KpiOutput {
  const p50 = (key: string) => r.results.find((x) => x.key === key)!.summary.p50;
  const targets: Target[] = [];
  const rows: string[][] = [];
  const { scratch, check, lag: l } = r;
  if (scratch) {
    const ratio = scratch.rebuildS / scratch.floorS;
    targets.push({
      name: 'KPI: rollup from scratch',
      goal: '< 60 s',
      measured: `${f1(scratch.rebuildS)} s for ${int(r.seed.events)} rows (${f1(ratio)}x floor)`,
      pass: scratch.rebuildS < 60 && scratch.mismatched === 0,
    });
    rows.push(
      [
        "Rollup from scratch (every branch, every period of the year; people's lines, then branch lines)",
        `${f1(scratch.rebuildS)} s, ${int(scratch.lines)} + ${int(scratch.branchLines)} lines; people's lines ` +
          `${f1(scratch.peopleShare * 100)} % of the time`,
        `${f1(scratch.floorS)} s (people's lines alone ${f1(scratch.floorPeopleS)} s)`,
        `${f1(ratio)}x`,
      ],
      ['Lines differing between rebuild and floor', String(scratch.mismatched), '-', '-'],
    );
  }
  if (check) {
    rows.push(
      [
        `Recompute (compare, record, repair) ${check.from}..${check.to}`,
        `${f1(check.perBranchMs)} ms per branch, ${check.found} differences`,
        '-',
        '-',
      ],
      [
        "Recompute with two planted differences (a person's line, the branch's line)",
        `${check.planted} found and repaired`,
        '-',
        '-',
      ],
    );
  }
  if (l) {
    targets.push({
      name: 'KPI: lag event -> rollup p99',
      goal: '< 5 s',
      measured: `${f1(l.p99)} ms`,
      pass: l.p99 < 5000,
    });
    rows.push([
      `Lag event -> rollup (${l.events} events at ${l.rate}/s, real worker)`,
      `p50 ${f1(l.p50)} ms, p99 ${f1(l.p99)} ms, max ${f1(l.max)} ms`,
      '-',
      '-',
    ]);
  }
  if (r.results.length) {
    for (const [key, what] of [
      ['gql-rank', 'ranking'],
      ['gql-trend', 'trend'],
    ]) {
      targets.push({
        name: `KPI: head-office ${what} p50`,
        goal: '< 100 ms',
        measured: `${f1(p50(key))} ms`,
        pass: p50(key) < 100,
      });
    }
  }
  const load = (x: number[]) => x.map((v) => v.toFixed(2)).join(' ');
  const md = [
    '## KPI rollups: from scratch, recompute, lag, head-office queries',
    '',
    `Run ${r.started.toISOString()} on ${cpus().length} cores (steps: ${r.cfg.kpiSteps.join(', ')}); load average ${load(r.loadBefore)} before, ${load(r.loadAfter)} after ` +
      '(other engineers ran their suites on the same machine).',
    `Data: ${int(r.seed.branchIds.length)} branches, ${int(r.seed.events)} kpi_events rows (10 KPIs, ${r.seed.reps} reps per branch, ` +
      `the days of ${KPI_YEAR}), generated by generate_series (BENCH_KPI_BRANCHES=${r.seed.branchIds.length} BENCH_KPI_EVENTS=${r.seed.events}).`,
    '',
    ...(rows.length ? [mdTable(['Measure', 'Figure', 'Floor', 'Ratio'], rows), ''] : []),
    ...(r.results.length
      ? [
          `Head-office queries at ${r.cfg.clients} closed-loop clients (${r.cfg.rounds} rounds of ${r.cfg.seconds / r.cfg.rounds} s each):`,
          '',
          mdTable(RESULT_HEAD, resultRows(r.results)),
          '',
        ]
      : []),
    "Method: the rebuild is `rebuildBranch`'s two steps (src/modules/performance/kpi-recompute.ts: the people's lines " +
      'from the ledger, then the branch lines from them) as app_worker under row-level security, one transaction per ' +
      'branch holding its kpi_check_due row, two branches at a time; the floor is the same GROUP BYs as one statement ' +
      'each into tables shaped like kpi_rollups and kpi_branch_rollups (same primary keys), as the superuser. The lag is ' +
      "the ledger row's transaction time minus the outbox row's creation (the relay polls every OUTBOX_POLL_MS, 500 ms).",
  ].join('\n');
  const text = md.replace(/\|/g, ' ');
  return { targets, markdown: md, text };
}
