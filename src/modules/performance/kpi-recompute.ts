import { addDays, type Tx } from '@app/core';
import { BRANCH_PERIOD_KINDS, PERIOD_KINDS } from './kpi-definitions.js';
import { Kpi } from './kpi.enums.js';

/** The periods of every kind that hold a day of [from, to]: the first CTE of each statement below ($2, $3, $4). */
const PERIODS = `SELECT DISTINCT k.kind, kpi_period_start(k.kind, d::date) AS start,
    kpi_period_end(k.kind, kpi_period_start(k.kind, d::date)) AS stop
  FROM generate_series($2::date, $3::date, interval '1 day') d CROSS JOIN unnest($4::text[]) k(kind)`;

/**
 * The rollup lines of those periods rebuilt from the branch's ledger ($1): one pass over the events of the days
 * the periods span (the (branch_id, day) index, with what it needs included), each event spread over its five
 * grains and summed by hash (the line-by-line rebuild it replaces took 145 s for 10,000 events).
 */
const EXPECTED = `SELECT e.kpi, k.kind, kpi_period_start(k.kind, e.day) AS start, e.person_id,
    sum(e.n)::int AS n, sum(coalesce(e.amount, 0)) AS amount
  FROM kpi_events e CROSS JOIN unnest($4::text[]) k(kind)
  WHERE e.branch_id = $1 AND e.day >= (SELECT min(start) FROM p) AND e.day < (SELECT max(stop) FROM p)
  GROUP BY 1, 2, 3, 4`;

/**
 * A year of a busy branch is ~100,000 lines to sum: with the default 4 MB of work_mem the hash aggregate spills to
 * disk. This transaction only (a worker's, one branch).
 */
async function roomToSum(tx: Tx): Promise<void> {
  await tx.query(`SELECT set_config('work_mem', '64MB', true)`);
}

/** The window the scheduled check rebuilds: from the first day of last month to today (the branch's days). */
export function checkWindow(today: string): { from: string; to: string } {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  return { from: `${addDays(firstOfMonth, -1).slice(0, 8)}01`, to: today };
}

/**
 * Rebuilds a branch's rollups for every period (of every kind) that holds a day of [from, to] from its
 * kpi_events and compares line by line, set-based: one statement finds the differences of the people's lines and
 * of the branch's lines (the people's rebuilt lines summed: the branch table is checked against the events, not
 * against the people's table it may disagree with), records each in kpi_differences (a branch line with no
 * person), repairs both tables (deletes the lines no event backs, writes the rest); a second stamps kpi_checks for
 * every KPI and period checked. The caller holds the branch's kpi_check_due row FOR UPDATE, so no handler
 * increments the branch meanwhile. Returns the number of differences found.
 */
