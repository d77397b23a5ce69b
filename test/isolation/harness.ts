/**
 * What every module's isolation cases share: the world the runner (test/isolation.e2e-spec.ts) builds once, and
 * the helpers the cases and checks use.
 *
 * How a module takes part (test/isolation/<module>.ts, registered in modules.ts):
 * - `export interface <Module>Slot` names the ids one slot (a sales rep's share of a branch) holds of the module;
 *   modules.ts joins them into `Slot`.
 * - `export const cases: Case[]`: every query and mutation of the module, each given an id of another branch,
 *   another organization or (for a sales rep) a colleague; the runner sends each one with a foreign id and with a
 *   random one and requires the same answer, nothing given away and nothing changed. The runner fails when an
 *   operation of the schema has no case (or is not listed, with its reason, in the runner's NOT_PROBED).
 * - `export const tables`: the tenant tables the module's seed fills in every branch of both organizations.
 * - `seedSlot(ctx, slot)` inserts the module's rows of one slot as the table owner and assigns its ids into the
 *   slot (modules run in the order of modules.ts and read what earlier ones seeded); `seedBranch(branchId)` adds
 *   rows every branch needs (settings) before the app starts; `seedWithApp()` seeds through services afterwards.
 * - `ownIds()`: the same operations on ids of one's own succeed (the probes are not vacuous). The runner calls
 *   them in the order of its OWN_IDS: later steps archive the customer and decide approvals earlier ones use.
 * - `beforeProbes()`, `afterProbes()`, `afterOwnIds()`, `sqlWall()` declare the module's own `it` blocks at that
 *   point of the run (jest runs them in declaration order; the world is the one state they share).
 * The world's bindings below are live (ES module exports): a module reads `api`, `owner`, `slots`, `tokens` as
 * the runner sets them.
 */
import { expect } from '@jest/globals';
import pg from 'pg';
import { gql, type GqlResponse, type TestApp, type TestOrg, type TestUser } from '@app/testing';
import type { Slot } from './modules.js';

export type { Slot } from './modules.js';

export type IdKind = keyof Slot;

export interface Case {
  name: string;
  /** Which id of the target slot the operation is given. */
  kind: IdKind;
  doc: string;
  vars?: (id: string, me: Actor) => Record<string, unknown>;
  /** The id goes into the X-Branch-Id header instead of a variable. */
  header?: boolean;
  /** Only run for these actors (by label). */
  only?: (me: Actor) => boolean;
  /** Naming a colleague of one's own branch is legitimate here: not probed with the colleague target. */
  colleagueAllowed?: boolean;
  /** The id is an organization row (the catalogue): visible to every branch of its organization, so only probed
   *  with targets of another organization. */
  orgLevel?: boolean;
}

export interface Actor {
  label: string;
  token: string;
  user: TestUser;
  headOffice: boolean;
  /** The actor's own slot: ids of their own for operations that take a second id. */
  own: Slot;
}

/** What a module's seed of one slot is given. */
export interface SeedContext {
  branch: string;
  u: TestUser;
  /** The slot's name, used in the seeded rows' names ("Alpha Rep One"). */
  name: string;
  /** The organization the branch belongs to. */
  orgId: string;
}

export type SlotName = 'A1' | 'A2' | 'B1' | 'X1';

// ---- the world (set by the runner) ----
export let db: { url: string; drop(): Promise<void> };
/** The tables' owner (a superuser client): seeds and checks, never the probes. */
export let owner: pg.Client;
export let api: TestApp;
export let org1: TestOrg;
export let org2: TestOrg;
export let runtimeRole: string;
/** Every public base table, for before/after snapshots. */
export let allTables: string[] = [];
/** Tenant tables from the live catalog: public tables with branch_id, less the platform ones. */
export let tenantTables: string[] = [];
export const tokens: Record<string, string> = {};
export const slots = {} as Record<SlotName, Slot>;
/** Every module's cases, in registry order. */
export const allCases: Case[] = [];

export function setDatabase(d: typeof db, o: pg.Client, orgs: [TestOrg, TestOrg]): void {
  db = d;
  owner = o;
  [org1, org2] = orgs;
}

export function setApp(a: TestApp, tables: { all: string[]; tenant: string[] }): void {
  api = a;
  runtimeRole = a.config.runtimeRole;
  allTables = tables.all;
  tenantTables = tables.tenant;
}

// ---- helpers ----
export const sorted = (...ids: string[]) => [...ids].sort();

/** Which organization a branch belongs to (organization rows are shared by its branches). */
export const orgOf = (branch: string) => ([org1.hq.id, org1.a.id, org1.b.id].includes(branch) ? 1 : 2);

/** The document of the case with this name. */
export const byName = (n: string): string => {
  const c = allCases.find((x) => x.name === n);
  if (!c) throw new Error(`no isolation case is named "${n}"`);
  return c.doc;
};

/** Sends an operation that must succeed; answers its data. */
export const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
  const r = await gql(api.url, doc, vars, { token });
  expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
  return r.body.data as Record<string, Record<string, unknown>>;
};

/**
 * Counts every row written to any table (and every TRUNCATE) from now on, in a sequence a trigger on each table
 * advances: the test database's instrument, not the product's. A sequence is not transactional, so a write rolled
 * back still counts: the counter can only say "nothing was written", which is what lets `snapshot` skip its work.
 */
