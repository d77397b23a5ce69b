import { beforeAll, describe, expect, it } from '@jest/globals';
import { gql, insertCustomer, useFixture, type GqlResponse } from '@app/testing';

/** Issue 9: dates, decimals and text are refused with BAD_USER_INPUT naming the field, never stored wrong. */
describe('strict input: dates, decimals, text', () => {
  const f = useFixture();
  let customerId: string;

  beforeAll(async () => {
    customerId = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Strict Co',
    });
  });

  const count = async (table: string) => Number((await f.owner.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  /** A refusal: BAD_USER_INPUT, one error, naming `field` in `fields` and at the start of the message. */
  function expectRefused(r: GqlResponse, field: string, mentions: string): string {
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors).toHaveLength(1);
    const e = r.body.errors![0];
    expect({ code: e.extensions?.code, fields: e.extensions?.fields?.map((f) => f.field) }).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [field],
    });
    expect(e.message.startsWith(`${field} `) || e.message.startsWith(`${field}: `)).toBe(true);
    expect(e.message).toContain(mentions);
    expect(r.text).not.toContain('INTERNAL_SERVER_ERROR');
    expect(r.text).not.toMatch(/\bat \S+ \(?\/\S+:\d+:\d+/);
    return e.message;
  }

  describe('DateTime: RFC 3339 with an offset, a real date and time, years 1900 to 2200', () => {
    const LOG = 'mutation($in: LogContactInput!) { logContact(input: $in) { id occurredAt } }';
    const log = (occurredAt: unknown) =>
      gql<{ logContact: { id: string; occurredAt: string } }>(
        f.api.url,
        LOG,
        { in: { customerId, channel: 'PHONE', summary: 'Call', occurredAt } },
        { token: f.tokens.repA },
      );

    it.each<[string, unknown]>([
      ['day/month/year', '07/12/2026'],
      ['no offset', '2026-12-07 08:00'],
      ['no offset, T', '2026-12-07T08:00:00'],
      ['month 13, day 45', '2026-13-45T00:00:00Z'],
      ['30 February', '2026-02-30T00:00:00Z'],
      ['hour 24', '2026-12-07T24:00:00Z'],
      ['offset +25:00', '2026-12-07T08:00:00+25:00'],
      ['year 0000', '0000-01-01T00:00:00Z'],
      ['the smallest JavaScript date', '-271821-04-20T00:00:00.000Z'],
      ['year 1899', '1899-12-31T23:59:59Z'],
      ['year 2201', '2201-01-01T00:00:00Z'],
      ['a date only', '2026-12-07'],
      ['empty', ''],
      ['the number 0', 0],
      ['a boolean', true],
      ['an object', { at: '2026-12-07T08:00:00Z' }],
      ['a list', ['2026-12-07T08:00:00Z']],
    ])('refuses %s as a variable, naming input.occurredAt, and stores nothing', async (_label, value) => {
      const before = await count('contact_logs');
      expectRefused(await log(value), 'input.occurredAt', 'RFC 3339');
      expect(await count('contact_logs')).toBe(before);
    });

    it.each<[string, string]>([
      ['day/month/year', '"07/12/2026"'],
      ['the number 0', '0'],
      ['1e309', '1e309'],
      ['a boolean', 'false'],
      ['an object', '{ at: "x" }'],
      ['year 0000', '"0000-01-01T00:00:00Z"'],
    ])('refuses %s as a literal, naming input.occurredAt', async (_label, literal) => {
      const r = await gql(
        f.api.url,
        `mutation { logContact(input: { customerId: "${customerId}", channel: PHONE, summary: "x", occurredAt: ${literal} }) { id } }`,
        {},
        { token: f.tokens.repA },
      );
      expectRefused(r, 'input.occurredAt', '"2026-12-07T08:00:00+08:00"');
    });

    it('a required DateTime given 0 or 1e309 is BAD_USER_INPUT, not a null that fails inside (createTender)', async () => {
      for (const literal of ['0', '1e309']) {
        const r = await gql(
          f.api.url,
          `mutation { createTender(input: { project: "P", issuer: "I", submissionDeadline: ${literal} }) { id } }`,
          {},
          { token: f.tokens.managerA },
        );
        expectRefused(r, 'input.submissionDeadline', 'RFC 3339');
      }
    });

    it('createCustomer refuses lastContactAt outside 1900..2200 (the cadence used to throw a RangeError)', async () => {
      const q = 'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }';
      for (const lastContactAt of ['-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z']) {
        const before = await count('customers');
        const r = await gql(
          f.api.url,
          q,
          { in: { name: 'Range Co', tier: 'LOW', lastContactAt } },
          { token: f.tokens.repA },
        );
        expectRefused(r, 'input.lastContactAt', 'years 1900 to 2200');
        expect(await count('customers')).toBe(before);
      }
    });

    it('accepts an offset, Z, lower case and fractions, and stores the instant meant', async () => {
      const cases: [string, string][] = [
        ['2026-12-07T08:00:00+08:00', '2026-12-07T00:00:00.000Z'],
        ['2026-12-07T08:00:00.123456789+08:00', '2026-12-07T00:00:00.123Z'],
        ['2026-12-06t19:30:00-04:30', '2026-12-07T00:00:00.000Z'],
        ['2026-12-07T00:00:00.5z', '2026-12-07T00:00:00.500Z'],
        ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
      ];
      for (const [sent, stored] of cases) {
        const r = await log(sent);
        expect({ sent, errors: r.body.errors, at: r.body.data?.logContact.occurredAt }).toEqual({
          sent,
          errors: undefined,
          at: stored,
        });
        const row = await f.owner.query<{ at: Date }>('SELECT occurred_at AS at FROM contact_logs WHERE id = $1', [
          r.body.data!.logContact.id,
        ]);
        expect(row.rows[0].at.toISOString()).toBe(stored);
      }
      const t = await gql<{ createTender: { submissionDeadline: string } }>(
        f.api.url,
        'mutation { createTender(input: { project: "P", issuer: "I", submissionDeadline: "2200-12-31T23:59:59.999Z" }) { submissionDeadline } }',
        {},
        { token: f.tokens.managerA },
      );
      expect(t.body.data?.createTender.submissionDeadline).toBe('2200-12-31T23:59:59.999Z');
    });
  });

  describe('Date: YYYY-MM-DD, a real date, years 1900 to 2200', () => {
    const Q = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id } }`;
    const line = { kind: 'PRODUCT', description: 'Pump', quantity: '1', unitPrice: '85.50' };

    it.each<[string, unknown]>([
      ['year 2201', '2201-01-01'],
      ['year 0000', '0000-01-01'],
      ['year 1899', '1899-12-31'],
      ['31 April', '2026-04-31'],
      ['day/month/year', '07/12/2026'],
      ['a date-time', '2026-12-07T00:00:00Z'],
      ['a number', 20261207],
    ])('refuses %s naming input.validUntil', async (_label, validUntil) => {
      const r = await gql(
        f.api.url,
        Q,
        { in: { customerId, title: 'Q', validUntil, lines: [line] } },
        { token: f.tokens.repA },
      );
      expectRefused(r, 'input.validUntil', 'YYYY-MM-DD');
    });

    it('accepts 1900-01-01 and 2200-12-31', async () => {
      const r = await gql(
        f.api.url,
        '{ researchItems(filter: { from: "1900-01-01", to: "2200-12-31" }) { totalCount } }',
        {},
        { token: f.tokens.managerA },
      );
      expect(r.body.errors).toBeUndefined();
    });

    it('refuses a Date literal out of range naming the argument', async () => {
      const r = await gql(
        f.api.url,
        '{ researchItems(filter: { from: "0000-01-01" }) { totalCount } }',
        {},
        {
          token: f.tokens.managerA,
        },
      );
      expectRefused(r, 'filter.from', 'YYYY-MM-DD');
    });
  });

  describe('Decimal given as a JSON number', () => {
    const Q = `mutation($in: CreateQuoteInput!) { createQuote(input: $in) { id } }`;

    it('a variable: names input.lines[0].unitPrice and shows "85.50", once', async () => {
      const before = await count('quotes');
      const r = await gql(
        f.api.url,
        Q,
        {
          in: {
            customerId,
            title: 'Q',
            validUntil: '2026-12-31',
            lines: [{ kind: 'PRODUCT', description: 'Pump', quantity: '1', unitPrice: 85.5 }],
          },
        },
        { token: f.tokens.repA },
      );
      const message = expectRefused(r, 'input.lines[0].unitPrice', '"85.50"');
      expect(message).toContain('the number 85.5');
      expect(message.split('85.50').length).toBe(2);
      expect(message).not.toContain('undefined');
      expect(await count('quotes')).toBe(before);
    });

    it('a literal: names input.lines[1].quantity', async () => {
      const r = await gql(
        f.api.url,
        `mutation { createQuote(input: { customerId: "${customerId}", title: "Q", validUntil: "2026-12-31", lines: [
          { kind: PRODUCT, description: "a", quantity: "1", unitPrice: "1.00" },
          { kind: PRODUCT, description: "b", quantity: 2, unitPrice: "1.00" }] }) { id } }`,
        {},
        { token: f.tokens.repA },
      );
      const message = expectRefused(r, 'input.lines[1].quantity', '"85.50"');
      expect(message).toContain('the number 2');
      expect(message).not.toContain('undefined');
    });
  });

  describe('text that is not well-formed Unicode', () => {
    const LONE = 'li\ud800@example.com';

    it('login before sign-in: BAD_USER_INPUT on input.email, not a URIError', async () => {
      const r = await gql(f.api.url, 'mutation($in: LoginInput!) { login(input: $in) { accessToken } }', {
        in: { email: LONE, password: 'x' },
      });
      expectRefused(r, 'input.email', 'well-formed Unicode');
    });

    it.each<[string, string, () => Record<string, unknown>, string, () => string]>([
      [
        'createCustomer contacts',
        'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }',
        () => ({ name: 'U Co', tier: 'LOW', contacts: [{ name: 'Li', email: LONE }] }),
        'input.contacts[0].email',
        () => f.tokens.repA,
      ],
      [
        'createCustomer e-mail',
        'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }',
        () => ({ name: 'U Co', tier: 'LOW', email: LONE }),
        'input.email',
        () => f.tokens.repA,
      ],
      [
        'createLead',
        'mutation($in: CreateLeadInput!) { createLead(input: $in) { id } }',
        () => ({ source: 'WEB', company: 'U Co', email: LONE }),
        'input.email',
        () => f.tokens.repA,
      ],
      [
        'createPartner',
        'mutation($in: CreatePartnerInput!) { createPartner(input: $in) { id } }',
        () => ({ kind: 'DISTRIBUTOR', name: 'U', region: 'East', contacts: [{ name: 'Li', email: LONE }] }),
        'input.contacts[0].email',
        () => f.tokens.managerA,
      ],
      [
        'createUser',
        'mutation($in: CreateUserInput!) { createUser(input: $in) { id } }',
        () => ({
          branchId: f.org.a.id,
          displayName: 'U',
          email: LONE,
          password: 'long-enough-pass-1',
          role: 'SALES_REP',
        }),
        'input.email',
        () => f.tokens.admin,
      ],
      [
        'a name, not an e-mail',
        'mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }',
        () => ({ name: 'Lone \udc00 Co', tier: 'LOW' }),
        'input.name',
        () => f.tokens.repA,
      ],
      [
        'a NUL in a plain argument',
        'query($s: String) { customers(filter: { search: $s }) { totalCount } }',
        () => ({}),
        'filter.search',
        () => f.tokens.repA,
      ],
    ])('%s: BAD_USER_INPUT naming the field, nothing stored', async (_label, query, input, field, token) => {
      const before = [await count('customers'), await count('leads'), await count('users')];
      const vars = field === 'filter.search' ? { s: 'a\u0000b' } : { in: input() };
      const r = await gql(f.api.url, query, vars, { token: token() });
      expectRefused(r, field, field === 'filter.search' ? 'NUL' : 'well-formed Unicode');
      expect([await count('customers'), await count('leads'), await count('users')]).toEqual(before);
    });
  });

  it('complaintCounts(filter: null) and other nullable inputs given as explicit null answer like left out', async () => {
    for (const q of [
      '{ complaintCounts(filter: null) { count } }',
      '{ customers(filter: null, first: null, after: null) { totalCount } }',
      '{ complaints(filter: null) { totalCount } }',
    ]) {
      const r = await gql(f.api.url, q, {}, { token: f.tokens.managerA });
      expect({ q, errors: r.body.errors }).toEqual({ q, errors: undefined });
    }
  });

  describe('persisted-query extensions', () => {
    const send = async (body: Record<string, unknown>) => {
      const res = await fetch(f.api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.repA}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, body: JSON.parse(text) as GqlResponse['body'] };
    };
    const hash = 'a'.repeat(64);

    it.each<[string, Record<string, unknown>, string]>([
      [
        'an unknown hash',
        { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
        'PERSISTED_QUERY_NOT_FOUND',
      ],
      [
        'version 99',
        { extensions: { persistedQuery: { version: 99, sha256Hash: hash } } },
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ],
      [
        'a hash that does not match the query',
        { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
        'BAD_REQUEST',
      ],
      [
        'a persistedQuery that is not an object',
        { extensions: { persistedQuery: 'x' } },
        'PERSISTED_QUERY_NOT_SUPPORTED',
      ],
    ])('%s: a typed code, never INTERNAL_SERVER_ERROR', async (_label, body, code) => {
      const r = await send(body);
      expect(r.status).toBeLessThan(500);
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(r.text).not.toContain('INTERNAL_SERVER_ERROR');
    });
  });
});
