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
  appLogLevel: string;
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
    appLogLevel: process.env.BENCH_APP_LOG_LEVEL || 'warn',
  };
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
  ];
  if (c.profile) shown.push(`BENCH_PROFILE=1`, `BENCH_PROFILE_SECONDS=${c.profileSeconds}`);
  return shown.join(' ');
}
