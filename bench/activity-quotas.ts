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
  const repsNow = async () =>
    Number(
      (
        await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM memberships WHERE role = 'SALES_REP' AND branch_id = ANY($1)`,
          [branchIds],
        )
      ).rows[0].n,
    );
  const activity = await c.query<{ n: string }>(`SELECT count(*) AS n FROM quotes WHERE notes = $1`, [TAG]);
  if ((await repsNow()) !== branchIds.length * reps || Number(activity.rows[0].n) === 0) {
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
      // The customers part's reps stay; more join until every branch has `reps` of them.
      const more = `FROM branches b
        CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM memberships m WHERE m.branch_id = b.id AND m.role = 'SALES_REP') k
        CROSS JOIN LATERAL generate_series(1, $2::int - k.n) s
        WHERE b.id = ANY($1::uuid[])`;
      await c.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash)
         SELECT ${REP_ID('b.code', 's::text')}, b.organization_id, 'arep' || s || '.' || lower(b.code) || '@bench.example',
           'Activity rep ' || s || ' ' || b.code, $3 ${more}`,
        [branchIds, reps, hash],
      );
      await c.query(
        `INSERT INTO memberships (id, user_id, branch_id, role)
         SELECT md5('bench:activity-membership:' || b.code || ':' || s)::uuid, ${REP_ID('b.code', 's::text')}, b.id,
           'SALES_REP' ${more}`,
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
         FROM memberships m
           CROSS JOIN generate_series(0, $2::int - 1) w CROSS JOIN generate_series(1, 11) k
           CROSS JOIN LATERAL (SELECT date_trunc('week', now()) - w * interval '7 days'
             + ((k % 5) * interval '1 day') + interval '2 hours' + (k * interval '13 minutes') AS at) t
         WHERE m.branch_id = $1 AND m.role = 'SALES_REP' AND t.at <= now()`,
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
         FROM memberships m
           CROSS JOIN cust CROSS JOIN generate_series(0, $2::int - 1) w
           CROSS JOIN LATERAL generate_series(1, 8 + (get_byte(uuid_send(m.user_id), 3) + w) % 5) k
           CROSS JOIN LATERAL (SELECT date_trunc('week', now()) - w * interval '7 days'
             + ((k % 5) * interval '1 day') + interval '3 hours' + (k * interval '7 minutes') AS at) t
         WHERE m.branch_id = $1 AND m.role = 'SALES_REP' AND t.at <= now()`,
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
    reps: await repsNow(),
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

/** The periods the dashboard asks about: last (full) ISO week and this month, in the bench branches' time zone. */
export interface QuotaPeriods {
  week: string;
  weekStart: string;
  weekEnd: string;
  month: string;
  monthStart: string;
  monthEnd: string;
}

export async function quotaPeriods(c: pg.Client): Promise<QuotaPeriods> {
  const r = await c.query<QuotaPeriods>(
    `WITH d AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS today)
     SELECT to_char(today - 7, 'IYYY-"W"IW') AS week,
       (date_trunc('week', today - 7))::date::text AS "weekStart", (date_trunc('week', today))::date::text AS "weekEnd",
       to_char(today, 'YYYY-MM') AS month, (date_trunc('month', today))::date::text AS "monthStart",
       (date_trunc('month', today) + interval '1 month')::date::text AS "monthEnd"
     FROM d`,
  );
  return r.rows[0];
}

interface Metric {
  metric: string;
  actual: number;
  target: number;
  repsOnTarget?: number;
  attained?: boolean;
}

const byMetric = (ms: Metric[], name: string) => ms.find((m) => m.metric === name);

/** The figures one branch's (one rep's) metrics give, as one comparable string. */
const figures = (ms: Metric[], names: string[], on: (m: Metric) => string) =>
  names
    .map((n) => {
      const m = byMetric(ms, n);
      return m ? `${m.actual}/${m.target}/${on(m)}` : '-';
    })
    .join(':');

/**
 * Per rep and metric, hand-written: the reps of the branches, their counts in the period (an index range per
 * branch and metric), the branch's target (settings or the default). `$1` branches, `$2`/`$3` the period's days.
 */
const PER_REP_WEEK = `WITH b AS MATERIALIZED (
    SELECT id AS branch_id, $2::date::timestamp AT TIME ZONE time_zone AS lo, $3::date::timestamp AT TIME ZONE time_zone AS hi
    FROM branches WHERE id = ANY($1::uuid[]) AND kind = 'BRANCH'),
  l AS (SELECT l.branch_id, l.owner_id, count(*)::int AS n FROM b
        JOIN leads l ON l.branch_id = b.branch_id AND l.valid AND l.created_at >= b.lo AND l.created_at < b.hi GROUP BY 1, 2),
  q AS (SELECT q.branch_id, q.owner_id, count(*)::int AS n FROM b
        JOIN quotes q ON q.branch_id = b.branch_id AND q.sent_at >= b.lo AND q.sent_at < b.hi GROUP BY 1, 2),
  per AS (
    SELECT m.branch_id, m.user_id, coalesce(l.n, 0) AS leads, coalesce(q.n, 0) AS quotes,
      coalesce(s.valid_leads_per_week, 10) AS leads_target, coalesce(s.proposals_per_week, 10) AS quotes_target
    FROM memberships m JOIN b ON b.branch_id = m.branch_id
      LEFT JOIN activity_quota_settings s ON s.branch_id = m.branch_id
      LEFT JOIN l ON l.branch_id = m.branch_id AND l.owner_id = m.user_id
      LEFT JOIN q ON q.branch_id = m.branch_id AND q.owner_id = m.user_id
    WHERE m.role = 'SALES_REP')`;

export function quotaQueries(p: QuotaPeriods): QuotaQuery[] {
  return [
    {
      key: 'branch-week',
      label: `branchAttainment(period: "${p.week}") across the branches (valid leads, proposals sent)`,
      graphql: `query BenchBranchAttainment {
  branchAttainment(period: "${p.week}") { branchId period reps metrics { metric actual target repsOnTarget percent } }
}`,
      raw: `${PER_REP_WEEK}
  SELECT b.branch_id, count(per.user_id)::int AS reps, coalesce(sum(per.leads), 0)::int AS leads,
    coalesce(sum(per.leads_target), 0)::int AS leads_target, count(*) FILTER (WHERE per.leads >= per.leads_target)::int AS leads_on,
    coalesce(sum(per.quotes), 0)::int AS quotes, coalesce(sum(per.quotes_target), 0)::int AS quotes_target,
    count(*) FILTER (WHERE per.quotes >= per.quotes_target)::int AS quotes_on
  FROM b LEFT JOIN per ON per.branch_id = b.branch_id GROUP BY b.branch_id ORDER BY b.branch_id`,
      params: (branchIds) => [branchIds, p.weekStart, p.weekEnd],
      fromGraphql: (d) =>
        (d as { branchAttainment: { branchId: string; reps: number; metrics: Metric[] }[] }).branchAttainment.map(
          (x) =>
            `${x.branchId}:${x.reps}:${figures(x.metrics, ['VALID_LEADS', 'PROPOSALS_SENT'], (m) => String(m.repsOnTarget))}`,
        ),
      fromRaw: (rows) =>
        rows.map(
          (r) =>
            `${String(r.branch_id)}:${String(r.reps)}:${String(r.leads)}/${String(r.leads_target)}/${String(r.leads_on)}:` +
            `${String(r.quotes)}/${String(r.quotes_target)}/${String(r.quotes_on)}`,
        ),
    },
    {
      key: 'rep-week',
      label: `repAttainment(period: "${p.week}", first: 50): the first page of the reps of every branch, with names`,
      graphql: `query BenchRepAttainment {
  repAttainment(period: "${p.week}", first: 50) {
    edges { node { branchId userId rep { displayName } metrics { metric actual target attained percent } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      raw: `WITH b AS MATERIALIZED (
    SELECT id AS branch_id, $2::date::timestamp AT TIME ZONE time_zone AS lo, $3::date::timestamp AT TIME ZONE time_zone AS hi
    FROM branches WHERE id = ANY($1::uuid[]) AND kind = 'BRANCH'),
  page AS (
    SELECT m.branch_id, m.user_id, u.display_name, b.lo, b.hi
    FROM memberships m JOIN b ON b.branch_id = m.branch_id JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
    WHERE m.role = 'SALES_REP' ORDER BY m.branch_id, m.user_id LIMIT 51)
  SELECT page.branch_id, page.user_id, page.display_name,
    (SELECT count(*)::int FROM leads l WHERE l.branch_id = page.branch_id AND l.valid
       AND l.created_at >= page.lo AND l.created_at < page.hi AND l.owner_id = page.user_id) AS leads,
    (SELECT count(*)::int FROM quotes q WHERE q.branch_id = page.branch_id
       AND q.sent_at >= page.lo AND q.sent_at < page.hi AND q.owner_id = page.user_id) AS quotes,
    coalesce(s.valid_leads_per_week, 10) AS leads_target, coalesce(s.proposals_per_week, 10) AS quotes_target
  FROM page LEFT JOIN activity_quota_settings s ON s.branch_id = page.branch_id
  ORDER BY page.branch_id, page.user_id`,
      params: (branchIds) => [branchIds, p.weekStart, p.weekEnd],
      fromGraphql: (d) => {
        const page = (
          d as {
            repAttainment: {
              edges: { node: { branchId: string; userId: string; rep: { displayName: string }; metrics: Metric[] } }[];
              pageInfo: { hasNextPage: boolean };
            };
          }
        ).repAttainment;
        return [
          `hasNextPage:${page.pageInfo.hasNextPage}`,
          ...page.edges.map(
            ({ node: x }) =>
              `${x.branchId}:${x.userId}:${x.rep.displayName}:` +
              figures(x.metrics, ['VALID_LEADS', 'PROPOSALS_SENT'], (m) => String(m.attained)),
          ),
        ];
      },
      fromRaw: (rows) => [
        `hasNextPage:${rows.length > 50}`,
        ...rows
          .slice(0, 50)
          .map(
            (r) =>
              `${String(r.branch_id)}:${String(r.user_id)}:${String(r.display_name)}:` +
              `${String(r.leads)}/${String(r.leads_target)}/${String(Number(r.leads) >= Number(r.leads_target))}:` +
              `${String(r.quotes)}/${String(r.quotes_target)}/${String(Number(r.quotes) >= Number(r.quotes_target))}`,
          ),
      ],
    },
    {
      key: 'branch-month',
      label: `branchAttainment(period: "${p.month}") across the branches (effective visits)`,
      graphql: `query BenchBranchVisits {
  branchAttainment(period: "${p.month}") { branchId period reps metrics { metric actual target repsOnTarget percent } }
}`,
      raw: `WITH b AS (SELECT id AS branch_id FROM branches WHERE id = ANY($1::uuid[]) AND kind = 'BRANCH'),
  v AS (SELECT v.branch_id, v.owner_id, count(*)::int AS n FROM b JOIN visits v ON v.branch_id = b.branch_id
        AND v.effective AND v.visited_on >= $2::date AND v.visited_on < $3::date GROUP BY 1, 2),
  per AS (
    SELECT m.branch_id, m.user_id, coalesce(v.n, 0) AS visits, coalesce(s.effective_visits_per_month, 6) AS target
    FROM memberships m JOIN b ON b.branch_id = m.branch_id
      LEFT JOIN activity_quota_settings s ON s.branch_id = m.branch_id
      LEFT JOIN v ON v.branch_id = m.branch_id AND v.owner_id = m.user_id
    WHERE m.role = 'SALES_REP')
  SELECT b.branch_id, count(per.user_id)::int AS reps, coalesce(sum(per.visits), 0)::int AS visits,
    coalesce(sum(per.target), 0)::int AS target, count(*) FILTER (WHERE per.visits >= per.target)::int AS on_target
  FROM b LEFT JOIN per ON per.branch_id = b.branch_id GROUP BY b.branch_id ORDER BY b.branch_id`,
      params: (branchIds) => [branchIds, p.monthStart, p.monthEnd],
      fromGraphql: (d) =>
        (d as { branchAttainment: { branchId: string; reps: number; metrics: Metric[] }[] }).branchAttainment.map(
          (x) => `${x.branchId}:${x.reps}:${figures(x.metrics, ['EFFECTIVE_VISITS'], (m) => String(m.repsOnTarget))}`,
        ),
      fromRaw: (rows) =>
        rows.map(
          (r) =>
            `${String(r.branch_id)}:${String(r.reps)}:${String(r.visits)}/${String(r.target)}/${String(r.on_target)}`,
        ),
    },
  ];
}
