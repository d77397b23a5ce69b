import { performance } from 'node:perf_hooks';
import type pg from 'pg';

/** Research items per branch published in the last closed ISO week. */
export const DIGEST_ITEMS_PER_BRANCH = 2000;
const SOURCE = 'Bench wire';

export interface DigestSeed {
  branches: number;
  items: number;
  /** The ISO week's Monday (the branches share a time zone in the bench). */
  week: string;
  ms: number;
}

/**
 * Each branch's last closed ISO week in its own time zone, as the digest scheduler computes it: every branch of the
 * bench company, head office too (it gets a digest of its own, empty here: the items are the branches').
 */
const WEEKS = `SELECT b.id AS branch_id, (date_trunc('week', now() AT TIME ZONE b.time_zone))::date - 7 AS ws
  FROM branches b WHERE b.organization_id = md5('bench:org')::uuid`;

/**
 * Replaces the bench's research items (and anything built from them) with DIGEST_ITEMS_PER_BRANCH items per
 * branch spread over its last closed week: relevance 1-5, one to three of twelve tags, the three kinds.
 */
export async function seedResearchItems(c: pg.Client, branchIds: string[]): Promise<DigestSeed> {
  const t0 = performance.now();
  await resetDigests(c, true);
  // The scheduler skips a week that ended before the branch existed: the bench's branches are a year old.
  await c.query(
    `UPDATE branches SET created_at = now() - interval '1 year' WHERE organization_id = md5('bench:org')::uuid`,
  );
  await c.query(`DELETE FROM research_items WHERE source = $1`, [SOURCE]);
  await c.query(
    `WITH w AS (${WEEKS}),
       author AS (SELECT DISTINCT ON (branch_id) branch_id, user_id FROM memberships
                  WHERE role = 'BRANCH_MANAGER' ORDER BY branch_id, user_id)
     INSERT INTO research_items (branch_id, id, kind, title, source, published_on, tags, summary, relevance, created_by)
     SELECT w.branch_id, gen_random_uuid(), (ARRAY['NEWS', 'POLICY', 'REGULATION'])[1 + i % 3],
       'Industry item ' || i, $1, w.ws + (i % 7),
       (ARRAY['pumps', 'valves', 'hvac', 'steel', 'tariffs', 'subsidy', 'energy', 'water', 'export', 'safety', 'ev', 'ai'])
         [1 + i % 12:1 + i % 12 + (i % 3)],
       'Summary of industry item ' || i, 1 + (i * 7) % 5, a.user_id
     FROM w JOIN author a ON a.branch_id = w.branch_id, generate_series(1, $2::int) i
     WHERE w.branch_id = ANY($3::uuid[])`,
    [SOURCE, DIGEST_ITEMS_PER_BRANCH, branchIds],
  );
  await c.query('ANALYZE research_items');
  const r = await c.query<{ n: string; week: string }>(
    `SELECT count(*) AS n, min(published_on)::text AS week FROM research_items WHERE source = $1`,
    [SOURCE],
  );
  return { branches: branchIds.length, items: Number(r.rows[0].n), week: r.rows[0].week, ms: performance.now() - t0 };
}

/** Forgets last week's digests (and their notifications), so the worker builds every branch's again. */
export async function resetDigests(c: pg.Client, allWeeks = false): Promise<void> {
  const which = allWeeks ? 'TRUE' : '(d.branch_id, d.week_start) IN (SELECT branch_id, ws FROM w)';
  await c.query(`WITH w AS (${WEEKS}) DELETE FROM research_digest_items di USING research_digests d
    WHERE di.branch_id = d.branch_id AND di.digest_id = d.id AND ${which}`);
  await c.query(`WITH w AS (${WEEKS}) DELETE FROM research_digests d WHERE ${which}`);
  await c.query(`DELETE FROM notifications WHERE kind = 'RESEARCH_DIGEST'`);
}

/**
 * The digest's reading work for every branch in one statement: the top 10 items by relevance, the items per tag
 * and per kind in the branch's last week (what the worker stores and sends), without writing anything.
 */
export async function digestFloor(c: pg.Client): Promise<{ rows: number; seconds: number; detail: string }> {
  const t0 = performance.now();
  const r = await c.query<{ items: string; top: string; tags: string; kinds: string }>(
    `WITH w AS (${WEEKS}),
     x AS (SELECT x.* FROM w JOIN research_items x ON x.branch_id = w.branch_id AND x.published_on BETWEEN w.ws AND w.ws + 6),
     top AS (SELECT w.branch_id, t.id, t.rank FROM w CROSS JOIN LATERAL (
         SELECT x.id, row_number() OVER (ORDER BY x.relevance DESC, x.published_on DESC, x.id) AS rank
         FROM research_items x WHERE x.branch_id = w.branch_id AND x.published_on BETWEEN w.ws AND w.ws + 6
         ORDER BY x.relevance DESC, x.published_on DESC, x.id LIMIT 10) t),
     tags AS (SELECT x.branch_id, tag, count(*) AS n FROM x CROSS JOIN unnest(x.tags) AS tag GROUP BY 1, 2),
     kinds AS (SELECT x.branch_id, x.kind, count(*) AS n FROM x GROUP BY 1, 2)
     SELECT (SELECT count(*) FROM x) AS items, (SELECT count(*) FROM top) AS top,
       (SELECT count(*) FROM tags) AS tags, (SELECT count(*) FROM kinds) AS kinds`,
  );
  const seconds = (performance.now() - t0) / 1000;
  const row = r.rows[0];
  return {
    rows: Number(row.items),
    seconds,
    detail: `${row.top} top items, ${row.tags} tag counts, ${row.kinds} kind counts (read only)`,
  };
}
