import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD, gql, insertCustomer, login, useFixture } from '@app/testing';
import { insertOrder } from './order-fixture.js';

/** A customers page with every relation a list screen shows. */
const PAGE = `query($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name tier nextContactDueOn contactOverdue
      owner { id displayName }
      branch { id code name }
      contacts { id name phone isPrimary }
      contactLogs(first: 3) { id channel occurredAt }
    } }
  }
}`;

interface Page {
  customers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: { id: string; owner: { id: string } | null; contacts: unknown[]; contactLogs: unknown[] } }[];
  };
}

describe('SQL statements per customers page', () => {
  const f = useFixture();

  beforeAll(async () => {
    // 120 customers in each branch, spread over two owners, two contacts each, two contact logs each.
    for (const [branch, owners] of [
      [f.org.a.id, [f.org.users.repA.id, f.org.users.rep2A.id]],
      [f.org.b.id, [f.org.users.repB.id, f.org.users.managerB.id]],
    ] as const) {
      await f.owner.query(
        `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
         SELECT $1, gen_random_uuid(), 'Customer ' || lpad(g::text, 4, '0'), 'MEDIUM',
                (ARRAY[$2, $3]::uuid[])[1 + g % 2], now() + interval '3 days'
         FROM generate_series(1, 120) g`,
        [branch, owners[0], owners[1]],
      );
      await f.owner.query(
        `INSERT INTO customer_contacts (branch_id, id, customer_id, name, phone, is_primary)
         SELECT c.branch_id, gen_random_uuid(), c.id, 'Contact ' || k, '+86 21 5555 000' || k, k = 1
         FROM customers c, generate_series(1, 2) k WHERE c.branch_id = $1`,
        [branch],
      );
      await f.owner.query(
        `INSERT INTO contact_logs (branch_id, id, customer_id, channel, summary, occurred_at, logged_by)
         SELECT c.branch_id, gen_random_uuid(), c.id, 'PHONE', 'call ' || k, now() - k * interval '1 day', c.owner_id
         FROM customers c, generate_series(1, 2) k WHERE c.branch_id = $1`,
        [branch],
      );
    }
    // 110 contracts in branch A, each with its approval request (as signing leaves them).
    const [policy] = (
      await f.owner.query<{ id: string }>(
        `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps)
         VALUES ($1, gen_random_uuid(), 'CONTRACT', 1, '[{"name": "Manager", "slaHours": 8, "approver": {"kind": "BRANCH_ROLE", "role": "BRANCH_MANAGER"}}]')
         RETURNING id`,
        [f.org.a.id],
      )
    ).rows;
    await f.owner.query(
      `WITH c AS (
         SELECT gen_random_uuid() AS id, gen_random_uuid() AS request_id, id AS customer_id, owner_id,
                row_number() OVER (ORDER BY id) AS n
         FROM customers WHERE branch_id = $1 LIMIT 110
       ), r AS (
         INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, amount, currency, requester_id,
           policy_id, status, decided_at)
         SELECT $1, request_id, 'CONTRACT', id, 'Contract ' || n, 1000, 'CNY', owner_id, $2, 'APPROVED', now() FROM c
       )
       INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         approval_request_id, created_by)
       SELECT $1, id, customer_id, 'Contract ' || n, 1000, 'CNY', '2027-01-01', '2027-12-31', owner_id, 'APPROVED',
         request_id, owner_id FROM c`,
      [f.org.a.id, policy.id],
    );
  });

  async function statements(token: string, first: number, after?: string) {
    const r = await gql<Page>(f.api.url, PAGE, { first, after }, { token });
    expect(r.body.errors).toBeUndefined();
    const page = r.body.data!.customers;
    expect(page.edges).toHaveLength(first);
    for (const e of page.edges) {
      expect(e.node.owner).not.toBeNull();
      expect(e.node.contacts).toHaveLength(2);
      expect(e.node.contactLogs).toHaveLength(2);
    }
    return { n: Number(r.headers.get('x-sql-statements')), page };
  }

  it.each([
    ['a branch manager', 'managerA'],
    ['a head-office administrator across branches', 'admin'],
  ] as const)('is the same for 1, 5, 50 and 100 rows, and for later pages, for %s', async (_label, who) => {
    const token = (await login(f.api.url, f.org.users[who].email, PASSWORD)).accessToken;
    const counts = [];
    for (const first of [1, 5, 50, 100]) counts.push((await statements(token, first)).n);
    const firstPage = await statements(token, 50);
    counts.push((await statements(token, 50, firstPage.page.pageInfo.endCursor)).n);
    expect(counts[0]).toBeGreaterThan(0);
    expect(new Set(counts).size).toBe(1);
    // BEGIN + settings, page, count, owners, branches, contacts, contact logs, COMMIT: a small constant.
    expect(counts[0]).toBeLessThanOrEqual(9);
  });

  it.each([
    ['a branch manager', 'managerA'],
    ['a head-office administrator across branches', 'admin'],
  ] as const)(
    'owners and contacts come in the page statement itself (3 statements), as each customer reads alone, for %s',
    async (_label, who) => {
      const token = (await login(f.api.url, f.org.users[who].email, PASSWORD)).accessToken;
      const FIELDS = 'id owner { id displayName email role } contacts { id name title phone email isPrimary }';
      const page = await gql<{ customers: { edges: { node: { id: string; contacts: unknown[] } }[] } }>(
        f.api.url,
        `query { customers(first: 30) { edges { node { ${FIELDS} } } } }`,
        {},
        { token },
      );
      expect(page.body.errors).toBeUndefined();
      // BEGIN + settings, the page with its owners and contacts, COMMIT.
      expect(Number(page.headers.get('x-sql-statements'))).toBe(3);
      const nodes = page.body.data!.customers.edges.map((e) => e.node);
      expect(nodes).toHaveLength(30);
      for (const node of nodes.slice(0, 6)) {
        const one = await gql<{ customer: unknown }>(
          f.api.url,
          `query($id: ID!) { customer(id: $id) { ${FIELDS} } }`,
          { id: node.id },
          { token },
        );
        expect(one.body.data!.customer).toEqual(node);
      }
      // Owners only: still the one statement.
      const owners = await gql(
        f.api.url,
        'query { customers(first: 30) { edges { node { owner { id } } } } }',
        {},
        {
          token,
        },
      );
      expect(owners.body.errors).toBeUndefined();
      expect(Number(owners.headers.get('x-sql-statements'))).toBe(3);
    },
  );

  it.each([
    ['the default order', undefined],
    ['created, oldest first', { field: 'CREATED_AT', direction: 'ASC' }],
    ['name', { field: 'NAME', direction: 'ASC' }],
    ['next contact due, latest first', { field: 'NEXT_CONTACT_DUE_AT', direction: 'DESC' }],
  ])('walking every page (%s) returns each customer of a bulk import exactly once', async (_label, orderBy) => {
    // All 120 rows of branch A were inserted in one statement: equal timestamps, only the id breaks ties.
    const token = (await login(f.api.url, f.org.users.managerA.email, PASSWORD)).accessToken;
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 30; i++) {
      const r = await gql<Page>(
        f.api.url,
        'query($after: String, $o: CustomerOrder) { customers(first: 7, after: $after, orderBy: $o) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after, o: orderBy },
        { token },
      );
      expect(r.body.errors).toBeUndefined();
      const page = r.body.data!.customers;
      expect(page.totalCount).toBe(120);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('a contracts page with customer, owner and approval request is the same for 1, 5, 50 and 100 rows', async () => {
    const token = (await login(f.api.url, f.org.users.managerA.email, PASSWORD)).accessToken;
    const counts: number[] = [];
    for (const first of [1, 5, 50, 100]) {
      const r = await gql<{
        contracts: {
          edges: { node: { customer: { id: string }; owner: { id: string }; approvalRequest: { status: string } } }[];
        };
      }>(
        f.api.url,
        `query($first: Int!) { contracts(first: $first) { totalCount edges { node { id state
            customer { id name } owner { id displayName } approvalRequest { id status } } } } }`,
        { first },
        { token },
      );
      expect(r.body.errors).toBeUndefined();
      const edges = r.body.data!.contracts.edges;
      expect(edges).toHaveLength(first);
      for (const e of edges) {
        expect(e.node.customer).not.toBeNull();
        expect(e.node.owner).not.toBeNull();
        expect(e.node.approvalRequest).toMatchObject({ status: 'APPROVED' });
      }
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts).toEqual(counts.map(() => counts[0]));
  });

  // ---- rma (po) ----
  it('head office: open RMAs by age and step is one statement for its branches, whatever the rows', async () => {
    const token = (await login(f.api.url, f.org.users.admin.email, PASSWORD)).accessToken;
    const AGES = `{ openRmasByAge { branchId branch { code name } state open overdue overSevenDays averageAgeHours } }`;
    const counts: number[] = [];
    for (const perBranch of [1, 40]) {
      // Open RMAs of the 120 customers' branches, spread over the five open steps and back-dated up to 12 days.
      await f.owner.query(
        `INSERT INTO rmas (branch_id, id, customer_id, owner_id, problem, state, requested_at, state_since,
           state_due_at, created_by)
         SELECT c.branch_id, gen_random_uuid(), c.id, c.owner_id, 'Fault', (ARRAY['REQUESTED', 'ENGINEER_CONFIRMED',
           'CHECKED', 'AT_MAKER', 'RETURNED'])[1 + g % 5], now() - g * interval '7 hours', now(),
           now() + (g % 3 - 1) * interval '1 day', c.owner_id
         FROM (SELECT DISTINCT ON (branch_id) branch_id, id, owner_id FROM customers ORDER BY branch_id, id) c,
           generate_series(1, $1::int) g`,
        [perBranch],
      );
      const r = await gql<{ openRmasByAge: { branchId: string; open: number; branch: { code: string } }[] }>(
        f.api.url,
        AGES,
        {},
        { token },
      );
      expect(r.body.errors).toBeUndefined();
      const rows = r.body.data!.openRmasByAge;
      expect(new Set(rows.map((x) => x.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
      for (const x of rows) expect(x.branch.code).toBeTruthy();
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    // BEGIN + settings, the figures, the branches of the rows, COMMIT.
    expect(counts[0]).toBeLessThanOrEqual(4);
    expect(counts[1]).toBe(counts[0]);
  });
  // ---- end rma (po) ----
});

// ---- returns ----
describe('SQL statements of the returns lists (head office)', () => {
  const f = useFixture();

  beforeAll(async () => {
    const product = (
      await f.ok<{ createProduct: { id: string } }>(
        'admin',
        `mutation($in: CreateProductInput!) { createProduct(input: $in) { id } }`,
        { in: { code: 'ST-1', name: 'Pump', unit: 'pcs', listPrice: '10.00', costPrice: '6.00' } },
      )
    ).createProduct.id;
    // Per branch: a delivered shipment of 200 and 60 returns of 1 each, spread over the reasons.
    for (const [branch, owner] of [
      [f.org.a.id, f.org.users.repA.id],
      [f.org.b.id, f.org.users.repB.id],
    ] as const) {
      const customer = await insertCustomer(f.owner, { branchId: branch, ownerId: owner, name: `C ${branch}` });
      const o = await insertOrder(f.owner, {
        branchId: branch,
        customerId: customer,
        ownerId: owner,
        quantities: ['200'],
      });
      await f.owner.query(
        `WITH s AS (INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person,
             shipped_at, delivered_at, created_by)
           VALUES ($1, gen_random_uuid(), $2, 'DIRECT_FROM_MAKER', 'DELIVERED', 'Site', 'Person', now(), now(), $3)
           RETURNING branch_id, id),
         l AS (INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id,
             product_id, quantity)
           SELECT s.branch_id, gen_random_uuid(), s.id, $2, $4, p.organization_id, p.id, 200 FROM s, products p
           WHERE p.id = $5 RETURNING branch_id, id, shipment_id, organization_id, product_id),
         r AS (INSERT INTO goods_returns (branch_id, id, kind, shipment_id, order_id, customer_id, owner_id, reason,
             description, amount, currency, requested_by, status, processed_at)
           SELECT l.branch_id, gen_random_uuid(), 'RETURN', l.shipment_id, $2, $6, $3,
             (ARRAY['DEFECTIVE', 'WRONG_ITEM', 'OTHER'])[1 + g % 3], 'Statements', 10.00, 'CNY', $3,
             CASE WHEN g % 2 = 0 THEN 'PROCESSED' ELSE 'REQUESTED' END, CASE WHEN g % 2 = 0 THEN now() END
           FROM l, generate_series(1, 60) g RETURNING branch_id, id)
         INSERT INTO goods_return_lines (branch_id, id, return_id, shipment_line_id, order_line_id, organization_id,
           product_id, quantity, unit_price, amount)
         SELECT r.branch_id, gen_random_uuid(), r.id, l.id, $4, l.organization_id, l.product_id, 1, 10.00, 10.00
         FROM r, l`,
        [branch, o.id, owner, o.lines[0], product, customer],
      );
    }
  });

  it('returns by reason answers every branch in one statement, the same as for one branch', async () => {
    const q = `query($b: ID, $from: Date!, $to: Date!) { goodsReturnsByReason(input: { from: $from, to: $to, branchId: $b }) {
      branchId reason requested processed processedAmount branch { code } } }`;
    // A period of at most 366 days around today: the rows were requested now.
    const day = (d: number) => new Date(Date.now() + d * 864e5).toISOString().slice(0, 10);
    const period = { from: day(-180), to: day(180) };
    const all = await f.call<{ goodsReturnsByReason: { branchId: string; requested: number }[] }>('admin', q, period);
    const one = await f.call('admin', q, { ...period, b: f.org.a.id });
    expect(all.body.errors).toBeUndefined();
    const rows = all.body.data!.goodsReturnsByReason;
    expect(rows.filter((r) => r.branchId === f.org.a.id).reduce((s, r) => s + r.requested, 0)).toBe(60);
    expect(rows.filter((r) => r.branchId === f.org.b.id).reduce((s, r) => s + r.requested, 0)).toBe(60);
    const n = Number(all.headers.get('x-sql-statements'));
    expect(n).toBeGreaterThan(0);
    expect(Number(one.headers.get('x-sql-statements'))).toBe(n);
  });

  it('a returns page with lines, products, shipment and branch is the same for 1, 5, 50 and 100 rows', async () => {
    const counts: number[] = [];
    for (const first of [1, 5, 50, 100]) {
      const r = await f.call<{ goodsReturns: { edges: unknown[] } }>(
        'admin',
        `query($first: Int!) { goodsReturns(first: $first) { totalCount edges { node { id status
            lines { id quantity product { id code } } shipment { id status } branch { code } requestedBy { id } } } } }`,
        { first },
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.goodsReturns.edges).toHaveLength(first);
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts).toEqual(counts.map(() => counts[0]));
  });
});
// ---- end returns ----
// ---- dashboard figures ----
describe('SQL statements per head-office figure (dashboard)', () => {
  const f = useFixture();
  const FIGURES: [string, string, Record<string, unknown>][] = [
    [
      'salesPipeline',
      `query($in: BranchPeriodInput!) { salesPipeline(input: $in) { branch { id name } leadsCreated quotesSent
        quotesWon contractsSigned winRate } }`,
      { in: { from: '2026-01-01', to: '2026-12-31' } },
    ],
    ['customerTierCounts', `{ customerTierCounts { branch { id name } tier customers overdueContacts } }`, {}],
    [
      'approvalCycleTimes',
      `query($in: BranchPeriodInput!) { approvalCycleTimes(input: $in) { branch { id name } subjectType decided
        medianHours p90Hours } }`,
      { in: { from: '2026-01-01', to: '2026-12-31' } },
    ],
    ['pendingApprovals', `{ pendingApprovals(first: 50) { totalCount edges { node { id title } } } }`, {}],
  ];

  const count = async (doc: string, vars: Record<string, unknown>) => {
    const r = await f.call('admin', doc, vars);
    expect(r.body.errors).toBeUndefined();
    return Number(r.headers.get('x-sql-statements'));
  };

  /** `n` more rows of every kind the figures count, in both branches, in 2026. */
  const grow = async (n: number) => {
    const subject = `FIGURES_${randomUUID().slice(0, 8).toUpperCase()}`;
    for (const branch of [f.org.a.id, f.org.b.id]) {
      const owner = branch === f.org.a.id ? f.u.repA!.id : f.u.repB!.id;
      await f.owner.query(
        `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
         SELECT $1, gen_random_uuid(), 'Figure ' || gen_random_uuid(), (ARRAY['HIGH','MEDIUM','LOW'])[1 + g % 3], $2,
           now() + (g % 5 - 2) * interval '1 day'
         FROM generate_series(1, $3::int) g`,
        [branch, owner, n],
      );
      await f.owner.query(
        `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, email, screening, screened_at,
           owner_id, created_by, created_at)
         SELECT $1, gen_random_uuid(), 'WEB', 'Lead ' || g, 'Li', 'MANAGER', 'li@x.example', 'FIT',
           '2026-03-02T00:00:00Z', $2, $2, '2026-03-01T00:00:00Z'
         FROM generate_series(1, $3::int) g`,
        [branch, owner, n],
      );
      await f.owner.query(
        `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, state, sent_at,
           created_by)
         SELECT $1, gen_random_uuid(), c.id, $2, 'Quote', 'CNY', '2026-12-31', 'DECLINED', '2026-03-03T00:00:00Z', $2
         FROM customers c WHERE c.branch_id = $1 LIMIT $3`,
        [branch, owner, n],
      );
      const [policy] = (
        await f.owner.query<{ id: string }>(
          `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps)
           VALUES ($1, gen_random_uuid(), $2, 1,
             '[{"name": "M", "slaHours": 8, "approver": {"kind": "BRANCH_ROLE", "role": "BRANCH_MANAGER"}}]')
           RETURNING id`,
          [branch, subject],
        )
      ).rows;
      await f.owner.query(
        `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, requester_id, policy_id, status,
           submitted_at, decided_at)
         SELECT $1, gen_random_uuid(), $5, gen_random_uuid(), 'Request ' || g, $2, $3,
           CASE WHEN g % 2 = 0 THEN 'PENDING' ELSE 'APPROVED' END, '2026-04-01T00:00:00Z',
           CASE WHEN g % 2 = 0 THEN NULL ELSE '2026-04-01T00:00:00Z'::timestamptz + g * interval '1 hour' END
         FROM generate_series(1, $4::int) g`,
        [branch, owner, policy!.id, n, subject],
      );
    }
  };

  it.each(FIGURES)('%s takes the same few statements for 2 rows per branch as for 60', async (_name, doc, vars) => {
    await grow(2);
    const small = await count(doc, vars);
    await grow(58);
    const large = await count(doc, vars);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    // BEGIN + settings, the figure (the pipeline: quotes and contracts, then leads), the branches, COMMIT.
    expect(large).toBeLessThanOrEqual(6);
  });
});
// ---- end dashboard figures ----
