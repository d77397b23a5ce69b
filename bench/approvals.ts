/**
 * The approval-engine part of `npm run bench`: escalation latency (SLA expiry to escalation recorded) and the
 * escalation scan's throughput with the real worker process against a raw-SQL floor, over 10,000 open requests in
 * 50 branches; and the head-office approval dashboard queries over GraphQL against hand-written SQL.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Redis } from 'ioredis';
import { loadConfig } from '@app/core';
import { jobMetricsKey } from '@app/jobs';
import { AppProcess } from './app-process.js';
import { measureHqScenarios, type HqScenario } from './hq-scenarios.js';
import {
  ensureApprovalUsers,
  expireAt,
  freshSteps,
  resetApprovals,
  type ApprovalsSeedSummary,
} from './approvals-seed.js';
import { HQ_QUERIES as APPROVAL_QUERIES, rawHqRequester } from './approvals-queries.js';
import { DASHBOARD_QUERIES } from './hq-dashboard.js';
import { describeApprovalsEnv, type BenchConfig } from './config.js';
import { percentile } from './load.js';
import { mdTable, resultRows, RESULT_HEAD, type ScenarioResult, type Target } from './report.js';
import { BENCH_PASSWORD, type BenchData } from './seed.js';
import { WorkerProcess } from './worker-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The issue's target: an overdue step is escalated within this long of its SLA expiring. */
const TARGET_MS = 60_000;
const SCAN_BATCH = 200;
/** The approvals' own head-office queries, and the dashboard's figures (bench/hq-dashboard.ts). */
const HQ_QUERIES = [...APPROVAL_QUERIES, ...DASHBOARD_QUERIES];

export interface ApprovalsOutput {
  targets: Target[];
  /** Markdown: the approvals sections of BENCHMARKS.md (from `## Approval engine` on). */
  markdown: string;
  text: string;
}

interface LatencyRun {
  label: string;
  workers: number;
  steps: number;
  windowS: number;
  recorded: Float64Array;
  visible: Float64Array;
  escalatedOnce: number;
  duplicates: number;
  missing: number;
  others: number;
  notifications: number;
  notificationsExpected: number;
}

interface BurstRun {
  label: string;
  workers: number | 0;
  steps: number;
  /** From the first escalation's transaction start to the last one visible (committed). */
  seconds: number;
  /** From the SLA expiry to the first escalation's transaction start: the wait for the next scan. */
  waitS: number;
  escalatedOnce: number;
  cpu?: { worker: number; pg: number };
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : 'n/a');

/** Where an escalation of level 1 (or the stall that replaces it) was recorded for these steps. */
async function recordedLevel1(
  c: pg.Client,
  steps: { branch_id: string; id: string }[],
): Promise<{ step_id: string; at: Date; seen: Date; n: number }[]> {
  const r = await c.query<{ step_id: string; at: Date; seen: Date; n: number }>(
    `SELECT e.step_id, min(e.at) AS at, clock_timestamp() AS seen, count(*)::int AS n
     FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
     JOIN approval_events e ON e.branch_id = k.branch_id AND e.step_id = k.id AND e.action IN ('ESCALATED', 'STALLED')
       AND e.level = 1
     GROUP BY e.step_id`,
    [steps.map((s) => s.branch_id), steps.map((s) => s.id)],
  );
  return r.rows;
}

/** Exactly once: one event, one approver added by escalation, level 1 on the step; and the notifications. */
async function verifyOnce(
  c: pg.Client,
  steps: { branch_id: string; id: string }[],
  since: Date,
): Promise<{ once: number; duplicates: number; others: number; notifications: number; expected: number }> {
  const args = [steps.map((s) => s.branch_id), steps.map((s) => s.id)];
  const [v] = (
    await c.query<{ once: number; duplicates: number }>(
      `SELECT count(*) FILTER (WHERE ev = 1 AND ap = 1 AND s.escalation_level = 1)::int AS once,
         count(*) FILTER (WHERE ev > 1 OR ap > 1)::int AS duplicates
       FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
       JOIN approval_steps s ON s.branch_id = k.branch_id AND s.id = k.id,
       LATERAL (SELECT count(*) AS ev FROM approval_events e WHERE e.branch_id = s.branch_id AND e.step_id = s.id
         AND e.action = 'ESCALATED' AND e.level = 1) e,
       LATERAL (SELECT count(*) AS ap FROM approval_step_approvers a WHERE a.branch_id = s.branch_id AND a.step_id = s.id
         AND a.source = 'ESCALATION' AND a.level = 1) a`,
      args,
    )
  ).rows;
  // Reminders, escalations or stalls of any other step since the reset: the rest of the population must stay quiet.
  const [o] = (
    await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM approval_events e
       WHERE e.action IN ('ESCALATED', 'STALLED', 'REMINDED') AND e.at >= $3
         AND (e.branch_id, e.step_id) NOT IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [...args, since],
    )
  ).rows;
  // Each escalation tells the step's approvers once: the branch's managers and head-office leadership.
  const [n] = (
    await c.query<{ got: number; expected: number }>(
      `SELECT (SELECT count(*) FROM notifications WHERE kind = 'APPROVAL_ESCALATED' AND created_at >= $3)::int AS got,
         (SELECT count(*) FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
            JOIN memberships m ON m.branch_id = k.branch_id AND m.role = 'BRANCH_MANAGER')::int
         + (SELECT count(*) FROM memberships m JOIN branches b ON b.id = m.branch_id
            WHERE b.kind = 'HEAD_OFFICE' AND b.organization_id = md5('bench:org')::uuid AND m.role = 'LEADERSHIP')::int
           * cardinality($1::uuid[]) AS expected`,
      [...args, since],
    )
  ).rows;
  return { once: v.once, duplicates: v.duplicates, others: o.n, notifications: n.got, expected: n.expected };
}

