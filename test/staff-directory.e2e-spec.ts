import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { useFixture, type GqlResponse } from '@app/testing';

/** The staff directory (for every person picker) and the audit log query, each walled by branch and organization. */

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

interface Page<N> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Person = { id: string; displayName: string; role: string };
type Entry = { branchId: string; actorId: string; entity: string; action: string; after: string; createdAt: string };

const DIRECTORY = `query($b: ID, $f: StaffDirectoryFilter, $first: Int, $after: String) {
  staffDirectory(branchId: $b, filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { id displayName role } } pageInfo { hasNextPage endCursor } } }`;
const AUDIT = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { branchId actorId entity action after createdAt } } pageInfo { hasNextPage endCursor } } }`;

describe('staff directory and audit log', () => {
  const f = useFixture({ orgs: 2 });

  const directory = (who: string, vars: Record<string, unknown>, branchId?: string) =>
    f.call<{ staffDirectory: Page<Person> }>(who, DIRECTORY, vars, { branchId });
  const audit = (who: string, vars: Record<string, unknown>) => f.call<{ auditLog: Page<Entry> }>(who, AUDIT, vars);

  beforeAll(async () => {
    // A disabled colleague in A: not offered by pickers.
    await f.owner.query(
      `INSERT INTO users (id, organization_id, email, display_name, password_hash, disabled_at)
       SELECT $1, organization_id, $2, 'Aaron Gone', password_hash, now() FROM users WHERE id = $3`,
      [randomUUID(), `gone.${randomUUID().slice(0, 6)}@test.example`, f.org.users.repA.id],
    );
    await f.owner.query(
      `INSERT INTO memberships (id, user_id, branch_id, role)
       SELECT $1, id, $2, 'SALES_REP' FROM users WHERE display_name = 'Aaron Gone'`,
      [randomUUID(), f.org.a.id],
    );
  });

  describe('staffDirectory', () => {
    const peopleOfA = () => [f.org.users.managerA, f.org.users.repA, f.org.users.rep2A, f.org.users.financeA];

    it('lists the active people of the caller’s branch by name, paged with cursors', async () => {
      const all = await directory('repA', { first: 100 });
      expect(all.body.errors).toBeUndefined();
      const names = all.body.data!.staffDirectory.edges.map((e) => e.node.displayName);
      expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      expect(all.body.data!.staffDirectory.edges.map((e) => e.node.id).sort()).toEqual(
        peopleOfA()
          .map((u) => u.id)
          .sort(),
      );
      expect(all.body.data!.staffDirectory.totalCount).toBe(4);
      expect(all.text).not.toContain('Aaron Gone');

      // Two pages of two give the same people in the same order.
      const first = await directory('repA', { first: 2 });
      const p1 = first.body.data!.staffDirectory;
      expect(p1.pageInfo.hasNextPage).toBe(true);
      const second = await directory('repA', { first: 2, after: p1.pageInfo.endCursor });
      const p2 = second.body.data!.staffDirectory;
      expect(p2.pageInfo.hasNextPage).toBe(false);
      expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(
        all.body.data!.staffDirectory.edges.map((e) => e.node.id),
      );
    });

    it('filters by role and by a part of the name or e-mail', async () => {
      const reps = await directory('repA', { f: { role: 'SALES_REP' } });
      expect(reps.body.data!.staffDirectory.edges.map((e) => e.node.id).sort()).toEqual(
        [f.org.users.repA.id, f.org.users.rep2A.id].sort(),
      );
      const byName = await directory('repA', { f: { search: 'FINANCEa' } });
      expect(byName.body.data!.staffDirectory.edges.map((e) => e.node.id)).toEqual([f.org.users.financeA.id]);
      // LIKE wildcards are searched for literally.
      const wild = await directory('repA', { f: { search: '%' } });
      expect(wild.body.data!.staffDirectory.edges).toEqual([]);
    });

    it('head office names any branch of its organization; others’ branches answer like unknown ids', async () => {
      const b = await directory('admin', { b: f.org.b.id });
      expect(b.body.data!.staffDirectory.edges.map((e) => e.node.id).sort()).toEqual(
        [f.org.users.managerB.id, f.org.users.repB.id].sort(),
      );
      const narrowed = await directory('admin', {}, f.org.b.id);
      expect(narrowed.body.data!.staffDirectory.totalCount).toBe(2);
      const unnamed = await directory('admin', {});
      expect(codeOf(unnamed)).toBe('BAD_USER_INPUT');

      const strip = (r: GqlResponse, id: string) => JSON.stringify(r.body).replaceAll(id, '<id>');
      const random = randomUUID();
      for (const who of ['repA', 'admin']) {
        const unknown = await directory(who, { b: random });
        expect(codeOf(unknown)).toBe('NOT_FOUND');
        const foreign = who === 'repA' ? [f.org.b.id, f.org.hq.id, f.other.a.id] : [f.other.a.id, f.other.hq.id];
        for (const id of foreign) expect(strip(await directory(who, { b: id }), id)).toBe(strip(unknown, random));
      }
    });
  });

  describe('auditLog', () => {
    let since: string;

    beforeAll(async () => {
      since = new Date(Date.now() - 1000).toISOString();
      // Changes in A by its manager, in B by its manager, and one in A by head office.
      const create = (who: string, name: string, branchId?: string, ownerId?: string) =>
        f.call(
          who,
          `mutation($n: String!, $b: ID, $o: ID) {
            createCustomer(input: { name: $n, tier: LOW, branchId: $b, ownerId: $o }) { id } }`,
          { n: name, b: branchId, o: ownerId },
        );
      for (const n of ['Audit A1', 'Audit A2', 'Audit A3'])
        expect((await create('managerA', n)).body.errors).toBeUndefined();
      expect((await create('managerB', 'Audit B1')).body.errors).toBeUndefined();
      expect((await create('admin', 'Audit HQ in A', f.org.a.id, f.org.users.repA.id)).body.errors).toBeUndefined();
      expect(
        (await create('other.admin', 'Other org', f.other.a.id, f.other.users.repA.id)).body.errors,
      ).toBeUndefined();
    });

    it('a branch manager reads their branch’s log, newest first, paged; another branch is an empty list', async () => {
      const r = await audit('managerA', { first: 50 });
      expect(r.body.errors).toBeUndefined();
      const page = r.body.data!.auditLog;
      expect(new Set(page.edges.map((e) => e.node.branchId))).toEqual(new Set([f.org.a.id]));
      const names = page.edges.filter((e) => e.node.entity === 'customer').map((e) => JSON.parse(e.node.after).name);
      expect(names).toEqual(['Audit HQ in A', 'Audit A3', 'Audit A2', 'Audit A1']);
      const times = page.edges.map((e) => e.node.createdAt);
      expect(times).toEqual([...times].sort().reverse());

      const p1 = (await audit('managerA', { first: 2 })).body.data!.auditLog;
      const p2 = (await audit('managerA', { first: 50, after: p1.pageInfo.endCursor })).body.data!.auditLog;
      expect([...p1.edges, ...p2.edges].map((e) => e.cursor)).toEqual(page.edges.map((e) => e.cursor));

      for (const id of [f.org.b.id, f.other.a.id, randomUUID()]) {
        const none = await audit('managerA', { f: { branchId: id } });
        expect(none.body.data!.auditLog).toEqual({ totalCount: 0, edges: [], pageInfo: expect.anything() });
      }
    });

    it('head office reads every branch of its organization, and filters by branch, actor, record, action and time', async () => {
      const all = (await audit('admin', { first: 100, f: { entity: 'customer' } })).body.data!.auditLog;
      const names = all.edges.map((e) => JSON.parse(e.node.after).name as string).sort();
      expect(names).toEqual(['Audit A1', 'Audit A2', 'Audit A3', 'Audit B1', 'Audit HQ in A']);

      const byActor = await audit('admin', { f: { actorId: f.org.users.managerB.id, action: 'create' } });
      expect(byActor.body.data!.auditLog.edges.map((e) => e.node.actorId)).toEqual([f.org.users.managerB.id]);
      const byBranch = await audit('admin', { f: { branchId: f.org.b.id, entity: 'customer' } });
      expect(byBranch.body.data!.auditLog.totalCount).toBe(1);
      const future = await audit('admin', { f: { from: new Date(Date.now() + 60_000).toISOString() } });
      expect(future.body.data!.auditLog.totalCount).toBe(0);
      const window = await audit('admin', {
        f: { entity: 'customer', from: since, to: new Date(Date.now() + 1000).toISOString() },
      });
      expect(window.body.data!.auditLog.totalCount).toBe(5);
      const backwards = await audit('admin', { f: { from: since, to: since } });
      expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    });

    it('is for head office admins and branch managers only', async () => {
      expect(codeOf(await audit('repA', {}))).toBe('FORBIDDEN');
    });
  });
});
