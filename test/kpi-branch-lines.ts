import type pg from 'pg';

/**
 * The branch lines (kpi_branch_rollups) that are not the sums of the branch's people's lines (kpi_rollups) of the
 * same KPI and period, both ways, for the given branches: "branch|kpi|kind|start: branch count|amount vs people
 * count|amount" (a side with no line reads "-"). Empty when the two tables agree. Read as the owner (no RLS).
 */
export async function branchLinesOff(owner: pg.Pool | pg.Client, branchIds: string[]): Promise<string[]> {
  const r = await owner.query<{ line: string }>(
    `WITH people AS (
       SELECT branch_id, kpi, period_kind, period_start, sum(count)::int AS count, sum(amount) AS amount
       FROM kpi_rollups WHERE branch_id = ANY($1::uuid[]) AND period_kind <> 'DAY' GROUP BY 1, 2, 3, 4),
     branch AS (
       SELECT branch_id, kpi, period_kind, period_start, count, amount FROM kpi_branch_rollups
       WHERE branch_id = ANY($1::uuid[]))
     SELECT concat_ws('|', branch_id, kpi, period_kind, period_start) || ': ' ||
       coalesce(b.count || '|' || b.amount, '-') || ' vs ' || coalesce(p.count || '|' || p.amount, '-') AS line
     FROM branch b FULL JOIN people p USING (branch_id, kpi, period_kind, period_start)
     WHERE b.count IS DISTINCT FROM p.count OR b.amount IS DISTINCT FROM p.amount
     ORDER BY 1`,
    [branchIds],
  );
  return r.rows.map((x) => x.line);
}
