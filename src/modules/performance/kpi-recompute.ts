import { randomUUID } from 'node:crypto';
import { addDays, type Tx } from '@app/core';
import { PERIOD_KINDS } from './kpi-definitions.js';
import { Kpi, KpiPeriodKind } from './kpi.enums.js';
import { KpiDifferences, KpiRollups } from './performance.entity.js';

/** A rollup line that disagrees with the events. */
interface DiffRow {
  kpi: Kpi;
  kind: KpiPeriodKind;
  start: string;
  person_id: string;
  expected_count: number;
  expected_amount: string;
  found_count: number;
  found_amount: string;
}

/** The periods of every kind that hold a day of [from, to]: the first CTE of each statement below ($2, $3, $4). */
const PERIODS = `SELECT DISTINCT k.kind, kpi_period_start(k.kind, d::date) AS start
  FROM generate_series($2::date, $3::date, interval '1 day') d CROSS JOIN unnest($4::text[]) k(kind)`;

/** The window the scheduled check rebuilds: from the first day of last month to today (the branch's days). */
export function checkWindow(today: string): { from: string; to: string } {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  return { from: `${addDays(firstOfMonth, -1).slice(0, 8)}01`, to: today };
}

/**
 * Rebuilds a branch's rollups for every period (of every kind) that holds a day of [from, to] from its
 * kpi_events, compares line by line, records each difference in kpi_differences, repairs the line, and stamps
 * kpi_checks for every KPI and period checked. The caller holds the branch's kpi_check_due row FOR UPDATE, so no
 * handler increments the branch meanwhile. Returns the number of differences found.
 */
export async function recomputeBranch(tx: Tx, branchId: string, from: string, to: string): Promise<number> {
  const diffs = await tx.query<DiffRow>(
    `WITH p AS (${PERIODS}),
     expected AS (
       SELECT e.kpi, p.kind, p.start, e.person_id, count(*)::int AS n, sum(coalesce(e.amount, 0)) AS amount
       FROM p JOIN kpi_events e ON e.branch_id = $1 AND e.day >= p.start AND e.day < kpi_period_end(p.kind, p.start)
       GROUP BY 1, 2, 3, 4),
     found AS (
       SELECT r.kpi, r.period_kind AS kind, r.period_start AS start, r.person_id, r.count AS n, r.amount
       FROM p JOIN kpi_rollups r ON r.branch_id = $1 AND r.period_kind = p.kind AND r.period_start = p.start)
     SELECT kpi, kind, start::text AS start, person_id,
       coalesce(e.n, 0) AS expected_count, coalesce(e.amount, 0)::numeric(18, 2)::text AS expected_amount,
       coalesce(f.n, 0) AS found_count, coalesce(f.amount, 0)::numeric(18, 2)::text AS found_amount
     FROM expected e FULL JOIN found f USING (kpi, kind, start, person_id)
     WHERE coalesce(e.n, 0) <> coalesce(f.n, 0) OR coalesce(e.amount, 0) <> coalesce(f.amount, 0)
     ORDER BY 1, 2, 3, 4`,
    [branchId, from, to, PERIOD_KINDS],
  );
  for (const d of diffs) {
    await KpiDifferences.insert(tx, {
      branchId,
      id: randomUUID(),
      kpi: d.kpi,
      periodKind: d.kind,
      periodStart: d.start,
      personId: d.person_id,
      expectedCount: d.expected_count,
      expectedAmount: d.expected_amount,
      foundCount: d.found_count,
      foundAmount: d.found_amount,
    });
    const key = { branchId, kpi: d.kpi, periodKind: d.kind, periodStart: d.start, personId: d.person_id };
    if (d.expected_count === 0) {
      await tx.query(
        `DELETE FROM kpi_rollups WHERE branch_id = $1 AND kpi = $2 AND period_kind = $3 AND period_start = $4
           AND person_id = $5`,
        [branchId, d.kpi, d.kind, d.start, d.person_id],
      );
    } else {
      await KpiRollups.upsert(tx, { ...key, count: d.expected_count, amount: d.expected_amount });
    }
  }
  await tx.query(
    `WITH p AS (${PERIODS}),
     d AS (SELECT x.kpi, x.kind, x.start, count(*)::int AS n
           FROM unnest($6::text[], $7::text[], $8::date[]) AS x(kpi, kind, start) GROUP BY 1, 2, 3)
     INSERT INTO kpi_checks (branch_id, kpi, period_kind, period_start, checked_at, differences)
     SELECT $1, k.kpi, p.kind, p.start, now(), coalesce(d.n, 0)
     FROM p CROSS JOIN unnest($5::text[]) AS k(kpi)
     LEFT JOIN d ON d.kpi = k.kpi AND d.kind = p.kind AND d.start = p.start
     ON CONFLICT (branch_id, kpi, period_kind, period_start)
     DO UPDATE SET checked_at = excluded.checked_at, differences = excluded.differences`,
    [
      branchId,
      from,
      to,
      PERIOD_KINDS,
      Object.values(Kpi),
      diffs.map((d) => d.kpi),
      diffs.map((d) => d.kind),
      diffs.map((d) => d.start),
    ],
  );
  return diffs.length;
}