export async function recomputeBranch(tx: Tx, branchId: string, from: string, to: string): Promise<number> {
  await roomToSum(tx);
  const perPeriod = await tx.query<{ kpi: Kpi; kind: string; start: string; n: number }>(
    `WITH p AS (${PERIODS}),
     expected AS MATERIALIZED (SELECT x.* FROM (${EXPECTED}) x JOIN p ON p.kind = x.kind AND p.start = x.start),
     found AS (
       SELECT r.kpi, r.period_kind AS kind, r.period_start AS start, r.person_id, r.count AS n, r.amount
       FROM p JOIN kpi_rollups r ON r.branch_id = $1 AND r.period_kind = p.kind AND r.period_start = p.start),
     d AS (
       SELECT kpi, kind, start, person_id, e.n IS NOT NULL AS backed,
         coalesce(e.n, 0) AS expected_count, coalesce(e.amount, 0) AS expected_amount,
         coalesce(f.n, 0) AS found_count, coalesce(f.amount, 0) AS found_amount
       FROM expected e FULL JOIN found f USING (kpi, kind, start, person_id)
       WHERE coalesce(e.n, 0) <> coalesce(f.n, 0) OR coalesce(e.amount, 0) <> coalesce(f.amount, 0)),
     bexpected AS (
       SELECT kpi, kind, start, sum(n)::int AS n, sum(amount) AS amount FROM expected
       WHERE kind = ANY($5::text[]) GROUP BY 1, 2, 3),
     bfound AS (
       SELECT b.kpi, b.period_kind AS kind, b.period_start AS start, b.count AS n, b.amount
       FROM p JOIN kpi_branch_rollups b ON b.branch_id = $1 AND b.period_kind = p.kind AND b.period_start = p.start),
     bd AS (
       SELECT kpi, kind, start, e.n IS NOT NULL AS backed,
         coalesce(e.n, 0) AS expected_count, coalesce(e.amount, 0) AS expected_amount,
         coalesce(f.n, 0) AS found_count, coalesce(f.amount, 0) AS found_amount
       FROM bexpected e FULL JOIN bfound f USING (kpi, kind, start)
       WHERE coalesce(e.n, 0) <> coalesce(f.n, 0) OR coalesce(e.amount, 0) <> coalesce(f.amount, 0)),
     recorded AS (
       INSERT INTO kpi_differences (branch_id, id, kpi, period_kind, period_start, person_id,
         expected_count, expected_amount, found_count, found_amount)
       SELECT $1, gen_random_uuid(), kpi, kind, start, person_id, expected_count, expected_amount, found_count,
         found_amount
       FROM (SELECT kpi, kind, start, person_id, expected_count, expected_amount, found_count, found_amount FROM d
             UNION ALL
             SELECT kpi, kind, start, NULL, expected_count, expected_amount, found_count, found_amount FROM bd) x),
     dropped AS (
       DELETE FROM kpi_rollups r USING d
       WHERE NOT d.backed AND r.branch_id = $1 AND r.kpi = d.kpi AND r.period_kind = d.kind
         AND r.period_start = d.start AND r.person_id = d.person_id),
     repaired AS (
       INSERT INTO kpi_rollups AS r (branch_id, kpi, period_kind, period_start, person_id, count, amount)
       SELECT $1, kpi, kind, start, person_id, expected_count, expected_amount FROM d WHERE d.backed
       ON CONFLICT (branch_id, kpi, period_kind, period_start, person_id)
       DO UPDATE SET count = excluded.count, amount = excluded.amount, updated_at = now()),
     bdropped AS (
       DELETE FROM kpi_branch_rollups b USING bd
       WHERE NOT bd.backed AND b.branch_id = $1 AND b.kpi = bd.kpi AND b.period_kind = bd.kind
         AND b.period_start = bd.start),
     brepaired AS (
       INSERT INTO kpi_branch_rollups AS b (branch_id, kpi, period_kind, period_start, count, amount)
       SELECT $1, kpi, kind, start, expected_count, expected_amount FROM bd WHERE bd.backed
       ON CONFLICT (branch_id, kpi, period_kind, period_start)
       DO UPDATE SET count = excluded.count, amount = excluded.amount, updated_at = now())
     SELECT kpi, kind, start::text AS start, count(*)::int AS n
     FROM (SELECT kpi, kind, start FROM d UNION ALL SELECT kpi, kind, start FROM bd) x GROUP BY 1, 2, 3`,
    [branchId, from, to, PERIOD_KINDS, BRANCH_PERIOD_KINDS],
  );
  await tx.query(
    `WITH p AS (${PERIODS}),
     d AS (SELECT * FROM unnest($6::text[], $7::text[], $8::date[], $9::int[]) AS x(kpi, kind, start, n))
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
      perPeriod.map((d) => d.kpi),
      perPeriod.map((d) => d.kind),
      perPeriod.map((d) => d.start),
      perPeriod.map((d) => d.n),
    ],
  );
  return perPeriod.reduce((sum, d) => sum + d.n, 0);
}

/**
 * The people's rollups of a branch's periods holding a day of [from, to] rebuilt from its ledger without
 * comparing: the lines deleted, then written again by one INSERT ... SELECT. Returns the number of lines written.
 */
export async function rebuildPeopleLines(tx: Tx, branchId: string, from: string, to: string): Promise<number> {
  const params = [branchId, from, to, PERIOD_KINDS];
  await roomToSum(tx);
  await tx.query(
    `WITH p AS (${PERIODS})
     DELETE FROM kpi_rollups r USING p WHERE r.branch_id = $1 AND r.period_kind = p.kind AND r.period_start = p.start`,
    params,
  );
  return tx.execute(
    `WITH p AS (${PERIODS})
     INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
     SELECT $1, x.kpi, x.kind, x.start, x.person_id, x.n, x.amount
     FROM (${EXPECTED}) x JOIN p ON p.kind = x.kind AND p.start = x.start`,
    params,
  );
}

/**
 * The branch's own lines of the same periods (a week or longer) rebuilt as the sums of its people's lines, which
 * rebuildPeopleLines has just written from the ledger in the same transaction (a tenth of the rows the ledger
 * would take to sum again). Returns the number of lines written.
 */
export async function rebuildBranchLines(tx: Tx, branchId: string, from: string, to: string): Promise<number> {
  const params = [branchId, from, to, BRANCH_PERIOD_KINDS];
  await tx.query(
    `WITH p AS (${PERIODS})
     DELETE FROM kpi_branch_rollups b USING p
     WHERE b.branch_id = $1 AND b.period_kind = p.kind AND b.period_start = p.start`,
    params,
  );
  return tx.execute(
    `WITH p AS (${PERIODS})
     INSERT INTO kpi_branch_rollups (branch_id, kpi, period_kind, period_start, count, amount)
     SELECT $1, r.kpi, r.period_kind, r.period_start, sum(r.count), sum(r.amount)
     FROM p JOIN kpi_rollups r ON r.branch_id = $1 AND r.period_kind = p.kind AND r.period_start = p.start
     GROUP BY r.kpi, r.period_kind, r.period_start`,
    params,
  );
}

/**
 * The rollups of a branch's periods holding a day of [from, to] rebuilt from its ledger without comparing: the
 * people's lines, then the branch's (a new branch, a restore, the bench's rollup from scratch). Same locking rule
 * as the recompute: the caller holds the branch's kpi_check_due row FOR UPDATE. Returns the lines written.
 */
export async function rebuildBranch(tx: Tx, branchId: string, from: string, to: string): Promise<number> {
  const people = await rebuildPeopleLines(tx, branchId, from, to);
  return people + (await rebuildBranchLines(tx, branchId, from, to));
}
