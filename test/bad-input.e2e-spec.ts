import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD, gql, insertCustomer, login, useFixture, type GqlResponse } from '@app/testing';

const MAX_DEPTH = 4;
const MAX_COMPLEXITY = 2000;

/** Tables a refused write must leave exactly as they were (content, not just counts). */
const TABLES = [
  'branches',
  'users',
  'memberships',
  'branch_settings',
  'customers',
  'customer_contacts',
  'contact_logs',
  'audit_log',
  'outbox',
];

/** What an error response must never show: stack frames, file paths, SQL, constraint names. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/\\n\s+at /); // a stack inside a JSON string
  expect(text).not.toMatch(/\bat \S+ \(?\/\S+:\d+:\d+/);
  expect(text).not.toContain('node_modules');
  expect(text).not.toContain('SELECT ');
  expect(text).not.toContain('INSERT ');
  expect(text).not.toContain('UPDATE ');
  expect(text.toLowerCase()).not.toContain('constraint');
  expect(text.toLowerCase()).not.toContain('stacktrace');
  expect(text).not.toContain('_key');
  expect(text).not.toContain('INTERNAL_SERVER_ERROR');
}

const codeOf = (r: GqlResponse) => r.body.errors?.[0]?.extensions?.code;

/** The field the error names: the pipe says `input.name`, services say `name`; either ends with it. */
function expectField(r: GqlResponse, field: string): void {
  const fields = (r.body.errors ?? []).flatMap((e) => e.extensions?.fields ?? []).map((f) => f.field);
  expect(fields.some((f) => f === field || f.endsWith(`.${field}`))).toBe(true);
}

interface Case {
  label: string;
  vars: Record<string, unknown>;
  /** 200: refused by our validation in the resolver; 400: refused by GraphQL before execution. */
  status: 200 | 400;
  code: string;
  field?: string;
  /** For request errors (no `fields`), the message must at least name the offending input. */
  mentions?: string;
  /** `data` of the answer: null when a non-null root field failed (the default). */
  data?: unknown;
}