async function metric(r: Redis, prefix: string, field: string): Promise<number> {
  return Number((await r.hget(jobMetricsKey(prefix), field)) ?? 0);
}

async function cleanPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } catch {
    // best effort
  } finally {
    r.disconnect();
  }
}

/** CPU seconds a process has used (Linux /proc; 0 elsewhere). */
function procSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

export async function runApprovals(
  cfg: BenchConfig,
  data: BenchData,
  log: (s: string) => void,
): Promise<ApprovalsOutput> {
  const started = new Date();
  const loadBefore = loadavg();
  const scanMs = loadConfig({
    NODE_ENV: 'test',
    APPROVAL_SCAN_MS: cfg.approvalScanMs ? String(cfg.approvalScanMs) : undefined,
  }).approvalScanMs;
  const defaultScanMs = loadConfig({ NODE_ENV: 'test' }).approvalScanMs;
  const admin = new pg.Client({ connectionString: cfg.databaseUrl, application_name: 'commerce-bench-approvals' });
  await admin.connect();
  const tag = `{bench-${process.pid}-appr`;
  const latency: LatencyRun[] = [];
  const bursts: BurstRun[] = [];
  let seedSummary: ApprovalsSeedSummary | undefined;
  let hqResults: ScenarioResult[] = [];
  const hqStatements = new Map<string, number>();
  let hqValidated = '';
  let pendingTotal = 0;
  let stalledTotal = 0;
  const reset = async () => {
    seedSummary = await resetApprovals(admin, cfg.approvalsPerBranch);
    return seedSummary;
  };

  /** Starts `n` replicas of one worker deployment and waits for their first scheduled scans to finish. */
  const startWorkers = async (n: number, run: string): Promise<{ ws: WorkerProcess[]; prefix: string }> => {
    const prefix = `${tag}-${run}}`;
    const ws = Array.from(
      { length: n },
      (_, i) =>
        new WorkerProcess({
          name: `worker ${i + 1}/${n}`,
          databaseUrl: cfg.databaseUrl,
          redisUrl: cfg.redisUrl,
          redisPrefix: prefix,
          poolSize: cfg.poolSize,
          logLevel: cfg.appLogLevel,
          env: cfg.approvalScanMs ? { APPROVAL_SCAN_MS: String(cfg.approvalScanMs) } : {},
        }),
    );
    await Promise.all(ws.map((w) => w.start()));
    const r = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const done = await Promise.all(
          ['approvals.due-scan', 'customers.contact-due-scan', 'contracts.due-scan'].map((j) =>
            metric(r, prefix, `${j}|completed|count`),
          ),
        );
        if (done.every((x) => x >= 1)) break;
        if (Date.now() > deadline) throw new Error(`the workers' first scans did not finish: ${ws[0].output()}`);
        await sleep(200);
      }
    } finally {
      r.disconnect();
    }
    return { ws, prefix };
  };

  const stopWorkers = async (ws: WorkerProcess[], prefix: string) => {
    await Promise.all(ws.map((w) => w.stop().catch(() => undefined)));
    await cleanPrefix(cfg.redisUrl, prefix);
  };

  try {
    await ensureApprovalUsers(admin);
    log('Approvals: resetting the approval data');
    const s0 = await reset();
    log(
      `Approvals: ${s0.requests.toLocaleString('en')} open requests (${s0.steps.toLocaleString('en')} steps, ` +
        `${s0.events.toLocaleString('en')} timeline entries) written in ${(s0.ms / 1000).toFixed(1)} s; ` +
        `${s0.freshFirstSteps} first steps not escalated yet`,
    );

    // ---------- escalation latency ----------
    for (const workers of cfg.escalationReplicas) {
      const s = await reset();
      const since = (await admin.query<{ now: Date }>('SELECT now() AS now')).rows[0].now;
      const n = Math.min(cfg.escalationSteps, s.freshFirstSteps);
      const { ws, prefix } = await startWorkers(workers, `lat${workers}`);
      try {
        const steps = await freshSteps(admin, n);
        const [{ now }] = (await admin.query<{ now: Date }>('SELECT now() AS now')).rows;
        const first = now.getTime() + 2000;
        const windowMs = cfg.escalationWindowS * 1000;
        const due = steps.map((_, i) => new Date(first + Math.round((i * windowMs) / Math.max(1, n - 1))));
        // Shuffled across branches: the steps expire in an order unrelated to their ids.
        const order = steps.map((_, i) => i).sort((a, b) => ((a * 7919) % n) - ((b * 7919) % n));
        const dueOf = new Map(order.map((k, i) => [steps[k].id, due[i]]));
        await expireAt(
          admin,
          steps,
          steps.map((x) => dueOf.get(x.id)!),
        );
        log(
          `Approvals: ${workers} worker(s): ${n} steps expire over ${cfg.escalationWindowS} s (scan every ${scanMs} ms)`,
        );
        const seen = new Map<string, { at: number; seen: number }>();
        const deadline = first + windowMs + Math.max(3 * scanMs, 60_000) + 60_000;
        while (seen.size < n && Date.now() < deadline) {
          for (const r of await recordedLevel1(admin, steps)) {
            if (!seen.has(r.step_id)) seen.set(r.step_id, { at: r.at.getTime(), seen: r.seen.getTime() });
          }
          await sleep(100);
        }
        const recorded: number[] = [];
        const visible: number[] = [];
        for (const [id, r] of seen) {
          const d = dueOf.get(id)!.getTime();
          recorded.push(r.at - d);
          visible.push(r.seen - d);
        }
        await stopWorkers(ws, prefix);
        const v = await verifyOnce(admin, steps, since);
        const run: LatencyRun = {
          label: `${workers} worker${workers > 1 ? ' replicas' : ''}`,
          workers,
          steps: n,
          windowS: cfg.escalationWindowS,
          recorded: Float64Array.from(recorded).sort(),
          visible: Float64Array.from(visible).sort(),
          escalatedOnce: v.once,
          duplicates: v.duplicates,
          missing: n - seen.size,
          others: v.others,
          notifications: v.notifications,
          notificationsExpected: v.expected,
        };
        latency.push(run);
        log(
          `  recorded p50 ${f1(percentile(run.recorded, 0.5) / 1000)} s, p99 ${f1(percentile(run.recorded, 0.99) / 1000)} s, ` +
            `max ${f1(run.recorded.at(-1)! / 1000)} s; visible p99 ${f1(percentile(run.visible, 0.99) / 1000)} s; ` +
            `once ${run.escalatedOnce}/${n}, duplicates ${run.duplicates}, missing ${run.missing}, others ${run.others}, ` +
            `notifications ${run.notifications}/${run.notificationsExpected}`,
        );
      } finally {
        await stopWorkers(ws, prefix);
      }
    }

    // ---------- scan throughput: a burst of overdue steps ----------
    const burstOf = async (workers: number): Promise<BurstRun> => {
      const s = await reset();
      const k = Math.min(cfg.escalationBurst, s.freshFirstSteps);
      const steps = await freshSteps(admin, k);
      if (workers === 0) {
        // The floor: the same claim, then one escalation level per claimed step recorded set-based, per batch.
        await expireAt(
          admin,
          steps,
          steps.map(() => new Date(Date.now() - 1000)),
        );
        const c = new pg.Client({ connectionString: cfg.databaseUrl, application_name: 'commerce-bench-floor' });
        await c.connect();
        const [{ pid }] = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
        const pg0 = procSeconds(pid);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        let done = 0;
        let seconds = NaN;
        let pgCpu = NaN;
        try {
          for (;;) {
            await c.query('BEGIN');
            const keys = (
              await c.query<{ branch_id: string; id: string }>(
                'SELECT branch_id, id FROM claim_due_approval_steps($1)',
                [SCAN_BATCH],
              )
            ).rows;
            if (keys.length) {
              const b = keys.map((x) => x.branch_id);
              const id = keys.map((x) => x.id);
              await c.query(
                `INSERT INTO approval_step_approvers (branch_id, id, step_id, kind, role, source, level)
                 SELECT b, gen_random_uuid(), s, 'HQ_ROLE', 'LEADERSHIP', 'ESCALATION', 1
                 FROM unnest($1::uuid[], $2::uuid[]) AS k(b, s) ON CONFLICT DO NOTHING`,
                [b, id],
              );
              await c.query(
                `INSERT INTO approval_events (branch_id, id, request_id, step_id, action, level)
                 SELECT s.branch_id, gen_random_uuid(), s.request_id, s.id, 'ESCALATED', 1
                 FROM unnest($1::uuid[], $2::uuid[]) AS k(b, s) JOIN approval_steps s ON s.branch_id = k.b AND s.id = k.s
                 ON CONFLICT DO NOTHING`,
                [b, id],
              );
              await c.query(
                `UPDATE approval_steps s SET escalation_level = 1,
                   next_escalation_at = s.next_escalation_at + s.sla_hours * interval '1 hour'
                 FROM unnest($1::uuid[], $2::uuid[]) AS k(b, s) WHERE s.branch_id = k.b AND s.id = k.s`,
                [b, id],
              );
            }
            await c.query('COMMIT');
            done += keys.length;
            if (keys.length < SCAN_BATCH) break;
          }
          seconds = (performance.now() - t0) / 1000;
          pgCpu = procSeconds(pid) - pg0;
        } finally {
          await c.end();
        }
        const cpu = process.cpuUsage(cpu0);
        const v = await verifyOnce(admin, steps, new Date(0));
        log(`Approvals: raw-SQL floor escalated ${done} of ${k} in ${seconds.toFixed(2)} s`);
        return {
          label: 'raw SQL through pg (floor)',
          workers: 0,
          steps: k,
          seconds,
          waitS: 0,
          escalatedOnce: v.once,
          cpu: { worker: (cpu.user + cpu.system) / 1e6 / k, pg: pgCpu / k },
        };
      }
      const { ws, prefix } = await startWorkers(workers, `burst${workers}`);
      try {
        const backendPids = async () =>
          (
            await admin.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
            )
          ).rows.map((r) => r.pid);
        const pids = await backendPids();
        const w0 = ws.reduce((s2, w) => s2 + procSeconds(w.pid), 0);
        const p0 = pids.reduce((s2, p) => s2 + procSeconds(p), 0);
        const [{ now }] = (await admin.query<{ now: Date }>('SELECT now() AS now')).rows;
        const dueAt = new Date(now.getTime() - 1000);
        await expireAt(
          admin,
          steps,
          steps.map(() => dueAt),
        );
        log(`Approvals: ${workers} worker(s): ${k} steps overdue at once`);
        let firstAt = Infinity;
        let lastSeen = 0;
        const seen = new Set<string>();
        const deadline = Date.now() + 2 * scanMs + 600_000;
        while (seen.size < k && Date.now() < deadline) {
          for (const r of await recordedLevel1(admin, steps)) {
            firstAt = Math.min(firstAt, r.at.getTime());
            if (!seen.has(r.step_id)) {
              seen.add(r.step_id);
              lastSeen = r.seen.getTime();
            }
          }
          await sleep(100);
        }
        const w1 = ws.reduce((s2, w) => s2 + procSeconds(w.pid), 0);
        const p1 = pids.reduce((s2, p) => s2 + procSeconds(p), 0);
        await stopWorkers(ws, prefix);
        const v = await verifyOnce(admin, steps, now);
        const run: BurstRun = {
          label: `${workers} worker${workers > 1 ? ' replicas' : ''} (dist/src/worker.js)`,
          workers,
          steps: k,
          seconds: (lastSeen - firstAt) / 1000,
          waitS: (firstAt - dueAt.getTime()) / 1000,
          escalatedOnce: v.once,
          cpu: { worker: (w1 - w0) / k, pg: (p1 - p0) / k },
        };
        log(
          `  ${seen.size}/${k} escalated in ${run.seconds.toFixed(2)} s after a ${run.waitS.toFixed(1)} s wait for the scan; once ${v.once}`,
        );
        return run;
      } finally {
        await stopWorkers(ws, prefix);
      }
    };
    bursts.push(await burstOf(0));
    for (const workers of cfg.escalationReplicas) bursts.push(await burstOf(workers));

    // ---------- head-office dashboard queries ----------
    await reset();
    // approvalCycleTimes reads decided requests: one in five decided (approved, or rejected) 1 to 72 hours after
    // it was submitted (or after this year began), never later than now, so every branch has figures on both sides.
    await admin.query(
      `UPDATE approval_requests
       SET status = CASE WHEN abs(hashtext(id::text)) % 2 = 0 THEN 'APPROVED' ELSE 'REJECTED' END,
         decided_at = least(now(), greatest(submitted_at, date_trunc('year', now()))
           + (1 + abs(hashtext(id::text)) % 72) * interval '1 hour')
       WHERE abs(hashtext(id::text)) % 5 = 0`,
    );
    const hq = await admin.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [data.hqEmail]);
    const hqUser = hq.rows[0].id;
    const app = new AppProcess({
      name: 'graphql-rls-approvals',
      databaseUrl: cfg.databaseUrl,
      redisUrl: cfg.redisUrl,
      poolSize: cfg.poolSize,
      logLevel: cfg.appLogLevel,
      runtimeRole: 'app_runtime',
      redisPrefix: `${tag}-api}`,
    });
    const pool = new pg.Pool({ connectionString: cfg.databaseUrl, max: cfg.poolSize, application_name: 'bench-raw' });
    try {
      await app.start();
      const token = await app.login(data.hqEmail, BENCH_PASSWORD);
      const checks: string[] = [];
      for (const q of HQ_QUERIES) {
        const raw = await pool.query(q.raw, q.params(data.branchIds, hqUser));
        const g = await app.graphql(q.graphql, token);
        if (g.status !== 200 || g.body.errors?.length)
          throw new Error(`GraphQL ${q.key}: HTTP ${g.status} ${JSON.stringify(g.body).slice(0, 500)}`);
        const a = q.fromGraphql(g.body.data);
        const b = q.fromRaw(raw.rows);
        if (a.length < 2 || a.join() !== b.join()) {
          throw new Error(`GraphQL and raw ${q.key} differ: ${a.slice(0, 4).join()} vs ${b.slice(0, 4).join()}`);
        }
        hqStatements.set(q.key, g.statements);
        if (q.key === 'pending') pendingTotal = Number(a[0]);
        if (q.key === 'stalled') stalledTotal = Number(a[0]);
        checks.push(
          `${q.key}: ${q.key === 'overview' ? `${a.length} branches` : `total ${a[0]}, first ${a.length - 1}`}`,
        );
      }
      hqValidated = checks.join('; ');
      log(`Approvals: GraphQL and raw SQL return the same rows (${hqValidated})`);
      const scenarios: HqScenario[] = HQ_QUERIES.flatMap((q): HqScenario[] => [
        {
          key: `raw-${q.key}`,
          label: `raw SQL: ${q.label}`,
          kind: 'raw' as const,
          request: rawHqRequester(pool, q, q.params(data.branchIds, hqUser)),
        },
        {
          key: `graphql-${q.key}`,
          label: `GraphQL: ${q.label}`,
          kind: 'graphql' as const,
          floorKey: `raw-${q.key}`,
          request: app.requester(q.graphql, token),
        },
      ]);
      hqResults = await measureHqScenarios(cfg, admin, app, scenarios, log);
    } finally {
      await app.stop().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await cleanPrefix(cfg.redisUrl, `${tag}-api}`);
    }
    await reset();
  } finally {
    await admin.end().catch(() => undefined);
  }

  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const header = [
    `Date of this part's run: ${started.toISOString()} (${Math.round((Date.now() - started.getTime()) / 60_000)} min)`,
    cfg.only === 'approvals'
      ? 'Command: `BENCH_ONLY=approvals npm run bench` (this part alone; `npm run bench` runs it after the customers part)'
      : 'Command: `npm run bench` (this part after the customers part; `BENCH_ONLY=approvals npm run bench` runs it alone)',
    `Settings: \`${describeApprovalsEnv(cfg)}\``,
    `Load average (1/5/15 min) before this part: ${loads(loadBefore)}; after it: ${loads(loadavg())}, on ${cpus().length} cores` +
      (loadBefore[0] > 0.5
        ? ': other processes shared the cores, so absolute times are noisy; compare the ratios within this run.'
        : '.'),
  ];
  return report(cfg, scanMs, defaultScanMs, seedSummary!, latency, bursts, hqResults, hqStatements, {
    header,
    hqValidated,
    pendingTotal,
    stalledTotal,
  });
}

