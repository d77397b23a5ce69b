import { performance } from 'node:perf_hooks';
import pg from 'pg';
import argon2 from 'argon2';
import { ensureDatabase, redactUrl, runMigrations } from '@app/core';
import { migrations } from '../migrations/index.js';
import type { BenchConfig } from './config.js';

export const BENCH_PASSWORD = 'bench-pass-2026';
export const BYPASS_ROLE = 'app_runtime_bypass';
const SEED_VERSION = 'v2';

export interface BenchData {
  branchIds: string[];
  hqBranchId: string;
  /** The branch the measured manager works in. */
  managerBranchId: string;
  managerEmail: string;
  hqEmail: string;
  seededNow: boolean;
  seedSeconds: number;
  customers: number;
  contacts: number;
}

/** Ids derived from names in SQL and JS alike: md5 of a label, read as a uuid. */
const BRANCH_ID = (b: string) => `md5('bench:branch:' || ${b})::uuid`;
const USER_ID = (b: string, s: string) => `md5('bench:user:' || ${b} || ':' || ${s})::uuid`;
const code = (b: number) => `B${String(b).padStart(3, '0')}`;

/**
 * What the seeded database holds. It names the newest migration too: a schema change reseeds (about a minute and
 * a half at full scale) rather than rewriting a million rows in place and measuring on stale statistics.
 */
function marker(c: BenchConfig): string {
  const schema = `${migrations.length}:${migrations.at(-1)?.name ?? 'none'}`;
  return `commerce-bench ${SEED_VERSION} branches=${c.branches} customers=${c.customersPerBranch} staff=${c.staffPerBranch} schema=${schema}`;
}

