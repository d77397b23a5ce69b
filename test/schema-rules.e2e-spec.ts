import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createTestDatabase, ownerClient, testConfig } from '@app/testing';

/**
 * The tenancy rules of ARCHITECTURE.md, checked over the live catalog of a freshly migrated
 * database, so a new table (or a new grant) cannot forget them.
 */

/**
 * Public tables that carry a `branch_id` but are not branch rows. Each needs a reason, and the
 * runtime role must have no privilege at all on it (checked below).
 */
const PLATFORM_TABLES: Record<string, string> = {
  memberships:
    'platform table: who works in which branch; read only by the branches module as app_platform (login, membership lookup); the runtime role sees staff through the branch_directory view',
};

/** Public tables without `branch_id` that the runtime role may nevertheless touch (none so far). */
const RUNTIME_NON_TENANT_TABLES: Record<string, string> = {};

/** SECURITY DEFINER functions the runtime role may execute (they bypass RLS): each needs a reason. */
const RUNTIME_DEFINER_FUNCTIONS: Record<string, string> = {
  // ---- leads ----
  'lead_hidden_duplicates(uuid[],uuid[],text[],text[])':
    'tells a sales rep only that a colleague’s lead in a branch of their scope shares a phone or e-mail (no id, no data); nothing when own_only is off',
  // ---- end leads ----
  'session_check(uuid,uuid,integer,uuid[],uuid[])':
    'checks the signed-in person in the first statement of every transaction (exists in the token’s organization, not disabled, auth_version current, token branches real); answers true or raises 28000, returns no data',
  // ---- api ----
  'people_in_scope(uuid[],uuid[])':
    'names (display name, e-mail, role) the members of a branch in scope and of its own head office, for the people its rows point at; no one else',
  // ---- end api ----
};

/** Platform tables: walled by organization for the platform role (RLS on app.org_id). */
const PLATFORM_WALLED_TABLES = ['organizations', 'branches', 'users', 'memberships', 'refresh_tokens'];
const PLATFORM_ROLE = 'app_platform';

/** SECURITY DEFINER functions the platform role may execute (the only ways across organizations): each needs a reason. */
const PLATFORM_DEFINER_FUNCTIONS: Record<string, string> = {
  'login_accounts(text)':
    'login knows only an e-mail: the accounts with that e-mail (at most 5: id, organization, hash, disabled), so the password picks one; nothing else about them',
  'refresh_token_organization(text)':
    'a refresh only knows its token: the organization of the token’s user, which the refresh then runs walled to',
  'session_check(uuid,uuid,integer,uuid[],uuid[])': 'the same check as for the runtime role (me, branches, createUser)',
};

