import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';

/**
 * Activity quotas per sales representative: valid leads and proposals sent per ISO week, effective
 * visits per month, against the branch's targets (defaults 10, 10, 6; a settings mutation), with the
 * week's and month's days in the branch's time zone; a rep sees their own line, head office every
 * branch aggregated in one statement, whatever the number of reps and branches.
 */

interface Metric {
  metric: string;
  actual: number;
  target: number;
  attained: boolean;
  percent: string | null;
}
interface Rep {
  branchId: string;
  userId: string;
  period: string;
  periodKind: string;
  from: string;
  to: string;
  metrics: Metric[];
  rep: { id: string } | null;
}
interface RepPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Rep }[];
}
interface BranchMetric {
  metric: string;
  actual: number;
  target: number;
  repsOnTarget: number;
  percent: string | null;
}
interface Branch {
  branchId: string;
  period: string;
  reps: number;
  metrics: BranchMetric[];
}

const REPS = `query($p: String!, $f: AttainmentFilter, $n: Int, $a: String) {
  repAttainment(period: $p, filter: $f, first: $n, after: $a) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { branchId userId period periodKind from to metrics { metric actual target attained percent } rep { id } } } } }`;
const BRANCHES = `query($p: String!, $b: ID) { branchAttainment(period: $p, branchId: $b) {
  branchId period periodKind reps metrics { metric actual target repsOnTarget percent } } }`;
const SETTINGS = `query($b: ID) { activityQuotaSettings(branchId: $b) { branchId validLeadsPerWeek proposalsPerWeek effectiveVisitsPerMonth } }`;
const UPDATE = `mutation($in: UpdateActivityQuotaSettingsInput!) { updateActivityQuotaSettings(input: $in) {
  branchId validLeadsPerWeek proposalsPerWeek effectiveVisitsPerMonth } }`;