export async function installWriteCounter(): Promise<void> {
  const tables = (
    await owner.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).rows.map((r) => r.t);
  await owner.query(`CREATE SEQUENCE isolation_writes;
    CREATE FUNCTION isolation_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
      AS $$ BEGIN PERFORM nextval('isolation_writes'); RETURN NULL; END $$;
    ${tables
      .map(
        (t) => `CREATE TRIGGER isolation_write AFTER INSERT OR UPDATE OR DELETE ON "${t}"
                  FOR EACH ROW EXECUTE FUNCTION isolation_write();
                CREATE TRIGGER isolation_truncate AFTER TRUNCATE ON "${t}"
                  FOR EACH STATEMENT EXECUTE FUNCTION isolation_write();`,
      )
      .join('\n')}`);
  counting = true;
}

/** Whether installWriteCounter ran (before it, every snapshot is taken in full). */
let counting = false;

/** The last digest taken, and the write counter when it was taken. */
let lastSnapshot: { writes: string; digest: Record<string, string> } | undefined;

/**
 * Every table's content as a row count and a digest of its rows (in one statement): any insert, update or
 * delete anywhere changes it, and comparing two snapshots stays cheap however many probes run. When no row was
 * written since the last digest (installWriteCounter), the last digest is the answer: the statement's planning
 * alone costs about a second on a loaded machine, and most probes write nothing.
 */
export async function snapshot(): Promise<Record<string, string>> {
  const writes = counting
    ? (await owner.query<{ n: string }>(`SELECT last_value || ':' || is_called AS n FROM isolation_writes`)).rows[0].n
    : null;
  if (writes !== null && lastSnapshot?.writes === writes) return lastSnapshot.digest;
  const sql = allTables
    .map(
      (t) =>
        `SELECT '${t}' AS t, (SELECT count(*) || ':' || coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '')
           FROM (SELECT to_jsonb(r)::text AS x FROM "${t}" r) s) AS digest`,
    )
    .join(' UNION ALL ');
  // Named: planned once (a statement without parameters keeps its generic plan), not on every probe.
  const r = await owner.query<{ t: string; digest: string }>({
    name: `isolation-snapshot-${allTables.length}`,
    text: sql,
  });
  const digest = Object.fromEntries(r.rows.map((x) => [x.t, x.digest]));
  if (writes !== null) lastSnapshot = { writes, digest };
  return digest;
}

const ALLOWED_DENIALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);

/** An answer that gives nothing away: a refusal, or nothing (null, empty list, count 0). */
export function expectNothingGiven(r: GqlResponse, label: string): void {
  const errors = r.body.errors ?? [];
  if (errors.length) {
    for (const e of errors) {
      const code = e.extensions?.code ?? 'none';
      expect({ label, code, denial: ALLOWED_DENIALS.has(code) }).toEqual({ label, code, denial: true });
    }
    return;
  }
  const values = Object.values(r.body.data ?? {});
  for (const v of values) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      expect({ label, list: v }).toEqual({ label, list: [] });
      continue;
    }
    const conn = v as { totalCount?: number; edges?: unknown[] };
    expect({ label, totalCount: conn.totalCount, edges: conn.edges }).toEqual({ label, totalCount: 0, edges: [] });
  }
}

/** An answer with the probed id replaced, to compare a foreign id's answer with an unknown id's. */
export function normalize(r: GqlResponse, id: string) {
  return {
    status: r.status,
    sqlStatements: r.headers.get('x-sql-statements'),
    body: JSON.parse(r.text.split(id).join('<id>')) as unknown,
  };
}

// ---- the SQL wall, as the runtime role ----
/** The runtime role's connection of the SQL-wall checks (opened by the runner). */
export let rt: pg.Client;

/**
 * Connects the way the API's pool does: superuser login, session role = the runtime role. The first connection
 * becomes `rt`, the one the SQL-wall checks share; `shared: false` opens a fresh one the caller closes.
 */
export async function openRuntimeClient(shared = true): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url, options: `-c role=${runtimeRole}` });
  await c.connect();
  if (shared) rt = c;
  return c;
}

/** Runs one statement in a savepoint; returns its row count or the SQLSTATE it failed with. */
export async function attempt(c: pg.Client, sql: string, params: unknown[] = []) {
  await c.query('SAVEPOINT probe');
  try {
    const r = await c.query(sql, params);
    await c.query('RELEASE SAVEPOINT probe');
    return { rows: r.rows as Record<string, unknown>[], count: r.rowCount ?? 0, code: undefined };
  } catch (e) {
    await c.query('ROLLBACK TO SAVEPOINT probe');
    return { rows: [], count: 0, code: (e as { code?: string }).code ?? 'error' };
  }
}

/** Opens a transaction with the settings Database.begin() sends for a tenant transaction. */
export async function scope(
  c: pg.Client,
  branches: string[],
  extra: { userId?: string; ownOnly?: boolean } = {},
): Promise<void> {
  const parts = [`set_config('app.branch_ids', $1, true)`];
  const params: unknown[] = [`{${branches.join(',')}}`];
  if (extra.userId) {
    params.push(extra.userId);
    parts.push(`set_config('app.user_id', $${params.length}, true)`);
  }
  if (extra.ownOnly) parts.push(`set_config('app.own_only', 'on', true)`);
  await c.query('BEGIN');
  await c.query(`SELECT ${parts.join(', ')}`, params);
}

/** The runtime role's privileges on a table. */
export const privileges = async (t: string) =>
  (
    await owner.query<{ s: boolean; i: boolean; u: boolean; d: boolean }>(
      `SELECT has_table_privilege($1, $2, 'SELECT') AS s, has_table_privilege($1, $2, 'INSERT') AS i,
              has_table_privilege($1, $2, 'UPDATE') AS u, has_table_privilege($1, $2, 'DELETE') AS d`,
      [runtimeRole, `public."${t}"`],
    )
  ).rows[0];
