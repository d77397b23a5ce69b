import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { gql, problem, useFixture } from '@app/testing';

/**
 * Leads over GraphQL: validity computed by the database and explained, kept right on every change;
 * duplicates within a branch by normalised phone and lower-cased e-mail, with a sales rep told of a
 * colleague's duplicate without its data and nothing said across branches; screening; conversion
 * into a customer once (a concurrent second is a CONFLICT) with the history kept; who sees what;
 * bad input that changes nothing; a statement count that does not grow with the page.
 */

const LEAD = `id branchId source company contactName contactRole mobile messagingAccount email switchboard valid missing
  screening screeningNote state customerId ownerId createdAt timeline { kind note actorId }
  duplicates { matchedOn message lead { id ownerId } }`;

interface Lead {
  id: string;
  branchId: string;
  company: string;
  valid: boolean;
  missing: string[];
  screening: string;
  screeningNote: string | null;
  state: string;
  customerId: string | null;
  ownerId: string;
  timeline: { kind: string; note: string | null; actorId: string }[];
  duplicates: { matchedOn: string[]; message: string; lead: { id: string; ownerId: string } | null }[];
}

const CREATE = `mutation($in: CreateLeadInput!) { createLead(input: $in) { ${LEAD} } }`;
const UPDATE = `mutation($id: ID!, $in: UpdateLeadInput!) { updateLead(id: $id, input: $in) { ${LEAD} } }`;
const GET = `query($id: ID!) { lead(id: $id) { ${LEAD} } }`;
const SCREEN = `mutation($id: ID!, $in: ScreenLeadInput!) { screenLead(id: $id, input: $in) { ${LEAD} } }`;
const NOTE = `mutation($id: ID!, $n: String!) { addLeadNote(id: $id, note: $n) { kind note } }`;
const CONVERT = `mutation($id: ID!, $in: ConvertLeadInput) { convertLead(id: $id, input: $in) {
  lead { ${LEAD} } customer { id name tier ownerId leadId phone contacts { name title phone email isPrimary }
  lead { id state timeline { kind note } } } } }`;
const LIST = `query($f: LeadFilter, $first: Int, $after: String) { leads(first: $first, after: $after, filter: $f) {
  totalCount edges { node { id branchId ownerId valid } } pageInfo { endCursor hasNextPage } } }`;

