/** Benchmark knobs, read from the environment once. Every one has a default that matches the spec. */
export interface BenchConfig {
  databaseUrl: string;
  redisUrl: string;
  branches: number;
  customersPerBranch: number;
  /** Staff per branch (one manager, the rest sales reps); customers are owned round-robin. */
  staffPerBranch: number;
  clients: number;
  /** Measured seconds per scenario, split evenly over the interleaved rounds. */
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Same as the app's DB_POOL_SIZE, so the raw floor gets the same number of connections. */
  poolSize: number;
  headOffice: boolean;
  profile: boolean;
  profileSeconds: number;
  /** Open loop: measured seconds per run, and the arrival rate as a fraction of the closed-loop maximum. */
  openSeconds: number;
  openFraction: number;
  appLogLevel: string;
  /** Which parts run: both (default), or only one while iterating on it. */
  only: 'all' | 'customers' | 'approvals' | 'activity' | 'kpi' | 'documents' | 'stock' | 'finance';
  /** The approval-engine part (escalation latency and throughput with the worker, head-office dashboard). */
  approvals: boolean;
  approvalsPerBranch: number;
  /** Steps whose SLA expires, evenly over the window, for the latency figures. */
  escalationSteps: number;
  escalationWindowS: number;
  /** Steps made overdue at once, for the scan's throughput. */
  escalationBurst: number;
  /** Worker replica counts to run the escalation scenarios with. */
  escalationReplicas: number[];
  /** The issue-4 part: quota attainment at head office, the weekly digest and quarterly re-tiering jobs. */
  activity: boolean;
  /** Sales reps per branch added for the quota part (on top of the customers part's staff). */
  activityReps: number;
  /** The KPI part (issue 13), on its own database: branches, ledger rows, clients of the head-office queries. */
  kpi: boolean;
  kpiDatabaseUrl: string;
  kpiBranches: number;
  kpiEvents: number;
  kpiClients: number;
  /** Domain events per second, and for how long, for the lag from event to rollup. */
  kpiLagRate: number;
  kpiLagSeconds: number;
  /** The KPI part's steps to run (BENCH_KPI_STEPS), in this order: scratch, recompute, lag, queries. */
  kpiSteps: KpiStep[];
  /** APPROVAL_SCAN_MS for the worker; undefined keeps its production default (only for short iteration runs). */
  approvalScanMs?: number;
  /** The documents part (issue 14), on its own database: rounds of 1 MB and of 100 MB files. */
  documents: boolean;
  docsDatabaseUrl: string;
  docsSmallRounds: number;
  docsLargeRounds: number;
  /** The finance part (issue 12): the semi-annual reconciliation run and head office's receivables ageing. */
  finance: boolean;
  /** Customers with finance books per branch (contract, instalments, invoices, a receipt). */
  financeCustomers: number;
}

