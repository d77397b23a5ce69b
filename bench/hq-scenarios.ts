import type pg from 'pg';
import type { AppProcess } from './app-process.js';
import type { BenchConfig } from './config.js';
import { CpuProbe, percentile, runWindow, summarize, type Request, type Window } from './load.js';
import type { ScenarioResult } from './report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

/** A head-office query measured over GraphQL or as its hand-written floor. */
export interface HqScenario {
  key: string;
  label: string;
  kind: 'raw' | 'graphql';
  floorKey?: string;
  request: Request;
}

/**
 * Runs each scenario for `cfg.rounds` interleaved windows (the order reversed every other round, so neither side
 * always follows the other) at `cfg.clients` closed-loop clients, with the API's and PostgreSQL's CPU probed, and
 * pools each scenario's windows into one result.
 */
export async function measureHqScenarios(
  cfg: BenchConfig,
  admin: pg.Client,
  app: AppProcess,
  scenarios: HqScenario[],
  log: (s: string) => void,
): Promise<ScenarioResult[]> {
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
      const probe = new CpuProbe(() => (s.kind === 'graphql' ? app.pid : undefined), backendPids);
      const w = await runWindow(cfg.clients, cfg.warmupSeconds * 1000, perWindowMs, s.request, probe);
      windows.get(s.key)!.push(w);
      log(
        `  round ${round}/${cfg.rounds} ${s.label}: ${Math.round(w.requests / w.seconds)} req/s, p50 ` +
          `${f1(percentile(w.latencies, 0.5))} ms, ${w.errors} errors${w.firstError ? ` (first: ${w.firstError.slice(0, 200)})` : ''}`,
      );
    }
  }
  return scenarios.map((s) => ({
    key: s.key,
    label: s.label,
    who: 'hq' as const,
    kind: s.kind,
    as: s.kind === 'raw' ? 'pg, superuser, no RLS' : 'app_runtime (RLS)',
    floorKey: s.floorKey,
    summary: summarize(windows.get(s.key)!),
  }));
}
