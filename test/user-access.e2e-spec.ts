import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
  type TestUser,
} from '@app/testing';

/**
 * Disabling people and changing what they may do take effect at once: their next request with an
 * access token issued before is UNAUTHENTICATED, without waiting for the token to expire.
 */

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;
const messageOf = (r: GqlResponse) => r.body.errors?.[0]?.message ?? '';

const DISABLE = 'mutation($u: ID!) { disableUser(userId: $u) { id disabledAt } }';
const ENABLE = 'mutation($u: ID!) { enableUser(userId: $u) { id disabledAt } }';
const CUSTOMERS = '{ customers(first: 5) { totalCount edges { node { id } } } }';
const ME = '{ me { id } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }';
const REFRESH = 'mutation($t: String!) { refreshToken(token: $t) { accessToken refreshToken } }';

describe('disabling people and changing their access, at once', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;

  /** A fresh person in a branch (so tests do not share anyone's state). */
  async function person(branchId: string, role = 'SALES_REP', extraBranch?: string): Promise<TestUser> {
    const id = randomUUID();
    const email = `p.${id.slice(0, 8)}@test.example`;
    await owner.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash)
       SELECT $1, organization_id, $2, 'Person ' || $3, password_hash FROM users WHERE id = $4`,
      [id, email, id.slice(0, 8), org.users.repA.id],
    );
    for (const b of [branchId, ...(extraBranch ? [extraBranch] : [])]) {
      await owner.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        id,
        b,
        b === org.hq.id ? 'HQ_STAFF' : role,
      ]);
    }
    return { id, email, branchId, role };
  }

  const as = async (u: TestUser) => (await login(api.url, u.email, PASSWORD)).accessToken;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    api = await startApp(testConfig(db.url));
    await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.managerA.id });
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  it('a branch manager disables one of their people: the next request, login and refresh all refuse at once', async () => {
    const rep = await person(org.a.id);
    const session = await login(api.url, rep.email, PASSWORD);
    // The token works before (so the refusal below is the disabling).
    expect((await gql(api.url, CUSTOMERS, {}, { token: session.accessToken })).body.errors).toBeUndefined();
    const manager = await as(org.users.managerA);

    const r = await gql<{ disableUser: { id: string; disabledAt: string | null } }>(
      api.url,
      DISABLE,
      { u: rep.id },
      { token: manager },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.disableUser.id).toBe(rep.id);
    expect(r.body.data!.disableUser.disabledAt).toBeTruthy();

    for (const q of [CUSTOMERS, ME]) {
      const after = await gql(api.url, q, {}, { token: session.accessToken });
      expect({ q, code: codeOf(after), data: after.body.data ?? null }).toEqual({
        q,
        code: 'UNAUTHENTICATED',
        data: null,
      });
      expect(messageOf(after)).toMatch(/disabled/i);
    }
    expect(codeOf(await gql(api.url, LOGIN, { e: rep.email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    const refreshed = await gql(api.url, REFRESH, { t: session.refreshToken });
    expect(codeOf(refreshed)).toBe('UNAUTHENTICATED');
    expect(refreshed.text).not.toContain('accessToken"');

    // The audit row: who, which branch, what, before and after.
    const audit = await owner.query(
      `SELECT branch_id, actor_id, action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1`,
      [rep.id],
    );
    expect(audit.rows).toEqual([
      {
        branch_id: org.a.id,
        actor_id: org.users.managerA.id,
        action: 'disable',
        before: { disabledAt: null },
        after: { disabledAt: expect.any(String) },
      },
    ]);

    // Enabled again, the person signs in again (old refresh tokens stay revoked).
    const back = await gql<{ enableUser: { disabledAt: string | null } }>(
      api.url,
      ENABLE,
      { u: rep.id },
      { token: manager },
    );
    expect(back.body.data?.enableUser.disabledAt).toBeNull();
    const fresh = await login(api.url, rep.email, PASSWORD);
    expect((await gql(api.url, CUSTOMERS, {}, { token: fresh.accessToken })).body.errors).toBeUndefined();
    expect(codeOf(await gql(api.url, REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('a branch manager reaches only the people of their own branch', async () => {
    const manager = await as(org.users.managerA);
    const inB = await person(org.b.id);
    const alsoHq = await person(org.a.id, 'SALES_REP', org.hq.id);
    const random = randomUUID();
    const strip = (r: GqlResponse, id: string) => JSON.stringify(r.body).replaceAll(id, '<id>');
    const unknown = await gql(api.url, DISABLE, { u: random }, { token: manager });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    // Another branch's person, and head office's admin, answer exactly like an unknown id.
    for (const u of [inB, org.users.admin]) {
      const r = await gql(api.url, DISABLE, { u: u.id }, { token: manager });
      expect(strip(r, u.id)).toBe(strip(unknown, random));
    }
    // Someone who also works at head office is head office's to disable.
    const shared = await gql(api.url, DISABLE, { u: alsoHq.id }, { token: manager });
    expect(codeOf(shared)).toBe('FORBIDDEN');
    // Not oneself; and a sales rep may not disable anyone.
    expect(codeOf(await gql(api.url, DISABLE, { u: org.users.managerA.id }, { token: manager }))).toBe('FORBIDDEN');
    const rep = await as(org.users.rep2A);
    expect(codeOf(await gql(api.url, DISABLE, { u: org.users.repA.id }, { token: rep }))).toBe('FORBIDDEN');
    const still = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND disabled_at IS NOT NULL',
      [[inB.id, alsoHq.id, org.users.admin.id, org.users.managerA.id, org.users.repA.id]],
    );
    expect(still.rows[0].n).toBe(0);
  });

  it('head office disables anyone of the organization, a branch manager included', async () => {
    const admin = await as(org.users.admin);
    const manager = await person(org.b.id, 'BRANCH_MANAGER');
    const hqPerson = await person(org.hq.id);
    const token = await as(manager);
    for (const u of [manager, hqPerson]) {
      const r = await gql(api.url, DISABLE, { u: u.id }, { token: admin, branchId: org.a.id });
      expect(r.body.errors).toBeUndefined();
    }
    expect(codeOf(await gql(api.url, CUSTOMERS, {}, { token }))).toBe('UNAUTHENTICATED');
    const audit = await owner.query(
      `SELECT branch_id, actor_id FROM audit_log WHERE entity = 'user' AND action = 'disable' AND entity_id = $1`,
      [manager.id],
    );
    expect(audit.rows).toEqual([{ branch_id: org.b.id, actor_id: org.users.admin.id }]);
  });

  it('a role change or a removed membership stops older tokens at once; a refresh carries the new role', async () => {
    const u = await person(org.a.id, 'SALES_REP');
    const session = await login(api.url, u.email, PASSWORD);
    const mgr = '{ auditLog(first: 1) { totalCount } }';
    expect(codeOf(await gql(api.url, mgr, {}, { token: session.accessToken }))).toBe('FORBIDDEN');

    await owner.query(`UPDATE memberships SET role = 'BRANCH_MANAGER' WHERE user_id = $1`, [u.id]);
    const stale = await gql(api.url, CUSTOMERS, {}, { token: session.accessToken });
    expect(codeOf(stale)).toBe('UNAUTHENTICATED');
    expect(messageOf(stale)).toMatch(/changed.*refreshToken/);

    const r = await gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(api.url, REFRESH, {
      t: session.refreshToken,
    });
    expect(r.body.errors).toBeUndefined();
    const promoted = r.body.data!.refreshToken;
    expect((await gql(api.url, mgr, {}, { token: promoted.accessToken })).body.errors).toBeUndefined();

    await owner.query('DELETE FROM memberships WHERE user_id = $1', [u.id]);
    expect(codeOf(await gql(api.url, CUSTOMERS, {}, { token: promoted.accessToken }))).toBe('UNAUTHENTICATED');
  });

  it('checking the person costs no extra SQL statement on the customers page', async () => {
    const token = await as(org.users.managerA);
    const r = await gql(api.url, CUSTOMERS, {}, { token });
    expect(r.body.errors).toBeUndefined();
    // BEGIN with the settings and session_check (1), the page (2), its count (3), COMMIT (4).
    expect(r.headers.get('x-sql-statements')).toBe('4');
  });
});
