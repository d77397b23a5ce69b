/**
 * `npm run bench`: seeds (once) 50 branches x 20,000 customers, then measures the customers(first: 50) page with
 * owner and contacts over GraphQL against the same page read by one hand-written SQL statement, and the API
 * with row-level security against the same API as a BYPASSRLS role; then the approval engine (bench/approvals.ts):
 * escalation latency and throughput with the real worker, and the head-office approval dashboard. Prints a table
 * and writes BENCHMARKS.md; then the activity part (bench/activity.ts): head office's quota attainment, the weekly
 * digest and the quarterly re-tiering jobs; then the KPI part (bench/kpi.ts, its own database): the rollup from
 * scratch, the recompute, the lag from event to rollup, head office's ranking and trend.
 * Then the documents part (bench/documents.ts, its own database): upload and download throughput against the disk.
 * Then the finance part (bench/finance.ts): the semi-annual reconciliation run and head office's receivables ageing.
 * BENCH_ONLY=customers|approvals|activity|kpi|documents|finance|stock runs one part and keeps the others' figures (stock,
 * bench/stock.ts: stock movements through the API and the stock-on-hand page against raw SQL, runs only when named).
 */
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl } from '@app/core';
import { AppProcess, startFlags } from './app-process.js';
import { describeEnv, loadBenchConfig, type BenchConfig } from './config.js';
import {
  CpuProbe,
  percentile,
  runOpenLoop,
  runWindow,
  summarize,
  type Arrivals,
  type OpenWindow,
  type Request,
  type Window,
} from './load.js';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profile.js';
import {
  GRAPHQL_PAGE,
  GRAPHQL_PAGE_OWNERS,
  RAW_MANY_BRANCHES,
  RAW_ONE_BRANCH,
  RAW_ONE_BRANCH_OWNERS,
  checkGraphqlPage,
  checkRawPage,
  idsOfGraphql,
  idsOfRaw,
  rawRequester,
} from './queries.js';
import { runActivity } from './activity.js';
import { runApprovals } from './approvals.js';
import { runKpi } from './kpi.js';
import { runDocuments } from './documents.js';
import { runStock } from './stock.js';
import { runFinance } from './finance.js';
import {
  cpuMs,
  markdown,
  othersPct,
  textTable,
  vsRaw,
  type OpenLoopResult,
  type ReportInput,
  type ScenarioResult,
  type Target,
} from './report.js';
import { BENCH_PASSWORD, BYPASS_ROLE, checkWall, prepareDatabase, type BenchData } from './seed.js';

