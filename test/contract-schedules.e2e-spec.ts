import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { insertCustomer, useFixture, type GqlResponse, type TestOrg } from '@app/testing';

/**
 * Performance tracking over GraphQL: payment schedules (the total limit, typed bad input that
 * changes nothing), milestones, the due timestamps kept for the worker, and head office's contract
 * value report and expiring list across two branches (and nothing of another organization).
 */

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
/** The start of a business day in Shanghai (UTC+8, no DST), as stored. */
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();

const SCHEDULE = `id state instalments { id kind dueOn amount currency status paidOn } milestones { id title dueOn status doneOn }`;

describe('contract schedules and head-office views', () => {
  const f = useFixture({ orgs: 2 });
  const { call, ok } = f;
  let owner: pg.Client;
  let org: TestOrg;
  let customerA: string;
  let customerB: string;

  /** A contract in `state` inserted directly (arrangement; the lifecycle has its own tests). */
  async function insertContract(
    c: Partial<{ branchId: string; customerId: string; ownerId: string; state: string; amount: string }> & {
      signedOn?: string | null;
      endsOn?: string;
      number?: string;
    } = {},
  ): Promise<string> {
    const id = randomUUID();
    const signed = c.signedOn === undefined ? today() : c.signedOn;
    await owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, created_by)
       VALUES ($1, $2, $3, 'Pumps', $4, 'CNY', '2026-01-01', $5, $6, $7, $8, $9, $10, $6)`,
      [
        c.branchId ?? org.a.id,
        id,
        c.customerId ?? customerA,
        c.amount ?? '100000.00',
        c.endsOn ?? '2027-12-31',
        c.ownerId ?? org.users.repA.id,
        c.state ?? 'SIGNED',
        signed ? (c.number ?? `N-${id.slice(0, 8)}`) : null,
        signed,
        signed ? 1 : 0,
      ],
    );
    return id;
  }

  const problem = (r: GqlResponse) => ({
    code: r.body.errors?.[0]?.extensions?.code,
    fields: r.body.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [],
  });

  const ADD_INSTALMENT = `mutation($in: AddInstalmentInput!) { addContractInstalment(input: $in) { id kind dueOn amount currency status } }`;
  const ADD_MILESTONE = `mutation($in: AddMilestoneInput!) { addContractMilestone(input: $in) { id title dueOn status } }`;
  const GET = `query($id: ID!) { contract(id: $id) { ${SCHEDULE} } }`;

  async function counts(): Promise<Record<string, number>> {
    const r = await owner.query(
      `SELECT (SELECT count(*) FROM contract_instalments)::int AS i, (SELECT count(*) FROM contract_milestones)::int AS m,
         (SELECT count(*) FROM audit_log)::int AS a, (SELECT md5(string_agg(to_jsonb(x)::text, '' ORDER BY x.id))
           FROM contract_instalments x) AS h`,
    );
    return r.rows[0] as Record<string, number>;
  }

  beforeAll(async () => {
    owner = f.owner;
    org = f.org;
    customerA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id });
    customerB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id });
  });

  it('a payment schedule up to the contract amount, with its due timestamps for the worker', async () => {
    const id = await insertContract();
    const a = (
      await ok<{ addContractInstalment: { id: string; currency: string; status: string; amount: string } }>(
        'repA',
        ADD_INSTALMENT,
        { in: { contractId: id, kind: 'PREPAYMENT', dueOn: '2027-01-10', amount: '30000' } },
      )
    ).addContractInstalment;
    expect(a).toMatchObject({ amount: '30000.00', currency: 'CNY', status: 'PENDING' });
    await ok('repA', ADD_INSTALMENT, {
      in: { contractId: id, kind: 'FINAL', dueOn: '2027-06-30', amount: '70000.00' },
    });
    const stored = await owner.query('SELECT next_action_at FROM contract_instalments WHERE id = $1', [a.id]);
    expect(stored.rows[0].next_action_at.toISOString()).toBe(shanghaiStart('2027-01-10'));

    // The schedule is full: one cent more is refused, naming the field, and nothing changes.
    const before = await counts();
    const over = await call('repA', ADD_INSTALMENT, {
      in: { contractId: id, kind: 'PROGRESS', dueOn: '2027-03-01', amount: '0.01' },
    });
    expect(problem(over)).toEqual({ code: 'BAD_USER_INPUT', fields: ['amount'] });
    const UPDATE = `mutation($id: ID!, $in: UpdateInstalmentInput!) { updateContractInstalment(id: $id, input: $in) { id dueOn amount status } }`;
    const raise = await call('repA', UPDATE, { id: a.id, in: { amount: '30000.01' } });
    expect(problem(raise)).toEqual({ code: 'BAD_USER_INPUT', fields: ['amount'] });
    for (const amount of ['-5', '0', '1.234', 'abc', '99999999999999']) {
      const r = await call('repA', ADD_INSTALMENT, {
        in: { contractId: id, kind: 'PROGRESS', dueOn: '2027-03-01', amount },
      });
      expect({ amount, ...problem(r) }).toMatchObject({ amount, code: 'BAD_USER_INPUT' });
    }
    const badDate = await call('repA', ADD_INSTALMENT, {
      in: { contractId: id, kind: 'PROGRESS', dueOn: '2027-02-30', amount: '1' },
    });
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Nobody marks an instalment PAID by hand any more (receipts decide it), and only a manager waives one.
    const byHand = await call(
      'repA',
      `mutation($id: ID!) { markInstalmentPaid(id: $id, paidOn: "2026-01-05") { id } }`,
      {
        id: a.id,
      },
    );
    expect(byHand.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const WAIVE = `mutation($id: ID!, $r: String!) { waiveInstalment(id: $id, reason: $r) { status } }`;
    for (const who of ['repA', 'financeA']) {
      expect(problem(await call(who, WAIVE, { id: a.id, r: 'Goodwill' })).code).toBe('FORBIDDEN');
    }
    expect(problem(await call('managerA', WAIVE, { id: a.id, r: '  ' }))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['reason'],
    });
    expect(await counts()).toEqual(before);

    // A new due day moves the stored timestamp; a waived instalment frees its amount.
    const moved = (
      await ok<{ updateContractInstalment: { dueOn: string } }>('repA', UPDATE, {
        id: a.id,
        in: { dueOn: '2027-01-20' },
      })
    ).updateContractInstalment;
    expect(moved.dueOn).toBe('2027-01-20');
    const again = await owner.query('SELECT next_action_at FROM contract_instalments WHERE id = $1', [a.id]);
    expect(again.rows[0].next_action_at.toISOString()).toBe(shanghaiStart('2027-01-20'));
    await ok('managerA', WAIVE, { id: a.id, r: 'Prepayment dropped in the negotiation' });
    const waived = await owner.query(
      `SELECT after->>'reason' AS reason FROM audit_log WHERE entity_id = $1 AND action = 'waived'`,
      [a.id],
    );
    expect(waived.rows).toEqual([{ reason: 'Prepayment dropped in the negotiation' }]);
    await ok('repA', ADD_INSTALMENT, {
      in: { contractId: id, kind: 'PROGRESS', dueOn: '2027-03-01', amount: '30000' },
    });
    const c = (await ok<{ contract: { instalments: { kind: string; status: string }[] } }>('repA', GET, { id }))
      .contract;
    expect(c.instalments.map((i) => [i.kind, i.status])).toEqual([
      ['PREPAYMENT', 'WAIVED'],
      ['PROGRESS', 'PENDING'],
      ['FINAL', 'PENDING'],
    ]);
    // A waived instalment is closed (a paid one too: test/finance-receipts.e2e-spec.ts).
    const closed = await call('repA', UPDATE, { id: a.id, in: { amount: '1' } });
    expect(problem(closed).code).toBe('INVALID_STATE');
  });

  it('milestones: add, move, done, cancel; only SIGNED and ACTIVE contracts have a schedule', async () => {
    const id = await insertContract({ state: 'ACTIVE' });
    const m = (
      await ok<{ addContractMilestone: { id: string; status: string } }>('managerA', ADD_MILESTONE, {
        in: { contractId: id, title: 'Installation', dueOn: '2027-02-01' },
      })
    ).addContractMilestone;
    const m2 = (
      await ok<{ addContractMilestone: { id: string } }>('managerA', ADD_MILESTONE, {
        in: { contractId: id, title: 'Training', dueOn: '2027-03-01' },
      })
    ).addContractMilestone;
    await ok(
      'managerA',
      `mutation($id: ID!) { updateContractMilestone(id: $id, input: { dueOn: "2027-02-15" }) { id } }`,
      {
        id: m.id,
      },
    );
    const row = await owner.query('SELECT next_action_at FROM contract_milestones WHERE id = $1', [m.id]);
    expect(row.rows[0].next_action_at.toISOString()).toBe(shanghaiStart('2027-02-15'));
    await ok('managerA', `mutation($id: ID!, $d: Date!) { markMilestoneDone(id: $id, doneOn: $d) { id } }`, {
      id: m.id,
      d: today(),
    });
    await ok('managerA', `mutation($id: ID!) { cancelMilestone(id: $id) { id } }`, { id: m2.id });
    const c = (await ok<{ contract: { milestones: { title: string; status: string }[] } }>('managerA', GET, { id }))
      .contract;
    expect(c.milestones.map((x) => [x.title, x.status])).toEqual([
      ['Installation', 'DONE'],
      ['Training', 'CANCELLED'],
    ]);
    const blank = await call('managerA', ADD_MILESTONE, { in: { contractId: id, title: '   ', dueOn: '2027-02-01' } });
    expect(problem(blank)).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.title'] });

    const before = await counts();
    for (const state of ['DRAFT', 'NEGOTIATION', 'COMPLETED', 'TERMINATED']) {
      const other = await insertContract({
        state,
        signedOn: state === 'COMPLETED' || state === 'TERMINATED' ? today() : null,
      });
      const r1 = await call('managerA', ADD_MILESTONE, { in: { contractId: other, title: 'X', dueOn: '2027-02-01' } });
      const r2 = await call('managerA', ADD_INSTALMENT, {
        in: { contractId: other, kind: 'FINAL', dueOn: '2027-02-01', amount: '1' },
      });
      expect({ state, a: problem(r1).code, b: problem(r2).code }).toEqual({
        state,
        a: 'INVALID_STATE',
        b: 'INVALID_STATE',
      });
    }
    // Finance reads, never writes; a colleague rep's contract is not found.
    const finance = await call('financeA', ADD_MILESTONE, { in: { contractId: id, title: 'X', dueOn: '2027-02-01' } });
    expect(problem(finance).code).toBe('FORBIDDEN');
    const colleague = await call('rep2A', ADD_MILESTONE, { in: { contractId: id, title: 'X', dueOn: '2027-02-01' } });
    expect(problem(colleague).code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('the original: received once, and the contract leaves the monthly check; schedules load in constant statements', async () => {
    const id = await insertContract({ state: 'ACTIVE' });
    await owner.query(
      `UPDATE contracts SET original_received = false, original_check_at = now() + interval '9 days' WHERE id = $1`,
      [id],
    );
    const MARK = `mutation($id: ID!) { markContractOriginalReceived(id: $id) { id originalReceived timeline { action } } }`;
    const r = await ok<{ markContractOriginalReceived: { originalReceived: boolean; timeline: { action: string }[] } }>(
      'managerA',
      MARK,
      { id },
    );
    expect(r.markContractOriginalReceived.originalReceived).toBe(true);
    expect(r.markContractOriginalReceived.timeline.map((e) => e.action)).toContain('ORIGINAL_RECEIVED');
    const row = await owner.query('SELECT original_check_at FROM contracts WHERE id = $1', [id]);
    expect(row.rows[0].original_check_at).toBeNull();
    expect(problem(await call('managerA', MARK, { id })).code).toBe('INVALID_STATE');
    const draft = await insertContract({ state: 'DRAFT', signedOn: null });
    expect(problem(await call('managerA', MARK, { id: draft })).code).toBe('INVALID_STATE');

    // Instalments and milestones of a whole page cost the same statements as of one contract.
    const PAGE = `query($n: Int) { contracts(first: $n) { edges { node { ${SCHEDULE} } } } }`;
    const one = await call('managerA', PAGE, { n: 1 });
    const many = await call('managerA', PAGE, { n: 50 });
    expect(many.body.errors).toBeUndefined();
    expect((many.body.data as { contracts: { edges: unknown[] } }).contracts.edges.length).toBeGreaterThan(3);
    expect(one.headers.get('x-sql-statements')).toBe(many.headers.get('x-sql-statements'));
  });

  it('end-of-term reminder days are a branch setting; changing them moves every live contract’s next reminder', async () => {
    const endsOn = addDays(today(), 100);
    const id = await insertContract({ endsOn });
    const SETTINGS = `mutation($in: UpdateContractSettingsInput!) { updateContractSettings(input: $in) { expiryReminderDays } }`;
    const r = await ok<{ updateContractSettings: { expiryReminderDays: number[] } }>('managerA', SETTINGS, {
      in: { numberRule: '{BRANCH}-HT-{YYYY}-{NNNN}', expiryReminderDays: [10, 60] },
    });
    expect(r.updateContractSettings.expiryReminderDays).toEqual([60, 10]);
    const row = await owner.query('SELECT expiry_reminder_days, next_expiry_reminder_at FROM contracts WHERE id = $1', [
      id,
    ]);
    expect(row.rows[0].expiry_reminder_days).toBe(60);
    expect(row.rows[0].next_expiry_reminder_at.toISOString()).toBe(shanghaiStart(addDays(endsOn, -60)));
    const bad = await call('managerA', SETTINGS, {
      in: { numberRule: '{BRANCH}-HT-{YYYY}-{NNNN}', expiryReminderDays: [0] },
    });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('head office: contract value by branch, state and month, and the expiring contracts, across two branches only', async () => {
    const t = today();
    const signedOn = `${t.slice(0, 7)}-01`;
    await insertContract({ branchId: org.a.id, amount: '1000.50', signedOn, endsOn: addDays(t, 10), number: 'A-1' });
    await insertContract({ branchId: org.a.id, amount: '2000.25', signedOn, endsOn: addDays(t, 20), number: 'A-2' });
    await insertContract({
      branchId: org.b.id,
      customerId: customerB,
      ownerId: org.users.repB.id,
      amount: '500.00',
      signedOn,
      endsOn: addDays(t, 15),
      number: 'B-1',
      state: 'ACTIVE',
    });
    const REPORT = `query($f: Date!, $t: Date!) { contractValueReport(from: $f, to: $t) { branch { id code } state month count amount currency } }`;
    const rows = (
      await ok<{
        contractValueReport: { branch: { id: string }; state: string; month: string; count: number; amount: string }[];
      }>('admin', REPORT, { f: signedOn, t: signedOn })
    ).contractValueReport;
    const month = t.slice(0, 7);
    expect(rows).toEqual([
      { branch: { id: org.a.id, code: 'AA' }, state: 'SIGNED', month, count: 2, amount: '3000.75', currency: 'CNY' },
      { branch: { id: org.b.id, code: 'BB' }, state: 'ACTIVE', month, count: 1, amount: '500.00', currency: 'CNY' },
    ]);
    const mine = (
      await ok<{ contractValueReport: { branch: { id: string } }[] }>('managerB', REPORT, { f: signedOn, t: signedOn })
    ).contractValueReport;
    expect(mine.map((r) => r.branch.id)).toEqual([org.b.id]);
    expect(
      (await ok<{ contractValueReport: unknown[] }>('other.admin', REPORT, { f: signedOn, t: signedOn }))
        .contractValueReport,
    ).toEqual([]);
    const backwards = await call('admin', REPORT, { f: signedOn, t: '2000-01-01' });
    expect(problem(backwards)).toEqual({ code: 'BAD_USER_INPUT', fields: ['to'] });

    const EXPIRING = `query($after: String, $n: Int) { expiringContracts(withinDays: 30, first: $n, after: $after) {
      totalCount edges { node { number branchId endsOn } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      expiringContracts: {
        totalCount: number;
        edges: { node: { number: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const p: Page = await ok<Page>('admin', EXPIRING, { after, n: 1 });
      expect(p.expiringContracts.totalCount).toBe(3);
      seen.push(...p.expiringContracts.edges.map((e) => e.node.number));
      if (!p.expiringContracts.pageInfo.hasNextPage) break;
      after = p.expiringContracts.pageInfo.endCursor;
    }
    expect(seen).toEqual(['A-1', 'B-1', 'A-2']);
    // One statement per query, whatever the page size.
    const small = await call('admin', EXPIRING, { n: 1 });
    const large = await call('admin', EXPIRING, { n: 50 });
    expect(small.headers.get('x-sql-statements')).toBe(large.headers.get('x-sql-statements'));
    const other = await ok<Page>('other.admin', EXPIRING, { n: 50 });
    expect(other.expiringContracts).toMatchObject({ totalCount: 0, edges: [] });
    const tooFar = await call('admin', `{ expiringContracts(withinDays: 9999) { totalCount } }`);
    expect(problem(tooFar)).toEqual({ code: 'BAD_USER_INPUT', fields: ['withinDays'] });
  });
});