describe('bad input is refused with a typed error and changes nothing', () => {
  const f = useFixture({
    env: { GRAPHQL_MAX_DEPTH: String(MAX_DEPTH), GRAPHQL_MAX_COMPLEXITY: String(MAX_COMPLEXITY) },
  });
  let customerId: string;
  let contactId: string;

  const snapshot = async () => {
    const cols = TABLES.map(
      (t) =>
        `(SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`,
    );
    return (await f.owner.query(`SELECT ${cols.join(', ')}`)).rows[0] as Record<string, string>;
  };

  /** Sends a request that must be refused; checks the status, the code, the field, no leak, and no change. */
  async function refused(query: string, c: Case, token: string): Promise<GqlResponse<Record<string, unknown>>> {
    const before = await snapshot();
    const r = await gql(f.api.url, query, c.vars, { token });
    const seen = { label: c.label, status: r.status, code: codeOf(r), data: r.body.data ?? null };
    expect(seen).toEqual({ label: c.label, status: c.status, code: c.code, data: c.data ?? null });
    expect(r.body.errors?.[0]?.message).toEqual(expect.any(String));
    if (c.field) expectField(r, c.field);
    if (c.mentions) expect(r.body.errors![0].message).toContain(c.mentions);
    expectNoLeak(r.text);
    expect(await snapshot()).toEqual(before);
    return r;
  }

  beforeAll(async () => {
    customerId = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Fixture Co',
    });
    contactId = randomUUID();
    await f.owner.query(
      'INSERT INTO customer_contacts (branch_id, id, customer_id, name, email) VALUES ($1, $2, $3, $4, $5)',
      [f.org.a.id, contactId, customerId, 'Li Lei', 'li@fixture.example'],
    );
  });

  describe('mutations', () => {
    it('createCustomer', async () => {
      const q = 'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }';
      const ok = { name: 'Valid Name Co', tier: 'HIGH' };
      const cases: Case[] = [
        { label: 'empty name', vars: { in: { ...ok, name: '' } }, status: 200, code: 'BAD_USER_INPUT', field: 'name' },
        {
          label: 'blank name',
          vars: { in: { ...ok, name: ' \t ' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'name too long',
          vars: { in: { ...ok, name: 'x'.repeat(201) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'notes too long',
          vars: { in: { ...ok, notes: 'n'.repeat(4001) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'notes',
        },
        {
          label: 'wrong enum',
          vars: { in: { ...ok, tier: 'PLATINUM' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'tier',
        },
        {
          label: 'name not a string',
          vars: { in: { ...ok, name: 42 } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'name',
        },
        {
          label: 'malformed e-mail',
          vars: { in: { ...ok, email: 'not-an-email' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'email',
        },
        {
          label: 'malformed contact e-mail',
          vars: { in: { ...ok, contacts: [{ name: 'Wang', email: 'wang@' }] } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contacts.0.email',
        },
        {
          label: 'malformed phone',
          vars: { in: { ...ok, phone: 'call me maybe' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'phone',
        },
        {
          label: 'too many contacts',
          vars: { in: { ...ok, contacts: Array.from({ length: 51 }, (_, i) => ({ name: `C${i}` })) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contacts',
        },
        {
          label: 'two primary contacts',
          vars: {
            in: {
              ...ok,
              contacts: [
                { name: 'A', isPrimary: true },
                { name: 'B', isPrimary: true },
              ],
            },
          },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contacts',
        },
        {
          label: 'bad owner uuid',
          vars: { in: { ...ok, ownerId: 'garbage' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'ownerId',
        },
        {
          label: 'bad branch uuid',
          vars: { in: { ...ok, branchId: '123' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'branchId',
        },
        {
          label: 'unparseable date',
          vars: { in: { ...ok, lastContactAt: 'yesterday' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          field: 'lastContactAt',
        },
        {
          label: 'date in the future',
          vars: { in: { ...ok, lastContactAt: '2199-01-01T00:00:00Z' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'lastContactAt',
        },
        // PostgreSQL text cannot hold NUL: it used to surface as INTERNAL_SERVER_ERROR.
        { label: 'NUL in a name', vars: { in: { ...ok, name: 'Nul\u0000Co' } }, status: 200, code: 'BAD_USER_INPUT' },
      ];
      for (const c of cases) await refused(q, c, f.tokens.repA);
      // Literal enum values are checked by GraphQL validation.
      await refused(
        'mutation { createCustomer(input: { name: "Lit Co", tier: PLATINUM }) { id } }',
        { label: 'literal enum', vars: {}, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', mentions: 'PLATINUM' },
        f.tokens.repA,
      );
      // The same request with valid values goes through: the refusals above were about the values.
      const good = await gql(f.api.url, q, { in: ok }, { token: f.tokens.repA });
      expect(good.body.errors).toBeUndefined();
    });

    it('updateCustomer', async () => {
      const q = 'mutation($id: ID!, $in: UpdateCustomerInput!) { updateCustomer(id: $id, input: $in) { id } }';
      const id = customerId;
      const cases: Case[] = [
        { label: 'bad id', vars: { id: 'nope', in: { notes: 'x' } }, status: 200, code: 'BAD_USER_INPUT', field: 'id' },
        { label: 'nothing to change', vars: { id, in: {} }, status: 200, code: 'BAD_USER_INPUT', field: 'input' },
        { label: 'empty name', vars: { id, in: { name: '' } }, status: 200, code: 'BAD_USER_INPUT', field: 'name' },
        {
          label: 'name too long',
          vars: { id, in: { name: 'y'.repeat(201) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        { label: 'bad e-mail', vars: { id, in: { email: 'x@' } }, status: 200, code: 'BAD_USER_INPUT', field: 'email' },
        {
          label: 'wrong enum',
          vars: { id, in: { tier: 'URGENT' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'tier',
        },
        {
          label: 'bad owner uuid',
          vars: { id, in: { ownerId: 'someone' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'ownerId',
        },
        { label: 'unknown customer', vars: { id: randomUUID(), in: { notes: 'x' } }, status: 200, code: 'NOT_FOUND' },
      ];
      for (const c of cases) await refused(q, c, f.tokens.repA);
      const good = await gql(f.api.url, q, { id, in: { notes: 'fine' } }, { token: f.tokens.repA });
      expect(good.body.errors).toBeUndefined();
    });

    it('logContact', async () => {
      const q = 'mutation($in: LogContactInput!) { logContact(input: $in) { id } }';
      const ok = { customerId, channel: 'PHONE', summary: 'Talked', occurredAt: '2026-01-05T03:00:00Z' };
      const cases: Case[] = [
        {
          label: 'wrong enum',
          vars: { in: { ...ok, channel: 'FAX' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'channel',
        },
        {
          label: 'empty summary',
          vars: { in: { ...ok, summary: '' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'summary',
        },
        {
          label: 'summary too long',
          vars: { in: { ...ok, summary: 's'.repeat(4001) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'summary',
        },
        {
          label: 'unparseable date',
          vars: { in: { ...ok, occurredAt: 'last tuesday' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          field: 'occurredAt',
        },
        {
          label: 'absurd number as date',
          vars: { in: { ...ok, occurredAt: 1e20 } },
          status: 400,
          code: 'BAD_USER_INPUT',
          field: 'occurredAt',
        },
        {
          label: 'date in the future',
          vars: { in: { ...ok, occurredAt: '2199-12-31T00:00:00Z' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'occurredAt',
        },
        {
          label: 'bad customer uuid',
          vars: { in: { ...ok, customerId: 'x' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'customerId',
        },
        {
          label: 'bad contact uuid',
          vars: { in: { ...ok, contactId: '42' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contactId',
        },
        {
          label: 'contact of no customer',
          vars: { in: { ...ok, contactId: randomUUID() } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contactId',
        },
        {
          label: 'unknown customer',
          vars: { in: { ...ok, customerId: randomUUID() } },
          status: 200,
          code: 'NOT_FOUND',
        },
      ];
      for (const c of cases) await refused(q, c, f.tokens.repA);
      const good = await gql(f.api.url, q, { in: { ...ok, contactId } }, { token: f.tokens.repA });
      expect(good.body.errors).toBeUndefined();
    });

    it('addCustomerContact and updateCustomerContact', async () => {
      const q = 'mutation($in: AddContactInput!) { addCustomerContact(input: $in) { id } }';
      const ok = { customerId, name: 'Han Meimei' };
      const cases: Case[] = [
        { label: 'empty name', vars: { in: { ...ok, name: '' } }, status: 200, code: 'BAD_USER_INPUT', field: 'name' },
        {
          label: 'blank name',
          vars: { in: { ...ok, name: '   ' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'name too long',
          vars: { in: { ...ok, name: 'z'.repeat(101) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'malformed e-mail',
          vars: { in: { ...ok, email: 'han at example' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'email',
        },
        {
          label: 'bad phone',
          vars: { in: { ...ok, phone: '12' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'phone',
        },
        {
          label: 'bad customer uuid',
          vars: { in: { ...ok, customerId: '123' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'customerId',
        },
        {
          label: 'not a boolean',
          vars: { in: { ...ok, isPrimary: 'yes' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'isPrimary',
        },
        {
          label: 'unknown customer',
          vars: { in: { ...ok, customerId: randomUUID() } },
          status: 200,
          code: 'NOT_FOUND',
        },
      ];
      for (const c of cases) await refused(q, c, f.tokens.repA);

      const uq = 'mutation($id: ID!, $in: UpdateContactInput!) { updateCustomerContact(id: $id, input: $in) { id } }';
      const updates: Case[] = [
        {
          label: 'bad id',
          vars: { id: 'contact-1', in: { name: 'x' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'id',
        },
      ];
      for (const c of updates) await refused(uq, c, f.tokens.repA);
      const good = await gql(f.api.url, q, { in: ok }, { token: f.tokens.repA });
      expect(good.body.errors).toBeUndefined();
    });

    it('createUser', async () => {
      const q = 'mutation($in: CreateUserInput!) { createUser(input: $in) { id } }';
      const ok = {
        email: 'new.person@test.example',
        displayName: 'New Person',
        password: 'long-enough-password',
        branchId: f.org.a.id,
        role: 'SALES_REP',
      };
      const cases: Case[] = [
        {
          label: 'malformed e-mail',
          vars: { in: { ...ok, email: 'new.person' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'email',
        },
        {
          label: 'e-mail too long',
          vars: { in: { ...ok, email: `${'a'.repeat(250)}@test.example` } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'email',
        },
        {
          label: 'empty name',
          vars: { in: { ...ok, displayName: '' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'displayName',
        },
        // Used to be accepted and stored as an empty name.
        {
          label: 'blank name',
          vars: { in: { ...ok, displayName: '    ' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'displayName',
        },
        {
          label: 'short password',
          vars: { in: { ...ok, password: 'short' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'password',
        },
        {
          label: 'bad branch uuid',
          vars: { in: { ...ok, branchId: 'branch-a' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'branchId',
        },
        {
          label: 'wrong enum',
          vars: { in: { ...ok, role: 'GOD' } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'role',
        },
        {
          label: 'head-office role in a branch',
          vars: { in: { ...ok, role: 'HQ_ADMIN' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'role',
        },
        {
          label: 'e-mail taken (other case)',
          vars: { in: { ...ok, email: f.org.users.repB.email.toUpperCase() } },
          status: 200,
          code: 'CONFLICT',
        },
      ];
      for (const c of cases) await refused(q, c, f.tokens.admin);
      const good = await gql(f.api.url, q, { in: ok }, { token: f.tokens.admin });
      expect(good.body.errors).toBeUndefined();
    });

    it('createBranch', async () => {
      const q = 'mutation($in: CreateBranchInput!) { createBranch(input: $in) { id } }';
      const ok = { code: 'NEW1', name: 'New Branch' };
      const cases: Case[] = [
        {
          label: 'lower-case code',
          vars: { in: { ...ok, code: 'sh' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'code',
        },
        { label: 'empty code', vars: { in: { ...ok, code: '' } }, status: 200, code: 'BAD_USER_INPUT', field: 'code' },
        {
          label: 'code too long',
          vars: { in: { ...ok, code: 'ABCDEFGHIJK' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'code',
        },
        { label: 'empty name', vars: { in: { ...ok, name: '' } }, status: 200, code: 'BAD_USER_INPUT', field: 'name' },
        // Used to be accepted and stored as an empty name.
        {
          label: 'blank name',
          vars: { in: { ...ok, name: '   ' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'name too long',
          vars: { in: { ...ok, name: 'b'.repeat(101) } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'name',
        },
        {
          label: 'bad currency',
          vars: { in: { ...ok, currency: 'yuan' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'currency',
        },
        {
          label: 'unknown time zone',
          vars: { in: { ...ok, timeZone: 'Mars/Olympus_Mons' } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'timeZone',
        },
        { label: 'code taken', vars: { in: { ...ok, code: 'AA' } }, status: 200, code: 'CONFLICT' },
      ];
      for (const c of cases) await refused(q, c, f.tokens.admin);
      const good = await gql(f.api.url, q, { in: ok }, { token: f.tokens.admin });
      expect(good.body.errors).toBeUndefined();
    });

    it('updateBranchSettings: absurd numbers', async () => {
      const q = 'mutation($in: UpdateBranchSettingsInput!) { updateBranchSettings(input: $in) { branchId } }';
      const cases: Case[] = [
        {
          label: 'zero days',
          vars: { in: { contactCadenceHighDays: 0 } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contactCadenceHighDays',
        },
        {
          label: 'more than a year',
          vars: { in: { contactCadenceLowDays: 367 } },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'contactCadenceLowDays',
        },
        {
          label: 'beyond 32 bits',
          vars: { in: { contactCadenceLowDays: 9_999_999_999 } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'contactCadenceLowDays',
        },
        {
          label: 'not an integer',
          vars: { in: { contactCadenceMediumDays: 1.5 } },
          status: 400,
          code: 'BAD_USER_INPUT',
          mentions: 'contactCadenceMediumDays',
        },
      ];
      for (const c of cases) await refused(q, c, f.tokens.managerA);
    });
  });

  describe('duplicates', () => {
    it('a duplicate customer name in the branch is CONFLICT with a human message', async () => {
      const q = 'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }';
      const r = await refused(
        q,
        {
          label: 'same name, other case and spaces',
          vars: { in: { name: '  FIXTURE co ', tier: 'LOW' } },
          status: 200,
          code: 'CONFLICT',
        },
        f.tokens.repA,
      );
      expect(r.body.errors![0].message).toMatch(/already exists/);
      // A name the f.tokens.repA cannot see (a colleague's customer) is caught by the unique index, mapped the same way.
      await insertCustomer(f.owner, { branchId: f.org.a.id, ownerId: f.org.users.rep2A.id, name: 'Colleague Co' });
      const hidden = await refused(
        q,
        {
          label: "colleague's customer",
          vars: { in: { name: 'colleague co', tier: 'LOW' } },
          status: 200,
          code: 'CONFLICT',
        },
        f.tokens.repA,
      );
      expect(hidden.body.errors![0].message).toMatch(/already exists/);
      // Renaming onto a taken name is refused too.
      await refused(
        'mutation($id: ID!) { updateCustomer(id: $id, input: { name: "Colleague CO" }) { id } }',
        { label: 'rename onto a taken name', vars: { id: customerId }, status: 200, code: 'CONFLICT' },
        f.tokens.repA,
      );
      // The same name in another branch is a different customer.
      const inB = await gql(
        f.api.url,
        q,
        { in: { name: 'Fixture Co', tier: 'LOW' } },
        {
          token: (await login(f.api.url, f.org.users.repB.email, PASSWORD)).accessToken,
        },
      );
      expect(inB.body.errors).toBeUndefined();
    });
  });

  describe('pagination arguments', () => {
    it('first outside 1..100 is BAD_USER_INPUT naming first', async () => {
      for (const first of [1000, 0, -1]) {
        await refused(
          'query($n: Int) { customers(first: $n) { totalCount } }',
          { label: `first ${first}`, vars: { n: first }, status: 200, code: 'BAD_USER_INPUT', field: 'first' },
          f.tokens.repA,
        );
      }
      await refused(
        'query($id: ID!) { customer(id: $id) { contactLogs(first: 1000) { id } } }',
        {
          label: 'nested first',
          vars: { id: customerId },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'first',
          data: { customer: null },
        },
        f.tokens.repA,
      );
      await refused(
        '{ customers(first: 99999999999) { totalCount } }',
        { label: 'beyond 32 bits', vars: {}, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
        f.tokens.repA,
      );
      const ok = await gql(f.api.url, '{ customers(first: 100) { totalCount } }', {}, { token: f.tokens.repA });
      expect(ok.body.errors).toBeUndefined();
    });

    it('a cursor that this list did not hand out is BAD_USER_INPUT (naming after when it cannot be decoded)', async () => {
      const q =
        'query($after: String, $order: CustomerOrder) { customers(first: 5, after: $after, orderBy: $order) { totalCount } }';
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      await refused(
        q,
        { label: 'garbage', vars: { after: 'garbage' }, status: 200, code: 'BAD_USER_INPUT', field: 'after' },
        f.tokens.repA,
      );
      await refused(
        q,
        { label: 'not a pair', vars: { after: b64({ a: 1 }) }, status: 200, code: 'BAD_USER_INPUT', field: 'after' },
        f.tokens.repA,
      );
      await refused(
        q,
        {
          label: 'bad id in cursor',
          vars: { after: b64(['2026-01-01', 'x']) },
          status: 200,
          code: 'BAD_USER_INPUT',
          field: 'after',
        },
        f.tokens.repA,
      );
      // Well-formed, but its value is not a time: it used to reach PostgreSQL's cast and answer INTERNAL_SERVER_ERROR.
      await refused(
        q,
        {
          label: 'name cursor on a date order',
          vars: { after: b64(['Acme', randomUUID()]) },
          status: 200,
          code: 'BAD_USER_INPUT',
        },
        f.tokens.repA,
      );
      await refused(
        q,
        {
          label: 'number cursor on a due-date order',
          vars: { after: b64([12, randomUUID()]), order: { field: 'NEXT_CONTACT_DUE_AT' } },
          status: 200,
          code: 'BAD_USER_INPUT',
        },
        f.tokens.repA,
      );
      // A cursor the list did hand out works.
      const page = await gql<{ customers: { pageInfo: { endCursor: string } } }>(
        f.api.url,
        '{ customers(first: 1) { pageInfo { endCursor } } }',
        {},
        { token: f.tokens.repA },
      );
      const next = await gql(
        f.api.url,
        q,
        { after: page.body.data!.customers.pageInfo.endCursor },
        { token: f.tokens.repA },
      );
      expect(next.body.errors).toBeUndefined();
    });
  });

  describe('query limits', () => {
    it(`refuses a query deeper than ${MAX_DEPTH} with QUERY_TOO_DEEP (400) and runs one at the limit`, async () => {
      const atLimit = await gql(f.api.url, '{ customers { edges { node { id } } } }', {}, { token: f.tokens.repA });
      expect(atLimit.body.errors).toBeUndefined();
      await refused(
        '{ customers { edges { node { owner { id } } } } }',
        { label: 'depth 5', vars: {}, status: 400, code: 'QUERY_TOO_DEEP' },
        f.tokens.repA,
      );
      // Fragments do not hide depth.
      await refused(
        'query { customers { ...E } } fragment E on CustomerConnection { edges { node { branch { id } } } }',
        { label: 'depth 5 via a fragment', vars: {}, status: 400, code: 'QUERY_TOO_DEEP' },
        f.tokens.repA,
      );
    });

    it(`refuses a query costlier than ${MAX_COMPLEXITY} with QUERY_TOO_COMPLEX (400), aliases and variables included`, async () => {
      // customers(first: 100) { edges { node { id name } } } costs 1 + 100 * (1 + 1 + 2) = 401.
      const page = (alias: string, first = '100') =>
        `${alias}: customers(first: ${first}) { edges { node { id name } } }`;
      const pages = (n: number, first?: string) => Array.from({ length: n }, (_, i) => page(`p${i}`, first)).join(' ');
      const under = await gql(f.api.url, `{ ${pages(4)} }`, {}, { token: f.tokens.repA });
      expect(under.body.errors).toBeUndefined();
      const r = await refused(
        `{ ${pages(5)} }`,
        { label: 'five aliased pages', vars: {}, status: 400, code: 'QUERY_TOO_COMPLEX' },
        f.tokens.repA,
      );
      expect(r.body.errors![0].message).toContain(String(MAX_COMPLEXITY));
      await refused(
        `query($n: Int) { ${pages(5, '$n')} }`,
        { label: 'page size in a variable', vars: { n: 100 }, status: 400, code: 'QUERY_TOO_COMPLEX' },
        f.tokens.repA,
      );
    });
  });

  describe('HTTP', () => {
    const post = async (body: string, headers: Record<string, string> = {}) => {
      const res = await fetch(f.api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.repA}`, ...headers },
        body,
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    };
    const errorCode = (text: string) =>
      (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;

    it('a malformed JSON body is a 400 JSON error without a stack trace', async () => {
      const before = await snapshot();
      const r = await post('{"query": "mutation { createCustomer(input: {name: \\"J\\", tier: LOW}) { id } }"');
      expect(r.status).toBe(400);
      expect(r.type).toMatch(/json/);
      expect(errorCode(r.text)).toBe('BAD_REQUEST');
      expectNoLeak(r.text);
      expect(r.text).not.toMatch(/<html|<pre/i);
      expect(await snapshot()).toEqual(before);
    });

    it('a body over the size limit and an unknown path are JSON errors too', async () => {
      const big = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'p'.repeat(300_000) } }));
      expect(big.status).toBe(413);
      expect(big.type).toMatch(/json/);
      expect(errorCode(big.text)).toBe('PAYLOAD_TOO_LARGE');
      expectNoLeak(big.text);
      const res = await fetch(f.api.url.replace('/graphql', '/no-such-path'));
      const text = await res.text();
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expectNoLeak(text);
    });

    it('a request without a query is a 400', async () => {
      for (const body of ['{}', '{"variables": {}}', '{"query": ""}', '{"query": 42}']) {
        const r = await post(body);
        expect({ body, status: r.status }).toEqual({ body, status: 400 });
        expect(errorCode(r.text)).toBe('BAD_REQUEST');
        expectNoLeak(r.text);
      }
      const parse = await gql(f.api.url, '{ me { id }', {}, { token: f.tokens.repA });
      expect(parse.status).toBe(400);
      expect(codeOf(parse)).toBe('GRAPHQL_PARSE_FAILED');
      expectNoLeak(parse.text);
    });

    it('GET with a mutation is 405 and writes nothing; GET with a query works', async () => {
      const get = async (query: string) => {
        const res = await fetch(`${f.api.url}?query=${encodeURIComponent(query)}`, {
          headers: {
            authorization: `Bearer ${f.tokens.repA}`,
            'apollo-require-preflight': 'true',
            accept: 'application/json',
          },
        });
        return { status: res.status, text: await res.text() };
      };
      const ok = await get('{ me { id } }');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain(f.org.users.repA.id);
      const before = await snapshot();
      const r = await get('mutation { createCustomer(input: { name: "Via GET", tier: LOW }) { id } }');
      expect(r.status).toBe(405);
      expect(errorCode(r.text)).toBe('BAD_REQUEST');
      expectNoLeak(r.text);
      expect(await snapshot()).toEqual(before);
    });
  });
});
