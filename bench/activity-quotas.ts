import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface QuotaSeed {
  branches: number;
  repsPerBranch: number;
  reps: number;
  weeks: number;
  leads: number;
  validLeads: number;
  quotes: number;
  visits: number;
  effectiveVisits: number;
  ms: number;
}

/** Weeks of activity behind each rep: the current quarter and then some. */
const WEEKS = 14;
const TAG = 'bench-activity';
const REP_ID = (b: string, s: string) => `md5('bench:activity-rep:' || ${b} || ':' || ${s})::uuid`;

/**
 * `reps` sales reps per branch of their own (the customers part keeps its staff), each with ~WEEKS weeks of
 * activity around the targets: about 11 leads a week (a fifth of them not valid: a switchboard number only),
 * 8 to 12 quotes sent a week, and 1 or 2 visits a week, most of them effective (asked for by the customer after a
 * quote). Written once; a later run at the same scale reuses them.
 */
export async function seedQuotaActivity(c: pg.Client, branchIds: string[], reps: number): Promise<QuotaSeed> {
  const t0 = performance.now();
  const have = await c.query<{ n: string }>(
    `SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email LIKE 'arep%@bench.example'`,
  );
  if (Number(have.rows[0].n) !== branchIds.length * reps) {
    await c.query('BEGIN');
    try {
      await c.query(`DELETE FROM visits WHERE purpose = $1`, [TAG]);
      await c.query(`DELETE FROM quotes WHERE notes = $1`, [TAG]);
      await c.query(`DELETE FROM lead_events WHERE note = $1`, [TAG]);
      await c.query(`DELETE FROM leads WHERE company LIKE 'Bench lead %'`);
      await c.query(
        `DELETE FROM memberships WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'arep%@bench.example')`,
      );
      await c.query(`DELETE FROM users WHERE email LIKE 'arep%@bench.example'`);
      const hash = (
        await c.query<{ h: string }>(`SELECT password_hash AS h FROM users WHERE email = 'admin@bench.example'`)
      ).rows[0].h;
      await c.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash)
         SELECT ${REP_ID('b.code', 's::text')}, b.organization_id, 'arep' || s || '.' || lower(b.code) || '@bench.example',
           'Activity rep ' || s || ' ' || b.code, $3
         FROM branches b, generate_series(1, $2::int) s WHERE b.id = ANY($1::uuid[])`,
        [branchIds, reps, hash],
      );
      await c.query(
        `INSERT INTO memberships (id, user_id, branch_id, role)
         SELECT md5('bench:activity-membership:' || b.code || ':' || s)::uuid, ${REP_ID('b.code', 's::text')}, b.id, 'SALES_REP'
         FROM branches b, generate_series(1, $2::int) s WHERE b.id = ANY($1::uuid[])`,
        [branchIds, reps],
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
    for (const branchId of branchIds) {
      await c.query('BEGIN');
      // Leads: 11 a week per rep, created during the working day; every fifth names only a switchboard.
      await c.query(
        `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, mobile_key, switchboard,
           switchboard_key, owner_id, created_by, created_at, updated_at)
         SELECT m.branch_id, gen_random_uuid(), 'WEB', 'Bench lead ' || m.user_id || ' ' || w || '-' || k,
           'Buyer ' || k, 'MANAGER',
           CASE WHEN k % 5 <> 0 THEN '+86 139 ' || lpad((w * 100 + k)::text, 8, '0') END,
           CASE WHEN k % 5 <> 0 THEN '86139' || lpad((w * 100 + k)::text, 8, '0') END,
           CASE WHEN k % 5 = 0 THEN '+86 10 ' || lpad((w * 100 + k)::text, 8, '0') END,
           CASE WHEN k % 5 = 0 THEN '8610' || lpad((w * 100 + k)::text, 8, '0') END,
           m.user_id, m.user_id, t.at, t.at
         FROM memberships m JOIN users u ON u.id = m.user_id AND u.email LIKE 'arep%'
           CROSS JOIN generate_series(0, $2::int - 1) w CROSS JOIN generate_series(1, 11) k
           CROSS JOIN LATERAL (SELECT date_trunc('week', now()) - w * interval '7 days'
             + ((k % 5) * interval '1 day') + interval '2 hours' + (k * interval '13 minutes') AS at) t
         WHERE m.branch_id = $1 AND t.at <= now()`,
        [branchId, WEEKS],
      );
      // Quotes sent: 8 to 12 a week per rep, to customers of the branch.
      await c.query(
        `WITH cust AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM customers WHERE branch_id = $1 LIMIT 500) x)
         INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, state, notes, sent_at,
           created_by, created_at, updated_at)
         SELECT m.branch_id, gen_random_uuid(), cust.ids[1 + (w * 31 + k * 7 + length(m.user_id::text)) % cardinality(cust.ids)],
           m.user_id, 'Bench proposal ' || w || '-' || k, 'CNY', (t.at + interval '30 days')::date, 'DECLINED', $3,
           t.at, m.user_id, t.at - interval '1 hour', t.at
         FROM memberships m JOIN users u ON u.id = m.user_id AND u.email LIKE 'arep%'
           CROSS JOIN cust CROSS JOIN generate_series(0, $2::int - 1) w
           CROSS JOIN LATERAL generate_series(1, 8 + (get_byte(uuid_send(m.user_id), 3) + w) % 5) k
           CROSS JOIN LATERAL (SELECT date_trunc('week', now()) - w * interval '7 days'
             + ((k % 5) * interval '1 day') + interval '3 hours' + (k * interval '7 minutes') AS at) t
         WHERE m.branch_id = $1 AND t.at <= now()`,
        [branchId, WEEKS, TAG],
      );
      // Visits: 1 or 2 a week per rep, DONE; three in four asked for by the customer after one of the rep's quotes.
      await c.query(
        `INSERT INTO visits (branch_id, id, customer_id, owner_id, planned_on, purpose, state, requested_by_customer,
           quote_id, visited_on, report_summary, reported_at, reported_by, quote_sent_on, effective, created_by,
           created_at, updated_at)
         SELECT q.branch_id, gen_random_uuid(), q.customer_id, q.owner_id, v.day, $2, 'DONE', v.asked,
           CASE WHEN v.asked THEN q.id END, v.day, 'Visited', now(), q.owner_id,
           CASE WHEN v.asked THEN (q.sent_at AT TIME ZONE b.time_zone)::date END, v.asked, q.owner_id, q.sent_at, q.sent_at
         FROM (SELECT q.*, row_number() OVER (PARTITION BY q.owner_id ORDER BY q.sent_at) AS n
               FROM quotes q WHERE q.branch_id = $1 AND q.notes = $2) q
           JOIN branches b ON b.id = q.branch_id
           CROSS JOIN LATERAL (SELECT (q.sent_at AT TIME ZONE b.time_zone)::date + 2 AS day, q.n % 4 <> 0 AS asked) v
         WHERE q.n % 7 IN (0, 3) AND v.day <= (now() AT TIME ZONE b.time_zone)::date`,
        [branchId, TAG],
      );
      await c.query('COMMIT');
    }
    await c.query('VACUUM (ANALYZE) users, memberships, leads, quotes, visits');
  }
  const r = await c.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM leads WHERE company LIKE 'Bench lead %') AS leads,
       (SELECT count(*) FROM leads WHERE company LIKE 'Bench lead %' AND valid) AS valid,
       (SELECT count(*) FROM quotes WHERE notes = $1) AS quotes,
       (SELECT count(*) FROM visits WHERE purpose = $1) AS visits,
       (SELECT count(*) FROM visits WHERE purpose = $1 AND effective) AS effective`,
    [TAG],
  );
  const x = r.rows[0];
  return {
    branches: branchIds.length,
    repsPerBranch: reps,
    reps: branchIds.length * reps,
    weeks: WEEKS,
    leads: Number(x.leads),
    validLeads: Number(x.valid),
    quotes: Number(x.quotes),
    visits: Number(x.visits),
    effectiveVisits: Number(x.effective),
    ms: performance.now() - t0,
  };
}

/** A head-office query of the quota dashboard: the GraphQL operation and the equivalent hand-written statement. */
export interface QuotaQuery {
  key: string;
  label: string;
  graphql: string;
  raw: string;
  params: (branchIds: string[], userId: string) => unknown[];
  /** The figures from each side, in order, to prove both read the same. */
  fromGraphql: (data: unknown) => string[];
  fromRaw: (rows: Record<string, unknown>[]) => string[];
}

export const QUOTA_QUERIES: QuotaQuery[] = [];
