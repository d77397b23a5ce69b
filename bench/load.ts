import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One request of a scenario; resolves with the number of SQL statements it ran. Rejects on any error. */
export type Request = () => Promise<number>;

export interface Window {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latencies: Float64Array;
  /** Statements per request as reported (header for GraphQL), how many requests reported each count. */
  statements: Map<number, number>;
  cpu: CpuShare;
}

/**
 * `clients` closed loops, each sending its next request as soon as the previous one answers. The first
 * `warmupMs` are not recorded; then requests that start within `measureMs` are, and the window lasts until
 * the last of them answers.
 */
export async function runWindow(
  clients: number,
  warmupMs: number,
  measureMs: number,
  request: Request,
  cpu: CpuProbe,
): Promise<Window> {
  const start = performance.now();
  const from = start + warmupMs;
  const until = from + measureMs;
  const latencies: number[] = [];
  const statements = new Map<number, number>();
  let errors = 0;
  let firstError: string | undefined;
  let lastDone = from;
  let cpuStarted: Promise<void> = Promise.resolve();
  const startCpu = setTimeout(() => (cpuStarted = cpu.begin()), Math.max(0, warmupMs));
  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= until) return;
      try {
        const n = await request();
        const t1 = performance.now();
        if (t0 >= from) {
          latencies.push(t1 - t0);
          statements.set(n, (statements.get(n) ?? 0) + 1);
          if (t1 > lastDone) lastDone = t1;
        }
      } catch (e) {
        if (t0 >= from) errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
        // Do not spin on a failing server.
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  clearTimeout(startCpu);
  await cpuStarted;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds: (lastDone - from) / 1000,
    latencies: sorted,
    statements,
    cpu: cpu.end(),
  };
}

export interface Summary {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  /** Mean statements per request, and the distinct counts seen. */
  statementsMean: number;
  statementsSeen: number[];
  cpu: CpuShare;
  perWindowRps: number[];
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Pools the windows of one scenario (its rounds): throughput over their total time, percentiles over all latencies. */
export function summarize(windows: Window[]): Summary {
  const all = new Float64Array(windows.reduce((n, w) => n + w.latencies.length, 0));
  let off = 0;
  for (const w of windows) {
    all.set(w.latencies, off);
    off += w.latencies.length;
  }
  all.sort();
  const requests = all.length;
  const seconds = windows.reduce((s, w) => s + w.seconds, 0);
  const stm = new Map<number, number>();
  for (const w of windows) for (const [k, v] of w.statements) stm.set(k, (stm.get(k) ?? 0) + v);
  let stmSum = 0;
  let stmN = 0;
  for (const [k, v] of stm) {
    if (Number.isFinite(k)) {
      stmSum += k * v;
      stmN += v;
    }
  }
  const cpu: CpuShare = { app: 0, loadgen: 0, postgres: 0, machine: 0, cores: windows[0]?.cpu.cores ?? 1 };
  for (const w of windows) {
    for (const k of ['app', 'loadgen', 'postgres', 'machine'] as const) cpu[k] += (w.cpu[k] * w.seconds) / seconds;
  }
  return {
    requests,
    errors: windows.reduce((n, w) => n + w.errors, 0),
    firstError: windows.find((w) => w.firstError)?.firstError,
    seconds,
    rps: requests / seconds,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    mean: requests ? all.reduce((s, x) => s + x, 0) / requests : NaN,
    statementsMean: stmN ? stmSum / stmN : NaN,
    statementsSeen: [...stm.keys()].filter(Number.isFinite).sort((a, b) => a - b),
    cpu,
    perWindowRps: windows.map((w) => w.requests / w.seconds),
  };
}

// ---------- CPU accounting (Linux /proc; zeros elsewhere) ----------

/** Average CPU use during a window, in percent of one core (so 200% is both cores of a 2-core machine). */
export interface CpuShare {
  app: number;
  loadgen: number;
  /** The PostgreSQL backends serving the bench database. */
  postgres: number;
  machine: number;
  cores: number;
}

const TICK = 100; // USER_HZ on Linux

function procSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return undefined;
  }
}

function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    return (v.slice(0, 8).reduce((s, x) => s + x, 0) - idle) / TICK;
  } catch {
    return 0;
  }
}

interface Snapshot {
  at: number;
  app: number;
  loadgen: number;
  machine: number;
  pg: Map<number, number>;
}

/** Measures a window's CPU: `begin` lists the bench database's backends, `end` reads the same processes again. */
export class CpuProbe {
  private start?: Snapshot;
  private pids: number[] = [];

