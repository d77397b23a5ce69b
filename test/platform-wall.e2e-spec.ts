import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
} from '@app/testing';

/**
 * The platform tables (organizations, branches, users, memberships, refresh tokens) behind a wall by
 * organization: at the SQL level as app_platform, the role the branches module reads them as (never as a
 * superuser), and through the operations that touch them.
 */

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

const CREATE_USER = `mutation($b: ID!, $e: String!, $p: String!) { createUser(input: { branchId: $b, email: $e,
  displayName: "New Person", password: $p, role: SALES_REP }) { id email memberships { branch { id } role } } }`;

describe('the platform wall by organization', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org1: TestOrg;
  let org2: TestOrg;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org1 = await createOrg(owner);
    org2 = await createOrg(owner);
    api = await startApp(testConfig(db.url));
    // Every user of both organizations holds a refresh token.
    for (const o of [org1, org2]) await login(api.url, o.users.repA.email, PASSWORD);
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  describe('SQL, as app_platform', () => {
    let platform: pg.Client;

    /** Connects as the API does (login user, then a non-owner role without BYPASSRLS). */
    beforeAll(async () => {
      platform = new pg.Client({ connectionString: db.url, options: '-c role=app_platform' });
      await platform.connect();
    });

    afterAll(async () => {
      await platform?.end();
    });

    /** Runs sql in a transaction with `org` as the organization in scope (none when undefined), rolled back. */
    async function inOrg<T>(org: string | undefined, fn: () => Promise<T>): Promise<T> {
      await platform.query('BEGIN');
      try {
        if (org) await platform.query(`SELECT set_config('app.org_id', $1, true)`, [org]);
        return await fn();
      } finally {
        await platform.query('ROLLBACK');
      }
    }

    const attempt = async (sql: string, params: unknown[] = []) => {
      await platform.query('SAVEPOINT s');
      try {
        const r = await platform.query(sql, params);
        await platform.query('RELEASE SAVEPOINT s');
        return { count: r.rowCount, rows: r.rows as Record<string, unknown>[] };
      } catch (e) {
        await platform.query('ROLLBACK TO SAVEPOINT s');
        return { code: (e as { code?: string }).code };
      }
    };

    it('is really a role without superuser, BYPASSRLS or ownership of the platform tables', async () => {
      const r = await platform.query<{ su: boolean; bypass: boolean; owns: boolean }>(
        `SELECT rolsuper AS su, rolbypassrls AS bypass,
                EXISTS (SELECT 1 FROM pg_class c WHERE c.relname IN ('users', 'branches', 'memberships')
                        AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(r.rows[0]).toEqual({ su: false, bypass: false, owns: false });
    });

    it('sees only the organization in scope, and nothing without one', async () => {
      const snapshot = async () => ({
        organizations: (await platform.query('SELECT id FROM organizations')).rows.map((r) => r.id as string),
        branches: (await platform.query('SELECT organization_id FROM branches')).rows.map(
          (r) => r.organization_id as string,
        ),
        users: (await platform.query('SELECT organization_id FROM users')).rows.map((r) => r.organization_id as string),
        memberships: (
          await platform.query('SELECT u.organization_id FROM memberships m JOIN users u ON u.id = m.user_id')
        ).rows.map((r) => r.organization_id as string),
        membershipCount: Number((await platform.query('SELECT count(*) AS n FROM memberships')).rows[0].n),
        tokens: Number((await platform.query('SELECT count(*) AS n FROM refresh_tokens')).rows[0].n),
      });
      const none = await inOrg(undefined, snapshot);
      expect(none).toEqual({
        organizations: [],
        branches: [],
        users: [],
        memberships: [],
        membershipCount: 0,
        tokens: 0,
      });
      const mine = await inOrg(org1.id, snapshot);
      expect(mine.organizations).toEqual([org1.id]);
      expect(mine.branches).toEqual([org1.id, org1.id, org1.id]);
      expect(mine.users).toHaveLength(7);
      expect(new Set(mine.users)).toEqual(new Set([org1.id]));
      expect(mine.membershipCount).toBe(7);
      expect(new Set(mine.memberships)).toEqual(new Set([org1.id]));
      expect(mine.tokens).toBeGreaterThanOrEqual(1);
      // The other organization's rows exist: the wall, not an empty table, hides them.
      const all = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(all.rows[0].n).toBe(14);
    });

    it("cannot look up, change or add another organization's rows", async () => {
      await inOrg(org1.id, async () => {
        const other = org2.users.repA;
        expect((await attempt('SELECT id FROM users WHERE email = $1', [other.email])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM branches WHERE id = $1', [org2.a.id])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM memberships WHERE user_id = $1', [other.id])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM refresh_tokens WHERE user_id = $1', [other.id])).rows).toEqual([]);
        expect((await attempt('UPDATE users SET display_name = $2 WHERE id = $1', [other.id, 'x'])).count).toBe(0);
        expect((await attempt('UPDATE branches SET name = $2 WHERE id = $1', [org2.a.id, 'x'])).count).toBe(0);
        expect(
          (await attempt('UPDATE memberships SET role = $2 WHERE user_id = $1', [other.id, 'BRANCH_MANAGER'])).count,
        ).toBe(0);
        expect(
          (await attempt('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [other.id])).count,
        ).toBe(0);
        // New rows in the other organization, or pointing into it, are refused.
        const denied = '42501';
        const ins = await attempt(
          `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'x', 'x')`,
          [randomUUID(), org2.id, `sneak.${randomUUID().slice(0, 6)}@test.example`],
        );
        expect(ins.code).toBe(denied);
        const branch = await attempt(
          `INSERT INTO branches (id, organization_id, code, name, kind) VALUES ($1, $2, 'ZZ', 'x', 'BRANCH')`,
          [randomUUID(), org2.id],
        );
        expect(branch.code).toBe(denied);
        const membership = await attempt(
          `INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'SALES_REP')`,
          [randomUUID(), org1.users.repA.id, org2.a.id],
        );
        expect(membership.code).toBe(denied);
        const moved = await attempt('UPDATE users SET organization_id = $2 WHERE id = $1', [
          org1.users.repA.id,
          org2.id,
        ]);
        expect(moved.code).toBe(denied);
      });
      // Nothing of org2 changed.
      const r = await owner.query('SELECT display_name FROM users WHERE id = $1', [org2.users.repA.id]);
      expect(r.rows[0].display_name).not.toBe('x');
    });

    it('the narrow cross-organization functions are the platform role’s only, and say no more than needed', async () => {
      const runtime = new pg.Client({ connectionString: db.url, options: '-c role=app_runtime' });
      await runtime.connect();
      try {
        for (const sql of ["SELECT * FROM login_accounts('x@y.z')", "SELECT refresh_token_organization('x')"]) {
          const r = await runtime.query(sql).catch((e: { code?: string }) => ({ code: e.code }));
          expect({ sql, code: (r as { code?: string }).code }).toEqual({ sql, code: '42501' });
        }
      } finally {
        await runtime.end();
      }
      const cols = await inOrg(undefined, async () =>
        Object.keys((await platform.query('SELECT * FROM login_accounts($1)', [org2.users.repA.email])).rows[0]),
      );
      expect(cols.sort()).toEqual(['disabled', 'id', 'organization_id', 'password_hash']);
    });
  });

  describe('createUser and login with an e-mail another organization uses', () => {
    it('answers exactly as for a new e-mail, and each person signs in to their own account', async () => {
      const { accessToken } = await login(api.url, org1.users.managerA.email, PASSWORD);
      const taken = org2.users.repB.email;
      const fresh = `fresh.${randomUUID().slice(0, 6)}@test.example`;
      const password = 'another-password-1';
      const a = await gql<{ createUser: { id: string; email: string } }>(
        api.url,
        CREATE_USER,
        { b: org1.a.id, e: taken, p: password },
        { token: accessToken },
      );
      const b = await gql<{ createUser: { id: string; email: string } }>(
        api.url,
        CREATE_USER,
        { b: org1.a.id, e: fresh, p: password },
        { token: accessToken },
      );
      for (const [r, email] of [
        [a, taken],
        [b, fresh],
      ] as const) {
        expect(r.body.errors).toBeUndefined();
        expect(r.status).toBe(200);
        expect(r.body.data!.createUser).toMatchObject({
          email,
          memberships: [{ branch: { id: org1.a.id }, role: 'SALES_REP' }],
        });
      }
      const rows = await owner.query<{ organization_id: string }>(
        'SELECT organization_id FROM users WHERE email = $1 ORDER BY created_at',
        [taken],
      );
      expect(rows.rows.map((r) => r.organization_id)).toEqual([org2.id, org1.id]);

      // Each password opens its own account.
      const theirs = await gql<{ login: { user: { id: string } } }>(
        api.url,
        'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { id } } }',
        { e: taken, p: PASSWORD },
      );
      expect(theirs.body.data?.login.user.id).toBe(org2.users.repB.id);
      const mine = await gql<{ login: { user: { id: string } } }>(
        api.url,
        'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { id } } }',
        { e: taken, p: password },
      );
      expect(mine.body.data?.login.user.id).toBe(a.body.data!.createUser.id);

      // The same e-mail twice in one organization is still a conflict, which says nothing about others.
      const again = await gql(api.url, CREATE_USER, { b: org1.a.id, e: taken, p: password }, { token: accessToken });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.body.errors![0].message).toMatch(/your organization/);
    });

    it('the same e-mail and password in two organizations asks which organization', async () => {
      const email = `twice.${randomUUID().slice(0, 6)}@test.example`;
      for (const o of [org1, org2]) {
        const { accessToken } = await login(api.url, o.users.managerA.email, PASSWORD);
        const r = await gql(api.url, CREATE_USER, { b: o.a.id, e: email, p: PASSWORD }, { token: accessToken });
        expect(r.body.errors).toBeUndefined();
      }
      const LOGIN = `mutation($e: String!, $p: String!, $o: ID) {
        login(input: { email: $e, password: $p, organizationId: $o }) { user { id } } }`;
      const ambiguous = await gql(api.url, LOGIN, { e: email, p: PASSWORD });
      expect(codeOf(ambiguous)).toBe('BAD_USER_INPUT');
      expect(ambiguous.body.errors![0].extensions?.fields?.[0].field).toBe('organizationId');
      expect(ambiguous.text).not.toContain(org1.id);
      expect(ambiguous.text).not.toContain(org2.id);
      const chosen = await gql<{ login: { user: { id: string } } }>(api.url, LOGIN, {
        e: email,
        p: PASSWORD,
        o: org2.id,
      });
      expect(chosen.body.errors).toBeUndefined();
      const owners = await owner.query('SELECT organization_id FROM users WHERE id = $1', [
        chosen.body.data!.login.user.id,
      ]);
      expect(owners.rows[0].organization_id).toBe(org2.id);
      // A wrong password is the usual refusal, whoever holds the e-mail.
      expect(codeOf(await gql(api.url, LOGIN, { e: email, p: 'wrong-password' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('operations', () => {
    it('me and branches name nothing of another organization; its branch ids answer like random ids', async () => {
      const { accessToken } = await login(api.url, org1.users.admin.email, PASSWORD);
      const r = await gql<{ branches: { id: string }[]; me: { memberships: { branch: { id: string } }[] } }>(
        api.url,
        '{ branches { id } me { memberships { branch { id } } } }',
        {},
        { token: accessToken },
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.branches.map((b) => b.id).sort()).toEqual([org1.hq.id, org1.a.id, org1.b.id].sort());
      for (const id of [org2.hq.id, org2.a.id, org2.b.id, ...Object.values(org2.users).map((u) => u.id)]) {
        expect(r.text).not.toContain(id);
      }
      const strip = (x: GqlResponse, id: string) => JSON.stringify(x.body).replaceAll(id, '<id>');
      const random = randomUUID();
      for (const doc of [
        'query($b: ID!) { staffDirectory(branchId: $b) { edges { node { id } } } }',
        'query($b: ID!) { auditLog(filter: { branchId: $b }) { totalCount edges { node { id } } } }',
      ]) {
        const foreign = await gql(api.url, doc, { b: org2.a.id }, { token: accessToken });
        const unknown = await gql(api.url, doc, { b: random }, { token: accessToken });
        expect(strip(foreign, org2.a.id)).toBe(strip(unknown, random));
      }
      for (const doc of [
        'mutation($u: ID!) { disableUser(userId: $u) { id } }',
        'mutation($u: ID!) { enableUser(userId: $u) { id } }',
      ]) {
        const foreign = await gql(api.url, doc, { u: org2.users.repA.id }, { token: accessToken });
        const unknown = await gql(api.url, doc, { u: random }, { token: accessToken });
        expect(codeOf(foreign)).toBe('NOT_FOUND');
        expect(strip(foreign, org2.users.repA.id)).toBe(strip(unknown, random));
      }
      const disabled = await owner.query('SELECT disabled_at FROM users WHERE id = $1', [org2.users.repA.id]);
      expect(disabled.rows[0].disabled_at).toBeNull();
    });
  });
});
