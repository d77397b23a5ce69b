import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PASSWORD, gql, useFixture, type GqlResponse } from '@app/testing';

/**
 * The platform tables (organizations, branches, users, memberships, refresh tokens) behind a wall by
 * organization: at the SQL level as app_platform, the role the branches module reads them as (never as a
 * superuser), and through the operations that touch them.
 */

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

const CREATE_USER = `mutation($b: ID!, $e: String!, $p: String!) { createUser(input: { branchId: $b, email: $e,
  displayName: "New Person", password: $p, role: SALES_REP }) { id email memberships { branch { id } role } } }`;

describe('the platform wall by organization', () => {
  // Every person of both organizations is signed in, so each holds a refresh token.
  const f = useFixture({ orgs: 2 });

  describe('SQL, as app_platform', () => {
    let platform: pg.Client;

    /** Connects as the API does (login user, then a non-owner role without BYPASSRLS). */
    beforeAll(async () => {
      platform = new pg.Client({ connectionString: f.db.url, options: '-c role=app_platform' });
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
      const mine = await inOrg(f.org.id, snapshot);
      expect(mine.organizations).toEqual([f.org.id]);
      expect(mine.branches).toEqual([f.org.id, f.org.id, f.org.id]);
      expect(mine.users).toHaveLength(7);
      expect(new Set(mine.users)).toEqual(new Set([f.org.id]));
      expect(mine.membershipCount).toBe(7);
      expect(new Set(mine.memberships)).toEqual(new Set([f.org.id]));
      expect(mine.tokens).toBeGreaterThanOrEqual(1);
      // The other organization's rows exist: the wall, not an empty table, hides them.
      const all = await f.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(all.rows[0].n).toBe(14);
    });

    it("cannot look up, change or add another organization's rows", async () => {
      await inOrg(f.org.id, async () => {
        const other = f.other.users.repA;
        expect((await attempt('SELECT id FROM users WHERE email = $1', [other.email])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM branches WHERE id = $1', [f.other.a.id])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM memberships WHERE user_id = $1', [other.id])).rows).toEqual([]);
        expect((await attempt('SELECT id FROM refresh_tokens WHERE user_id = $1', [other.id])).rows).toEqual([]);
        expect((await attempt('UPDATE users SET display_name = $2 WHERE id = $1', [other.id, 'x'])).count).toBe(0);
        expect((await attempt('UPDATE branches SET name = $2 WHERE id = $1', [f.other.a.id, 'x'])).count).toBe(0);
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
          [randomUUID(), f.other.id, `sneak.${randomUUID().slice(0, 6)}@test.example`],
        );
        expect(ins.code).toBe(denied);
        const branch = await attempt(
          `INSERT INTO branches (id, organization_id, code, name, kind) VALUES ($1, $2, 'ZZ', 'x', 'BRANCH')`,
          [randomUUID(), f.other.id],
        );
        expect(branch.code).toBe(denied);
        const membership = await attempt(
          `INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'SALES_REP')`,
          [randomUUID(), f.org.users.repA.id, f.other.a.id],
        );
        expect(membership.code).toBe(denied);
        const moved = await attempt('UPDATE users SET organization_id = $2 WHERE id = $1', [
          f.org.users.repA.id,
          f.other.id,
        ]);
        expect(moved.code).toBe(denied);
      });
      // Nothing of the other organization changed.
      const r = await f.owner.query('SELECT display_name FROM users WHERE id = $1', [f.other.users.repA.id]);
      expect(r.rows[0].display_name).not.toBe('x');
    });

    it('the narrow cross-organization functions are the platform role’s only, and say no more than needed', async () => {
      const runtime = new pg.Client({ connectionString: f.db.url, options: '-c role=app_runtime' });
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
        Object.keys((await platform.query('SELECT * FROM login_accounts($1)', [f.other.users.repA.email])).rows[0]),
      );
      expect(cols.sort()).toEqual(['disabled', 'id', 'organization_id', 'password_hash']);
    });
  });

  describe('createUser and login with an e-mail another organization uses', () => {
    it('answers exactly as for a new e-mail, and each person signs in to their own account', async () => {
      const taken = f.other.users.repB.email;
      const fresh = `fresh.${randomUUID().slice(0, 6)}@test.example`;
      const password = 'another-password-1';
      const a = await f.call<{ createUser: { id: string; email: string } }>('managerA', CREATE_USER, {
        b: f.org.a.id,
        e: taken,
        p: password,
      });
      const b = await f.call<{ createUser: { id: string; email: string } }>('managerA', CREATE_USER, {
        b: f.org.a.id,
        e: fresh,
        p: password,
      });
      for (const [r, email] of [
        [a, taken],
        [b, fresh],
      ] as const) {
        expect(r.body.errors).toBeUndefined();
        expect(r.status).toBe(200);
        expect(r.body.data!.createUser).toMatchObject({
          email,
          memberships: [{ branch: { id: f.org.a.id }, role: 'SALES_REP' }],
        });
      }
      const rows = await f.owner.query<{ organization_id: string }>(
        'SELECT organization_id FROM users WHERE email = $1 ORDER BY created_at',
        [taken],
      );
      expect(rows.rows.map((r) => r.organization_id)).toEqual([f.other.id, f.org.id]);

      // Each password opens its own account.
      const theirs = await gql<{ login: { user: { id: string } } }>(
        f.api.url,
        'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { id } } }',
        { e: taken, p: PASSWORD },
      );
      expect(theirs.body.data?.login.user.id).toBe(f.other.users.repB.id);
      const mine = await gql<{ login: { user: { id: string } } }>(
        f.api.url,
        'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { id } } }',
        { e: taken, p: password },
      );
      expect(mine.body.data?.login.user.id).toBe(a.body.data!.createUser.id);

      // The same e-mail twice in one organization is still a conflict, which says nothing about others.
      const again = await f.call('managerA', CREATE_USER, { b: f.org.a.id, e: taken, p: password });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.body.errors![0].message).toMatch(/your organization/);
    });

    it('the same e-mail and password in two organizations asks which organization', async () => {
      const email = `twice.${randomUUID().slice(0, 6)}@test.example`;
      for (const [who, o] of [
        ['managerA', f.org],
        ['other.managerA', f.other],
      ] as const) {
        const r = await f.call(who, CREATE_USER, { b: o.a.id, e: email, p: PASSWORD });
        expect(r.body.errors).toBeUndefined();
      }
      const LOGIN = `mutation($e: String!, $p: String!, $o: ID) {
        login(input: { email: $e, password: $p, organizationId: $o }) { user { id } } }`;
      const ambiguous = await gql(f.api.url, LOGIN, { e: email, p: PASSWORD });
      expect(codeOf(ambiguous)).toBe('BAD_USER_INPUT');
      expect(ambiguous.body.errors![0].extensions?.fields?.[0].field).toBe('organizationId');
      expect(ambiguous.text).not.toContain(f.org.id);
      expect(ambiguous.text).not.toContain(f.other.id);
      const chosen = await gql<{ login: { user: { id: string } } }>(f.api.url, LOGIN, {
        e: email,
        p: PASSWORD,
        o: f.other.id,
      });
      expect(chosen.body.errors).toBeUndefined();
      const owners = await f.owner.query('SELECT organization_id FROM users WHERE id = $1', [
        chosen.body.data!.login.user.id,
      ]);
      expect(owners.rows[0].organization_id).toBe(f.other.id);
      // A wrong password is the usual refusal, whoever holds the e-mail.
      expect(codeOf(await gql(f.api.url, LOGIN, { e: email, p: 'wrong-password' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('operations', () => {
    it('me and branches name nothing of another organization; its branch ids answer like random ids', async () => {
      const r = await f.call<{ branches: { id: string }[]; me: { memberships: { branch: { id: string } }[] } }>(
        'admin',
        '{ branches { id } me { memberships { branch { id } } } }',
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.branches.map((b) => b.id).sort()).toEqual([f.org.hq.id, f.org.a.id, f.org.b.id].sort());
      for (const id of [f.other.hq.id, f.other.a.id, f.other.b.id, ...Object.values(f.other.users).map((u) => u.id)]) {
        expect(r.text).not.toContain(id);
      }
      const strip = (x: GqlResponse, id: string) => JSON.stringify(x.body).replaceAll(id, '<id>');
      const random = randomUUID();
      for (const doc of [
        'query($b: ID!) { staffDirectory(branchId: $b) { edges { node { id } } } }',
        'query($b: ID!) { auditLog(filter: { branchId: $b }) { totalCount edges { node { id } } } }',
      ]) {
        const foreign = await f.call('admin', doc, { b: f.other.a.id });
        const unknown = await f.call('admin', doc, { b: random });
        expect(strip(foreign, f.other.a.id)).toBe(strip(unknown, random));
      }
      for (const doc of [
        'mutation($u: ID!) { disableUser(userId: $u) { id } }',
        'mutation($u: ID!) { enableUser(userId: $u) { id } }',
      ]) {
        const foreign = await f.call('admin', doc, { u: f.other.users.repA.id });
        const unknown = await f.call('admin', doc, { u: random });
        expect(codeOf(foreign)).toBe('NOT_FOUND');
        expect(strip(foreign, f.other.users.repA.id)).toBe(strip(unknown, random));
      }
      const disabled = await f.owner.query('SELECT disabled_at FROM users WHERE id = $1', [f.other.users.repA.id]);
      expect(disabled.rows[0].disabled_at).toBeNull();
    });
  });
});