const log = (s: string) => console.log(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REPORT = process.env.BENCH_REPORT || fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

interface Scenario {
  key: string;
  floorKey?: string;
  label: string;
  who: 'manager' | 'hq';
  kind: 'raw' | 'graphql';
  as: string;
  app?: AppProcess;
  request: Request;
}

async function serverInfo(url: string): Promise<{ version: string; settings: string; dbName: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const v = await c.query<{ v: string; sb: string; mc: string; wm: string; db: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb,
         current_setting('max_connections') AS mc, current_setting('work_mem') AS wm, current_database() AS db`,
    );
    const r = v.rows[0];
    return {
      version: r.v,
      settings: `shared_buffers=${r.sb}, work_mem=${r.wm}, max_connections=${r.mc}`,
      dbName: r.db,
    };
  } finally {
    await c.end();
  }
}

async function redisVersion(url: string): Promise<string> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    return /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
  } finally {
    r.disconnect();
  }
}

/** Removes the rate-limit keys the two API processes wrote under their own prefixes. */
async function cleanRedis(url: string, tag: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `{${tag}-*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } catch {
    // best effort: the keys expire on their own
  } finally {
    r.disconnect();
  }
}

async function waitForFile(file: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(file)) return true;
    await sleep(200);
  }
  return false;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function validate(
  pool: pg.Pool,
  data: BenchData,
  apps: AppProcess[],
  tokens: Map<AppProcess, { manager: string; hq: string }>,
  hq: boolean,
): Promise<number> {
  const raw = await pool.query(RAW_ONE_BRANCH, [data.managerBranchId]);
  const rawProblem = checkRawPage(raw.rows);
  if (rawProblem) throw new Error(`raw page (manager): ${rawProblem}`);
  const rawHq = hq ? await pool.query(RAW_MANY_BRANCHES, [data.branchIds]) : undefined;
  if (rawHq) {
    const p = checkRawPage(rawHq.rows);
    if (p) throw new Error(`raw page (HQ): ${p}`);
  }
  let statements = NaN;
  for (const app of apps) {
    const t = tokens.get(app)!;
    for (const [who, token, rows] of [
      ['manager', t.manager, raw.rows],
      ...(rawHq ? [['hq', t.hq, rawHq.rows] as const] : []),
    ] as const) {
      const r = await app.graphql(GRAPHQL_PAGE, token);
      const problem = r.status === 200 ? checkGraphqlPage(r.body) : `HTTP ${r.status} ${JSON.stringify(r.body)}`;
      if (problem) throw new Error(`GraphQL page (${app.opts.name}, ${who}): ${problem}`);
      if (!sameIds(idsOfGraphql(r.body), idsOfRaw(rows))) {
        throw new Error(`GraphQL page (${app.opts.name}, ${who}) and the raw page hold different customers`);
      }
      if (!Number.isFinite(r.statements)) throw new Error('the API sent no x-sql-statements header');
      if (who === 'manager') statements = r.statements;
    }
    const rawOwners = await pool.query(RAW_ONE_BRANCH_OWNERS, [data.managerBranchId]);
    const p = checkRawPage(rawOwners.rows, false);
    if (p) throw new Error(`raw owners-only page: ${p}`);
    const r = await app.graphql(GRAPHQL_PAGE_OWNERS, t.manager);
    const problem = r.status === 200 ? checkGraphqlPage(r.body, false) : `HTTP ${r.status} ${JSON.stringify(r.body)}`;
    if (problem) throw new Error(`GraphQL owners-only page (${app.opts.name}): ${problem}`);
    if (
      !sameIds(idsOfGraphql(r.body), idsOfRaw(rawOwners.rows)) ||
      !sameIds(idsOfRaw(rawOwners.rows), idsOfRaw(raw.rows))
    ) {
      throw new Error(`GraphQL owners-only page (${app.opts.name}) and the raw pages hold different customers`);
    }
  }
  return statements;
}

function targets(results: ScenarioResult[], open: OpenLoopResult[]): Target[] {
  const by = (k: string) => results.find((r) => r.key === k)!;
  const raw = by('raw');
  const rls = by('graphql-rls');
  const bypass = by('graphql-bypass');
  const rawOwners = by('raw-owners');
  const owners = by('graphql-rls-owners');
  const ratio = vsRaw(rls, results);
  const ownersRatio = vsRaw(owners, results);
  const wall = bypass.summary.rps / rls.summary.rps;
  const wallP50 = rls.summary.p50 / bypass.summary.p50;
  const clean = (...r: ScenarioResult[]) => r.every((x) => x.summary.errors === 0);
  const out: Target[] = [
    {
      name: 'GraphQL page with owners and contacts, throughput vs. one raw SQL statement (branch manager, RLS on)',
      goal: '>= 0.30x',
      measured: `${ratio.toFixed(2)}x (${Math.round(rls.summary.rps)} vs ${Math.round(raw.summary.rps)} req/s)`,
      pass: ratio >= 0.3 && clean(raw, rls),
    },
    {
      name: 'GraphQL page with owners only, throughput vs. its own raw SQL statement (branch manager, RLS on)',
      goal: '>= 0.30x',
      measured: `${ownersRatio.toFixed(2)}x (${Math.round(owners.summary.rps)} vs ${Math.round(rawOwners.summary.rps)} req/s)`,
      pass: ownersRatio >= 0.3 && clean(rawOwners, owners),
    },
  ];
  const poisson = open.find((o) => o.key === 'graphql-rls' && o.arrivals === 'poisson');
  if (poisson) {
    out.push({
      name: 'GraphQL page p99 at an open-loop (Poisson) arrival rate of half the measured maximum throughput (branch manager, RLS on)',
      goal: '< 50 ms',
      measured:
        `p99 ${poisson.p99.toFixed(1)} ms at ${poisson.rate.toFixed(0)} req/s offered (0.5 x ${Math.round(rls.summary.rps)} req/s, ` +
        `the closed-loop maximum of this run); p50 ${poisson.p50.toFixed(1)}, p90 ${poisson.p90.toFixed(1)}, max ${poisson.max.toFixed(1)} ms` +
        (poisson.errors ? `; ${poisson.errors} errors` : ''),
      pass: poisson.p99 < 50 && poisson.errors === 0,
    });
  }
  out.push({
    name: 'Cost of the wall: API as BYPASSRLS role vs. with RLS (branch manager)',
    goal: '<= 1.10x',
    measured:
      `${wall.toFixed(3)}x req/s (${Math.round(bypass.summary.rps)} bypass vs ${Math.round(rls.summary.rps)} RLS); ` +
      `p50 RLS/bypass ${wallP50.toFixed(3)}x; CPU ms/req RLS vs bypass: API ${cpuMs(rls.summary).app.toFixed(2)} vs ` +
      `${cpuMs(bypass.summary).app.toFixed(2)}, PostgreSQL ${cpuMs(rls.summary).pg.toFixed(2)} vs ${cpuMs(bypass.summary).pg.toFixed(2)}`,
    pass: wall <= 1.1 && clean(rls, bypass),
  });
  return out;
}

/** One open-loop run summarised for the report. */
function openResult(key: string, label: string, w: OpenWindow): OpenLoopResult {
  const l = w.latencies;
  const rps = w.completed / w.seconds;
  const per = (pct: number) => (rps > 0 ? (pct * 10) / rps : NaN);
  let stm = 0;
  let stmN = 0;
  for (const [k, v] of w.statements) {
    if (Number.isFinite(k)) {
      stm += k * v;
      stmN += v;
    }
  }
  return {
    key,
    label,
    arrivals: w.arrivals,
    rate: w.rate,
    scheduled: w.scheduled,
    completed: w.completed,
    achieved: rps,
    errors: w.errors,
    firstError: w.firstError,
    p50: percentile(l, 0.5),
    p90: percentile(l, 0.9),
    p99: percentile(l, 0.99),
    p999: percentile(l, 0.999),
    max: l.length ? l[l.length - 1] : NaN,
    maxInFlight: w.maxInFlight,
    maxSendLagMs: w.maxSendLagMs,
    statementsMean: stmN ? stm / stmN : NaN,
    cpuApp: per(w.cpu.app),
    cpuPg: per(w.cpu.postgres),
    cpuGen: per(w.cpu.loadgen),
    machine: w.cpu.machine,
    others: Math.max(0, w.cpu.machine - w.cpu.app - w.cpu.postgres - w.cpu.loadgen),
  };
}

/** The customers page: GraphQL vs. raw SQL, RLS vs. BYPASSRLS, for a branch manager and head office. */
async function runCustomers(cfg: BenchConfig, data: BenchData, loadBefore: number[], date: Date): Promise<ReportInput> {
  let report: ReportInput | undefined;
  const wall = await checkWall(cfg.databaseUrl, data.managerBranchId);
  log(`Wall check: ${wall}`);
  const [pgInfo, redisV] = await Promise.all([serverInfo(cfg.databaseUrl), redisVersion(cfg.redisUrl)]);

  const tag = `bench-${process.pid}`;
  const profileFile = cfg.profile ? join(tmpdir(), `commerce-bench-api-${date.getTime()}.cpuprofile`) : undefined;
  const common = {
    databaseUrl: cfg.databaseUrl,
    redisUrl: cfg.redisUrl,
    poolSize: cfg.poolSize,
    logLevel: cfg.appLogLevel,
  };
  const rlsApp = new AppProcess({
    ...common,
    name: 'graphql-rls',
    runtimeRole: 'app_runtime',
    redisPrefix: `{${tag}-rls}`,
    profileFile,
  });
  const bypassApp = new AppProcess({
    ...common,
    name: 'graphql-bypass',
    runtimeRole: BYPASS_ROLE,
    redisPrefix: `{${tag}-bypass}`,
  });
  const pool = new pg.Pool({
    connectionString: cfg.databaseUrl,
    max: cfg.poolSize,
    application_name: 'commerce-bench-raw',
  });
  const admin = new pg.Client({ connectionString: cfg.databaseUrl, application_name: 'commerce-bench-admin' });
  await admin.connect();
  const apps = [rlsApp, bypassApp];
  try {
    for (const app of apps) await app.start();
    log(
      `API processes up: RLS pid ${rlsApp.pid} port ${rlsApp.port}, bypass pid ${bypassApp.pid} port ${bypassApp.port}`,
    );
    const tokens = new Map<AppProcess, { manager: string; hq: string }>();
    for (const app of apps) {
      tokens.set(app, {
        manager: await app.login(data.managerEmail, BENCH_PASSWORD),
        hq: await app.login(data.hqEmail, BENCH_PASSWORD),
      });
    }
    const stm = await validate(pool, data, apps, tokens, cfg.headOffice);
    log(
      `Checked: raw and GraphQL return the same 50 customers with owner and contacts; ${stm} SQL statements per page`,
    );

    const scenarios: Scenario[] = [
      {
        key: 'raw',
        label: 'raw SQL, branch manager',
        who: 'manager',
        kind: 'raw',
        as: 'pg, superuser, no RLS',
        request: rawRequester(pool, RAW_ONE_BRANCH, data.managerBranchId),
      },
      {
        key: 'graphql-rls',
        label: 'GraphQL, branch manager, RLS',
        who: 'manager',
        kind: 'graphql',
        as: 'app_runtime (RLS)',
        app: rlsApp,
        request: rlsApp.requester(GRAPHQL_PAGE, tokens.get(rlsApp)!.manager),
      },
      {
        key: 'graphql-bypass',
        label: 'GraphQL, branch manager, BYPASSRLS',
        who: 'manager',
        kind: 'graphql',
        as: `${BYPASS_ROLE}`,
        app: bypassApp,
        request: bypassApp.requester(GRAPHQL_PAGE, tokens.get(bypassApp)!.manager),
      },
      {
        key: 'raw-owners',
        label: 'raw SQL, branch manager, owners only',
        who: 'manager',
        kind: 'raw',
        as: 'pg, superuser, no RLS',
        request: rawRequester(pool, RAW_ONE_BRANCH_OWNERS, data.managerBranchId),
      },
      {
        key: 'graphql-rls-owners',
        floorKey: 'raw-owners',
        label: 'GraphQL, branch manager, RLS, owners only',
        who: 'manager',
        kind: 'graphql',
        as: 'app_runtime (RLS)',
        app: rlsApp,
        request: rlsApp.requester(GRAPHQL_PAGE_OWNERS, tokens.get(rlsApp)!.manager),
      },
    ];
    if (cfg.headOffice) {
      scenarios.push(
        {
          key: 'raw-hq',
          label: `raw SQL, HQ admin (${data.branchIds.length} branches)`,
          who: 'hq',
          kind: 'raw',
          as: 'pg, superuser, no RLS',
          request: rawRequester(pool, RAW_MANY_BRANCHES, data.branchIds),
        },
        {
          key: 'graphql-rls-hq',
          label: `GraphQL, HQ admin (${data.branchIds.length} branches), RLS`,
          who: 'hq',
          kind: 'graphql',
          as: 'app_runtime (RLS)',
          app: rlsApp,
          request: rlsApp.requester(GRAPHQL_PAGE, tokens.get(rlsApp)!.hq),
        },
        {
          key: 'graphql-bypass-hq',
          label: `GraphQL, HQ admin (${data.branchIds.length} branches), BYPASSRLS`,
          who: 'hq',
          kind: 'graphql',
          as: `${BYPASS_ROLE}`,
          app: bypassApp,
          request: bypassApp.requester(GRAPHQL_PAGE, tokens.get(bypassApp)!.hq),
        },
      );
    }

    const backendPids = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
    const windows = new Map<string, Window[]>(scenarios.map((s) => [s.key, []]));
    const perWindowMs = (cfg.seconds * 1000) / cfg.rounds;
    for (let round = 1; round <= cfg.rounds; round++) {
      const order = round % 2 === 1 ? scenarios : [...scenarios].reverse();
      for (const s of order) {
        await sleep(300);
        const probe = new CpuProbe(() => s.app?.pid, backendPids);
        const w = await runWindow(cfg.clients, cfg.warmupSeconds * 1000, perWindowMs, s.request, probe);
        windows.get(s.key)!.push(w);
        const p50 = w.latencies[Math.ceil(0.5 * w.latencies.length) - 1] ?? NaN;
        log(
          `  round ${round}/${cfg.rounds} ${s.label}: ${Math.round(w.requests / w.seconds)} req/s, p50 ${p50.toFixed(1)} ms, ` +
            `${w.errors} errors${w.firstError ? ` (first: ${w.firstError.slice(0, 200)})` : ''}`,
        );
      }
    }

    // Open loop: arrivals on a fixed schedule at half the maximum throughput the closed loop just measured.
    const maxRps = summarize(windows.get('graphql-rls')!).rps;
    const openRate = cfg.openFraction * maxRps;
    const open: OpenLoopResult[] = [];
    const openRuns: { key: string; label: string; arrivals: Arrivals; request: Request; app?: AppProcess }[] = [
      { key: 'raw', label: 'raw SQL, branch manager', arrivals: 'poisson', request: scenarios[0].request },
      ...(['poisson', 'constant'] as const).map((arrivals) => ({
        key: 'graphql-rls',
        label: 'GraphQL, branch manager, RLS',
        arrivals,
        request: scenarios[1].request,
        app: rlsApp,
      })),
    ];
    for (const o of openRuns) {
      await sleep(1000);
      const probe = new CpuProbe(() => o.app?.pid, backendPids);
      const w = await runOpenLoop(
        openRate,
        o.arrivals,
        cfg.warmupSeconds * 1000,
        cfg.openSeconds * 1000,
        o.request,
        probe,
      );
      const r = openResult(o.key, o.label, w);
      open.push(r);
      log(
        `  open loop ${o.label}, ${o.arrivals} arrivals at ${openRate.toFixed(1)} req/s: p50 ${r.p50.toFixed(1)} ms, ` +
          `p90 ${r.p90.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, ${r.errors} errors, ` +
          `at most ${r.maxInFlight} in flight`,
      );
    }

    let profile: { scenario: string; summary: ProfileSummary; file: string } | undefined;
    if (profileFile) {
      const s = scenarios.find((x) => x.key === 'graphql-rls')!;
      log(`Profiling the RLS API for ${cfg.profileSeconds} s under the same load...`);
      await runWindow(
        cfg.clients,
        0,
        cfg.warmupSeconds * 1000,
        s.request,
        new CpuProbe(
          () => undefined,
          async () => [],
        ),
      );
      rlsApp.signal('SIGUSR2');
      await sleep(100);
      await runWindow(
        cfg.clients,
        0,
        cfg.profileSeconds * 1000,
        s.request,
        new CpuProbe(
          () => undefined,
          async () => [],
        ),
      );
      rlsApp.signal('SIGUSR2');
      if (await waitForFile(profileFile, 30_000)) {
        await sleep(500);
        const summary = summarizeProfile(JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile, 25);
        profile = {
          scenario: `${s.label}, ${cfg.clients} clients, ${cfg.profileSeconds} s`,
          summary,
          file: profileFile,
        };
        log(`CPU profile written to ${profileFile}; busy ${((100 * summary.busyMs) / summary.totalMs).toFixed(1)}%`);
        log('  self %  incl %  package');
        for (const p of summary.packages.slice(0, 15)) {
          log(`  ${p.pct.toFixed(1).padStart(6)}  ${(p.inclusivePct ?? NaN).toFixed(1).padStart(6)}  ${p.name}`);
        }
        log('  top functions (self time):');
        for (const f of summary.functions.slice(0, 20)) log(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
      } else {
        log('The API wrote no CPU profile (was it built with bench/profile-preload.ts?)');
      }
    }

    const results: ScenarioResult[] = scenarios.map((s) => ({
      key: s.key,
      label: s.label,
      who: s.who,
      kind: s.kind,
      as: s.as,
      floorKey: s.floorKey,
      summary: summarize(windows.get(s.key)!),
    }));
    const t = targets(results, open);
    const loadAfter = loadavg();
    log('');
    log(textTable(results, t));
    log('');
    log(`Load average after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);

    const maxOther = Math.max(...results.map((r) => othersPct(r.summary)));
    const busy = loadBefore[0] > 0.5 || maxOther > 20;
    const notes = [
      `Load average (1/5/15 min) before the run: ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}; after it (including the bench's own load): ` +
        `${loadAfter.map((x) => x.toFixed(2)).join(' / ')}, on ${cpus().length} cores. CPU used during the measured windows by anything other than the ` +
        `API, its PostgreSQL backends and the load generator: up to ${Math.round(maxOther)}% of one core.` +
        (busy
          ? ' The machine was not quiet: other processes competed for the same cores, so req/s and latencies understate what the code can do and are noisier than usual ' +
            '(CPU ms/req is less affected); re-run on a quiet machine before drawing conclusions.'
          : ' The machine was otherwise quiet.'),
      `Wall check before measuring: ${wall}.`,
    ];
    const statementsNote = results.find((r) => r.key === 'graphql-rls')!.summary;
    const rawManager = results.find((r) => r.key === 'raw')!.summary;
    const ownersNote = results.find((r) => r.key === 'graphql-rls-owners')!.summary;
    notes.push(
      `With ${cfg.clients} closed-loop clients the mean latency is ${cfg.clients} ÷ throughput (Little's law), so the closed-loop ` +
        `p99 above measures queueing in the load generator's own loop, not the service: the raw-SQL floor itself reached ` +
        `${Math.round(rawManager.rps)} req/s with p99 ${rawManager.p99.toFixed(1)} ms. The latency target is therefore judged in the ` +
        `open-loop table, at ${Math.round(100 * cfg.openFraction)}% of the closed-loop maximum of this run.`,
    );
    notes.push(
      `The GraphQL page ran ${statementsNote.statementsMean.toFixed(2)} SQL statements per request with owners and contacts and ` +
        `${ownersNote.statementsMean.toFixed(2)} with owners only (x-sql-statements header: BEGIN + settings, the page with its ` +
        'relations, COMMIT), the raw floor one.',
    );
    const worstOpen = Math.max(...open.map((o) => o.others));
    if (worstOpen > 20) {
      notes.push(
        `During the open-loop runs other processes used up to ${Math.round(worstOpen)}% of one core: their latencies include ` +
          'waiting for a core, which the closed-loop CPU figures do not show.',
      );
    }
    report = {
      date: date.toISOString(),
      machine: [
        `Machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${type()} ${release()}`,
        `Node ${process.version}; PostgreSQL ${pgInfo.version} (${pgInfo.settings}); Redis ${redisV}`,
        `Database: ${redactUrl(cfg.databaseUrl)}`,
      ],
      command: 'npm run bench',
      env: describeEnv(cfg),
      data: [
        `1 organization, ${cfg.branches} branches + head office, ${cfg.staffPerBranch} staff per branch (1 manager, the rest sales reps).`,
        `${data.customers.toLocaleString('en')} customers (${cfg.customersPerBranch.toLocaleString('en')} per branch, 2% archived, owners round-robin over the branch's staff), ` +
          `${data.contacts.toLocaleString('en')} contacts (1 primary each, a second for about a quarter), inserted set-based (INSERT ... SELECT generate_series) and VACUUM ANALYZEd; ` +
          'next contacts due from 30 days ago to 30 days ahead, those already due counting as reminded (the worker of the approvals part starts without a backlog).',
        `Measured users: the manager of branch B001 (scope: one branch, ${cfg.customersPerBranch.toLocaleString('en')} customers)` +
          (cfg.headOffice
            ? ` and the HQ admin (scope: all ${data.branchIds.length} branches of the organization).`
            : '.'),
        'The page: `customers(first: 50)` in the API’s default order (created_at DESC, id DESC; ACTIVE only), each node with ' +
          'ten scalar fields, `owner { id displayName email role }` and `contacts { id name title phone email isPrimary }`, plus the edge cursors and pageInfo. ' +
          'The owners-only page is the same without `contacts`, against its own raw statement (the same without the contacts subquery).',
      ],
      method: [
        `Load: ${cfg.clients} closed-loop clients, each with its own keep-alive HTTP/1.1 connection (node:http Agent), sending the next request as soon as the previous answer has fully arrived. ` +
          `Each scenario runs ${cfg.rounds} window(s) of ${(perWindowMs / 1000).toFixed(1)} s, each after ${cfg.warmupSeconds} s of unrecorded warm-up under the same load.`,
        'Order: odd rounds run the scenarios top to bottom, even rounds bottom to top, so slow drift (caches warming, background load) falls on both sides of each comparison.',
        'Raw floor: one hand-written statement (LIMIT 51, owner joined from memberships + users, contacts as json_agg in a LATERAL subquery) through a `pg.Pool` of the same size as the API’s ' +
          `(${cfg.poolSize}), in the bench process, connected as the PostgreSQL superuser: row-level security does not apply, no transaction, no tenant settings, no HTTP, no GraphQL. ` +
          'It is a floor for “this page read by Node”, not a product path.',
        `GraphQL: the real API, \`${['node', ...startFlags(), 'dist/src/main.js'].join(' ')}\` (as \`npm start\` runs it) as a child process (NODE_ENV=production, LOG_LEVEL=${cfg.appLogLevel}, DB_POOL_SIZE=${cfg.poolSize}), with a token from the \`login\` mutation. ` +
          'A child process, so that the load generator does not share the API’s event loop; on a 2-core machine the API, PostgreSQL and the load generator still share the cores, which the CPU column shows.',
        `RLS vs. BYPASSRLS: two API processes, identical except DB_RUNTIME_ROLE: \`app_runtime\` (NOBYPASSRLS: the production wall) and \`${BYPASS_ROLE}\` (NOLOGIN BYPASSRLS, a member of app_runtime inheriting ` +
          'exactly its grants; the bench creates it if missing). Both are up for the whole run; only one is under load at a time. The same statements run on both; only the policies stop being applied.',
        'Before measuring, the bench checks that raw SQL and both APIs return the same 50 customers with owners and contacts, and that app_runtime sees no customer without a branch set.',
        'Wall ratio: bypass req/s ÷ RLS req/s, i.e. how much more the API would serve without the wall (p50 RLS ÷ p50 bypass shown alongside).',
        `Open loop: after the closed-loop rounds, the maximum throughput is the closed-loop req/s of "GraphQL, branch manager, RLS" in this run; ` +
          `requests then leave at ${Math.round(100 * cfg.openFraction)}% of it on a schedule fixed in advance, whether or not earlier ones have answered: ` +
          'Poisson arrivals (exponential gaps from a seeded generator, so runs repeat) and evenly spaced ones, each ' +
          `${cfg.openSeconds} s measured after ${cfg.warmupSeconds} s of unrecorded warm-up, on keep-alive connections opened as needed. ` +
          'Latency runs from each request’s scheduled send time to the last byte of its answer, so a stall (GC, a busy core, a late timer) ' +
          'counts against every request it delays instead of silently holding back the next one (no coordinated omission). The raw floor ' +
          'runs the same Poisson schedule for comparison.',
      ],
      results,
      open,
      targets: t,
      notes,
      profile,
    };
  } finally {
    await Promise.all(apps.map((a) => a.stop().catch(() => undefined)));
    await pool.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
    await cleanRedis(cfg.redisUrl, tag);
  }
  return report;
}

/** A part of the report that can be re-run alone: its section between markers and its rows of the targets table. */
interface Part {
  key: Exclude<BenchConfig['only'], 'all' | 'customers'>;
  /** The targets table rows that belong to the part start with these. */
  targetPrefixes: string[];
  /** Whether a full run includes it (its switch in the config); a part that is off runs only when named. */
  inFullRun: (cfg: BenchConfig) => boolean;
  /** Whether it measures on the seeded customers database (the others bring their own database). */
  needsCustomers: boolean;
  run: (cfg: BenchConfig, data: BenchData | undefined, log: (s: string) => void) => Promise<PartOutput>;
}

interface PartOutput {
  text: string;
  markdown: string;
  targets: Target[];
}

const seeded = (data: BenchData | undefined): BenchData => {
  if (!data) throw new Error('this part needs the seeded customers database');
  return data;
};

/** Every part besides the customers page, in the order a full run measures them and the report shows them. */
const PARTS: Part[] = [
  {
    key: 'approvals',
    targetPrefixes: ['| Escalation within 60 s', '| Escalation burst throughput'],
    inFullRun: (cfg) => cfg.approvals,
    needsCustomers: true,
    run: (cfg, data, l) => runApprovals(cfg, seeded(data), l),
  },
  {
    key: 'activity',
    targetPrefixes: ['| Activity:'],
    inFullRun: (cfg) => cfg.activity,
    needsCustomers: true,
    run: (cfg, data, l) => runActivity(cfg, seeded(data), l),
  },
  {
    key: 'kpi',
    targetPrefixes: ['| KPI:'],
    inFullRun: (cfg) => cfg.kpi,
    needsCustomers: false,
    run: (cfg, _data, l) => runKpi(cfg, l),
  },
  {
    key: 'documents',
    targetPrefixes: ['| Documents:'],
    inFullRun: (cfg) => cfg.documents,
    needsCustomers: false,
    run: (cfg, _data, l) => runDocuments(cfg, l),
  },
  {
    key: 'finance',
    targetPrefixes: ['| Finance:'],
    inFullRun: (cfg) => cfg.finance,
    needsCustomers: true,
    run: (cfg, data, l) => runFinance(cfg, seeded(data), l),
  },
  // Stock runs only when named (BENCH_ONLY=stock): a full run keeps its last figures.
  {
    key: 'stock',
    targetPrefixes: ['| Stock:'],
    inFullRun: () => false,
    needsCustomers: false,
    run: (cfg, _data, l) => runStock(cfg, l),
  },
];

const begin = (p: Part) => `<!-- ${p.key}:begin -->`;
const end = (p: Part) => `<!-- ${p.key}:end -->`;
const block = (p: Part, section: string) => `${begin(p)}\n${section}\n${end(p)}`;

/**
 * Only some parts ran: each one's section and its rows of the targets table are replaced in the existing report;
 * the other parts' figures (from their own runs, each dated) stay as they were.
 */
function splicePart(existing: string, part: Part, section: string, targets: Target[] | string[]): string {
  const lines = existing.split('\n').filter((l) => !part.targetPrefixes.some((p) => l.startsWith(p)));
  const at = lines.indexOf('## Targets');
  if (at >= 0) {
    let e = at + 1;
    while (e < lines.length && !lines[e].startsWith('|')) e++;
    while (e < lines.length && lines[e].startsWith('|')) e++;
    lines.splice(
      e,
      0,
      ...(targets.length && typeof targets[0] === 'string' ? (targets as string[]) : targetRows(targets as Target[])),
    );
  }
  let md = lines.join('\n');
  const b = md.indexOf(begin(part));
  const e = md.indexOf(end(part));
  if (b >= 0 && e > b) return md.slice(0, b) + block(part, section) + md.slice(e + end(part).length);
  const how = md.indexOf('## How to run');
  md = how >= 0 ? `${md.slice(0, how)}${block(part, section)}\n\n${md.slice(how)}` : `${md}\n${block(part, section)}\n`;
  return md;
}

/** A part that did not run this time keeps its section and target rows from the previous report (each is dated). */
function keepPart(md: string, previous: string, part: Part): string {
  const b = previous.indexOf(begin(part));
  const e = previous.indexOf(end(part));
  if (b < 0 || e < b) return md;
  const section = previous
    .slice(b + begin(part).length, e)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
  const lines = previous.split('\n');
  const top = lines.indexOf('## Targets');
  const next = lines.findIndex((l, i) => i > top && l.startsWith('## '));
  const rows = (top >= 0 ? lines.slice(top, next > top ? next : undefined) : []).filter((l) =>
    part.targetPrefixes.some((p) => l.startsWith(p)),
  );
  return splicePart(md, part, section, rows);
}

function targetRows(targets: Target[]): string[] {
  return targets.map((t) => `| ${t.name} | ${t.goal} | ${t.measured} | ${t.pass ? '**PASS**' : '**MISS**'} |`);
}

async function main(cfg: BenchConfig): Promise<void> {
  const loadBefore = loadavg();
  const date = new Date();
  log(`commerce-ops bench: ${describeEnv(cfg)}`);
  log(`Load average before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`);

  const parts = PARTS.filter((p) => (cfg.only === 'all' ? p.inFullRun(cfg) : cfg.only === p.key));
  const withCustomers = cfg.only === 'all' || cfg.only === 'customers';
  if (!withCustomers && parts.length === 0) {
    log(`Nothing to run (BENCH_ONLY=${cfg.only} with that part switched off)`);
    return;
  }
  let data: BenchData | undefined;
  if (withCustomers || parts.some((p) => p.needsCustomers)) {
    data = await prepareDatabase(cfg, log);
    log(
      data.seededNow
        ? `Seeded ${data.customers.toLocaleString('en')} customers, ${data.contacts.toLocaleString('en')} contacts in ${data.seedSeconds.toFixed(0)} s`
        : `Reusing the seeded database: ${data.customers.toLocaleString('en')} customers, ${data.contacts.toLocaleString('en')} contacts`,
    );
  }
  const customers = withCustomers && data ? await runCustomers(cfg, data, loadBefore, date) : undefined;
  const ran: { part: Part; out: PartOutput }[] = [];
  for (const part of parts) ran.push({ part, out: await part.run(cfg, data, log) });
  for (const { out } of ran) {
    log('');
    log(out.text);
  }
  const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  let md: string;
  if (customers) {
    md = markdown({
      ...customers,
      targets: [...customers.targets, ...ran.flatMap(({ out }) => out.targets)],
      sections: ran.map(({ part, out }) => block(part, out.markdown)).join('\n\n') || undefined,
    });
    // A part that did not run this time keeps its section and targets from the previous report (each is dated).
    for (const part of PARTS) if (!ran.some((r) => r.part === part)) md = keepPart(md, previous, part);
  } else {
    md = previous || '# Benchmarks\n';
    for (const { part, out } of ran) md = splicePart(md, part, out.markdown, out.targets);
  }
  writeFileSync(REPORT, md);
  log(`Wrote ${REPORT}`);
}

await main(loadBenchConfig());
