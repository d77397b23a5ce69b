import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';

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
  const f = useFixture();
  const { call, ok } = f;
  /** Every HIGH customer without one that `who` may list (all pages), kept to `ids`: other tests' customers are theirs. */
  async function unmanaged(who: string, ids: Record<string, string>, filter: Record<string, unknown> = {}) {
    const own = new Set(Object.values(ids));
    const listed: string[] = [];
    for (let after: string | undefined; ;) {
      const page = (await ok<Conn>(who, LIST, { f: filter, first: 100, after }))
        .highValueCustomersWithoutAccountManager;
      listed.push(...page.edges.map((e) => e.node.id).filter((id) => own.has(id)));
      if (!page.pageInfo.hasNextPage) return listed;
      after = page.pageInfo.endCursor;
    }
  }

  const customers = async () =>
    (await f.owner.query<{ x: string }>(`SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) AS x FROM customers c`))
      .rows[0].x;

  /** Fresh customers for one test: HIGH of repA and of rep2A, MEDIUM and archived HIGH of repA in A; HIGH in B. */
  async function arrange() {
    const { a, b, users } = f.org;
    return {
      highA: await insertCustomer(f.owner, { branchId: a.id, ownerId: users.repA.id, tier: 'HIGH' }),
      high2A: await insertCustomer(f.owner, { branchId: a.id, ownerId: users.rep2A.id, tier: 'HIGH' }),
      mediumA: await insertCustomer(f.owner, { branchId: a.id, ownerId: users.repA.id, tier: 'MEDIUM' }),
      archivedA: await insertCustomer(f.owner, {
        branchId: a.id,
        ownerId: users.repA.id,
        tier: 'HIGH',
        status: 'ARCHIVED',
      }),
      highB: await insertCustomer(f.owner, { branchId: b.id, ownerId: users.repB.id, tier: 'HIGH' }),
    };
  }

  it('lists the active HIGH customers without one: per branch, a rep their own, head office every branch', async () => {
    const ids = await arrange();
    expect((await unmanaged('managerA', ids)).sort()).toEqual([ids.highA, ids.high2A].sort());
    expect(await unmanaged('repA', ids)).toEqual([ids.highA]);
    expect((await unmanaged('admin', ids)).sort()).toEqual([ids.highA, ids.high2A, ids.highB].sort());
    expect(await unmanaged('admin', ids, { branchId: f.org.b.id })).toEqual([ids.highB]);
    expect(await unmanaged('managerB', ids, { branchId: f.org.a.id })).toEqual([]);
  });

  it('a manager sets and clears the account manager; the list follows', async () => {
    const ids = await arrange();
    const set = await ok<{ setCustomerAccountManager: { accountManagerId: string; accountManager: { id: string } } }>(
      'managerA',
      SET,
      { id: ids.highA, m: f.org.users.rep2A.id },
    );
    expect(set.setCustomerAccountManager).toMatchObject({
      accountManagerId: f.org.users.rep2A.id,
      accountManager: { id: f.org.users.rep2A.id },
    });
    expect(await unmanaged('managerA', ids)).toEqual([ids.high2A]);
    expect((await unmanaged('admin', ids)).sort()).toEqual([ids.high2A, ids.highB].sort());
    // Head office names a branch B person for B's customer.
    await ok('admin', SET, { id: ids.highB, m: f.org.users.managerB.id });
    expect(await unmanaged('admin', ids)).toEqual([ids.high2A]);
    const cleared = await ok<{ setCustomerAccountManager: { accountManagerId: string | null } }>('managerA', SET, {
      id: ids.highA,
      m: null,
    });
    expect(cleared.setCustomerAccountManager.accountManagerId).toBeNull();
    expect((await unmanaged('managerA', ids)).sort()).toEqual([ids.highA, ids.high2A].sort());
    // A customer leaving HIGH leaves the list; an account manager stays allowed on any tier.
    await ok('managerA', SET, { id: ids.mediumA, m: f.org.users.repA.id });
    const audit = await f.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [ids.highA]);
    expect(audit.rows[0].n).toBe(2);
  });

  it('only managers and head office set it, to a person of the customer’s branch; nothing changes otherwise', async () => {
    const ids = await arrange();
    const before = await customers();
    expect(problem(await call('repA', SET, { id: ids.highA, m: f.org.users.repA.id })).code).toBe('FORBIDDEN');
    expect(problem(await call('managerA', SET, { id: ids.highA, m: f.org.users.repB.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['accountManagerId'],
    });
    expect(problem(await call('managerA', SET, { id: ids.highA, m: randomUUID() })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('managerA', SET, { id: ids.highB, m: f.org.users.repA.id })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerA', SET, { id: randomUUID(), m: f.org.users.repA.id })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerA', SET, { id: ids.archivedA, m: f.org.users.repA.id })).code).toBe(
      'INVALID_STATE',
    );
    expect(problem(await call('managerA', SET, { id: 'nope', m: null })).code).toBe('BAD_USER_INPUT');
    expect(await customers()).toBe(before);
  });

  it('costs the same number of statements for 1, 5 and 50 rows, and pages through every row once', async () => {
    const total = async () =>
      (await ok<Conn>('admin', LIST, { first: 1 })).highValueCustomersWithoutAccountManager.totalCount;
    const before = await total();
    for (const [branch, rep] of [
      [f.org.a.id, f.org.users.repA.id],
      [f.org.b.id, f.org.users.repB.id],
    ]) {
      await f.owner.query(
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
    for (;;) {
      const page = (await ok<Conn>('admin', LIST, { first: 7, after })).highValueCustomersWithoutAccountManager;
      expect(page.totalCount).toBe(before + 120);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(before + 120);
    expect(seen).toHaveLength(before + 120);
  });
});