describe('leads', () => {
  const f = useFixture();
  const { call, ok } = f;

  const VALID = {
    source: 'TRADE_SHOW',
    company: 'Harbour Pumps Ltd',
    contactName: 'Li Wei',
    contactRole: 'MANAGER',
    mobile: '+86 139 0000 0001',
  };

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Lead> {
    return (await ok<{ createLead: Lead }>(who, CREATE, { in: { ...VALID, ...input } })).createLead;
  }
  const get = async (who: string, id: string) => (await ok<{ lead: Lead | null }>(who, GET, { id })).lead;

  /** Every lead-related table, digested: "nothing changed" means this is the same. */
  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM leads t),
         (SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY e.id), '')) FROM lead_events e),
         (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM customers c),
         (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  describe('validity (a named responsible person with a direct contact)', () => {
    it('a switchboard number alone is not valid, and the lead says what is missing', async () => {
      const l = await create('repA', {
        company: 'Switchboard Only Co',
        contactName: null,
        contactRole: null,
        mobile: null,
        switchboard: '021 6000 0000',
      });
      expect(l.valid).toBe(false);
      expect(l.missing).toEqual(['CONTACT_NAME', 'RESPONSIBLE_ROLE', 'DIRECT_CONTACT']);
      const stored = await f.owner.query('SELECT valid, missing FROM leads WHERE id = $1', [l.id]);
      expect(stored.rows[0]).toEqual({ valid: false, missing: ['CONTACT_NAME', 'RESPONSIBLE_ROLE', 'DIRECT_CONTACT'] });
    });

    it('a named manager reachable only through the switchboard (even typed as the mobile) is not valid', async () => {
      const a = await create('repA', {
        company: 'Front Desk Co',
        mobile: null,
        switchboard: '+86 21 6100 0000',
      });
      expect(a.missing).toEqual(['DIRECT_CONTACT']);
      const b = await create('repA', {
        company: 'Same Number Co',
        mobile: '021-6100-0001',
        switchboard: '+86 (0)21 6100 0001',
      });
      expect({ valid: b.valid, missing: b.missing }).toEqual({ valid: false, missing: ['DIRECT_CONTACT'] });
    });

    it('a receptionist is not a responsible person; each direct contact kind makes it valid', async () => {
      const r = await create('repA', { company: 'Reception Co', contactRole: 'OTHER' });
      expect(r.missing).toEqual(['RESPONSIBLE_ROLE']);
      for (const [company, contact] of [
        ['Mobile Co', { mobile: '138 0000 1111' }],
        ['Messaging Co', { mobile: null, messagingAccount: 'wx-li-wei' }],
        ['Mail Co', { mobile: null, email: 'Li.Wei@Mail.example' }],
      ] as const) {
        const l = await create('repA', { company, contactRole: 'STAFF_IN_CHARGE', ...contact });
        expect({ company, valid: l.valid, missing: l.missing }).toEqual({ company, valid: true, missing: [] });
      }
    });

    it('is kept right on every change, and the list filters by it', async () => {
      const l = await create('rep2A', { company: 'Changing Co', mobile: null, switchboard: '021 6200 0000' });
      expect(l.valid).toBe(false);
      const fixed = (await ok<{ updateLead: Lead }>('rep2A', UPDATE, { id: l.id, in: { mobile: '139 1111 2222' } }))
        .updateLead;
      expect({ valid: fixed.valid, missing: fixed.missing }).toEqual({ valid: true, missing: [] });
      const broken = (await ok<{ updateLead: Lead }>('rep2A', UPDATE, { id: l.id, in: { contactName: null } }))
        .updateLead;
      expect({ valid: broken.valid, missing: broken.missing }).toEqual({ valid: false, missing: ['CONTACT_NAME'] });
      expect(broken.timeline.map((e) => e.kind)).toEqual(['CREATED', 'UPDATED', 'UPDATED']);
      // The database keeps it, whatever writes the row (an import, a script).
      await f.owner.query(`UPDATE leads SET contact_name = 'Wang Fang' WHERE id = $1`, [l.id]);
      expect((await get('rep2A', l.id))!).toMatchObject({ valid: true, missing: [] });
      await f.owner.query(`UPDATE leads SET contact_name = NULL WHERE id = $1`, [l.id]);
      const invalid = await ok<{ leads: { edges: { node: { id: string; valid: boolean } }[] } }>('rep2A', LIST, {
        f: { valid: false },
        first: 100,
      });
      expect(invalid.leads.edges.map((e) => e.node.id)).toContain(l.id);
      expect(invalid.leads.edges.every((e) => !e.node.valid)).toBe(true);
      const valid = await ok<{ leads: { edges: { node: { id: string } }[] } }>('rep2A', LIST, { f: { valid: true } });
      expect(valid.leads.edges.map((e) => e.node.id)).not.toContain(l.id);
    });
  });

  describe('duplicates within a branch', () => {
    it('by normalised phone and lower-cased e-mail, listed both ways', async () => {
      const first = await create('repA', {
        company: 'Dup Phone One',
        mobile: '+86 137 5555 0001',
        email: 'buyer@dup.example',
      });
      expect(first.duplicates).toEqual([]);
      const second = await create('repA', { company: 'Dup Phone Two', mobile: '0086 137-5555-0001' });
      expect(second.duplicates).toEqual([
        {
          matchedOn: ['PHONE'],
          message: expect.stringContaining('Dup Phone One'),
          lead: { id: first.id, ownerId: f.org.users.repA.id },
        },
      ]);
      const third = await create('repA', { company: 'Dup Mail', mobile: '137 5555 0001', email: 'BUYER@Dup.Example' });
      expect(third.duplicates.find((d) => d.lead?.id === first.id)?.matchedOn).toEqual(['PHONE', 'EMAIL']);
      expect((await get('repA', first.id))!.duplicates.map((d) => d.lead?.id).sort()).toEqual(
        [second.id, third.id].sort(),
      );
      const other = await create('repA', { company: 'Other Number', mobile: '137 5555 0002', email: 'x@dup.example' });
      expect(other.duplicates).toEqual([]);
    });

    it('a sales rep learns of a colleague’s duplicate without its data; the manager sees both', async () => {
      const mine = await create('repA', { company: 'Shared Prospect', mobile: '136 4444 0001' });
      const theirs = await create('rep2A', { company: 'Shared Prospect Again', mobile: '+86 136 4444 0001' });
      expect(theirs.duplicates).toEqual([
        {
          matchedOn: ['PHONE'],
          lead: null,
          message: 'A lead with this phone number exists in your branch; ask your manager before contacting',
        },
      ]);
      const r = await call('rep2A', GET, { id: theirs.id });
      expect(r.text).not.toContain(mine.id);
      expect(r.text).not.toContain('Shared Prospect"');
      const byMail = await create('rep2A', { company: 'Mail Prospect', mobile: null, email: 'mine@shared.example' });
      expect(byMail.duplicates).toEqual([]);
      await create('repA', { company: 'Mail Prospect Mine', mobile: null, email: 'Mine@Shared.example' });
      expect((await get('rep2A', byMail.id))!.duplicates).toEqual([
        { matchedOn: ['EMAIL'], lead: null, message: expect.stringContaining('e-mail address exists in your branch') },
      ]);
      const seen = (await get('managerA', theirs.id))!;
      expect(seen.duplicates).toEqual([
        {
          matchedOn: ['PHONE'],
          message: expect.stringContaining('Shared Prospect'),
          lead: { id: mine.id, ownerId: f.org.users.repA.id },
        },
      ]);
    });

    it('another branch’s lead with the same phone is no duplicate and tells nothing, either way', async () => {
      const a = await create('repA', { company: 'Cross Branch A', mobile: '135 3333 0001', email: 'cross@b.example' });
      const b = await create('repB', { company: 'Cross Branch B', mobile: '135 3333 0001', email: 'cross@b.example' });
      expect(b.duplicates).toEqual([]);
      expect((await get('repA', a.id))!.duplicates).toEqual([]);
      expect((await get('managerB', b.id))!.duplicates).toEqual([]);
      // Head office sees both branches, yet duplicates stay within a branch.
      expect((await get('admin', a.id))!.duplicates).toEqual([]);
    });
  });

  describe('who sees what', () => {
    it('a rep sees their own, the manager the branch, head office every branch in one list', async () => {
      const a1 = await create('repA', { company: 'Seen A1' });
      const a2 = await create('rep2A', { company: 'Seen A2' });
      const b1 = await create('repB', { company: 'Seen B1' });
      const ids = async (who: string, filter: Record<string, unknown> = {}) =>
        (
          await ok<{ leads: { edges: { node: { id: string } }[] } }>(who, LIST, { f: filter, first: 100 })
        ).leads.edges.map((e) => e.node.id);
      const rep = await ids('repA');
      expect(rep).toContain(a1.id);
      expect(rep).not.toContain(a2.id);
      expect(rep).not.toContain(b1.id);
      expect(await get('repA', a2.id)).toBeNull();
      expect(await get('repB', a1.id)).toBeNull();
      const mgr = await ids('managerA');
      expect(mgr).toEqual(expect.arrayContaining([a1.id, a2.id]));
      expect(mgr).not.toContain(b1.id);
      const hq = await ids('admin');
      expect(hq).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
      const hqB = await ids('admin', { branchId: f.org.b.id });
      expect(hqB).toContain(b1.id);
      expect(hqB).not.toContain(a1.id);
      expect(await ids('repA', { ownerId: f.org.users.rep2A.id })).toEqual([]);
      // Finance has no business with prospects.
      expect(problem(await call('financeA', LIST)).code).toBe('FORBIDDEN');
    });

    it('a manager hands a lead to a rep; a rep cannot hand theirs away or create for someone else', async () => {
      const l = await create('managerA', { company: 'Handed Co' });
      const handed = (
        await ok<{ updateLead: Lead }>('managerA', UPDATE, { id: l.id, in: { ownerId: f.org.users.repA.id } })
      ).updateLead;
      expect(handed.ownerId).toBe(f.org.users.repA.id);
      expect(handed.timeline.map((e) => e.kind)).toEqual(['CREATED', 'REASSIGNED']);
      expect((await get('repA', l.id))!.id).toBe(l.id);
      const before = await tables();
      expect(problem(await call('repA', UPDATE, { id: l.id, in: { ownerId: f.org.users.rep2A.id } })).code).toBe(
        'FORBIDDEN',
      );
      expect(problem(await call('repA', CREATE, { in: { ...VALID, ownerId: f.org.users.rep2A.id } })).code).toBe(
        'FORBIDDEN',
      );
      expect(problem(await call('managerA', UPDATE, { id: l.id, in: { ownerId: f.org.users.repB.id } }))).toMatchObject(
        {
          code: 'BAD_USER_INPUT',
          fields: ['ownerId'],
        },
      );
      expect(await tables()).toBe(before);
    });
  });

  describe('screening', () => {
    it('FIT and UNFIT with a note; UNFIT without a note is refused and changes nothing', async () => {
      const l = await create('repA', { company: 'Screened Co' });
      expect(l.screening).toBe('PENDING');
      const before = await tables();
      expect(problem(await call('repA', SCREEN, { id: l.id, in: { outcome: 'UNFIT' } }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['note'],
      });
      expect(await tables()).toBe(before);
      const unfit = (
        await ok<{ screenLead: Lead }>('repA', SCREEN, { id: l.id, in: { outcome: 'UNFIT', note: 'Buys only abroad' } })
      ).screenLead;
      expect({ s: unfit.screening, n: unfit.screeningNote }).toEqual({ s: 'UNFIT', n: 'Buys only abroad' });
      expect(problem(await call('repA', CONVERT, { id: l.id })).code).toBe('INVALID_STATE');
      const fit = (await ok<{ screenLead: Lead }>('repA', SCREEN, { id: l.id, in: { outcome: 'FIT' } })).screenLead;
      expect(fit.screening).toBe('FIT');
      expect(fit.timeline.map((e) => e.note)).toEqual([null, 'UNFIT: Buys only abroad', 'FIT']);
    });
  });

  describe('conversion into a customer', () => {
    it('makes a customer linked to the lead, keeps the history, and only once', async () => {
      const l = await create('repA', {
        company: 'Converted Pumps',
        email: 'Chen@Converted.example',
        switchboard: '021 6300 0000',
      });
      await ok('repA', NOTE, { id: l.id, n: 'Met at the Shanghai fair' });
      await ok('repA', SCREEN, { id: l.id, in: { outcome: 'FIT' } });
      const r = await ok<{
        convertLead: {
          lead: Lead;
          customer: {
            id: string;
            name: string;
            tier: string;
            ownerId: string;
            leadId: string;
            phone: string;
            contacts: { name: string; title: string; phone: string; email: string; isPrimary: boolean }[];
            lead: { id: string; state: string; timeline: { kind: string; note: string | null }[] };
          };
        };
      }>('repA', CONVERT, { id: l.id, in: { tier: 'MEDIUM' } });
      const { lead, customer } = r.convertLead;
      expect(lead).toMatchObject({ state: 'CONVERTED', customerId: customer.id });
      expect(customer).toMatchObject({
        name: 'Converted Pumps',
        tier: 'MEDIUM',
        ownerId: f.org.users.repA.id,
        leadId: l.id,
        phone: '021 6300 0000',
        contacts: [
          {
            name: 'Li Wei',
            title: 'Manager',
            phone: '+86 139 0000 0001',
            email: 'chen@converted.example',
            isPrimary: true,
          },
        ],
      });
      expect(customer.lead.timeline.map((e) => e.kind)).toEqual(['CREATED', 'NOTE', 'SCREENED', 'CONVERTED']);
      expect(customer.lead.timeline[1].note).toBe('Met at the Shanghai fair');
      const before = await tables();
      const again = await call('repA', CONVERT, { id: l.id });
      expect(problem(again)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already converted') });
      expect(problem(await call('repA', UPDATE, { id: l.id, in: { company: 'Renamed' } })).code).toBe('INVALID_STATE');
      expect(await tables()).toBe(before);
      // The history keeps being written to.
      await ok('repA', NOTE, { id: l.id, n: 'First order expected in March' });
    });

    it('two conversions at the same time make one customer and one CONFLICT', async () => {
      const l = await create('repA', { company: 'Race Co' });
      const [x, y] = await Promise.all([call('repA', CONVERT, { id: l.id }), call('managerA', CONVERT, { id: l.id })]);
      const codes = [x, y].map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const made = await f.owner.query('SELECT id FROM customers WHERE lead_id = $1', [l.id]);
      expect(made.rows).toHaveLength(1);
      const events = await f.owner.query(`SELECT kind FROM lead_events WHERE lead_id = $1 AND kind = 'CONVERTED'`, [
        l.id,
      ]);
      expect(events.rows).toHaveLength(1);
    });

    it('an invalid lead is not converted, and says why', async () => {
      const l = await create('repA', { company: 'Not Yet Co', mobile: null, switchboard: '021 6400 0000' });
      const before = await tables();
      const r = await call('repA', CONVERT, { id: l.id });
      expect(problem(r)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('DIRECT_CONTACT') });
      expect(await tables()).toBe(before);
    });
  });

  describe('bad input changes nothing', () => {
    it.each([
      ['an empty company', { company: '  ' }, 'company'],
      ['a bad mobile', { mobile: 'call me' }, 'mobile'],
      ['a bad e-mail', { email: 'not-an-email' }, 'email'],
      ['an unknown owner', { ownerId: randomUUID() }, 'ownerId'],
    ])('%s', async (_label, input, field) => {
      const before = await tables();
      const r = await call('managerA', CREATE, { in: { ...VALID, ...input } });
      expect(problem(r)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [field === 'ownerId' ? field : `${field}`],
      });
      expect(await tables()).toBe(before);
    });

    it('head office must name the branch and the owner; an empty update is refused; unknown ids are NOT_FOUND', async () => {
      const before = await tables();
      expect(problem(await call('admin', CREATE, { in: VALID }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['branchId'],
      });
      expect(problem(await call('admin', CREATE, { in: { ...VALID, branchId: f.org.a.id } }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['ownerId'],
      });
      const l = await create('repA', { company: 'Untouched Co' });
      const mid = await tables();
      expect(problem(await call('repA', UPDATE, { id: l.id, in: {} })).fields).toMatchObject(['input']);
      expect(problem(await call('repA', NOTE, { id: l.id, n: '   ' })).fields).toMatchObject(['note']);
      expect(problem(await call('repA', CONVERT, { id: randomUUID() })).code).toBe('NOT_FOUND');
      expect(problem(await call('repA', SCREEN, { id: 'nope', in: { outcome: 'FIT' } })).code).toBe('BAD_USER_INPUT');
      expect(await tables()).toBe(mid);
      expect(before).not.toBe(mid);
    });
  });

  describe('SQL statements per leads page', () => {
    const PAGE = `query($first: Int!, $f: LeadFilter) { leads(first: $first, filter: $f) { totalCount edges { node {
      id valid missing owner { id } timeline { kind } duplicates { matchedOn lead { id } } customer { id } } } } }`;

    beforeAll(async () => {
      // 110 leads in each branch over two owners, every other one sharing a phone with its neighbour.
      for (const [branch, a, b] of [
        [f.org.a.id, f.org.users.repA.id, f.org.users.rep2A.id],
        [f.org.b.id, f.org.users.repB.id, f.org.users.managerB.id],
      ]) {
        await f.owner.query(
          `WITH n AS (
             INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, mobile_key, owner_id, created_by)
             SELECT $1, gen_random_uuid(), 'WEB', 'Bulk ' || g, 'Person ' || g, 'MANAGER', '139 7000 ' || lpad((g / 2)::text, 4, '0'),
               '86139700' || lpad((g / 2)::text, 4, '0'), (ARRAY[$2, $3]::uuid[])[1 + g % 2], $2
             FROM generate_series(1, 110) g RETURNING branch_id, id, created_by)
           INSERT INTO lead_events (branch_id, id, lead_id, kind, actor_id)
           SELECT branch_id, gen_random_uuid(), id, 'CREATED', created_by FROM n`,
          [branch, a, b],
        );
      }
    });

    it.each([
      ['a branch manager', 'managerA'],
      ['a sales rep (hidden duplicates asked too)', 'repA'],
      ['head office across branches', 'admin'],
    ] as const)('is the same for 1, 5, 50 (and 100) rows for %s', async (_label, who) => {
      const counts: number[] = [];
      for (const first of who === 'repA' ? [1, 5, 50] : [1, 5, 50, 100]) {
        const r = await gql<{ leads: { edges: { node: { owner: unknown; timeline: unknown[] } }[] } }>(
          f.api.url,
          PAGE,
          { first, f: who === 'repA' ? {} : { source: 'WEB' } },
          { token: f.tokens[who] },
        );
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data!.leads.edges).toHaveLength(first);
        for (const e of r.body.data!.leads.edges) {
          expect(e.node.owner).not.toBeNull();
          expect(e.node.timeline.length).toBeGreaterThan(0);
        }
        counts.push(Number(r.headers.get('x-sql-statements')));
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts).toEqual(counts.map(() => counts[0]));
      expect(counts[0]).toBeLessThanOrEqual(10);
    });
  });
});