describe('activity quotas', () => {
  const f = useFixture();
  const { call } = f;
  /** The fixture's `ok`, with the request's statement count (x-sql-statements). */
  async function counted<T = Record<string, unknown>>(who: string, doc: string, vars: Record<string, unknown> = {}) {
    const r = await call<T>(who, doc, vars);
    expect({ who, errors: r.body.errors }).toEqual({ who, errors: undefined });
    return { data: r.body.data!, statements: Number(r.headers.get('x-sql-statements')) };
  }

  /** The reps of one page of repAttainment. */
  const reps = async (who: string, vars: Record<string, unknown>) =>
    (await counted<{ repAttainment: RepPage }>(who, REPS, vars)).data.repAttainment.edges.map((e) => e.node);
  /** Leads owned by `ownerId` created at the given instants; valid unless `valid` is false (no direct contact). */
  async function leads(branch: string, ownerId: string, at: string[], valid = true) {
    for (const t of at) {
      await f.owner.query(
        `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, mobile_key, owner_id,
           created_by, created_at)
         VALUES ($1, $2, 'WEB', 'Prospect', 'Ms Li', 'MANAGER', $3, $4, $5, $5, $6)`,
        [branch, randomUUID(), valid ? '+86 139 0000 0001' : null, valid ? '8613900000001' : null, ownerId, t],
      );
    }
  }
  async function quotes(branch: string, customer: string, ownerId: string, sentAt: (string | null)[]) {
    for (const t of sentAt) {
      await f.owner.query(
        `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, state, sent_at, created_by)
         VALUES ($1, $2, $3, $4, 'Offer', 'CNY', '2099-12-31', $5, $6, $4)`,
        [branch, randomUUID(), customer, ownerId, t ? 'SENT' : 'DRAFT', t],
      );
    }
  }
  async function visits(branch: string, customer: string, ownerId: string, days: string[], effective = true) {
    for (const d of days) {
      await f.owner.query(
        `INSERT INTO visits (branch_id, id, customer_id, owner_id, planned_on, purpose, state, requested_by_customer,
           visited_on, report_summary, reported_at, reported_by, quote_sent_on, effective, created_by)
         VALUES ($1, $2, $3, $4, $5, 'Visit', 'DONE', $6, $5, 'Report', now(), $4, $5, $6, $4)`,
        [branch, randomUUID(), customer, ownerId, d, effective],
      );
    }
  }

  beforeAll(async () => {
    const custA = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.repA.id });
    const custA2 = await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.rep2A.id });
    const custB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id });
    const { repA, rep2A, repB, managerA } = f.org.users;
    // ISO week 2026-W45 runs Monday 2 to Sunday 8 November, Shanghai time (UTC+8).
    await leads(f.org.a.id, repA.id, [
      '2026-11-01T16:30:00Z', // Monday 00:30 in Shanghai: this week
      '2026-11-04T03:00:00Z',
      '2026-11-06T09:00:00Z',
      '2026-11-08T15:59:59Z', // Sunday 23:59:59 in Shanghai: still this week
      '2026-11-01T15:30:00Z', // Sunday 23:30 of the week before
      '2026-11-08T16:00:00Z', // Monday 00:00 of the next week
    ]);
    await leads(f.org.a.id, repA.id, ['2026-11-03T03:00:00Z', '2026-11-03T04:00:00Z'], false);
    await leads(
      f.org.a.id,
      rep2A.id,
      Array.from({ length: 10 }, (_, i) => `2026-11-0${2 + (i % 5)}T0${i % 9}:00:00Z`),
    );
    // A manager's own leads are not a representative's quota.
    await leads(f.org.a.id, managerA.id, ['2026-11-04T03:00:00Z']);
    await leads(f.org.b.id, repB.id, ['2026-11-05T03:00:00Z']);
    await quotes(f.org.a.id, custA, repA.id, [
      '2026-11-02T01:00:00Z',
      '2026-11-07T10:00:00Z',
      null,
      '2026-10-30T01:00:00Z',
    ]);
    await quotes(
      f.org.b.id,
      custB,
      repB.id,
      Array.from({ length: 12 }, () => '2026-11-05T03:00:00Z'),
    );
    // November 2026: effective visits (and one that is not).
    await visits(f.org.a.id, custA, repA.id, ['2026-11-03', '2026-11-30']);
    await visits(f.org.a.id, custA, repA.id, ['2026-11-10'], false);
    await visits(f.org.a.id, custA, repA.id, ['2026-10-31', '2026-12-01']);
    await visits(f.org.a.id, custA2, rep2A.id, [
      '2026-11-02',
      '2026-11-05',
      '2026-11-09',
      '2026-11-12',
      '2026-11-19',
      '2026-11-26',
    ]);
  });

  /** The targets the figures below assume (the settings test changes them): defaults, and 5 valid leads a week in B. */
  async function standardTargets() {
    await f.owner.query('DELETE FROM activity_quota_settings');
    await f.owner.query(`INSERT INTO activity_quota_settings (branch_id, valid_leads_per_week) VALUES ($1, 5)`, [
      f.org.b.id,
    ]);
  }

  /** `n` more sales reps in branch B while `body` runs, removed after it: no other test counts them. */
  async function withExtraReps<T>(n: number, body: () => Promise<T>): Promise<T> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await f.owner.query(
        `INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, 'Extra rep', 'x')`,
        [id, f.org.id, `extra${i}.${id.slice(0, 6)}@test.example`],
      );
      await f.owner.query(`INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, 'SALES_REP')`, [
        randomUUID(),
        id,
        f.org.b.id,
      ]);
    }
    try {
      return await body();
    } finally {
      await f.owner.query('DELETE FROM memberships WHERE user_id = ANY($1::uuid[])', [ids]);
      await f.owner.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [ids]);
    }
  }

  const metrics = (r: Rep | Branch) => Object.fromEntries(r.metrics.map((m) => [m.metric, m]));

  it('per representative and ISO week: valid leads and proposals sent, the week in the branch time zone', async () => {
    await standardTargets();
    const byRep = Object.fromEntries((await reps('managerA', { p: '2026-W45' })).map((r) => [r.userId, r]));
    expect(Object.keys(byRep).sort()).toEqual([f.org.users.repA.id, f.org.users.rep2A.id].sort());
    const a = byRep[f.org.users.repA.id];
    expect(a).toMatchObject({ period: '2026-W45', periodKind: 'WEEK', from: '2026-11-02', to: '2026-11-08' });
    expect(a.rep).toEqual({ id: f.org.users.repA.id });
    expect(metrics(a)).toEqual({
      VALID_LEADS: { metric: 'VALID_LEADS', actual: 4, target: 10, attained: false, percent: '40.0' },
      PROPOSALS_SENT: { metric: 'PROPOSALS_SENT', actual: 2, target: 10, attained: false, percent: '20.0' },
    });
    expect(metrics(byRep[f.org.users.rep2A.id])).toEqual({
      VALID_LEADS: { metric: 'VALID_LEADS', actual: 10, target: 10, attained: true, percent: '100.0' },
      PROPOSALS_SENT: { metric: 'PROPOSALS_SENT', actual: 0, target: 10, attained: false, percent: '0.0' },
    });
    // The week after holds the lead of Monday 00:00.
    const next = await reps('managerA', { p: '2026-W46', f: { userId: f.org.users.repA.id } });
    expect(metrics(next[0]).VALID_LEADS.actual).toBe(1);
  });

  it('per month: effective visits; a rep sees their own line only', async () => {
    await standardTargets();
    const own = await reps('repA', { p: '2026-11' });
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      userId: f.org.users.repA.id,
      periodKind: 'MONTH',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(own[0].metrics).toEqual([
      { metric: 'EFFECTIVE_VISITS', actual: 2, target: 6, attained: false, percent: '33.3' },
    ]);
    expect(await reps('repA', { p: '2026-11', f: { userId: f.org.users.rep2A.id } })).toEqual([]);
    const mgr = await reps('managerA', { p: '2026-11', f: { userId: f.org.users.rep2A.id } });
    expect(mgr[0].metrics[0]).toMatchObject({ actual: 6, target: 6, attained: true, percent: '100.0' });
    expect((await reps('managerB', { p: '2026-11' })).map((r) => r.userId)).toEqual([f.org.users.repB.id]);
  });

  it('head office: every branch aggregated over its reps in one statement, with each branch’s targets', async () => {
    await standardTargets();
    const hq = await counted<{ branchAttainment: Branch[] }>('admin', BRANCHES, { p: '2026-W45' });
    const byBranch = Object.fromEntries(hq.data.branchAttainment.map((b) => [b.branchId, b]));
    expect(Object.keys(byBranch).sort()).toEqual([f.org.a.id, f.org.b.id].sort());
    expect(byBranch[f.org.a.id].reps).toBe(2);
    expect(metrics(byBranch[f.org.a.id])).toEqual({
      VALID_LEADS: { metric: 'VALID_LEADS', actual: 14, target: 20, repsOnTarget: 1, percent: '70.0' },
      PROPOSALS_SENT: { metric: 'PROPOSALS_SENT', actual: 2, target: 20, repsOnTarget: 0, percent: '10.0' },
    });
    expect(metrics(byBranch[f.org.b.id])).toEqual({
      VALID_LEADS: { metric: 'VALID_LEADS', actual: 1, target: 5, repsOnTarget: 0, percent: '20.0' },
      PROPOSALS_SENT: { metric: 'PROPOSALS_SENT', actual: 12, target: 10, repsOnTarget: 1, percent: '120.0' },
    });
    const month = (await counted<{ branchAttainment: Branch[] }>('admin', BRANCHES, { p: '2026-11', b: f.org.a.id }))
      .data.branchAttainment;
    expect(month).toEqual([
      {
        branchId: f.org.a.id,
        period: '2026-11',
        periodKind: 'MONTH',
        reps: 2,
        metrics: [{ metric: 'EFFECTIVE_VISITS', actual: 8, target: 12, repsOnTarget: 1, percent: '66.7' }],
      },
    ]);
    // The branch manager sees their branch; a rep has no branch view.
    const mgr = await counted<{ branchAttainment: Branch[] }>('managerA', BRANCHES, { p: '2026-W45' });
    expect(mgr.data.branchAttainment.map((b) => b.branchId)).toEqual([f.org.a.id]);
    expect(problem(await call('repA', BRANCHES, { p: '2026-W45' })).code).toBe('FORBIDDEN');
    // The statements do not grow with branches (HQ: 2, manager: 1) nor with reps (8 more in branch B).
    expect(hq.statements).toBe(mgr.statements);
    const more = await withExtraReps(8, () =>
      counted<{ branchAttainment: Branch[] }>('admin', BRANCHES, { p: '2026-W45' }),
    );
    expect(more.data.branchAttainment.find((b) => b.branchId === f.org.b.id)!.reps).toBe(9);
    expect(more.statements).toBe(hq.statements);
    expect(hq.statements).toBeLessThanOrEqual(3);
  });

  it("head office's pages with the reps' names are three statements (BEGIN and settings, the page with names, COMMIT), the names those of the directory", async () => {
    await standardTargets();
    const doc = `query($p: String!, $n: Int, $a: String) { repAttainment(period: $p, first: $n, after: $a) {
      pageInfo { hasNextPage endCursor }
      edges { node { branchId userId rep { id displayName email role } metrics { metric actual target } } } } }`;
    type Named = {
      branchId: string;
      userId: string;
      rep: { id: string; displayName: string; email: string; role: string };
    };
    await withExtraReps(8, async () => {
      const seen: Named[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          data: { repAttainment: { pageInfo: RepPage['pageInfo']; edges: { node: Named }[] } };
          statements: number;
        } = await counted('admin', doc, { p: '2026-W45', n: 4, a: after });
        expect(page.statements).toBe(3);
        // The counts come in the same statement; the names are what is checked here.
        seen.push(
          ...page.data.repAttainment.edges.map(({ node: { branchId, userId, rep } }) => ({ branchId, userId, rep })),
        );
        if (!page.data.repAttainment.pageInfo.hasNextPage) break;
        after = page.data.repAttainment.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(11);
      const directory = (
        await f.owner.query(
          `SELECT m.branch_id, u.id, u.display_name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.branch_id = ANY($1::uuid[]) AND m.role = 'SALES_REP' ORDER BY m.branch_id, u.id`,
          [[f.org.a.id, f.org.b.id]],
        )
      ).rows.map((r) => ({
        branchId: r.branch_id,
        userId: r.id,
        rep: { id: r.id, displayName: r.display_name, email: r.email, role: r.role },
      }));
      expect(seen).toEqual(directory);
    });
  });

  it('head office pages through every rep once, in branch and rep order, one page statement whatever its size', async () => {
    await standardTargets();
    // Branch A's 2 reps and branch B's rep with 8 more.
    await withExtraReps(8, async () => {
      const all = await counted<{ repAttainment: RepPage }>('admin', REPS, { p: '2026-W45', n: 100 });
      const everyone = all.data.repAttainment.edges.map((e) => e.node);
      expect(all.data.repAttainment.totalCount).toBe(11);
      expect(all.data.repAttainment.pageInfo.hasNextPage).toBe(false);
      const order = (r: Rep) => `${r.branchId}:${r.userId}`;
      expect(everyone.map(order)).toEqual(everyone.map(order).sort());
      const seen: Rep[] = [];
      let after: string | null = null;
      const sizes: number[] = [];
      for (;;) {
        const page: { data: { repAttainment: RepPage }; statements: number } = await counted<{
          repAttainment: RepPage;
        }>('admin', REPS, { p: '2026-W45', n: 4, a: after });
        seen.push(...page.data.repAttainment.edges.map((e) => e.node));
        sizes.push(page.data.repAttainment.edges.length);
        // BEGIN, the page (with the reps' names), the count, COMMIT: as for the page of 100.
        expect(page.statements).toBe(all.statements);
        if (!page.data.repAttainment.pageInfo.hasNextPage) break;
        after = page.data.repAttainment.pageInfo.endCursor;
      }
      expect(sizes).toEqual([4, 4, 3]);
      expect(seen).toEqual(everyone);
      expect(all.statements).toBeLessThanOrEqual(5);
      // A rep's figures on a page are those of the rep asked for alone.
      const one = await reps('admin', { p: '2026-W45', f: { userId: f.org.users.repA.id } });
      expect(everyone.find((r) => r.userId === f.org.users.repA.id)).toEqual(one[0]);
      expect(problem(await call('admin', REPS, { p: '2026-W45', n: 101 }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['first'],
      });
      expect(problem(await call('admin', REPS, { p: '2026-W45', a: 'not-a-cursor' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['after'],
      });
    });
  });

  it('settings: defaults 10, 10, 6; changed by the branch manager or head office, validated', async () => {
    await standardTargets();
    expect((await counted<{ activityQuotaSettings: unknown }>('repA', SETTINGS)).data.activityQuotaSettings).toEqual({
      branchId: f.org.a.id,
      validLeadsPerWeek: 10,
      proposalsPerWeek: 10,
      effectiveVisitsPerMonth: 6,
    });
    const audit = async () => (await f.owner.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n as number;
    const before = await audit();
    for (const [who, input, code, fields] of [
      ['repA', { validLeadsPerWeek: 3 }, 'FORBIDDEN', []],
      ['managerA', { validLeadsPerWeek: -1 }, 'BAD_USER_INPUT', ['validLeadsPerWeek']],
      ['managerA', { proposalsPerWeek: 1001 }, 'BAD_USER_INPUT', ['proposalsPerWeek']],
      ['managerA', {}, 'BAD_USER_INPUT', ['input']],
      ['admin', { effectiveVisitsPerMonth: 4 }, 'BAD_USER_INPUT', ['branchId']],
      ['managerA', { branchId: f.org.b.id, effectiveVisitsPerMonth: 4 }, 'FORBIDDEN', []],
    ] as const) {
      const p = problem(await call(who, UPDATE, { in: input }));
      expect({ who, input, code: p.code }).toEqual({ who, input, code });
      if (fields.length) expect({ who, input, fields: p.fields }).toEqual({ who, input, fields });
    }
    expect(await audit()).toBe(before);
    expect(problem(await call('managerA', REPS, { p: '2026-W60' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['period'],
    });
    expect(problem(await call('managerA', REPS, { p: 'last week' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['period'],
    });

    const changed = (
      await counted<{ updateActivityQuotaSettings: unknown }>('managerA', UPDATE, {
        in: { effectiveVisitsPerMonth: 2 },
      })
    ).data.updateActivityQuotaSettings;
    expect(changed).toEqual({
      branchId: f.org.a.id,
      validLeadsPerWeek: 10,
      proposalsPerWeek: 10,
      effectiveVisitsPerMonth: 2,
    });
    const [month] = await reps('repA', { p: '2026-11' });
    expect(month.metrics[0]).toMatchObject({ actual: 2, target: 2, attained: true, percent: '100.0' });
    await counted('admin', UPDATE, { in: { branchId: f.org.b.id, proposalsPerWeek: 12 } });
    expect(
      (await counted<{ activityQuotaSettings: unknown }>('admin', SETTINGS, { b: f.org.b.id })).data
        .activityQuotaSettings,
    ).toEqual({
      branchId: f.org.b.id,
      validLeadsPerWeek: 5,
      proposalsPerWeek: 12,
      effectiveVisitsPerMonth: 6,
    });
    expect(await audit()).toBe(before + 2);
  });
});
