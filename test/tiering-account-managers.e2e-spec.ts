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
} from '@app/testing';

/**
 * High-value customers must have a dedicated account manager (DOMAIN.md section 2): managers set or
 * clear one (a person of the customer's branch), and a list shows the HIGH customers without one, per
 * branch and for head office across branches in one statement, the same number of statements for
 * any page size; a rep sees only their own; bad input changes nothing.
 */

const SET = `mutation($id: ID!, $m: ID) { setCustomerAccountManager(customerId: $id, accountManagerId: $m) {
  id accountManagerId accountManager { id displayName } } }`;
const LIST = `query($f: HighValueCustomerFilter, $first: Int, $after: String) {
  highValueCustomersWithoutAccountManager(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id branchId tier accountManagerId owner { id } } } pageInfo { hasNextPage endCursor } } }`;

interface Conn {
  highValueCustomersWithoutAccountManager: {
    totalCount: number;
    edges: { node: { id: string; branchId: string; tier: string; accountManagerId: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

describe('account managers of high-value customers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org: TestOrg;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const call = <T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) =>
    gql<T>(api.url, doc, vars, { token: tokens[who] });

  async function ok<T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) {
    const r = await call<T>(who, doc, vars);
    expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
    return r.body.data!;
  }

  const problem = (r: GqlResponse) => ({
    code: r.body.errors?.[0]?.extensions?.code,
    fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [],
  });

  const unmanaged = async (who: string, f: Record<string, unknown> = {}) =>
    (await ok<Conn>(who, LIST, { f, first: 100 })).highValueCustomersWithoutAccountManager.edges.map((e) => e.node.id);

  const customers = async () =>
    (await owner.query<{ x: string }>(`SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) AS x FROM customers c`))
      .rows[0].x;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org = await createOrg(owner);
    ids.highA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, tier: 'HIGH' });
    ids.high2A = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.rep2A.id, tier: 'HIGH' });
    ids.mediumA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, tier: 'MEDIUM' });
    ids.archivedA = await insertCustomer(owner, {
      branchId: org.a.id,
      ownerId: org.users.repA.id,
      tier: 'HIGH',
      status: 'ARCHIVED',
    });
    ids.highB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id, tier: 'HIGH' });
    api = await startApp(testConfig(db.url, { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000' }));
    await Promise.all(
      Object.entries(org.users).map(
        async ([k, x]) => (tokens[k] = (await login(api.url, x.email, PASSWORD)).accessToken),
      ),
    );
  });

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  it('lists the active HIGH customers without one: per branch, a rep their own, head office every branch', async () => {
    expect((await unmanaged('managerA')).sort()).toEqual([ids.highA, ids.high2A].sort());
    expect(await unmanaged('repA')).toEqual([ids.highA]);
    expect((await unmanaged('admin')).sort()).toEqual([ids.highA, ids.high2A, ids.highB].sort());
    expect(await unmanaged('admin', { branchId: org.b.id })).toEqual([ids.highB]);
    expect(await unmanaged('managerB', { branchId: org.a.id })).toEqual([]);
  });

  it('a manager sets and clears the account manager; the list follows', async () => {
    const set = await ok<{ setCustomerAccountManager: { accountManagerId: string; accountManager: { id: string } } }>(
      'managerA',
      SET,
      { id: ids.highA, m: org.users.rep2A.id },
    );
    expect(set.setCustomerAccountManager).toMatchObject({
      accountManagerId: org.users.rep2A.id,
      accountManager: { id: org.users.rep2A.id },
    });
    expect(await unmanaged('managerA')).toEqual([ids.high2A]);
    expect((await unmanaged('admin')).sort()).toEqual([ids.high2A, ids.highB].sort());
    // Head office names a branch B person for B's customer.
    await ok('admin', SET, { id: ids.highB, m: org.users.managerB.id });
    expect(await unmanaged('admin')).toEqual([ids.high2A]);
    const cleared = await ok<{ setCustomerAccountManager: { accountManagerId: string | null } }>('managerA', SET, {
      id: ids.highA,
      m: null,
    });
    expect(cleared.setCustomerAccountManager.accountManagerId).toBeNull();
    expect((await unmanaged('managerA')).sort()).toEqual([ids.highA, ids.high2A].sort());
    // A customer leaving HIGH leaves the list; an account manager stays allowed on any tier.
    await ok('managerA', SET, { id: ids.mediumA, m: org.users.repA.id });
    const audit = await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [ids.highA]);
    expect(audit.rows[0].n).toBe(2);
  });

  it('only managers and head office set it, to a person of the customer’s branch; nothing changes otherwise', async () => {
    const before = await customers();
    expect(problem(await call('repA', SET, { id: ids.highA, m: org.users.repA.id })).code).toBe('FORBIDDEN');
    expect(problem(await call('managerA', SET, { id: ids.highA, m: org.users.repB.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['accountManagerId'],
    });
    expect(problem(await call('managerA', SET, { id: ids.highA, m: randomUUID() })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('managerA', SET, { id: ids.highB, m: org.users.repA.id })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerA', SET, { id: randomUUID(), m: org.users.repA.id })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerA', SET, { id: ids.archivedA, m: org.users.repA.id })).code).toBe(
      'INVALID_STATE',
    );
    expect(problem(await call('managerA', SET, { id: 'nope', m: null })).code).toBe('BAD_USER_INPUT');
    expect(await customers()).toBe(before);
  });

  it('costs the same number of statements for 1, 5 and 50 rows, and pages through every row once', async () => {
    for (const [branch, rep] of [
      [org.a.id, org.users.repA.id],
      [org.b.id, org.users.repB.id],
    ]) {
      await owner.query(
        `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
         SELECT $1, gen_random_uuid(), 'Bulk high ' || g, 'HIGH', $2, now() + interval '3 days'
         FROM generate_series(1, 60) g`,
        [branch, rep],
      );
    }
    for (const who of ['managerA', 'admin']) {
      const counts: number[] = [];
      for (const first of [1, 5, 50]) {
        const r = await call<Conn>(who, LIST, { first });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data!.highValueCustomersWithoutAccountManager.edges).toHaveLength(first);
        counts.push(Number(r.headers.get('x-sql-statements')));
      }
      expect({ who, counts }).toEqual({ who, counts: counts.map(() => counts[0]) });
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 40; i++) {
      const page = (await ok<Conn>('admin', LIST, { first: 7, after })).highValueCustomersWithoutAccountManager;
      expect(page.totalCount).toBe(122);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(122);
  });
});