  constructor(
    private readonly appPid: () => number | undefined,
    private readonly backendPids: () => Promise<number[]>,
  ) {}

  private snap(): Snapshot {
    const own = process.cpuUsage();
    const pid = this.appPid();
    const pg = new Map<number, number>();
    for (const p of this.pids) {
      const s = procSeconds(p);
      if (s !== undefined) pg.set(p, s);
    }
    return {
      at: performance.now(),
      app: (pid && procSeconds(pid)) || 0,
      loadgen: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
      pg,
    };
  }

  async begin(): Promise<void> {
    this.pids = await this.backendPids().catch(() => []);
    this.start = this.snap();
  }

  end(): CpuShare {
    const b = this.snap();
    const a = this.start ?? b;
    const wall = (b.at - a.at) / 1000;
    const pct = (x: number) => (wall > 0 ? (100 * x) / wall : 0);
    let pg = 0;
    for (const [p, s] of b.pg) pg += s - (a.pg.get(p) ?? s);
    return {
      app: pct(b.app - a.app),
      loadgen: pct(b.loadgen - a.loadgen),
      postgres: pct(pg),
      machine: pct(b.machine - a.machine),
      cores: cpus().length,
    };
  }
}

// ---------- open loop ----------

export type Arrivals = 'constant' | 'poisson';

export interface OpenWindow {
  arrivals: Arrivals;
  /** Arrivals per second asked for. */
  rate: number;
  /** Requests scheduled in the measured window, and how many of them answered (or failed). */
  scheduled: number;
  completed: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** From each request's scheduled send time to the last byte of its answer, ascending. */
  latencies: Float64Array;
  /** Most requests outstanding at once, and the latest a request left after its scheduled time (timer lag). */
  maxInFlight: number;
  maxSendLagMs: number;
  statements: Map<number, number>;
  cpu: CpuShare;
}

/** A small seeded generator (mulberry32), so a Poisson schedule is the same from run to run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Open loop: requests leave on a schedule fixed in advance (`rate` per second, evenly spaced or as a Poisson
 * process), whether or not earlier ones have answered, each on a free keep-alive connection (the agent opens
 * more when all are busy). Latency runs from the scheduled send time, not the actual one, so a stalled server
 * or a late timer shows in the figures instead of silently delaying the next request (coordinated omission).
 * The first `warmupMs` are not recorded.
 */
export async function runOpenLoop(
  rate: number,
  arrivals: Arrivals,
  warmupMs: number,
  measureMs: number,
  request: Request,
  cpu: CpuProbe,
  seed = 20261207,
): Promise<OpenWindow> {
  const gap = 1000 / rate;
  const random = seeded(seed);
  const total = warmupMs + measureMs;
  const offsets: number[] = [];
  for (let t = arrivals === 'constant' ? gap / 2 : 0; ;) {
    if (arrivals === 'poisson') t += -Math.log(1 - random()) * gap;
    if (t >= total) break;
    offsets.push(t);
    if (arrivals === 'constant') t += gap;
  }
  const start = performance.now();
  const from = start + warmupMs;
  const latencies: number[] = [];
  const statements = new Map<number, number>();
  let scheduled = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  let maxSendLagMs = 0;
  let lastDone = from;
  let cpuStarted: Promise<void> = Promise.resolve();
  const startCpu = setTimeout(() => (cpuStarted = cpu.begin()), Math.max(0, warmupMs));
  const pending: Promise<void>[] = [];
  const fire = (at: number) => {
    const measured = at >= from;
    if (measured) {
      scheduled++;
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - at);
    }
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    pending.push(
      request().then(
        (n) => {
          inFlight--;
          if (!measured) return;
          const t1 = performance.now();
          completed++;
          latencies.push(t1 - at);
          statements.set(n, (statements.get(n) ?? 0) + 1);
          if (t1 > lastDone) lastDone = t1;
        },
        (e: unknown) => {
          inFlight--;
          if (!measured) return;
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
        },
      ),
    );
  };
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < offsets.length && start + offsets[i] <= now) fire(start + offsets[i++]);
      if (i >= offsets.length) return resolve();
      setTimeout(tick, Math.max(0, start + offsets[i] - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  clearTimeout(startCpu);
  await cpuStarted;
  return {
    arrivals,
    rate,
    scheduled,
    completed,
    errors,
    firstError,
    seconds: Math.max(measureMs, lastDone - from) / 1000,
    latencies: Float64Array.from(latencies).sort(),
    maxInFlight,
    maxSendLagMs,
    statements,
    cpu: cpu.end(),
  };
}