/** The database named by a connection URL. */
export function dbName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server's maintenance database (to create or inspect the named one). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** One client for the length of `fn`, always closed. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function currentMarker(url: string): Promise<string | null> {
  return withClient(adminUrl(url), async (c) => {
    const r = await c.query<{ m: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS m FROM pg_database WHERE datname = $1`,
      [dbName(url)],
    );
    return r.rows[0]?.m ?? null;
  });
}

async function dropDatabase(url: string): Promise<void> {
  const name = dbName(url);
  // The bench drops and rebuilds its database when the scale changes: never anything that is not a bench database.
  if (!/bench/i.test(name) || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new Error(
      `Refusing to drop "${name}" to reseed it: BENCH_DATABASE_URL must name a database whose name contains "bench"`,
    );
  }
  await withClient(adminUrl(url), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The BYPASSRLS twin of app_runtime: same privileges (inherited), but row-level security does not apply. */
export async function ensureBypassRole(c: pg.Client): Promise<void> {
  await c.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${BYPASS_ROLE}') THEN
        CREATE ROLE ${BYPASS_ROLE} NOLOGIN NOSUPERUSER BYPASSRLS INHERIT;
      END IF;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END $$`);
  await c.query(`GRANT app_runtime TO ${BYPASS_ROLE}`);
}

async function seed(c: pg.Client, cfg: BenchConfig, log: (s: string) => void): Promise<void> {
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
  const orgId = (await c.query<{ id: string }>(`SELECT md5('bench:org')::uuid AS id`)).rows[0].id;
  await c.query('BEGIN');
  await c.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Bench Trading Co.')`, [orgId]);
  // Branch 0 is the head office; 1..N are the tenants.
  await c.query(
    `INSERT INTO branches (id, organization_id, code, name, kind)
     SELECT ${BRANCH_ID('b')}, $1::uuid,
       CASE WHEN b = 0 THEN 'HQ' ELSE 'B' || lpad(b::text, 3, '0') END,
       CASE WHEN b = 0 THEN 'Head Office' ELSE 'Branch ' || lpad(b::text, 3, '0') END,
       CASE WHEN b = 0 THEN 'HEAD_OFFICE' ELSE 'BRANCH' END
     FROM generate_series(0, $2::integer) b`,
    [orgId, cfg.branches],
  );
  await c.query(
    `INSERT INTO users (id, organization_id, email, display_name, password_hash)
     SELECT ${USER_ID('b', 's')}, $1::uuid,
       CASE WHEN s = 0 THEN 'manager' ELSE 'rep' || s END || '.b' || lpad(b::text, 3, '0') || '@bench.example',
       CASE WHEN s = 0 THEN 'Manager ' ELSE 'Rep ' || s || ' ' END || 'B' || lpad(b::text, 3, '0'), $3::text
     FROM generate_series(1, $2::integer) b, generate_series(0, $4::integer - 1) s
     UNION ALL SELECT ${USER_ID('0', '0')}, $1::uuid, 'admin@bench.example', 'Bench HQ Admin', $3::text`,
    [orgId, cfg.branches, hash, cfg.staffPerBranch],
  );
  await c.query(
    `INSERT INTO memberships (id, user_id, branch_id, role)
     SELECT md5('bench:membership:' || b || ':' || s)::uuid, ${USER_ID('b', 's')}, ${BRANCH_ID('b')},
       CASE WHEN s = 0 THEN 'BRANCH_MANAGER' ELSE 'SALES_REP' END
     FROM generate_series(1, $1::integer) b, generate_series(0, $2::integer - 1) s
     UNION ALL SELECT md5('bench:membership:0:0')::uuid, ${USER_ID('0', '0')}, ${BRANCH_ID('0')}, 'HQ_ADMIN'`,
    [cfg.branches, cfg.staffPerBranch],
  );
  await c.query('COMMIT');

  const started = performance.now();
  for (let b = 1; b <= cfg.branches; b++) {
    const branchId = (await c.query<{ id: string }>(`SELECT ${BRANCH_ID('$1::text')} AS id`, [String(b)])).rows[0].id;
    await c.query('BEGIN');
    // Set-based: one statement per branch. Customers interleave across branches in time (the HQ page mixes
    // them), 2% are archived (the default filter skips them), owners rotate over the branch's staff. Contacts
    // already due count as reminded (a running system's steady state), so a worker started on this database
    // (the approvals part) has no backlog of half a million contact reminders to work through first.
    await c.query(
      `WITH owners AS (SELECT array_agg(user_id ORDER BY user_id) AS ids FROM memberships WHERE branch_id = $1)
       INSERT INTO customers (branch_id, id, name, tier, status, industry, region, email, phone, address, owner_id,
         last_contact_at, next_contact_due_at, contact_reminded_due_at, created_at, updated_at, archived_at)
       SELECT $1::uuid, gen_random_uuid(), 'Customer ' || $2::text || '-' || lpad(i::text, 7, '0'),
         (ARRAY['HIGH', 'MEDIUM', 'LOW'])[1 + i % 3],
         CASE WHEN i % 50 = 0 THEN 'ARCHIVED' ELSE 'ACTIVE' END,
         (ARRAY['Manufacturing', 'Logistics', 'Healthcare', 'Retail', 'Construction'])[1 + i % 5],
         'Region ' || $2,
         'buyer' || i || '@' || lower($2) || '.customer.example',
         '+86 138 ' || lpad(i::text, 8, '0'),
         i || ' Bench Road, ' || $2,
         o.ids[1 + i % cardinality(o.ids)],
         t.created, d.due, CASE WHEN d.due <= now() THEN d.due END,
         t.created, t.created,
         CASE WHEN i % 50 = 0 THEN t.created + interval '10 days' END
       FROM owners o, generate_series(1, $3::integer) i,
         LATERAL (SELECT now() - ((i::bigint * $4 + $5) * interval '30 seconds') AS created) t,
         LATERAL (SELECT now() + ((i % 60) - 30) * interval '1 day' AS due) d`,
      [branchId, code(b), cfg.customersPerBranch, cfg.branches, b],
    );
    // About 1.25 contacts per customer: one primary, and a second for a quarter of them.
    await c.query(
      `INSERT INTO customer_contacts (branch_id, id, customer_id, name, title, phone, email, is_primary, created_at, updated_at)
       SELECT c.branch_id, gen_random_uuid(), c.id,
         CASE WHEN k = 1 THEN 'Buyer of ' ELSE 'Finance of ' END || c.name,
         CASE WHEN k = 1 THEN 'Purchasing Manager' ELSE 'Finance Manager' END,
         c.phone, 'contact' || k || '.' || c.email, k = 1, c.created_at, c.created_at
       FROM customers c
         CROSS JOIN LATERAL generate_series(1, CASE WHEN get_byte(uuid_send(c.id), 15) % 4 = 0 THEN 2 ELSE 1 END) k
       WHERE c.branch_id = $1`,
      [branchId],
    );
    await c.query('COMMIT');
    if (b === cfg.branches || b % 5 === 0) {
      const s = (performance.now() - started) / 1000;
      log(
        `  seeded ${b}/${cfg.branches} branches (${(b * cfg.customersPerBranch).toLocaleString('en')} customers, ${s.toFixed(0)} s)`,
      );
    }
  }
  log('  VACUUM ANALYZE');
  await c.query(
    'VACUUM (ANALYZE) organizations, branches, users, memberships, customers, customer_contacts, contact_logs',
  );
}

/** Creates, migrates and seeds the bench database, or reuses it when it already holds this scale. */
export async function prepareDatabase(cfg: BenchConfig, log: (s: string) => void): Promise<BenchData> {
  const url = cfg.databaseUrl;
  const wanted = marker(cfg);
  const started = performance.now();
  await ensureDatabase(url);
  let seededNow = false;
  const had = await currentMarker(url);
  if (had !== wanted) {
    log(`Seeding ${redactUrl(url)} (${had ? `it held "${had}"` : 'no bench data yet'}): ${wanted}`);
    await dropDatabase(url);
    await ensureDatabase(url);
    seededNow = true;
  }
  const applied = await runMigrations(url, migrations);
  if (applied.length) log(`Migrated: ${applied.join(', ')}`);
  const data = await withClient(url, async (c) => {
    await ensureBypassRole(c);
    if (seededNow) {
      await seed(c, cfg, log).catch(async (e: unknown) => {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      });
      await withClient(adminUrl(url), (a) => a.query(`COMMENT ON DATABASE "${dbName(url)}" IS '${wanted}'`));
    }
    const ids = await c.query<{ id: string; kind: string; code: string }>(
      `SELECT id, kind, code FROM branches WHERE organization_id = md5('bench:org')::uuid ORDER BY code`,
    );
    const counts = await c.query<{ customers: string; contacts: string }>(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM customer_contacts) AS contacts`,
    );
    return { ids: ids.rows, counts: counts.rows[0] };
  });
  const branches = data.ids.filter((r) => r.kind === 'BRANCH');
  const customers = Number(data.counts.customers);
  if (branches.length !== cfg.branches || customers !== cfg.branches * cfg.customersPerBranch) {
    throw new Error(
      `The bench database holds ${branches.length} branches and ${customers} customers, not the expected scale: drop it and run again`,
    );
  }
  return {
    branchIds: data.ids.map((r) => r.id),
    hqBranchId: data.ids.find((r) => r.kind === 'HEAD_OFFICE')!.id,
    managerBranchId: branches.find((r) => r.code === code(1))!.id,
    managerEmail: 'manager.b001@bench.example',
    hqEmail: 'admin@bench.example',
    seededNow,
    seedSeconds: (performance.now() - started) / 1000,
    customers,
    contacts: Number(data.counts.contacts),
  };
}

/**
 * Proves the two runtime roles behave as the comparison assumes: app_runtime sees nothing without a branch
 * set and only that branch with it; the bypass twin sees the branch without any setting.
 */
export async function checkWall(url: string, branchId: string): Promise<string> {
  return withClient(url, async (c) => {
    const count = async (role: string, setting: string | null) => {
      await c.query('BEGIN');
      try {
        await c.query(`SELECT set_config('role', $1, true)`, [role]);
        if (setting !== null) await c.query(`SELECT set_config('app.branch_ids', $1, true)`, [setting]);
        const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM customers');
        return Number(r.rows[0].n);
      } finally {
        await c.query('ROLLBACK');
      }
    };
    const none = await count('app_runtime', null);
    const own = await count('app_runtime', `{${branchId}}`);
    const bypass = await count(BYPASS_ROLE, null);
    if (none !== 0 || own === 0 || bypass <= own) {
      throw new Error(
        `RLS is not behaving as the benchmark assumes: app_runtime without a branch set sees ${none} customers, ` +
          `with one branch ${own}, ${BYPASS_ROLE} sees ${bypass}`,
      );
    }
    return `app_runtime sees 0 customers without a branch set and ${own} with one; ${BYPASS_ROLE} sees all ${bypass}`;
  });
}