/** The organization wall of the platform tables, for `platformRole`; returns what is broken. */
async function checkPlatformRules(db: pg.Client, platformRole: string): Promise<Violation[]> {
  const v: Violation[] = [];
  const add = (object: string, rule: string, detail?: string) => v.push({ object, rule, detail });
  const tables = (
    await db.query<{
      name: string;
      rls: boolean;
      owns: boolean;
      policies: { name: string; permissive: boolean; qual: string | null; chk: string | null }[];
    }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, pg_has_role($1, c.relowner, 'MEMBER') AS owns,
              coalesce((SELECT json_agg(json_build_object('name', p.polname, 'permissive', p.polpermissive,
                        'qual', pg_get_expr(p.polqual, p.polrelid), 'chk', pg_get_expr(p.polwithcheck, p.polrelid)))
                        FROM pg_policy p WHERE p.polrelid = c.oid), '[]') AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname = ANY ($2)`,
      [platformRole, PLATFORM_WALLED_TABLES],
    )
  ).rows;
  for (const name of PLATFORM_WALLED_TABLES)
    if (!tables.some((t) => t.name === name)) add(name, 'platform table exists');
  for (const t of tables) {
    if (!t.rls) add(t.name, 'row level security enabled');
    if (t.owns) add(t.name, 'not owned by the platform role');
    if (!t.policies.some((p) => p.qual?.includes('app.org_id'))) add(t.name, 'a policy on app.org_id');
    for (const p of t.policies.filter((x) => x.permissive)) {
      const exprs = [p.qual, p.chk].filter((e): e is string => e !== null);
      if (exprs.length === 0 || exprs.some((e) => !e.includes('app.org_id'))) {
        add(t.name, 'every permissive policy limits rows to app.org_id', `policy ${p.name}`);
      }
    }
  }
  for (const f of (
    await db.query<{ name: string }>(
      `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.prosecdef AND has_function_privilege($1, p.oid, 'EXECUTE')`,
      [platformRole],
    )
  ).rows) {
    if (!(f.name in PLATFORM_DEFINER_FUNCTIONS)) add(f.name, 'no SECURITY DEFINER function for the platform role');
  }
  const role = (
    await db.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [platformRole],
    )
  ).rows[0];
  if (!role || role.rolsuper || role.rolbypassrls) add(platformRole, 'the platform role is no superuser, no BYPASSRLS');
  return v;
}

interface Violation {
  /** Table, view, function or role the rule is about. */
  object: string;
  rule: string;
  detail?: string;
}

interface TableRow {
  oid: number;
  name: string;
  kind: string;
  rls: boolean;
  force: boolean;
  owner: string;
  runtime_owns: boolean;
  runtime_any: boolean;
  runtime_truncate: boolean;
  runtime_trigger: boolean;
  runtime_select: boolean;
  has_branch_id: boolean;
  has_organization_id: boolean;
  security_barrier: boolean;
  view_def: string | null;
}

/** Every rule, for the given runtime role; returns what is broken (empty when all hold). */
async function checkSchemaRules(db: pg.Client, runtimeRole: string): Promise<Violation[]> {
  const v: Violation[] = [];
  const add = (object: string, rule: string, detail?: string) => v.push({ object, rule, detail });

  const tables = (
    await db.query<TableRow>(
      `SELECT c.oid::int AS oid, c.relname AS name, c.relkind AS kind, c.relrowsecurity AS rls,
              c.relforcerowsecurity AS force, c.relowner::regrole::text AS owner,
              pg_has_role($1, c.relowner, 'MEMBER') AS runtime_owns,
              has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') AS runtime_any,
              has_table_privilege($1, c.oid, 'TRUNCATE') AS runtime_truncate,
              has_table_privilege($1, c.oid, 'TRIGGER') AS runtime_trigger,
              has_table_privilege($1, c.oid, 'SELECT') AS runtime_select,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'branch_id'
                      AND a.attnum > 0 AND NOT a.attisdropped) AS has_branch_id,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id'
                      AND a.attnum > 0 AND NOT a.attisdropped) AS has_organization_id,
              coalesce('security_barrier=true' = ANY (c.reloptions), false) AS security_barrier,
              CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_def
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       ORDER BY c.relname`,
      [runtimeRole],
    )
  ).rows;
  const baseTables = tables.filter((t) => t.kind === 'r' || t.kind === 'p');
  const tenant = baseTables.filter((t) => t.has_branch_id && !(t.name in PLATFORM_TABLES));
  const tenantOids = new Set(tenant.map((t) => t.oid));
  // ---- fulfillment ----
  // Organization tables: rows of an organization (the catalogue head office keeps), no branch_id, open to the runtime role.
  const organization = baseTables.filter((t) => !t.has_branch_id && t.has_organization_id && t.runtime_any);
  const organizationOids = new Set(organization.map((t) => t.oid));
  // ---- end fulfillment ----

  const attnames = new Map<string, string>(); // `${oid}:${attnum}` -> name
  for (const r of (
    await db.query<{ oid: number; attnum: number; attname: string }>(
      `SELECT a.attrelid::int AS oid, a.attnum, a.attname FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped`,
    )
  ).rows) {
    attnames.set(`${r.oid}:${r.attnum}`, r.attname);
  }
  const col = (oid: number, attnum: number) => (attnum === 0 ? '<expression>' : attnames.get(`${oid}:${attnum}`));

  const policies = (
    await db.query<{
      oid: number;
      name: string;
      permissive: boolean;
      cmd: string;
      qual: string | null;
      chk: string | null;
    }>(
      `SELECT p.polrelid::int AS oid, p.polname AS name, p.polpermissive AS permissive, p.polcmd AS cmd,
              pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS chk
       FROM pg_policy p`,
    )
  ).rows;
  const indexes = (
    await db.query<{ oid: number; name: string; primary: boolean; unique: boolean; keys: number[] }>(
      `SELECT i.indrelid::int AS oid, ic.relname AS name, i.indisprimary AS primary, i.indisunique AS unique,
              (SELECT array_agg(k ORDER BY o) FROM unnest(i.indkey) WITH ORDINALITY u(k, o) WHERE o <= i.indnkeyatts)::int[] AS keys
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid`,
    )
  ).rows;
  const fks = (
    await db.query<{ oid: number; name: string; target: number; conkey: number[]; confkey: number[] }>(
      `SELECT conrelid::int AS oid, conname AS name, confrelid::int AS target, conkey::int[] AS conkey, confkey::int[] AS confkey
       FROM pg_constraint WHERE contype = 'f'`,
    )
  ).rows;

  const mentionsBranchSet = (expr: string | null) =>
    !!expr && expr.includes('app.branch_ids') && /\bbranch_id\b/.test(expr);

  for (const t of tenant) {
    if (!t.rls) add(t.name, 'row level security enabled');
    if (!t.force) add(t.name, 'row level security forced');
    const own = policies.filter((p) => p.oid === t.oid);
    if (!own.some((p) => mentionsBranchSet(p.qual) || mentionsBranchSet(p.chk))) {
      add(t.name, 'a policy on branch_id and app.branch_ids');
    }
    // Permissive policies are OR-ed: one that ignores the branch set opens the table.
    for (const p of own.filter((x) => x.permissive)) {
      const exprs = [p.qual, p.chk].filter((e): e is string => e !== null);
      if (exprs.length === 0 || exprs.some((e) => !mentionsBranchSet(e))) {
        add(t.name, 'every permissive policy limits rows to app.branch_ids', `policy ${p.name}`);
      }
    }
    const pk = indexes.find((i) => i.oid === t.oid && i.primary);
    if (!pk || col(t.oid, pk.keys[0]) !== 'branch_id') {
      add(t.name, 'primary key starts with branch_id', pk ? pk.name : 'no primary key');
    }
    for (const i of indexes.filter((x) => x.oid === t.oid && x.unique)) {
      if (!i.keys.some((k) => col(t.oid, k) === 'branch_id')) add(t.name, 'branch_id in every unique key', i.name);
    }
    for (const fk of fks.filter((f) => f.oid === t.oid && tenantOids.has(f.target))) {
      const paired = fk.conkey.some(
        (k, n) => col(t.oid, k) === 'branch_id' && col(fk.target, fk.confkey[n]) === 'branch_id',
      );
      if (!paired) add(t.name, 'branch_id in every foreign key to a tenant table', fk.name);
    }
    if (t.runtime_owns) add(t.name, 'not owned by the runtime role', `owner ${t.owner}`);
  }

  // ---- fulfillment ----
  const mentionsOrganizationScope = (expr: string | null) =>
    !!expr && expr.includes('scope_branches') && /\borganization_id\b/.test(expr);
  for (const t of organization) {
    if (!t.rls) add(t.name, 'row level security enabled');
    if (!t.force) add(t.name, 'row level security forced');
    const own = policies.filter((p) => p.oid === t.oid);
    if (!own.some((p) => mentionsOrganizationScope(p.qual) || mentionsOrganizationScope(p.chk))) {
      add(t.name, 'a policy on organization_id and the organizations in scope');
    }
    for (const p of own.filter((x) => x.permissive)) {
      const exprs = [p.qual, p.chk].filter((e): e is string => e !== null);
      if (exprs.length === 0 || exprs.some((e) => !mentionsOrganizationScope(e))) {
        add(t.name, 'every permissive policy limits rows to the organizations in scope', `policy ${p.name}`);
      }
    }
    const pk = indexes.find((i) => i.oid === t.oid && i.primary);
    if (!pk || col(t.oid, pk.keys[0]) !== 'organization_id') {
      add(t.name, 'primary key starts with organization_id', pk ? pk.name : 'no primary key');
    }
    for (const i of indexes.filter((x) => x.oid === t.oid && x.unique)) {
      if (!i.keys.some((k) => col(t.oid, k) === 'organization_id')) {
        add(t.name, 'organization_id in every unique key', i.name);
      }
    }
    if (t.runtime_owns) add(t.name, 'not owned by the runtime role', `owner ${t.owner}`);
  }
  // A plain foreign key is checked across the wall: one to an organization table pairs organization_id.
  for (const fk of fks.filter((f) => organizationOids.has(f.target))) {
    const paired = fk.conkey.some(
      (k, n) => col(fk.oid, k) === 'organization_id' && col(fk.target, fk.confkey[n]) === 'organization_id',
    );
    const from = baseTables.find((t) => t.oid === fk.oid)?.name ?? String(fk.oid);
    if (!paired) add(from, 'organization_id in every foreign key to an organization table', fk.name);
  }
  // ---- end fulfillment ----

  for (const t of baseTables) {
    if (t.runtime_truncate) add(t.name, 'no TRUNCATE for the runtime role');
    if (t.runtime_trigger) add(t.name, 'no TRIGGER for the runtime role');
    if (t.runtime_owns && !tenantOids.has(t.oid)) add(t.name, 'not owned by the runtime role', `owner ${t.owner}`);
    if (t.name in PLATFORM_TABLES && t.runtime_any) add(t.name, 'platform table closed to the runtime role');
    if (!t.has_branch_id && t.runtime_any && !organizationOids.has(t.oid) && !(t.name in RUNTIME_NON_TENANT_TABLES)) {
      add(t.name, 'runtime role touches only branch rows', 'a table without branch_id is granted to it');
    }
  }

  // A view runs with its owner's rights, so RLS does not guard it: it must filter by the branch set itself.
  for (const t of tables.filter((x) => x.kind !== 'r' && x.kind !== 'p' && x.runtime_select)) {
    if (!t.view_def?.includes('app.branch_ids')) add(t.name, 'a view for the runtime role filters by app.branch_ids');
    if (t.kind === 'v' && !t.security_barrier) add(t.name, 'a view for the runtime role is a security_barrier');
  }

  for (const f of (
    await db.query<{ name: string }>(
      `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.prosecdef AND has_function_privilege($1, p.oid, 'EXECUTE')`,
      [runtimeRole],
    )
  ).rows) {
    if (!(f.name in RUNTIME_DEFINER_FUNCTIONS)) add(f.name, 'no SECURITY DEFINER function for the runtime role');
  }

  const role = (
    await db.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [runtimeRole],
    )
  ).rows[0];
  if (!role) add(runtimeRole, 'the runtime role exists');
  else {
    if (role.rolsuper) add(runtimeRole, 'the runtime role is not a superuser');
    if (role.rolbypassrls) add(runtimeRole, 'the runtime role does not bypass RLS');
  }
  return v;
}

const show = (v: Violation[]) => v.map((x) => `${x.object}: ${x.rule}${x.detail ? ` (${x.detail})` : ''}`).join('\n');

describe('schema rules over the live catalog of a migrated database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  const runtimeRole = testConfig('postgres://localhost/x').runtimeRole;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('finds the tenant tables of the migrations (the checker is not looking at an empty schema)', async () => {
    const r = await owner.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'branch_id' AND NOT a.attisdropped)
       ORDER BY 1`,
    );
    const names = r.rows.map((x) => x.t).filter((t) => !(t in PLATFORM_TABLES));
    expect(names).toEqual(expect.arrayContaining(['customers', 'customer_contacts', 'contact_logs', 'notifications']));
    for (const t of Object.keys(PLATFORM_TABLES)) expect(r.rows.map((x) => x.t)).toContain(t);
  });

  // ---- fulfillment ----
  it('finds the organization tables of the migrations (rows of an organization, open to the runtime role)', async () => {
    const r = await owner.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND has_table_privilege($1, c.oid, 'SELECT')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
         AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'branch_id' AND NOT a.attisdropped)
       ORDER BY 1`,
      [runtimeRole],
    );
    expect(r.rows.map((x) => x.t)).toEqual(
      expect.arrayContaining(['products', 'vendors', 'vendor_contacts', 'vendor_products']),
    );
  });
  // ---- end fulfillment ----

  it('every tenant table, grant, view and function of the runtime role keeps the rules', async () => {
    const violations = await checkSchemaRules(owner, runtimeRole);
    if (violations.length) throw new Error(`tenancy rules broken:\n${show(violations)}`);
  });

  it('the platform tables keep their organization wall for the platform role, and it can fail', async () => {
    const violations = await checkPlatformRules(owner, PLATFORM_ROLE);
    if (violations.length) throw new Error(`platform wall broken:\n${show(violations)}`);
    await owner.query('BEGIN');
    try {
      await owner.query(`
        ALTER TABLE users DISABLE ROW LEVEL SECURITY;
        CREATE POLICY zz_open ON branches FOR SELECT USING (true);
        DROP POLICY org_wall ON refresh_tokens;
        CREATE FUNCTION zz_all_users() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM users';
        GRANT EXECUTE ON FUNCTION zz_all_users() TO ${PLATFORM_ROLE};
      `);
      const found = (await checkPlatformRules(owner, PLATFORM_ROLE)).map((x) => `${x.object}: ${x.rule}`);
      expect(found.sort()).toEqual(
        [
          'users: row level security enabled',
          'branches: every permissive policy limits rows to app.org_id',
          'refresh_tokens: a policy on app.org_id',
          'zz_all_users(): no SECURITY DEFINER function for the platform role',
        ].sort(),
      );
    } finally {
      await owner.query('ROLLBACK');
    }
  });

  it(`the runtime role ${runtimeRole} is no superuser, has no BYPASSRLS and owns nothing`, async () => {
    const r = await owner.query(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(r.oid, c.relowner, 'MEMBER')) AS owned
       FROM pg_roles r WHERE r.rolname = $1`,
      [runtimeRole],
    );
    expect(r.rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
  });

  it('the checker can fail: a scratch table breaking each rule is reported by name', async () => {
    const probeRole = `zz_rules_${randomBytes(4).toString('hex')}`;
    await owner.query('BEGIN');
    try {
      await owner.query(`
        CREATE TABLE zz_parent (id uuid PRIMARY KEY, branch_id uuid NOT NULL, code text UNIQUE);
        GRANT TRUNCATE, TRIGGER ON zz_parent TO ${runtimeRole};
        CREATE TABLE zz_child (
          branch_id uuid NOT NULL, id uuid NOT NULL, parent_id uuid REFERENCES zz_parent (id),
          PRIMARY KEY (branch_id, id)
        );
        ALTER TABLE zz_child ENABLE ROW LEVEL SECURITY;
        ALTER TABLE zz_child FORCE ROW LEVEL SECURITY;
        CREATE POLICY zz_tenant ON zz_child USING (branch_id = ANY (current_setting('app.branch_ids')::uuid[]));
        CREATE POLICY zz_open ON zz_child FOR SELECT USING (true);
        ALTER TABLE zz_child OWNER TO ${runtimeRole};
        CREATE TABLE zz_platform (id uuid PRIMARY KEY, secret text);
        GRANT SELECT ON zz_platform TO ${runtimeRole};
        CREATE VIEW zz_view AS SELECT id, code FROM zz_parent;
        GRANT SELECT ON zz_view TO ${runtimeRole};
        CREATE TABLE zz_catalog (organization_id uuid NOT NULL, id uuid PRIMARY KEY, code text UNIQUE);
        GRANT SELECT ON zz_catalog TO ${runtimeRole};
        CREATE TABLE zz_catalog_use (
          branch_id uuid NOT NULL, id uuid NOT NULL, catalog_id uuid REFERENCES zz_catalog (id),
          PRIMARY KEY (branch_id, id)
        );
        CREATE FUNCTION zz_definer() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM customers';
        CREATE ROLE ${probeRole} NOLOGIN SUPERUSER BYPASSRLS;
      `);
      const found = await checkSchemaRules(owner, runtimeRole);
      const keys = found.map((x) => `${x.object}: ${x.rule}`);
      expect(keys).toEqual(
        expect.arrayContaining([
          'zz_parent: row level security enabled',
          'zz_parent: row level security forced',
          'zz_parent: a policy on branch_id and app.branch_ids',
          'zz_parent: primary key starts with branch_id',
          'zz_parent: branch_id in every unique key',
          'zz_parent: no TRUNCATE for the runtime role',
          'zz_parent: no TRIGGER for the runtime role',
          'zz_child: every permissive policy limits rows to app.branch_ids',
          'zz_child: branch_id in every foreign key to a tenant table',
          'zz_child: not owned by the runtime role',
          'zz_platform: runtime role touches only branch rows',
          'zz_view: a view for the runtime role filters by app.branch_ids',
          'zz_view: a view for the runtime role is a security_barrier',
          'zz_definer(): no SECURITY DEFINER function for the runtime role',
          'zz_catalog: row level security enabled',
          'zz_catalog: row level security forced',
          'zz_catalog: a policy on organization_id and the organizations in scope',
          'zz_catalog: primary key starts with organization_id',
          'zz_catalog: organization_id in every unique key',
          'zz_catalog_use: organization_id in every foreign key to an organization table',
        ]),
      );
      // Each scratch object is named, and nothing of the real schema is (it passed above).
      expect(found.filter((x) => !x.object.startsWith('zz_'))).toEqual([]);
      expect(
        found.find((x) => x.rule === 'branch_id in every unique key' && x.detail === 'zz_parent_code_key'),
      ).toBeTruthy();
      expect(found.find((x) => x.detail === 'policy zz_open')).toBeTruthy();
      expect(found.find((x) => x.detail === 'policy zz_tenant')).toBeUndefined();

      const roleFound = await checkSchemaRules(owner, probeRole);
      expect(roleFound.map((x) => `${x.object}: ${x.rule}`)).toEqual(
        expect.arrayContaining([
          `${probeRole}: the runtime role is not a superuser`,
          `${probeRole}: the runtime role does not bypass RLS`,
          // a superuser is a member of every role, so it "owns" every tenant table too
          'customers: not owned by the runtime role',
        ]),
      );
      expect(await checkSchemaRules(owner, 'zz_no_such_role_anywhere').catch((e: Error) => e.message)).toMatch(
        /role "zz_no_such_role_anywhere" does not exist/,
      );
    } finally {
      await owner.query('ROLLBACK');
    }
    const left = await owner.query(
      `SELECT relname FROM pg_class WHERE relname LIKE 'zz\\_%' UNION ALL SELECT rolname FROM pg_roles WHERE rolname = $1`,
      [probeRole],
    );
    expect(left.rows).toEqual([]);
  });
});