function int(name: string, def: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function num(name: string, def: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return n;
}

function flag(name: string, def: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

export function loadBenchConfig(): BenchConfig {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/commerce_bench',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    branches: int('BENCH_BRANCHES', 50, 1, 999),
    customersPerBranch: int('BENCH_CUSTOMERS', 20000, 60, 10_000_000),
    staffPerBranch: int('BENCH_STAFF', 10, 1, 1000),
    clients: int('BENCH_CLIENTS', 50, 1, 10000),
    seconds: num('BENCH_SECONDS', 15, 0.5),
    warmupSeconds: num('BENCH_WARMUP', 3, 0),
    rounds: int('BENCH_ROUNDS', 4, 1, 20),
    poolSize: int('DB_POOL_SIZE', 10, 1, 200),
    headOffice: flag('BENCH_HQ', true),
    profile: flag('BENCH_PROFILE', false),
    profileSeconds: num('BENCH_PROFILE_SECONDS', 10, 1),
    openSeconds: num('BENCH_OPEN_SECONDS', 30, 1),
    openFraction: num('BENCH_OPEN_FRACTION', 0.5, 0.01),
    appLogLevel: process.env.BENCH_APP_LOG_LEVEL || 'warn',
    only: only(),
    approvals: flag('BENCH_APPROVALS', true),
    approvalsPerBranch: int('BENCH_APPROVALS_PER_BRANCH', 200, 1, 100_000),
    escalationSteps: int('BENCH_ESCALATION_STEPS', 300, 1, 100_000),
    escalationWindowS: num('BENCH_ESCALATION_WINDOW', 120, 1),
    escalationBurst: int('BENCH_ESCALATION_BURST', 2000, 1, 1_000_000),
    escalationReplicas: replicas(),
    activity: flag('BENCH_ACTIVITY', true),
    activityReps: int('BENCH_ACTIVITY_REPS', 20, 1, 1000),
    kpi: flag('BENCH_KPI', true),
    kpiDatabaseUrl: process.env.BENCH_KPI_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/commerce_bench_kpi',
    kpiBranches: int('BENCH_KPI_BRANCHES', 1000, 1, 9999),
    kpiEvents: int('BENCH_KPI_EVENTS', 10_000_000, 1000, 100_000_000),
    kpiClients: int('BENCH_KPI_CLIENTS', 4, 1, 1000),
    kpiLagRate: num('BENCH_KPI_LAG_RATE', 50, 0.1),
    kpiLagSeconds: num('BENCH_KPI_LAG_SECONDS', 30, 1),
    kpiSteps: kpiSteps(),
    approvalScanMs: process.env.BENCH_APPROVAL_SCAN_MS ? int('BENCH_APPROVAL_SCAN_MS', 15000, 100, 60_000) : undefined,
    documents: flag('BENCH_DOCUMENTS', true),
    docsDatabaseUrl: process.env.BENCH_DOCS_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/commerce_bench_docs',
    docsSmallRounds: int('BENCH_DOCS_SMALL_ROUNDS', 50, 1, 10_000),
    docsLargeRounds: int('BENCH_DOCS_LARGE_ROUNDS', 5, 1, 100),
    finance: flag('BENCH_FINANCE', true),
    financeCustomers: int('BENCH_FINANCE_CUSTOMERS', 2000, 1, 1_000_000),
  };
}

function only(): BenchConfig['only'] {
  const raw = (process.env.BENCH_ONLY || 'all').toLowerCase();
  if (!['all', 'customers', 'approvals', 'activity', 'kpi', 'documents', 'stock', 'finance'].includes(raw)) {
    throw new Error(
      `BENCH_ONLY must be customers, approvals, activity, kpi, documents, stock or finance (or unset for all), got "${raw}"`,
    );
  }
  return raw as BenchConfig['only'];
}

export const KPI_STEPS = ['scratch', 'recompute', 'lag', 'queries'] as const;
export type KpiStep = (typeof KPI_STEPS)[number];

/**
 * BENCH_KPI_STEPS: a comma list of the KPI part's steps (default all). `queries` alone measures head office's
 * ranking and trend on the rollups an earlier run left, without the minutes of the rollup from scratch.
 */
function kpiSteps(): KpiStep[] {
  const raw = process.env.BENCH_KPI_STEPS || KPI_STEPS.join(',');
  const list = raw.split(',').map((x) => x.trim().toLowerCase());
  const bad = list.filter((x) => !(KPI_STEPS as readonly string[]).includes(x));
  if (bad.length || !list.length) {
    throw new Error(`BENCH_KPI_STEPS must list some of ${KPI_STEPS.join(', ')} (comma-separated), got "${raw}"`);
  }
  return KPI_STEPS.filter((s) => list.includes(s));
}

function replicas(): number[] {
  const raw = process.env.BENCH_ESCALATION_REPLICAS || '1,2';
  const list = raw.split(',').map((x) => Number(x.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
    throw new Error(`BENCH_ESCALATION_REPLICAS must list worker counts from 1 to 8, e.g. "1,2", got "${raw}"`);
  }
  return list;
}

/** The knobs as they were set, for the report (only the ones the caller changed, plus the scale). */
export function describeEnv(c: BenchConfig): string {
  const shown = [
    `BENCH_BRANCHES=${c.branches}`,
    `BENCH_CUSTOMERS=${c.customersPerBranch}`,
    `BENCH_CLIENTS=${c.clients}`,
    `BENCH_SECONDS=${c.seconds}`,
    `BENCH_WARMUP=${c.warmupSeconds}`,
    `BENCH_ROUNDS=${c.rounds}`,
    `DB_POOL_SIZE=${c.poolSize}`,
    `BENCH_HQ=${c.headOffice ? 1 : 0}`,
    `BENCH_OPEN_SECONDS=${c.openSeconds}`,
    `BENCH_OPEN_FRACTION=${c.openFraction}`,
  ];
  if (c.profile) shown.push(`BENCH_PROFILE=1`, `BENCH_PROFILE_SECONDS=${c.profileSeconds}`);
  if (c.only !== 'all') shown.push(`BENCH_ONLY=${c.only}`);
  return shown.join(' ');
}

/** The approvals part's knobs as they were set. */
export function describeApprovalsEnv(c: BenchConfig): string {
  const shown = [
    `BENCH_APPROVALS_PER_BRANCH=${c.approvalsPerBranch}`,
    `BENCH_ESCALATION_STEPS=${c.escalationSteps}`,
    `BENCH_ESCALATION_WINDOW=${c.escalationWindowS}`,
    `BENCH_ESCALATION_BURST=${c.escalationBurst}`,
    `BENCH_ESCALATION_REPLICAS=${c.escalationReplicas.join(',')}`,
    `BENCH_CLIENTS=${c.clients}`,
    `BENCH_SECONDS=${c.seconds}`,
    `BENCH_WARMUP=${c.warmupSeconds}`,
    `BENCH_ROUNDS=${c.rounds}`,
    `DB_POOL_SIZE=${c.poolSize}`,
  ];
  if (c.approvalScanMs) shown.push(`BENCH_APPROVAL_SCAN_MS=${c.approvalScanMs}`);
  return shown.join(' ');
}
