import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD, gql, insertCustomer, login, useFixture, type GqlResponse, type TestUser } from '@app/testing';

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
  const f = useFixture();

  /** A fresh person in a branch (so tests do not share anyone's state). */
  async function person(branchId: string, role = 'SALES_REP', extraBranch?: string): Promise<TestUser> {
    const id = randomUUID();
    const email = `p.${id.slice(0, 8)}@test.example`;
    await f.owner.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash)
       SELECT $1, organization_id, $2, 'Person ' || $3, password_hash FROM users WHERE id = $4`,
      [id, email, id.slice(0, 8), f.org.users.repA.id],
    );
    for (const b of [branchId, ...(extraBranch ? [extraBranch] : [])]) {
      await f.owner.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        id,
        b,
        b === f.org.hq.id ? 'HQ_STAFF' : role,
      ]);
    }
    return { id, email, branchId, role };
  }

  const as = async (u: TestUser) => (await login(f.api.url, u.email, PASSWORD)).accessToken;

  beforeAll(async () => {
    await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.managerA.id });
  });

  it('a branch manager disables one of their people: the next request, login and refresh all refuse at once', async () => {
    const rep = await person(f.org.a.id);
    const session = await login(f.api.url, rep.email, PASSWORD);
    // The token works before (so the refusal below is the disabling).
    expect((await gql(f.api.url, CUSTOMERS, {}, { token: session.accessToken })).body.errors).toBeUndefined();
    const manager = await as(f.org.users.managerA);

    const r = await gql<{ disableUser: { id: string; disabledAt: string | null } }>(
      f.api.url,
      DISABLE,
      { u: rep.id },
      { token: manager },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.disableUser.id).toBe(rep.id);
    expect(r.body.data!.disableUser.disabledAt).toBeTruthy();

    for (const q of [CUSTOMERS, ME]) {
      const after = await gql(f.api.url, q, {}, { token: session.accessToken });
      expect({ q, code: codeOf(after), data: after.body.data ?? null }).toEqual({
        q,
        code: 'UNAUTHENTICATED',
        data: null,
      });
      expect(messageOf(after)).toMatch(/disabled/i);
    }
    expect(codeOf(await gql(f.api.url, LOGIN, { e: rep.email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    const refreshed = await gql(f.api.url, REFRESH, { t: session.refreshToken });
    expect(codeOf(refreshed)).toBe('UNAUTHENTICATED');
    expect(refreshed.text).not.toContain('accessToken"');

    // The audit row: who, which branch, what, before and after.
    const audit = await f.owner.query(
      `SELECT branch_id, actor_id, action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1`,
      [rep.id],
    );
    expect(audit.rows).toEqual([
      {
        branch_id: f.org.a.id,
        actor_id: f.org.users.managerA.id,
        action: 'disable',
        before: { disabledAt: null },
        after: { disabledAt: expect.any(String) },
      },
    ]);

    // Enabled again, the person signs in again (old refresh tokens stay revoked).
    const back = await gql<{ enableUser: { disabledAt: string | null } }>(
      f.api.url,
      ENABLE,
      { u: rep.id },
      { token: manager },
    );
    expect(back.body.data?.enableUser.disabledAt).toBeNull();
    const fresh = await login(f.api.url, rep.email, PASSWORD);
    expect((await gql(f.api.url, CUSTOMERS, {}, { token: fresh.accessToken })).body.errors).toBeUndefined();
    expect(codeOf(await gql(f.api.url, REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('a branch manager reaches only the people of their own branch', async () => {
    const manager = await as(f.org.users.managerA);
    const inB = await person(f.org.b.id);
    const alsoHq = await person(f.org.a.id, 'SALES_REP', f.org.hq.id);
    const random = randomUUID();
    const strip = (r: GqlResponse, id: string) => JSON.stringify(r.body).replaceAll(id, '<id>');
    const unknown = await gql(f.api.url, DISABLE, { u: random }, { token: manager });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    // Another branch's person, and head office's admin, answer exactly like an unknown id.
    for (const u of [inB, f.org.users.admin]) {
      const r = await gql(f.api.url, DISABLE, { u: u.id }, { token: manager });
      expect(strip(r, u.id)).toBe(strip(unknown, random));
    }
    // Someone who also works at head office is head office's to disable.
    const shared = await gql(f.api.url, DISABLE, { u: alsoHq.id }, { token: manager });
    expect(codeOf(shared)).toBe('FORBIDDEN');
    // Not oneself; and a sales rep may not disable anyone.
    expect(codeOf(await gql(f.api.url, DISABLE, { u: f.org.users.managerA.id }, { token: manager }))).toBe('FORBIDDEN');
    const rep = await as(f.org.users.rep2A);
    expect(codeOf(await gql(f.api.url, DISABLE, { u: f.org.users.repA.id }, { token: rep }))).toBe('FORBIDDEN');
    const still = await f.owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND disabled_at IS NOT NULL',
      [[inB.id, alsoHq.id, f.org.users.admin.id, f.org.users.managerA.id, f.org.users.repA.id]],
    );
    expect(still.rows[0].n).toBe(0);
  });

  it('head office disables anyone of the organization, a branch manager included', async () => {
    const admin = await as(f.org.users.admin);
    const manager = await person(f.org.b.id, 'BRANCH_MANAGER');
    const hqPerson = await person(f.org.hq.id);
    const token = await as(manager);
    for (const u of [manager, hqPerson]) {
      const r = await gql(f.api.url, DISABLE, { u: u.id }, { token: admin, branchId: f.org.a.id });
      expect(r.body.errors).toBeUndefined();
    }
    expect(codeOf(await gql(f.api.url, CUSTOMERS, {}, { token }))).toBe('UNAUTHENTICATED');
    const audit = await f.owner.query(
      `SELECT branch_id, actor_id FROM audit_log WHERE entity = 'user' AND action = 'disable' AND entity_id = $1`,
      [manager.id],
    );
    expect(audit.rows).toEqual([{ branch_id: f.org.b.id, actor_id: f.org.users.admin.id }]);
  });

  it('a role change or a removed membership stops older tokens at once; a refresh carries the new role', async () => {
    const u = await person(f.org.a.id, 'SALES_REP');
    const session = await login(f.api.url, u.email, PASSWORD);
    const mgr = '{ auditLog(first: 1) { totalCount } }';
    expect(codeOf(await gql(f.api.url, mgr, {}, { token: session.accessToken }))).toBe('FORBIDDEN');

    await f.owner.query(`UPDATE memberships SET role = 'BRANCH_MANAGER' WHERE user_id = $1`, [u.id]);
    const stale = await gql(f.api.url, CUSTOMERS, {}, { token: session.accessToken });
    expect(codeOf(stale)).toBe('UNAUTHENTICATED');
    expect(messageOf(stale)).toMatch(/changed.*refreshToken/);

    const r = await gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(f.api.url, REFRESH, {
      t: session.refreshToken,
    });
    expect(r.body.errors).toBeUndefined();
    const promoted = r.body.data!.refreshToken;
    expect((await gql(f.api.url, mgr, {}, { token: promoted.accessToken })).body.errors).toBeUndefined();

    await f.owner.query('DELETE FROM memberships WHERE user_id = $1', [u.id]);
    expect(codeOf(await gql(f.api.url, CUSTOMERS, {}, { token: promoted.accessToken }))).toBe('UNAUTHENTICATED');
  });

  it('checking the person costs no extra SQL statement on the customers page', async () => {
    const token = await as(f.org.users.managerA);
    const r = await gql(f.api.url, CUSTOMERS, {}, { token });
    expect(r.body.errors).toBeUndefined();
    // BEGIN with the settings and session_check (1), the page (2), its count (3), COMMIT (4).
    expect(r.headers.get('x-sql-statements')).toBe('4');
  });
});