function report(
  cfg: BenchConfig,
  scanMs: number,
  defaultScanMs: number,
  seed: ApprovalsSeedSummary,
  latency: LatencyRun[],
  bursts: BurstRun[],
  hq: ScenarioResult[],
  hqStatements: Map<string, number>,
  extra: { header: string[]; hqValidated: string; pendingTotal: number; stalledTotal: number },
): ApprovalsOutput {
  const s = (ms: number) => f1(ms / 1000);
  const targets: Target[] = latency.map((r) => {
    const p99 = percentile(r.recorded, 0.99);
    const max = r.recorded.at(-1) ?? NaN;
    const maxVisible = r.visible.at(-1) ?? NaN;
    return {
      name: `Escalation within 60 s of the SLA expiring (${r.label}, ${r.steps} steps expiring among ${seed.requests.toLocaleString('en')} open requests)`,
      goal: 'every step <= 60 s, once',
      measured:
        `max ${s(max)} s recorded, ${s(maxVisible)} s committed (p50 ${s(percentile(r.recorded, 0.5))} s, p99 ${s(p99)} s); ` +
        `${r.escalatedOnce}/${r.steps} escalated exactly once`,
      pass:
        max <= TARGET_MS &&
        maxVisible <= TARGET_MS &&
        r.escalatedOnce === r.steps &&
        r.duplicates === 0 &&
        r.missing === 0,
    };
  });
  for (const b of bursts.filter((x) => x.workers > 0)) {
    const last = b.waitS + b.seconds;
    targets.push({
      name: `Escalation within 60 s of the SLA expiring when ${b.steps.toLocaleString('en')} expire at the same instant (${b.workers} worker${b.workers > 1 ? ' replicas' : ''})`,
      goal: 'last one <= 60 s',
      measured: `last committed ${f1(last)} s after expiry (${f1(b.waitS)} s wait for the scan + ${f1(b.seconds)} s of escalating); ${b.escalatedOnce}/${b.steps} exactly once`,
      pass: last * 1000 <= TARGET_MS && b.escalatedOnce === b.steps,
    });
  }
  const floor = bursts.find((b) => b.workers === 0);
  const rate = (b: BurstRun) => b.steps / b.seconds;
  for (const b of bursts.filter((x) => x.workers > 0)) {
    const ratio = floor ? rate(b) / rate(floor) : NaN;
    targets.push({
      name: `Escalation burst throughput vs. its raw-SQL floor (${b.workers} worker${b.workers > 1 ? ' replicas' : ''}, ${b.steps.toLocaleString('en')} overdue at once)`,
      goal: '>= 0.25x',
      measured: `${f2(ratio)}x (${f0(rate(b))} vs ${floor ? f0(rate(floor)) : 'n/a'} escalations/s, same run); ${b.escalatedOnce}/${b.steps} exactly once`,
      pass: ratio >= 0.25 && b.escalatedOnce === b.steps,
    });
  }
  const out: string[] = [];
  out.push('## Approval engine', '');
  out.push(
    'Escalation of overdue approval steps by the real worker process, and the head-office approval dashboard, over ' +
      `${seed.requests.toLocaleString('en')} open requests in the ${cfg.branches} branches of the database above.`,
    '',
  );
  for (const h of extra.header) out.push(`- ${h}`);
  out.push('');
  out.push('### Targets (approvals)', '');
  out.push(
    mdTable(
      ['Target', 'Goal', 'Measured', 'Result'],
      targets.map((t) => [t.name, t.goal, t.measured, t.pass ? '**PASS**' : '**MISS**']),
    ),
    '',
  );
  out.push('### Escalation latency: SLA expiry to escalation recorded', '');
  out.push(
    mdTable(
      [
        'Workers',
        'Steps expiring',
        'over',
        'recorded p50 s',
        'p99 s',
        'max s',
        'committed p50 s',
        'p99 s',
        'max s',
        'recorded p50 / p99 vs interval-implied',
        'escalated exactly once',
        'duplicates',
        'other steps touched',
        'notifications',
      ],
      latency.map((r) => [
        r.label,
        String(r.steps),
        `${r.windowS} s`,
        s(percentile(r.recorded, 0.5)),
        s(percentile(r.recorded, 0.99)),
        s(r.recorded.at(-1) ?? NaN),
        s(percentile(r.visible, 0.5)),
        s(percentile(r.visible, 0.99)),
        s(r.visible.at(-1) ?? NaN),
        `${f2(percentile(r.recorded, 0.5) / (scanMs / 2))}x / ${f2(percentile(r.recorded, 0.99) / (scanMs * 0.99))}x`,
        `${r.escalatedOnce}/${r.steps}${r.missing ? ` (${r.missing} never)` : ''}`,
        String(r.duplicates),
        String(r.others),
        `${r.notifications}/${r.notificationsExpected}`,
      ]),
      [1, 3, 4, 5, 6, 7, 8, 9, 11, 12],
    ),
    '',
  );
  out.push(
    `What the scan interval implies: the worker scans every APPROVAL_SCAN_MS = ${scanMs} ms` +
      (scanMs === defaultScanMs ? ' (the production default)' : ` (the production default is ${defaultScanMs} ms)`) +
      `, so a step that expires at a random instant waits for the next scan: uniform over 0-${s(scanMs)} s, ` +
      `p50 ${s(scanMs / 2)} s, p99 ${s(scanMs * 0.99)} s, max ${s(scanMs)} s, plus the scan's own work. ` +
      '“Recorded” is the escalation’s timeline entry (`approval_events.at`: the start of the scan transaction that ' +
      'claimed the step, PostgreSQL clock) minus the step’s `due_at`; “committed” is when the bench, polling every ' +
      '100 ms, first saw the entry (PostgreSQL `clock_timestamp()`), i.e. when an approver could see it. ' +
      '“Exactly once”: one ESCALATED level-1 entry, one approver added by escalation and level 1 on the step; ' +
      '“other steps touched”: reminders, escalations or stalls of any other open request since the reset (0: the ' +
      'rest of the population was not due); notifications: APPROVAL_ESCALATED rows written vs. one per approver ' +
      '(the branch manager and head-office leadership) per escalation.',
    '',
  );
  out.push('### Escalation scan throughput: a burst of overdue steps', '');
  out.push(
    mdTable(
      [
        'Escalated by',
        'Steps',
        'seconds',
        'escalations/s',
        'vs raw',
        'CPU ms/escalation: process / PostgreSQL',
        'wait for the scan s',
        'expiry to last committed s',
        'exactly once',
      ],
      bursts.map((b) => [
        b.label,
        String(b.steps),
        f2(b.seconds),
        f0(rate(b)),
        b.workers === 0 ? '1.00 (floor)' : `${f2(floor ? rate(b) / rate(floor) : NaN)}x`,
        b.cpu ? `${f2(b.cpu.worker * 1000)} / ${f2(b.cpu.pg * 1000)}` : 'n/a',
        b.workers === 0 ? '-' : f1(b.waitS),
        b.workers === 0 ? '-' : f1(b.waitS + b.seconds),
        `${b.escalatedOnce}/${b.steps}`,
      ]),
      [1, 2, 3, 4, 5, 6, 7],
    ),
    '',
  );
  out.push(
    `The steps are made overdue in one transaction while the workers idle; seconds run from the first escalation's ` +
      'transaction start to the last escalation committed (polled every 100 ms), so the wait for the next scan is ' +
      'shown apart. The floor does the same claim (`claim_due_approval_steps`, batches of ' +
      `${SCAN_BATCH} as the worker) and records one escalation level per claimed step with three set-based statements per batch ` +
      '(the head-office approver, the ESCALATED entry, the step’s level and next due time), as the PostgreSQL ' +
      'superuser on one connection from the bench process: no RLS context, no working-hours calendar (wall-clock ' +
      'hours), no notifications, no per-step reads. The worker handles each claimed batch set-based inside the ' +
      'claiming transaction: one statement each for the steps, their requests (locked, SKIP LOCKED) with policies, the ' +
      'branches’ calendars, the approvers’ ranks, the added approvers, the timeline entries, the people to tell, the ' +
      'steps’ new levels and the notifications (working-hours deadlines computed in the worker). CPU is ' +
      'from /proc over the burst (worker processes, or the bench process for the floor; PostgreSQL backends).',
    '',
  );
  out.push(`### Head-office approval dashboard over ${cfg.branches} branches`, '');
  out.push(mdTable(RESULT_HEAD, resultRows(hq), [2, 3, 4, 5, 6, 7, 8, 9]), '');
  out.push(
    `Measured user: the HQ admin (scope: all ${cfg.branches + 1} branches). Before measuring, the bench checks that ` +
      `GraphQL and raw SQL return the same rows (${extra.hqValidated}). Statements per GraphQL request: ` +
      [...hqStatements].map(([k, v]) => `${k} ${v}`).join(', ') +
      ' (x-sql-statements, BEGIN/settings/COMMIT included); the raw floor is one statement each ' +
      '(the page and its total in one statement with a CTE). Same load generator, rounds and columns as the ' +
      'customers table above; the API is a separate `dist/src/main.js` process started for this part.',
    '',
  );
  out.push('### Data (approvals)', '');
  out.push(
    `- ${seed.requests.toLocaleString('en')} open (PENDING) requests, ${cfg.approvalsPerBranch} per branch, subject type ${'CONTRACT'}, ` +
      'submitted by the branch’s sales reps, amounts over the default policy’s bands (70% up to 500,000: one step; ' +
      '25% up to 5,000,000: + head-office leadership; 5% above: + head-office admin), ages mostly hours, a tail of ' +
      'days (exponential, mean 1.3 days).',
    `- Built as the engine would have left them at the reset: the default policy written as version 1 per branch; ` +
      `all steps with their policy approvers; step 1 started at submission (due after its SLA in working hours of ` +
      `the branch calendar, Monday-Friday 09:00-18:00 Asia/Shanghai with public holidays; reminders at 50% and 90%); half ` +
      `of the multi-step requests approved at step 1 by the branch manager; then every reminder, escalation level ` +
      `and stall that fell due before the reset, as the worker records them (computed with the engine's own ` +
      `addWorkingHours, selectSteps, superiorOf and rank). Result: ${seed.steps.toLocaleString('en')} steps, ` +
      `${seed.approvers.toLocaleString('en')} approver rows, ${seed.events.toLocaleString('en')} timeline entries; ` +
      `current step at escalation level 0/1/2: ${[0, 1, 2].map((l) => seed.byLevel[l] ?? 0).join('/')}, ` +
      `${seed.stalled.toLocaleString('en')} stalled; ${seed.largestCluster.steps.toLocaleString('en')} pending steps ` +
      `escalate at the same instant (${seed.largestCluster.at?.toISOString() ?? '-'}: requests filed outside working ` +
      'hours all start counting when the day opens, so their deadlines coincide, level after level), which is why ' +
      `the burst below is not an artificial case; the HQ admin may decide ${extra.pendingTotal.toLocaleString('en')} ` +
      `waiting steps and sees ${extra.stalledTotal.toLocaleString('en')} stalled requests.`,
    `- No seeded step has a reminder or escalation due within an hour of the reset; the scenarios make their own ` +
      `steps due by moving those steps’ clocks (start, due and escalation times shift together, both reminders ` +
      `count as sent, as time passing would): ${latency[0]?.steps ?? 0} first steps expiring evenly over ` +
      `${cfg.escalationWindowS} s for latency, ${bursts[0]?.steps ?? 0} at once for throughput. Every scenario starts ` +
      'from a fresh reset (all approval rows of the organization deleted and written again set-based, VACUUM ' +
      'ANALYZEd); the run ends with one, so runs repeat.',
    '- Head office has one LEADERSHIP user (escalation level 1 of a branch manager’s step) besides the HQ admin; ' +
      'notifications, audit rows and outbox rows of the seeded history are not written (no measured path reads them).',
    '',
  );
  out.push('### Method (approvals)', '');
  out.push(
    `- Worker: \`node dist/src/worker.js\` (as \`npm run start:worker\`) as child processes with NODE_ENV=production, ` +
      `DB_POOL_SIZE=${cfg.poolSize} and every scan interval at its production default` +
      (cfg.approvalScanMs ? ` except APPROVAL_SCAN_MS=${cfg.approvalScanMs}` : '') +
      '; two replicas share one Redis prefix (one queue, one job scheduler), as a deployment would: each scheduled ' +
      'scan runs on whichever replica takes the job, so a second replica does not scan more often; the replicas ' +
      'split work (SKIP LOCKED) only when scans overlap. The bench waits for the first (immediate) scheduled scans ' +
      'to finish before making steps due.',
    '- The customers in the database count as already reminded where due (see Data above), so the contact-due scan ' +
      'has no backlog to compete with; only customers that fell due since the database was seeded are reminded at ' +
      'the worker’s start, before measuring.',
    '- Dashboard load: the same closed-loop generator, rounds and warm-up as the customers scenarios; raw floor as ' +
      'the PostgreSQL superuser through a `pg.Pool` of the API’s size.',
    '',
  );
  const text = [
    ...latency.map(
      (r) =>
        `escalation latency, ${r.label}: p50 ${s(percentile(r.recorded, 0.5))} s, p99 ${s(percentile(r.recorded, 0.99))} s, max ${s(r.recorded.at(-1) ?? NaN)} s (committed max ${s(r.visible.at(-1) ?? NaN)} s), once ${r.escalatedOnce}/${r.steps}`,
    ),
    ...bursts.map(
      (b) =>
        `burst ${b.label}: ${b.steps} in ${f2(b.seconds)} s = ${f0(rate(b))}/s${floor && b.workers ? ` (${f2(rate(b) / rate(floor))}x floor)` : ''}`,
    ),
    ...hq.map(
      (h) =>
        `${h.label}: ${f0(h.summary.rps)} req/s, p50 ${f1(h.summary.p50)} ms, p99 ${f1(h.summary.p99)} ms, ${h.summary.errors} errors`,
    ),
    ...targets.map((t) => `${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (target ${t.goal})`),
  ].join('\n');
  return { targets, markdown: out.join('\n'), text };
}
