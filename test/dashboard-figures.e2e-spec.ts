import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PASSWORD, gql, insertCustomer, login, useFixture } from '@app/testing';

/**
 * The head-office dashboard's figures (issue 15): the sales pipeline with win rates, customers per tier with their
 * overdue contacts, approval cycle times and the pending requests behind a count, and signing out. Each test puts
 * its rows in a period (or branch) of its own, or reads the change its rows made, so it passes alone and in any order.
 */

const PIPELINE = `query($in: BranchPeriodInput!) { salesPipeline(input: $in) { branchId branch { id code } leadsCreated
  leadsQualified quotesSent quotesWon quotesLost contractsSigned signedAmount currency winRate } }`;
const TIERS = `query($b: ID) { customerTierCounts(branchId: $b) { branchId branch { id } tier customers
  overdueContacts } }`;
const OVERDUE = `query($b: ID!) { customers(filter: { branchId: $b, overdue: true }, first: 1) { totalCount } }`;
const CYCLE = `query($in: BranchPeriodInput!) { approvalCycleTimes(input: $in) { branchId branch { id } subjectType
  decided medianHours p90Hours } }`;
const PENDING = `query($b: ID, $first: Int, $after: String) { pendingApprovals(branchId: $b, first: $first,
  after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id branchId title } } } }`;
const REFRESH = `mutation($t: String!) { refreshToken(token: $t) { accessToken refreshToken } }`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;

interface Pipeline {
  branchId: string;
  leadsCreated: number;
  leadsQualified: number;
  quotesSent: number;
  quotesWon: number;
  quotesLost: number;
  contractsSigned: number;
  signedAmount: string;
  currency: string;
  winRate: string | null;
}

