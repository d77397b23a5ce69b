import { beforeAll, describe, expect, it } from '@jest/globals';
import { gql, useFixture } from '@app/testing';

describe('customers slice over GraphQL', () => {
  const f = useFixture();

  beforeAll(async () => {});

  it('creates a customer with contacts, computes the next contact from the tier, and audits it', async () => {
    const r = await gql<{
      createCustomer: {
        id: string;
        tier: string;
        nextContactDueOn: string;
        owner: { id: string };
        contacts: { name: string; isPrimary: boolean }[];
      };
    }>(
      f.api.url,
      `mutation($in: CreateCustomerInput!) { createCustomer(input: $in) {
         id tier nextContactDueOn owner { id } contacts { name isPrimary } } }`,
      {
        in: {
          name: 'Acme Pumps',
          tier: 'HIGH',
          contacts: [{ name: 'Wang Li', phone: '+86 138 1234 5678', isPrimary: true }],
        },
      },
      { token: f.tokens.repA },
    );
    expect(r.body.errors).toBeUndefined();
    const c = r.body.data!.createCustomer;
    expect(c.owner.id).toBe(f.org.users.repA.id);
    expect(c.contacts).toEqual([{ name: 'Wang Li', isPrimary: true }]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const expected = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 864e5).toISOString().slice(0, 10);
    expect(c.nextContactDueOn).toBe(expected);
    const audit = await f.owner.query('SELECT action, actor_id FROM audit_log WHERE entity_id = $1', [c.id]);
    expect(audit.rows).toEqual([{ action: 'create', actor_id: f.org.users.repA.id }]);
  });

  it('logContact moves the due date by the cadence from the contact day', async () => {
    const created = await gql<{ createCustomer: { id: string } }>(
      f.api.url,
      'mutation { createCustomer(input: { name: "Cadence Co", tier: LOW }) { id } }',
      {},
      { token: f.tokens.repA },
    );
    const id = created.body.data!.createCustomer.id;
    const r = await gql<{ logContact: { id: string } }>(
      f.api.url,
      `mutation($in: LogContactInput!) { logContact(input: $in) { id channel } }`,
      {
        in: {
          customerId: id,
          channel: 'PHONE',
          summary: 'Called about renewal',
          occurredAt: '2026-01-10T02:00:00.000Z',
        },
      },
      { token: f.tokens.repA },
    );
    expect(r.body.errors).toBeUndefined();
    const c = await gql<{
      customer: { nextContactDueOn: string; lastContactAt: string; contactLogs: { summary: string }[] };
    }>(
      f.api.url,
      `query($id: ID!) { customer(id: $id) { nextContactDueOn lastContactAt contactLogs { summary } } }`,
      { id },
      { token: f.tokens.repA },
    );
    // 2026-01-10 in Shanghai + 30 days (LOW) = 2026-02-09
    expect(c.body.data!.customer.nextContactDueOn).toBe('2026-02-09');
    expect(c.body.data!.customer.contactLogs).toEqual([{ summary: 'Called about renewal' }]);
  });

  it('pages with keyset cursors and counts', async () => {
    for (let i = 0; i < 5; i++) {
      await gql(
        f.api.url,
        `mutation { createCustomer(input: { name: "Page ${i}", tier: MEDIUM }) { id } }`,
        {},
        { token: f.tokens.managerA },
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 10; page++) {
      const r: Awaited<
        ReturnType<
          typeof gql<{
            customers: {
              totalCount: number;
              edges: { node: { name: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          }>
        >
      > = await gql(
        f.api.url,
        `query($after: String) { customers(first: 2, after: $after, filter: { search: "Page" }, orderBy: { field: NAME, direction: ASC }) {
             totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        { token: f.tokens.managerA },
      );
      const conn = r.body.data!.customers;
      total = conn.totalCount;
      seen.push(...conn.edges.map((e) => e.node.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(total).toBe(5);
    expect(seen).toEqual(['Page 0', 'Page 1', 'Page 2', 'Page 3', 'Page 4']);
  });

  it('refuses a duplicate name in the branch with CONFLICT and changes nothing', async () => {
    await gql(
      f.api.url,
      'mutation { createCustomer(input: { name: "Twin Ltd", tier: LOW }) { id } }',
      {},
      { token: f.tokens.managerA },
    );
    const before = await f.owner.query('SELECT count(*)::int AS n FROM customers');
    const r = await gql(
      f.api.url,
      'mutation { createCustomer(input: { name: "twin ltd", tier: LOW }) { id } }',
      {},
      { token: f.tokens.repA },
    );
    expect(r.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const after = await f.owner.query('SELECT count(*)::int AS n FROM customers');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('archives a customer; an archived customer cannot be changed (INVALID_STATE)', async () => {
    const c = await gql<{ createCustomer: { id: string } }>(
      f.api.url,
      'mutation { createCustomer(input: { name: "Old Co", tier: LOW }) { id } }',
      {},
      { token: f.tokens.managerA },
    );
    const id = c.body.data!.createCustomer.id;
    const archived = await gql<{ archiveCustomer: { status: string } }>(
      f.api.url,
      'mutation($id: ID!) { archiveCustomer(id: $id) { status } }',
      { id },
      { token: f.tokens.managerA },
    );
    expect(archived.body.data!.archiveCustomer.status).toBe('ARCHIVED');
    const again = await gql(
      f.api.url,
      'mutation($id: ID!) { updateCustomer(id: $id, input: { notes: "x" }) { id } }',
      { id },
      { token: f.tokens.managerA },
    );
    expect(again.body.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    const repArchive = await gql(
      f.api.url,
      'mutation($id: ID!) { archiveCustomer(id: $id) { id } }',
      { id },
      { token: f.tokens.repA },
    );
    expect(repArchive.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('updateCustomer changes only the fields sent; null clears an optional field', async () => {
    const c = await gql<{ createCustomer: { id: string } }>(
      f.api.url,
      'mutation { createCustomer(input: { name: "Mail Co", tier: LOW, email: "Buyer@Mail.example", region: "East" }) { id } }',
      {},
      { token: f.tokens.managerA },
    );
    const id = c.body.data!.createCustomer.id;
    const u = await gql<{ updateCustomer: { email: string | null; region: string | null; name: string } }>(
      f.api.url,
      'mutation($id: ID!, $in: UpdateCustomerInput!) { updateCustomer(id: $id, input: $in) { email region name } }',
      { id, in: { email: null } },
      { token: f.tokens.managerA },
    );
    expect(u.body.errors).toBeUndefined();
    expect(u.body.data!.updateCustomer).toEqual({ email: null, region: 'East', name: 'Mail Co' });
  });
});
