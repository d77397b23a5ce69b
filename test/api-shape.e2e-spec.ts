import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, useFixture, type GqlResponse } from '@app/testing';

/** The API a person meets: branches and people as objects, one word for lifecycles, filters by creation day. */
describe('API shape', () => {
  const f = useFixture({ orgs: 2 });
  const { call } = f;
  const names: Record<string, string> = {};

  /** The data of a response whose headers the test reads too (`f.ok` gives the data alone). */
  const dataOf = <T>(r: GqlResponse<T>): T => {
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };
  const statements = (r: GqlResponse) => Number(r.headers.get('x-sql-statements'));

  beforeAll(async () => {
    // Branch B keeps its business days in Berlin: creation days are counted per branch.
    await f.owner.query(`UPDATE branches SET time_zone = 'Europe/Berlin' WHERE id = $1`, [f.org.b.id]);
    for (const r of (await f.owner.query<{ id: string; name: string }>('SELECT id, name FROM branches')).rows) {
      names[r.id] = r.name;
    }
  });

  const branchOf = (id: string, code: string) => ({ id, code, name: names[id] });

  it('every head-office summary row names its branch as { id code name }', async () => {
    for (const [who, branch] of [
      ['managerA', f.org.a],
      ['managerB', f.org.b],
    ] as const) {
      const customerId = await insertCustomer(f.owner, { branchId: branch.id, ownerId: f.org.users[who].id });
      await f.ok(
        who,
        `mutation($c: ID!) { createComplaint(input: { customerId: $c, channel: PHONE, category: DELIVERY,
            severity: HIGH, description: "Late delivery" }) { id } }`,
        { c: customerId },
      );
      const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
      await f.ok(
        who,
        `mutation($c: ID!, $p: String!) { recordSatisfaction(input: { customerId: $c, period: $p, score: 8, method: SURVEY }) { id } }`,
        { c: customerId, p: quarter },
      );
    }
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    const data = await f.ok<{
      complaintCounts: { branchId: string; branch: { id: string; code: string; name: string } }[];
      satisfactionAverages: { branchId: string; branch: { id: string; code: string; name: string } }[];
      branchAttainment: { branchId: string; branch: { id: string; code: string; name: string } }[];
      repAttainment: { edges: { node: { branchId: string; branch: { id: string; code: string; name: string } } }[] };
    }>(
      'admin',
      `query($q: String!) {
          complaintCounts { branchId branch { id code name } }
          satisfactionAverages(filter: { from: $q }) { branchId branch { id code name } }
          branchAttainment(period: "2026-W10") { branchId branch { id code name } }
          repAttainment(period: "2026-W10") { edges { node { branchId branch { id code name } } } }
        }`,
      { q: quarter },
    );
    const codes: Record<string, string> = { [f.org.a.id]: 'AA', [f.org.b.id]: 'BB', [f.org.hq.id]: 'HQ' };
    const reps = data.repAttainment.edges.map((e) => e.node);
    for (const rows of [data.complaintCounts, data.satisfactionAverages, data.branchAttainment, reps]) {
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row.branch).toEqual(branchOf(row.branchId, codes[row.branchId]));
    }
    expect(new Set(data.complaintCounts.map((r) => r.branch.code))).toEqual(new Set(['AA', 'BB']));
    expect(new Set(data.satisfactionAverages.map((r) => r.branch.code))).toEqual(new Set(['AA', 'BB']));
  });

  it('branches on summary rows and notifications cost one statement per request, whatever the rows', async () => {
    // 30 notifications for the administrator, spread over both branches.
    await f.owner.query(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, dedupe_key)
       SELECT (ARRAY[$1, $2]::uuid[])[1 + g % 2], gen_random_uuid(), $3, 'TEST', 'Notice ' || g, 'api-shape:' || g
       FROM generate_series(1, 30) g`,
      [f.org.a.id, f.org.b.id, f.org.users.admin.id],
    );
    const page = (first: number) =>
      call<{ notifications: { edges: { node: { branch: { id: string; code: string } } }[] } }>(
        'admin',
        `query($first: Int!) { notifications(first: $first) { edges { node { title branch { id code name } } } } }`,
        { first },
      );
    const one = await page(1);
    const thirty = await page(30);
    expect(dataOf(one).notifications.edges).toHaveLength(1);
    const nodes = dataOf(thirty).notifications.edges.map((e) => e.node);
    expect(nodes).toHaveLength(30);
    expect(new Set(nodes.map((n) => n.branch.code))).toEqual(new Set(['AA', 'BB']));
    expect(statements(thirty)).toBe(statements(one));

    // A complaint of its own, so the counts have a row to name a branch on.
    const customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.managerB.id });
    await f.ok(
      'managerB',
      `mutation($c: ID!) { createComplaint(input: { customerId: $c, channel: PHONE, category: DELIVERY,
        severity: LOW, description: "Counted" }) { id } }`,
      { c: customerB },
    );
    const bare = await call('admin', '{ complaintCounts { branchId count } }');
    const named = await call('admin', '{ complaintCounts { branchId count branch { id code name } } }');
    dataOf(bare);
    dataOf(named);
    expect(statements(named)).toBe(statements(bare) + 1);
  });

  it('people are objects: a branch sees who decided at head office, never anyone of another organization', async () => {
    const requestId = randomUUID();
    const stepId = randomUUID();
    const [policy] = (
      await f.owner.query<{ id: string }>(
        `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps)
         VALUES ($1, gen_random_uuid(), 'CONTRACT', 1, '[{"name": "Head office", "slaHours": 8, "approver": {"kind": "HQ_ROLE", "role": "HQ_ADMIN"}}]')
         RETURNING id`,
        [f.org.a.id],
      )
    ).rows;
    await f.owner.query(
      `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, amount, currency, requester_id,
         policy_id, status, decided_at)
       VALUES ($1, $2, 'CONTRACT', gen_random_uuid(), 'Big deal', 900000, 'CNY', $3, $4, 'APPROVED', now())`,
      [f.org.a.id, requestId, f.org.users.repA.id, policy.id],
    );
    await f.owner.query(
      `INSERT INTO approval_steps (branch_id, id, request_id, position, name, sla_hours, status, started_at, decided_at,
         decided_by)
       VALUES ($1, $2, $3, 1, 'Head office', 8, 'APPROVED', now(), now(), $4)`,
      [f.org.a.id, stepId, requestId, f.org.users.admin.id],
    );
    await f.owner.query(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, actor_id, action, comment)
       VALUES ($1, gen_random_uuid(), $2, NULL, $3, 'SUBMITTED', NULL),
              ($1, gen_random_uuid(), $2, $4, $5, 'COMMENTED', 'from outside'),
              ($1, gen_random_uuid(), $2, $4, NULL, 'REMINDED', NULL),
              ($1, gen_random_uuid(), $2, $4, $6, 'APPROVED', NULL)`,
      [f.org.a.id, requestId, f.org.users.repA.id, stepId, f.other.users.admin.id, f.org.users.admin.id],
    );
    const r = (
      await f.ok<{
        approvalRequest: {
          state: string;
          requester: { id: string; role: string };
          steps: { state: string; decider: { id: string; displayName: string; role: string } | null }[];
          timeline: { action: string; actor: { id: string; displayName: string; role: string } | null }[];
        };
      }>(
        'managerA',
        `query($id: ID!) { approvalRequest(id: $id) { state requester { id role }
          steps { state decider { id displayName role } } timeline { action actor { id displayName role } } } }`,
        { id: requestId },
      )
    ).approvalRequest;
    expect(r.state).toBe('APPROVED');
    expect(r.requester).toEqual({ id: f.org.users.repA.id, role: 'SALES_REP' });
    expect(r.steps).toEqual([
      {
        state: 'APPROVED',
        decider: { id: f.org.users.admin.id, displayName: expect.stringMatching(/^admin /), role: 'HQ_ADMIN' },
      },
    ]);
    expect(r.timeline.map((e) => [e.action, e.actor?.id ?? null, e.actor?.role ?? null])).toEqual([
      ['SUBMITTED', f.org.users.repA.id, 'SALES_REP'],
      // Someone of another organization is never named, even when a row points at them.
      ['COMMENTED', null, null],
      // The worker.
      ['REMINDED', null, null],
      ['APPROVED', f.org.users.admin.id, 'HQ_ADMIN'],
    ]);

    // Branch B's manager sees none of it: the request is another branch's.
    const fromB = await call('managerB', 'query($id: ID!) { approvalRequest(id: $id) { id } }', { id: requestId });
    expect(fromB.body.data?.approvalRequest ?? null).toBeNull();

    // Who took a complaint in, as an object (this test's complaint: others of the file may be listed too).
    const customerA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.managerA.id });
    const { id: complaintId } = (
      await f.ok<{ createComplaint: { id: string } }>(
        'managerA',
        `mutation($c: ID!) { createComplaint(input: { customerId: $c, channel: PHONE, category: DELIVERY,
          severity: LOW, description: "Taken in" }) { id } }`,
        { c: customerA },
      )
    ).createComplaint;
    const complaints = (
      await f.ok<{ complaints: { edges: { node: { id: string; createdBy: { id: string } } }[] } }>(
        'managerA',
        '{ complaints { edges { node { id createdBy { id role } } } } }',
      )
    ).complaints.edges;
    expect(complaints.filter((e) => e.node.id === complaintId).map((e) => e.node.createdBy)).toEqual([
      { id: f.org.users.managerA.id, role: 'BRANCH_MANAGER' },
    ]);
  });

  it('lifecycles are called state everywhere; the old status fields and arguments still work', async () => {
    const archived = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      status: 'ARCHIVED',
    });
    const customers = (
      await f.ok<{ customers: { edges: { node: { id: string; state: string; status: string } }[] } }>(
        'managerA',
        '{ customers(filter: { state: ARCHIVED }) { edges { node { id state status } } } }',
      )
    ).customers.edges.map((e) => e.node);
    expect(customers).toEqual([{ id: archived, state: 'ARCHIVED', status: 'ARCHIVED' }]);

    const created = (
      await f.ok<{ createPartner: { id: string; state: string; status: string } }>(
        'managerA',
        'mutation { createPartner(input: { kind: AGENT, name: "North Agent", region: "North", state: NEGOTIATING }) { id state status } }',
      )
    ).createPartner;
    expect(created).toMatchObject({ state: 'NEGOTIATING', status: 'NEGOTIATING' });
    const updated = (
      await f.ok<{ updatePartner: { state: string } }>(
        'managerA',
        'mutation($id: ID!) { updatePartner(id: $id, input: { state: ACTIVE }) { state } }',
        { id: created.id },
      )
    ).updatePartner;
    expect(updated.state).toBe('ACTIVE');
    const lists = await f.ok<{
      active: { edges: { node: { id: string } }[] };
      candidates: { edges: { node: { id: string } }[] };
      counts: { count: number }[];
    }>(
      'managerA',
      `{ active: partners(filter: { state: ACTIVE }) { edges { node { id } } }
           candidates: partners(filter: { state: CANDIDATE }) { edges { node { id } } }
           counts: partnerCountsByTier(state: ACTIVE) { count } }`,
    );
    expect(lists.active.edges.map((e) => e.node.id)).toEqual([created.id]);
    expect(lists.candidates.edges).toEqual([]);
    expect(lists.counts.reduce((n, c) => n + c.count, 0)).toBe(1);
  });

  it('customers filter by creation day, counted in each branch’s time zone', async () => {
    // A is Asia/Shanghai (UTC+8), B Europe/Berlin (UTC+1 in December).
    const at = async (branchId: string, ownerId: string, name: string, createdAt: string) => {
      const id = await insertCustomer(f.owner, { branchId, ownerId, name });
      await f.owner.query('UPDATE customers SET created_at = $2 WHERE id = $1', [id, createdAt]);
      return name;
    };
    await at(f.org.a.id, f.org.users.repA.id, 'A late 30 Nov', '2026-11-30T15:30:00Z'); // 23:30 in Shanghai
    await at(f.org.a.id, f.org.users.repA.id, 'A early 1 Dec', '2026-11-30T16:30:00Z'); // 00:30 on 1 Dec in Shanghai
    await at(f.org.a.id, f.org.users.repA.id, 'A late 1 Dec', '2026-12-01T15:59:00Z'); // 23:59 on 1 Dec in Shanghai
    await at(f.org.b.id, f.org.users.repB.id, 'B late 30 Nov', '2026-11-30T22:30:00Z'); // 23:30 in Berlin
    await at(f.org.b.id, f.org.users.repB.id, 'B early 1 Dec', '2026-11-30T23:30:00Z'); // 00:30 on 1 Dec in Berlin
    await at(f.org.b.id, f.org.users.repB.id, 'B 2 Dec', '2026-12-02T00:30:00Z');
    const names = async (who: string, filter: Record<string, unknown>) =>
      (
        await f.ok<{ customers: { totalCount: number; edges: { node: { name: string } }[] } }>(
          who,
          'query($f: CustomerFilter) { customers(first: 50, filter: $f) { totalCount edges { node { name } } } }',
          { f: filter },
        )
      ).customers.edges
        .map((e) => e.node.name)
        .sort();
    expect(await names('admin', { createdFrom: '2026-12-01', createdTo: '2026-12-01' })).toEqual([
      'A early 1 Dec',
      'A late 1 Dec',
      'B early 1 Dec',
    ]);
    expect(await names('admin', { createdTo: '2026-11-30', search: 'Nov' })).toEqual([
      'A late 30 Nov',
      'B late 30 Nov',
    ]);
    expect(await names('managerB', { createdFrom: '2026-12-01', createdTo: '2026-12-03' })).toEqual([
      'B 2 Dec',
      'B early 1 Dec',
    ]);
    expect(await names('admin', { createdFrom: '2026-12-02', createdTo: '2026-12-02', branchId: f.org.b.id })).toEqual([
      'B 2 Dec',
    ]);

    const wrong = await call(
      'admin',
      '{ customers(filter: { createdFrom: "2026-12-02", createdTo: "2026-12-01" }) { totalCount } }',
    );
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter.createdTo', message: 'must not be before filter.createdFrom' }],
    });
    const malformed = await call('admin', '{ customers(filter: { createdFrom: "01/12/2026" }) { totalCount } }');
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