describe('dashboard figures', () => {
  const f = useFixture();
  let policyA: string;
  let policyB: string;

  beforeAll(async () => {
    const policy = async (branchId: string) =>
      (
        await f.owner.query<{ id: string }>(
          `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps)
           VALUES ($1, gen_random_uuid(), 'TEST_FIGURES', 1,
             '[{"name": "Manager", "slaHours": 8, "approver": {"kind": "BRANCH_ROLE", "role": "BRANCH_MANAGER"}}]')
           RETURNING id`,
          [branchId],
        )
      ).rows[0]!.id;
    policyA = await policy(f.org.a.id);
    policyB = await policy(f.org.b.id);
  });

  /** A lead of `branchId` recorded at `at` (valid unless `valid` is false), screened `screening` at `screenedAt`. */
  const lead = (
    branchId: string,
    ownerId: string,
    at: string,
    s: { screening?: string; screenedAt?: string; valid?: boolean } = {},
  ) =>
    f.owner.query(
      `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, email, screening, screened_at,
         screening_note, owner_id, created_by, created_at)
       VALUES ($1, gen_random_uuid(), 'WEB', 'Figures Co', 'Li Wei', $2, 'li.wei@figures.example', $3, $4, $7, $5, $5, $6)`,
      [
        branchId,
        s.valid === false ? 'OTHER' : 'MANAGER',
        s.screening ?? 'PENDING',
        s.screenedAt ?? null,
        ownerId,
        at,
        s.screening === 'UNFIT' ? 'Not our market' : null,
      ],
    );

  /** A contract signed on `signedOn` (or unsigned), for `amount`. */
  const contract = async (branchId: string, ownerId: string, signedOn: string | null, amount = '1000.00') => {
    const customerId = await insertCustomer(f.owner, { branchId, ownerId });
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, created_by)
       VALUES ($1, $2, $3, 'Figures contract', $4, 'CNY', '2025-01-01', '2027-12-31', $5, $6, $7, $8, $5)`,
      [branchId, id, customerId, amount, ownerId, signedOn ? 'SIGNED' : 'APPROVED', signedOn && `F-${id}`, signedOn],
    );
    return { id, customerId };
  };

  /** A quote sent at `sentAt`, now in `state`, made into `contractId` if given. */
  const quote = async (branchId: string, ownerId: string, sentAt: string, state: string, contractId?: string) => {
    const customerId = await insertCustomer(f.owner, { branchId, ownerId });
    await f.owner.query(
      `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, state, sent_at,
         contract_id, created_by)
       VALUES ($1, gen_random_uuid(), $2, $3, 'Figures quote', 'CNY', '2027-12-31', $4, $5, $6, $3)`,
      [branchId, customerId, ownerId, state, sentAt, contractId ?? null],
    );
  };

  /** An approval request submitted at `submittedAt`, decided `hours` later with `status` (PENDING: undecided). */
  const request = async (branchId: string, submittedAt: string, hours: number | null, status = 'APPROVED') => {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, requester_id, policy_id, status,
         submitted_at, decided_at)
       VALUES ($1, $2, 'TEST_FIGURES', gen_random_uuid(), 'Figures request', $3, $4, $5, $6::timestamptz,
         $6::timestamptz + make_interval(secs => $7::float8 * 3600))`,
      [
        branchId,
        id,
        branchId === f.org.a.id ? f.u.repA!.id : f.u.repB!.id,
        branchId === f.org.a.id ? policyA : policyB,
        status,
        submittedAt,
        hours,
      ],
    );
    return id;
  };

  it('salesPipeline counts each stage in the period, in the branch’s time zone, with the win rate of decided quotes', async () => {
    const { a, b } = f.org;
    const rep = f.u.repA!.id;
    // March 2025 in Shanghai: from 2025-02-28T16:00Z to 2025-03-31T16:00Z.
    await lead(a.id, rep, '2025-02-28T16:30:00Z'); // 1 March, 00:30 local: in
    await lead(a.id, rep, '2025-02-28T15:59:00Z'); // 28 February local: out
    await lead(a.id, rep, '2025-03-10T04:00:00Z', { screening: 'FIT', screenedAt: '2025-03-11T04:00:00Z' });
    await lead(a.id, rep, '2025-02-10T04:00:00Z', { screening: 'FIT', screenedAt: '2025-03-31T15:00:00Z' });
    await lead(a.id, rep, '2025-03-12T04:00:00Z', {
      screening: 'FIT',
      screenedAt: '2025-03-12T05:00:00Z',
      valid: false,
    });
    await lead(a.id, rep, '2025-03-13T04:00:00Z', { screening: 'UNFIT', screenedAt: '2025-03-13T05:00:00Z' });
    await lead(a.id, rep, '2025-03-14T04:00:00Z', { screening: 'FIT', screenedAt: '2025-04-02T05:00:00Z' });
    const won = await contract(a.id, rep, '2025-03-20', '1000.50');
    await contract(a.id, rep, '2025-03-31', '2000.25');
    await contract(a.id, rep, '2025-04-01', '500.00');
    const late = await contract(a.id, rep, null);
    await quote(a.id, rep, '2025-03-05T04:00:00Z', 'ACCEPTED', won.id);
    await quote(a.id, rep, '2025-03-06T04:00:00Z', 'DECLINED');
    await quote(a.id, rep, '2025-03-07T04:00:00Z', 'EXPIRED');
    await quote(a.id, rep, '2025-03-08T04:00:00Z', 'SENT');
    await quote(a.id, rep, '2025-03-09T04:00:00Z', 'ACCEPTED', late.id); // accepted, contract not signed: open
    await quote(a.id, rep, '2025-02-27T04:00:00Z', 'DECLINED'); // sent in February

    const input = { from: '2025-03-01', to: '2025-03-31' };
    const { salesPipeline } = await f.ok<{ salesPipeline: (Pipeline & { branch: { id: string } })[] }>(
      'admin',
      PIPELINE,
      { in: input },
    );
    expect(salesPipeline.map((p) => p.branchId).sort()).toEqual([a.id, b.id].sort());
    const rowA = salesPipeline.find((p) => p.branchId === a.id)!;
    expect(rowA).toMatchObject({
      branch: { id: a.id },
      leadsCreated: 5,
      leadsQualified: 2,
      quotesSent: 5,
      quotesWon: 1,
      quotesLost: 2,
      contractsSigned: 2,
      signedAmount: '3000.75',
      currency: 'CNY',
      winRate: '0.3333',
    });
    expect(salesPipeline.find((p) => p.branchId === b.id)).toMatchObject({
      leadsCreated: 0,
      quotesSent: 0,
      contractsSigned: 0,
      signedAmount: '0.00',
      winRate: null,
    });
    // The branch manager: their own branch only; another branch named answers as an unknown one.
    const mine = await f.ok<{ salesPipeline: Pipeline[] }>('managerA', PIPELINE, { in: input });
    expect(mine.salesPipeline.map((p) => p.branchId)).toEqual([a.id]);
    expect(mine.salesPipeline).toEqual([rowA]);
    const other = await f.ok<{ salesPipeline: Pipeline[] }>('managerA', PIPELINE, { in: { ...input, branchId: b.id } });
    expect(other.salesPipeline).toEqual([]);
    expect((await f.refused('repA', PIPELINE, { in: input })).code).toBe('FORBIDDEN');
  });

  it.each([
    ['ends before it starts', { from: '2025-03-02', to: '2025-03-01' }],
    ['is longer than 366 days', { from: '2024-01-01', to: '2025-01-02' }],
  ])('a period that %s is refused naming to', async (_label, period) => {
    for (const doc of [PIPELINE, CYCLE]) {
      const p = await f.refused('admin', doc, { in: period });
      expect(p).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['to'] });
    }
  });

  it('customerTierCounts: active customers per branch and tier, the overdue ones equal to the overdue list', async () => {
    const { b } = f.org;
    const before = await f.ok<{
      customerTierCounts: { branchId: string; tier: string; customers: number; overdueContacts: number }[];
    }>('admin', TIERS, { b: b.id });
    const overdueBefore = await f.ok<{ customers: { totalCount: number } }>('admin', OVERDUE, { b: b.id });
    const past = new Date(Date.now() - 864e5);
    const owners = [f.u.repB!.id, f.u.managerB!.id];
    await insertCustomer(f.owner, { branchId: b.id, ownerId: owners[0]!, tier: 'HIGH', dueAt: past });
    await insertCustomer(f.owner, { branchId: b.id, ownerId: owners[1]!, tier: 'HIGH' });
    await insertCustomer(f.owner, { branchId: b.id, ownerId: owners[1]!, tier: 'LOW', dueAt: past });
    await insertCustomer(f.owner, {
      branchId: b.id,
      ownerId: owners[1]!,
      tier: 'LOW',
      status: 'ARCHIVED',
      dueAt: past,
    });
    const after = await f.ok<typeof before>('admin', TIERS, { b: b.id });
    const at = (d: typeof before, tier: string) =>
      d.customerTierCounts.find((c) => c.tier === tier) ?? { customers: 0, overdueContacts: 0 };
    expect(after.customerTierCounts.every((c) => c.branchId === b.id)).toBe(true);
    expect(at(after, 'HIGH').customers - at(before, 'HIGH').customers).toBe(2);
    expect(at(after, 'HIGH').overdueContacts - at(before, 'HIGH').overdueContacts).toBe(1);
    expect(at(after, 'LOW').customers - at(before, 'LOW').customers).toBe(1);
    expect(at(after, 'LOW').overdueContacts - at(before, 'LOW').overdueContacts).toBe(1);
    // The drill-down: the overdue list of the branch holds exactly as many as the figure says.
    const overdue = await f.ok<{ customers: { totalCount: number } }>('admin', OVERDUE, { b: b.id });
    const sum = after.customerTierCounts.reduce((s, c) => s + c.overdueContacts, 0);
    expect(overdue.customers.totalCount).toBe(sum);
    expect(overdue.customers.totalCount - overdueBefore.customers.totalCount).toBe(2);
    // A sales rep counts their own customers only.
    const rep = await f.ok<typeof before>('repB', TIERS);
    const own = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE branch_id = $1 AND owner_id = $2 AND status = 'ACTIVE'`,
      [b.id, owners[0]],
    );
    expect(rep.customerTierCounts.reduce((s, c) => s + c.customers, 0)).toBe(own.rows[0]!.n);
  });

  it('approvalCycleTimes: median and p90 hours from submitted to decided, per branch and subject, in the period', async () => {
    const { a, b } = f.org;
    for (const h of [1, 2, 3, 4, 10]) await request(a.id, `2025-05-1${h % 10}T02:00:00Z`, h);
    await request(a.id, '2025-05-20T02:00:00Z', 500, 'WITHDRAWN'); // no decision
    await request(a.id, '2025-05-20T02:00:00Z', null, 'PENDING');
    await request(a.id, '2025-05-31T15:00:00Z', 2, 'REJECTED'); // decided 1 June local
    await request(b.id, '2025-05-02T02:00:00Z', 6, 'RETURNED');
    const input = { from: '2025-05-01', to: '2025-05-31' };
    const { approvalCycleTimes } = await f.ok<{
      approvalCycleTimes: {
        branchId: string;
        subjectType: string;
        decided: number;
        medianHours: string;
        p90Hours: string;
      }[];
    }>('admin', CYCLE, { in: input });
    const mine = approvalCycleTimes.filter((c) => c.subjectType === 'TEST_FIGURES');
    // Ordered by branch code (AA, BB). p90 of 1, 2, 3, 4, 10 (continuous): 4 + 0.6 * (10 - 4) = 7.6.
    expect(mine).toEqual([
      expect.objectContaining({ branchId: a.id, decided: 5, medianHours: '3.00', p90Hours: '7.60' }),
      expect.objectContaining({ branchId: b.id, decided: 1, medianHours: '6.00', p90Hours: '6.00' }),
    ]);
    const one = await f.ok<{ approvalCycleTimes: { branchId: string }[] }>('admin', CYCLE, {
      in: { ...input, branchId: b.id },
    });
    expect(one.approvalCycleTimes.map((c) => c.branchId)).toEqual([b.id]);
    expect((await f.refused('managerA', CYCLE, { in: input })).code).toBe('FORBIDDEN');
  });

  it('pendingApprovals pages the pending requests of a branch, oldest first, the rows behind approvalOverview', async () => {
    const { b } = f.org;
    const ids: string[] = [
      await request(b.id, '2020-01-01T01:00:00Z', null, 'PENDING'),
      await request(b.id, '2020-01-01T02:00:00Z', null, 'PENDING'),
      await request(b.id, '2020-01-01T03:00:00Z', null, 'PENDING'),
    ];
    await request(b.id, '2020-01-01T00:30:00Z', 1, 'APPROVED');
    const seen: string[] = [];
    let after: string | undefined;
    let total = -1;
    for (let i = 0; i < 50; i++) {
      const { pendingApprovals: p } = await f.ok<{
        pendingApprovals: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string; branchId: string } }[];
        };
      }>('admin', PENDING, { b: b.id, first: 2, after });
      total = p.totalCount;
      for (const e of p.edges) expect(e.node.branchId).toBe(b.id);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const overview = await f.ok<{ approvalOverview: { branch: { id: string }; pending: number }[] }>(
      'admin',
      `{ approvalOverview { branch { id } pending } }`,
    );
    expect(overview.approvalOverview.find((o) => o.branch.id === b.id)!.pending).toBe(total);
    expect((await f.refused('managerB', PENDING, { b: b.id })).code).toBe('FORBIDDEN');
  });

  it('logout revokes the refresh token and its whole family; another sign-in of the same person stays', async () => {
    const email = f.u.repA!.email;
    const first = await login(f.api.url, email, PASSWORD);
    const other = await login(f.api.url, email, PASSWORD);
    const rotated = await gql<{ refreshToken: { refreshToken: string } }>(f.api.url, REFRESH, {
      t: first.refreshToken,
    });
    const current = rotated.body.data!.refreshToken.refreshToken;
    const out = await gql<{ logout: boolean }>(f.api.url, LOGOUT, { t: current });
    expect(out.body).toEqual({ data: { logout: true } });
    for (const t of [current, first.refreshToken]) {
      const r = await gql(f.api.url, REFRESH, { t });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const revoked = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM refresh_tokens t JOIN refresh_tokens s ON s.family_id = t.family_id
       WHERE t.token_hash = encode(sha256($1::bytea), 'hex') AND s.revoked_at IS NULL`,
      [current],
    );
    expect(revoked.rows[0]!.n).toBe(0);
    const still = await gql<{ refreshToken: { refreshToken: string } }>(f.api.url, REFRESH, { t: other.refreshToken });
    expect(still.body.errors).toBeUndefined();
    // Signing out twice, or with a token nobody holds, says the same and changes nothing.
    for (const t of [current, 'not-a-token']) {
      expect((await gql(f.api.url, LOGOUT, { t })).body).toEqual({ data: { logout: true } });
    }
  });

  it('property: over random quote outcomes, won + lost + open = sent and the win rate is won / (won + lost)', async () => {
    const outcomes = ['WON', 'DECLINED', 'EXPIRED', 'SENT', 'ACCEPTED'] as const;
    let month = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...outcomes), { maxLength: 8 }), async (seq) => {
        // A month of its own per run (years 2001 on), in branch B.
        month++;
        const y = 2000 + Math.ceil(month / 12);
        const m = String(((month - 1) % 12) + 1).padStart(2, '0');
        const rep = f.u.repB!.id;
        for (const o of seq) {
          const sentAt = `${y}-${m}-15T04:00:00Z`;
          if (o === 'WON') {
            const c = await contract(f.org.b.id, rep, `${y}-${m}-16`);
            await quote(f.org.b.id, rep, sentAt, 'ACCEPTED', c.id);
          } else await quote(f.org.b.id, rep, sentAt, o);
        }
        const last = new Date(Date.UTC(y, Number(m), 0)).getUTCDate();
        const { salesPipeline } = await f.ok<{ salesPipeline: Pipeline[] }>('admin', PIPELINE, {
          in: { from: `${y}-${m}-01`, to: `${y}-${m}-${last}`, branchId: f.org.b.id },
        });
        const p = salesPipeline[0]!;
        const won = seq.filter((o) => o === 'WON').length;
        const lost = seq.filter((o) => o === 'DECLINED' || o === 'EXPIRED').length;
        expect(p.quotesSent).toBe(seq.length);
        expect([p.quotesWon, p.quotesLost]).toEqual([won, lost]);
        expect(p.contractsSigned).toBe(won);
        expect(p.quotesWon + p.quotesLost).toBeLessThanOrEqual(p.quotesSent);
        if (won + lost === 0) expect(p.winRate).toBeNull();
        else expect(Math.abs(Number(p.winRate) - won / (won + lost))).toBeLessThanOrEqual(0.00005);
      }),
      { numRuns: 25 },
    );
  });
});
