import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface TieringSeed {
  customers: number;
  purchases: number;
  ms: number;
}

const NOTE = 'bench purchase';
const ORG = `md5('bench:org')::uuid`;
const BENCH_BRANCHES = `SELECT id FROM branches WHERE organization_id = ${ORG} AND kind = 'BRANCH'`;

/**
 * Purchases for every customer of the bench (once: kept while the database is): 0 to 3 in the trailing 12 months,
 * sized so that about a tenth of the customers come out HIGH, a third MEDIUM and the rest LOW; and a copy of the
 * customers' tiers as seeded, which every round restores so each round does the same work.
 */
export async function seedPurchases(c: pg.Client): Promise<TieringSeed> {
  const t0 = performance.now();
  const have = await c.query<{ n: string }>(`SELECT count(*) AS n FROM customer_purchases WHERE note = $1`, [NOTE]);
  if (Number(have.rows[0].n) === 0) {
    await c.query(`
      CREATE TABLE IF NOT EXISTS bench_seeded_tiers AS
        SELECT branch_id, id, tier FROM customers WHERE branch_id IN (${BENCH_BRANCHES});
      CREATE UNIQUE INDEX IF NOT EXISTS bench_seeded_tiers_key ON bench_seeded_tiers (branch_id, id)`);
    const branches = await c.query<{ id: string }>(BENCH_BRANCHES);
    for (const b of branches.rows) {
      await c.query(
        `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source, note)
         SELECT c.branch_id, gen_random_uuid(), c.id, current_date - ((h * 7 + k * 97) % 360),
           CASE WHEN h % 10 = 0 THEN 600000 WHEN h % 10 < 4 THEN 150000 ELSE 20000 END + h * 10, 'CNY', 'MANUAL', $2
         FROM customers c
           CROSS JOIN LATERAL (SELECT get_byte(uuid_send(c.id), 14) AS h) x
           CROSS JOIN LATERAL generate_series(1, x.h % 4) k
         WHERE c.branch_id = $1`,
        [b.id, NOTE],
      );
    }
    await c.query('VACUUM (ANALYZE) customer_purchases');
  }
  const r = await c.query<{ customers: string; purchases: string }>(
    `SELECT (SELECT count(*) FROM customers WHERE branch_id IN (${BENCH_BRANCHES})) AS customers,
       (SELECT count(*) FROM customer_purchases WHERE note = $1) AS purchases`,
    [NOTE],
  );
  return { customers: Number(r.rows[0].customers), purchases: Number(r.rows[0].purchases), ms: performance.now() - t0 };
}

/**
 * Back to the seeded tiers, the quarter's runs and their history and notices gone, last quarter's run kept (so the
 * worker's first scan opens this quarter's run of every branch and works through it). Returns how to watch and
 * time the worker's run from its own records.
 */
export async function resetTiering(c: pg.Client): Promise<{
  finished: () => Promise<{ n: number; at: Date }>;
  measure: (endAt: number) => Promise<{ rows: number; seconds: number; detail: string }>;
}> {
  await c.query(`UPDATE customers c SET tier = s.tier FROM bench_seeded_tiers s
    WHERE c.branch_id = s.branch_id AND c.id = s.id AND c.tier <> s.tier`);
  await c.query(`DELETE FROM customer_tier_changes WHERE reason = 'QUARTERLY'`);
  await c.query(`DELETE FROM notifications WHERE kind = 'CUSTOMER_TIER_CHANGED'`);
  await c.query(`DELETE FROM tiering_runs WHERE branch_id IN (SELECT id FROM branches WHERE organization_id = ${ORG})`);
  // Last quarter's runs, finished: a branch is not "seen for the first time", so this quarter's run does all the work.
  await c.query(
    `INSERT INTO tiering_runs (branch_id, quarter, started_at, finished_at)
     SELECT id, to_char((now() - interval '3 months') AT TIME ZONE time_zone, 'YYYY-"Q"Q'), now() - interval '3 months',
       now() - interval '3 months'
     FROM branches WHERE organization_id = ${ORG}`,
  );
  await c.query('VACUUM (ANALYZE) customers');
  const quarter = `to_char(now() AT TIME ZONE b.time_zone, 'YYYY-"Q"Q')`;
  const runs = `tiering_runs r JOIN branches b ON b.id = r.branch_id
    WHERE b.organization_id = ${ORG} AND b.kind = 'BRANCH' AND r.quarter = ${quarter}`;
  return {
    finished: async () => {
      const r = await c.query<{ n: string; at: Date }>(
        `SELECT count(*) AS n, clock_timestamp() AS at FROM ${runs} AND r.finished_at IS NOT NULL`,
      );
      return { n: Number(r.rows[0].n), at: r.rows[0].at };
    },
    measure: async (endAt: number) => {
      const r = await c.query<{ first: Date; customers: string; changed: string; notes: string }>(
        `SELECT min(r.started_at) AS first, sum(r.customers) AS customers,
           sum(r.changed) AS changed,
           (SELECT count(*) FROM notifications WHERE kind = 'CUSTOMER_TIER_CHANGED') AS notes
         FROM ${runs}`,
      );
      const x = r.rows[0];
      return {
        rows: Number(x.customers),
        seconds: (endAt - x.first.getTime()) / 1000,
        detail: `${Number(x.changed).toLocaleString('en')} tiers changed (history + owner notices: ${Number(x.notes).toLocaleString('en')})`,
      };
    },
  };
}

