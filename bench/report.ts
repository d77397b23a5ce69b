import type { Summary } from './load.js';
import type { ProfileSummary } from './profile.js';

export interface ScenarioResult {
  key: string;
  label: string;
  who: 'manager' | 'hq';
  kind: 'raw' | 'graphql';
  /** How the statements reach PostgreSQL, for the table. */
  as: string;
  /** The raw scenario this one is compared with (default: the raw scenario of the same user). */
  floorKey?: string;
  summary: Summary;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  pass: boolean;
}

/** One open-loop run (see bench/load.ts runOpenLoop). */
export interface OpenLoopResult {
  key: string;
  label: string;
  arrivals: 'constant' | 'poisson';
  rate: number;
  scheduled: number;
  completed: number;
  achieved: number;
  errors: number;
  firstError?: string;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  maxInFlight: number;
  maxSendLagMs: number;
  statementsMean: number;
  cpuApp: number;
  cpuPg: number;
  cpuGen: number;
  machine: number;
  others: number;
}

export const OPEN_HEAD = [
  'Scenario',
  'arrivals',
  'offered req/s',
  'answered req/s',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'errors',
  'most in flight',
  'CPU ms/req: API / pg / load gen',
  'machine busy',
];

export function openRows(open: OpenLoopResult[]): string[][] {
  return open.map((o) => [
    o.label,
    o.arrivals,
    f1(o.rate),
    f1(o.achieved),
    f1(o.p50),
    f1(o.p90),
    f1(o.p99),
    f1(o.p999),
    f1(o.max),
    String(o.errors),
    String(o.maxInFlight),
    `${o.cpuApp ? f2(o.cpuApp) : '-'} / ${f2(o.cpuPg)} / ${f2(o.cpuGen)}`,
    `${f0(o.machine)}% (others ${f0(o.others)}%)`,
  ]);
}

export interface ReportInput {
  date: string;
  machine: string[];
  command: string;
  env: string;
  data: string[];
  method: string[];
  results: ScenarioResult[];
  /** Open-loop runs of the customers page (latency at a fixed arrival rate). */
  open?: OpenLoopResult[];
  targets: Target[];
  notes: string[];
  profile?: { scenario: string; summary: ProfileSummary; file: string };
  /** Further parts' sections (markdown), placed before "How to run". */
  sections?: string;
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : 'n/a');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function statements(s: Summary, kind: ScenarioResult['kind']): string {
  if (kind === 'raw') return '1 (one pool.query)';
  if (!Number.isFinite(s.statementsMean)) return 'n/a (no header)';
  const seen = s.statementsSeen.length > 1 ? ` (${s.statementsSeen.join('/')})` : '';
  return `${f2(s.statementsMean)}${seen}`;
}

/** CPU milliseconds per request of the API, its PostgreSQL backends and the load generator. */
export function cpuMs(s: Summary): { app: number; pg: number; gen: number } {
  const per = (pct: number) => (pct * 10) / s.rps;
  return { app: per(s.cpu.app), pg: per(s.cpu.postgres), gen: per(s.cpu.loadgen) };
}

function cpuPerRequest(s: Summary): string {
  const c = cpuMs(s);
  return `${c.app ? f2(c.app) : '-'} / ${f2(c.pg)} / ${f2(c.gen)}`;
}

/** Share of the machine busy, and the part of it that was neither the API, its backends nor the load generator. */
export function othersPct(s: Summary): number {
  return Math.max(0, s.cpu.machine - s.cpu.app - s.cpu.postgres - s.cpu.loadgen);
}

function machine(s: Summary): string {
  return `${f0(s.cpu.machine)}% (others ${f0(othersPct(s))}%)`;
}

/** Throughput relative to the raw-SQL floor of the same user. */
export function vsRaw(r: ScenarioResult, all: ScenarioResult[]): number {
  const raw = r.floorKey ? all.find((x) => x.key === r.floorKey) : all.find((x) => x.kind === 'raw' && x.who === r.who);
  return raw ? r.summary.rps / raw.summary.rps : NaN;
}

export function resultRows(results: ScenarioResult[]): string[][] {
  return results.map((r) => [
    r.label,
    r.as,
    f0(r.summary.rps),
    f1(r.summary.p50),
    f1(r.summary.p99),
    statements(r.summary, r.kind),
    String(r.summary.errors),
    r.kind === 'raw' ? '1.00 (floor)' : `${f2(vsRaw(r, results))}x`,
    cpuPerRequest(r.summary),
    machine(r.summary),
  ]);
}

export const RESULT_HEAD = [
  'Scenario',
  'Reads as',
  'req/s',
  'p50 ms',
  'p99 ms',
  'SQL stmts/req',
  'errors',
  'req/s vs raw',
  'CPU ms/req: API / pg / load gen',
  'machine busy',
];

/** Plain text table for the terminal. */
export function textTable(results: ScenarioResult[], targets: Target[]): string {
  const body = resultRows(results);
  const widths = RESULT_HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [line(RESULT_HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''];
  for (const t of targets) out.push(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (target ${t.goal})`);
  return out.join('\n');
}

export function mdTable(head: string[], body: string[][], right: number[] = []): string {
  const align = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [head, align, ...body].map((r, k) => `| ${(k === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n');
}

export function markdown(r: ReportInput): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    'Written by `npm run bench` (bench/run.ts); every number below comes from the run described here. ' +
      'Re-run it to replace this file.',
    '',
  );
  out.push(`- Date: ${r.date}`);
  out.push(`- Command: \`${r.command}\``);
  out.push(`- Settings: \`${r.env}\``);
  for (const m of r.machine) out.push(`- ${m}`);
  out.push('');
  out.push('## Targets', '');
  out.push(
    mdTable(
      ['Target', 'Goal', 'Measured', 'Result'],
      r.targets.map((t) => [t.name, t.goal, t.measured, t.pass ? '**PASS**' : '**MISS**']),
    ),
    '',
  );
  out.push('## Results', '');
  out.push(mdTable(RESULT_HEAD, resultRows(r.results), [2, 3, 4, 5, 6, 7, 8, 9]), '');
  out.push(
    'req/s counts the requests that started in the measured windows over the windows’ total length; p50/p99 are ' +
      'nearest-rank percentiles over every latency of those windows (client-side, from sending the request to the ' +
      'last byte of the answer). SQL stmts/req for GraphQL is the mean of the `x-sql-statements` response header ' +
      '(the transaction’s statement count, BEGIN + settings and COMMIT included). CPU ms/req is the CPU time ' +
      'used during the measured windows (from /proc) divided by the requests served: the API child process, the ' +
      'PostgreSQL backends connected to the bench database, and the load-generator process (which also runs the ' +
      'pg client in the raw scenarios). It does not depend on how busy the machine was, so it is the steadier ' +
      'number to compare. Machine busy is in percent of one core (' +
      `${r.results[0]?.summary.cpu.cores ?? '?'} cores = ${100 * (r.results[0]?.summary.cpu.cores ?? 1)}%); ` +
      '“others” is what neither the API, its backends nor the load generator used (other processes on the machine).',
    '',
  );
  out.push('Throughput per measured window (round order in the method section):', '');
  out.push(
    mdTable(
      ['Scenario', ...r.results[0].summary.perWindowRps.map((_, i) => `round ${i + 1} req/s`)],
      r.results.map((x) => [x.label, ...x.summary.perWindowRps.map(f0)]),
    ),
    '',
  );
  if (r.open?.length) {
    out.push('## Open-loop latency', '');
    out.push(
      `Requests sent on a fixed schedule at ${f1(r.open[0].rate)} req/s, half the closed-loop maximum of “GraphQL, branch manager, RLS” above, ` +
        'whatever the answers do; latency from each request’s scheduled send time to the last byte of its answer (nearest-rank ' +
        'percentiles over every request of the measured window). “Most in flight” is the largest number of requests outstanding at once.',
      '',
    );
    out.push(mdTable(OPEN_HEAD, openRows(r.open), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), '');
    const lag = Math.max(...r.open.map((o) => o.maxSendLagMs));
    out.push(
      `The load generator’s timer sent a request at most ${f1(lag)} ms after its scheduled time (included in the latencies above).`,
      '',
    );
    for (const o of r.open.filter((x) => x.errors > 0)) {
      out.push(`- ${o.label} (${o.arrivals}): ${o.errors} errors, first: \`${o.firstError}\``);
    }
  }
  const errs = r.results.filter((x) => x.summary.errors > 0);
  for (const e of errs) out.push(`- ${e.label}: ${e.summary.errors} errors, first: \`${e.summary.firstError}\``);
  if (errs.length) out.push('');
  out.push('## Data', '');
  for (const d of r.data) out.push(`- ${d}`);
  out.push('', '## Method', '');
  for (const m of r.method) out.push(`- ${m}`);
  out.push('');
  if (r.notes.length) {
    out.push('## Notes on this run', '');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  if (r.profile) {
    const p = r.profile.summary;
    out.push('## CPU profile of the API', '');
    out.push(
      `Profiled separately after the measured windows (the profiler slows the process down): ${r.profile.scenario}. ` +
        'In a profiling run the RLS API carries an idle inspector session during the measured windows too, so ' +
        'take the comparison numbers from a run without BENCH_PROFILE. ' +
        `${f0(p.totalMs)} ms sampled, main thread busy ${f1((100 * p.busyMs) / p.totalMs)}%. ` +
        `Profile: \`${r.profile.file}\` (open in Chrome DevTools or speedscope).`,
      '',
    );
    out.push(
      'By package: self time (native code such as crypto or socket writes is charged to the JavaScript that ' +
        'called it), and inclusive time (the package anywhere on the stack).',
      '',
    );
    out.push(
      mdTable(
        ['Package', 'self ms', 'self %', 'inclusive %'],
        p.packages.map((x) => [x.name, f0(x.ms), f1(x.pct), f1(x.inclusivePct ?? NaN)]),
        [1, 2, 3],
      ),
      '',
    );
    out.push('Top functions (self time):', '');
    out.push(
      mdTable(
        ['Function', 'ms', '%'],
        p.functions.map((x) => [`\`${x.name}\``, f0(x.ms), f1(x.pct)]),
        [1, 2],
      ),
      '',
    );
  }
  if (r.sections) out.push(r.sections, '');
  out.push('## How to run', '');
  out.push(
    '```sh',
    'npm run bench                                                 # full scale: 50 branches x 20,000 customers',
    'BENCH_BRANCHES=3 BENCH_CUSTOMERS=2000 BENCH_SECONDS=3 npm run bench   # smoke test at small scale',
    'BENCH_PROFILE=1 npm run bench                                 # adds a CPU profile of the API',
    'BENCH_ONLY=approvals npm run bench                            # only the approval-engine part',
    'BENCH_ONLY=customers npm run bench                            # only the customers part',
    'BENCH_ONLY=activity npm run bench                             # only the quotas / digest / re-tiering part',
    '```',
    '',
    'Needs PostgreSQL (superuser; `BENCH_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/commerce_bench`) ' +
      'and Redis (`REDIS_URL`). The first run at a scale seeds the database (a few minutes at full scale); later ' +
      'runs reuse it. Knobs: `BENCH_BRANCHES` (50), `BENCH_CUSTOMERS` per branch (20000), `BENCH_CLIENTS` (50), ' +
      '`BENCH_SECONDS` measured per scenario (15, split over the rounds), `BENCH_WARMUP` per window (3), ' +
      '`BENCH_ROUNDS` (4), `DB_POOL_SIZE` (10, the app’s pool and the raw pool), `BENCH_HQ` (1: add the head-office ' +
      'rows), `BENCH_OPEN_SECONDS` per open-loop run (30), `BENCH_OPEN_FRACTION` of the closed-loop maximum (0.5), ' +
      '`BENCH_PROFILE` (0), `BENCH_PROFILE_SECONDS` (10). Approvals part: `BENCH_APPROVALS` (1), ' +
      '`BENCH_APPROVALS_PER_BRANCH` open requests (200), `BENCH_ESCALATION_STEPS` expiring for the latency (300) over ' +
      '`BENCH_ESCALATION_WINDOW` seconds (120), `BENCH_ESCALATION_BURST` overdue at once (2000), ' +
      '`BENCH_ESCALATION_REPLICAS` (1,2), `BENCH_APPROVAL_SCAN_MS` (unset: the worker’s production default; set it ' +
      'only to iterate quickly). Run it on a quiet machine: the numbers are only as steady as the load average in ' +
      'the notes above.',
    '',
  );
  return out.join('\n');
}