/**
 * The same work as one statement over every branch, through `pg`, rolled back: trailing-12-month sums, the
 * default thresholds, changed tiers updated with their next contact due date, history rows and owner notices.
 */
export async function retierFloor(c: pg.Client): Promise<{ rows: number; seconds: number; detail: string }> {
  await c.query('BEGIN');
  try {
    const t0 = performance.now();
    const r = await c.query<{ scanned: string; changed: string }>(
      `WITH batch AS (
         SELECT c.branch_id, c.id, c.tier, c.owner_id, c.name, coalesce(c.last_contact_at, c.created_at) AS since,
           b.time_zone, (now() AT TIME ZONE b.time_zone)::date AS today
         FROM customers c JOIN branches b ON b.id = c.branch_id
         WHERE b.organization_id = ${ORG} AND c.status = 'ACTIVE'
       ), sums AS (
         SELECT p.branch_id, p.customer_id, sum(p.amount) AS total
         FROM customer_purchases p JOIN branches b ON b.id = p.branch_id
         WHERE b.organization_id = ${ORG} AND p.purchased_on > ((now() AT TIME ZONE b.time_zone)::date - interval '1 year')
         GROUP BY 1, 2
       ), tiered AS (
         SELECT x.*, coalesce(s.total, 0) AS total,
           CASE WHEN coalesce(s.total, 0) > 1000000 THEN 'HIGH' WHEN coalesce(s.total, 0) > 200000 THEN 'MEDIUM'
                ELSE 'LOW' END AS to_tier
         FROM batch x LEFT JOIN sums s ON s.branch_id = x.branch_id AND s.customer_id = x.id
       ), changed AS (
         UPDATE customers c SET tier = t.to_tier, updated_at = now(),
           next_contact_due_at = (((t.since AT TIME ZONE t.time_zone)::date
             + CASE t.to_tier WHEN 'HIGH' THEN 7 WHEN 'MEDIUM' THEN 15 ELSE 30 END + 1)::timestamp AT TIME ZONE t.time_zone)
         FROM tiered t WHERE c.branch_id = t.branch_id AND c.id = t.id AND c.tier <> t.to_tier
         RETURNING c.branch_id, c.id, c.owner_id, c.name, t.tier AS from_tier, t.to_tier, t.total
       ), history AS (
         INSERT INTO customer_tier_changes (branch_id, id, customer_id, from_tier, to_tier, reason, trailing_total, period)
         SELECT branch_id, gen_random_uuid(), id, from_tier, to_tier, 'QUARTERLY', total, '2000-Q1' FROM changed
         RETURNING branch_id, id, customer_id
       ), notes AS (
         INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
         SELECT c.branch_id, gen_random_uuid(), c.owner_id, 'CUSTOMER_TIER_CHANGED',
           left(format('%s is now a %s tier customer (was %s)', c.name, c.to_tier, c.from_tier), 300),
           format('Purchases in the last 12 months: %s (quarterly re-tiering)', c.total),
           'customer', c.id, format('bench-floor-tier:%s:%s', c.id, h.id)
         FROM changed c JOIN history h ON h.branch_id = c.branch_id AND h.customer_id = c.id
       )
       SELECT (SELECT count(*) FROM batch) AS scanned, (SELECT count(*) FROM changed) AS changed`,
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      rows: Number(r.rows[0].scanned),
      seconds,
      detail: `${Number(r.rows[0].changed).toLocaleString('en')} tiers changed (history + owner notices; rolled back)`,
    };
  } finally {
    await c.query('ROLLBACK');
  }
}
