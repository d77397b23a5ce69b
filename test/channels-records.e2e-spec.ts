import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { gql, problem, useFixture } from '@app/testing';

/**
 * What is recorded under a partner, over GraphQL: disputes (OPENED -> HANDLING -> CLOSED with a
 * resolution), training and support given, and the partner's end users; the own-only wall, head
 * office's lists across branches, bad input that changes nothing, and statement counts independent
 * of the page size.
 */

const DISPUTE = `id branchId partnerId subject description state handlerId handlingNotes resolution openedAt closedAt
  createdById partner { id name }`;

interface Dispute {
  id: string;
  branchId: string;
  state: string;
  handlerId: string | null;
  handlingNotes: string | null;
  resolution: string | null;
  closedAt: string | null;
  partner: { id: string } | null;
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const today = () => shanghaiDay(Date.now());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('partner disputes, support given and end users', () => {
  const f = useFixture();
  const { call, ok } = f;
  let mine: string;
  let colleagues: string;

  const OPEN = `mutation($in: OpenPartnerDisputeInput!) { openPartnerDispute(input: $in) { ${DISPUTE} } }`;
  const HANDLE = `mutation($id: ID!, $in: HandlePartnerDisputeInput) { handlePartnerDispute(id: $id, input: $in) { ${DISPUTE} } }`;
  const CLOSE = `mutation($id: ID!, $r: String!) { closePartnerDispute(id: $id, resolution: $r) { ${DISPUTE} } }`;
  const SUPPORT = `mutation($in: RecordPartnerSupportInput!) { recordPartnerSupport(input: $in) {
    id partnerId kind givenOn topic details attendees recordedById partner { id } } }`;
  const END_USER = `mutation($in: RecordPartnerEndUserInput!) { recordPartnerEndUser(input: $in) {
    id partnerId name industry region purchased purchasedOn recordedById partner { id } } }`;
  const DISPUTES = `query($f: PartnerDisputeFilter, $first: Int, $after: String) { partnerDisputes(first: $first, after: $after,
    filter: $f) { totalCount pageInfo { endCursor hasNextPage } edges { node { id branchId partnerId state } } } }`;
  const SUPPORTS = `query($f: PartnerSupportFilter) { partnerSupportRecords(first: 100, filter: $f) {
    totalCount edges { node { id partnerId kind givenOn } } } }`;
  const END_USERS = `query($f: PartnerEndUserFilter) { partnerEndUsers(first: 100, filter: $f) {
    totalCount edges { node { id partnerId name industry region } } } }`;

  async function partner(branchId: string, ownerId: string, name: string): Promise<string> {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO partners (branch_id, id, kind, name, region, status, owner_id, created_by)
       VALUES ($1, $2, 'DISTRIBUTOR', $3, 'East', 'ACTIVE', $4, $4)`,
      [branchId, id, name, ownerId],
    );
    return id;
  }
  const open = async (who: string, partnerId: string, subject = 'Late rebate') =>
    (
      await ok<{ openPartnerDispute: Dispute }>(who, OPEN, {
        in: { partnerId, subject, description: 'The Q3 rebate has not been paid' },
      })
    ).openPartnerDispute;

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', ${['partner_disputes', 'partner_support_records', 'partner_end_users']
        .map((t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${t} t)`)
        .join(', ')}, (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  beforeAll(async () => {
    mine = await partner(f.org.a.id, f.org.users.repA.id, 'Mine Trading');
    colleagues = await partner(f.org.a.id, f.org.users.rep2A.id, 'Colleague Trading');
  });

  it('a dispute is opened, handled and closed with its resolution, in that order only', async () => {
    const d = await open('repA', mine);
    expect(d).toMatchObject({ state: 'OPENED', handlerId: null, resolution: null, partner: { id: mine } });
    const early = problem(await call('repA', CLOSE, { id: d.id, r: 'Paid' }));
    expect(early).toMatchObject({ code: 'INVALID_STATE' });
    expect(early.message).toContain('from HANDLING');
    // A rep takes it on themselves, not on a colleague.
    expect(problem(await call('repA', HANDLE, { id: d.id, in: { handlerId: f.org.users.rep2A.id } })).code).toBe(
      'FORBIDDEN',
    );
    const handled = (
      await ok<{ handlePartnerDispute: Dispute }>('repA', HANDLE, { id: d.id, in: { notes: 'Asked finance' } })
    ).handlePartnerDispute;
    expect(handled).toMatchObject({
      state: 'HANDLING',
      handlerId: f.org.users.repA.id,
      handlingNotes: 'Asked finance',
    });
    expect(problem(await call('repA', HANDLE, { id: d.id })).code).toBe('INVALID_STATE');
    const closed = (await ok<{ closePartnerDispute: Dispute }>('repA', CLOSE, { id: d.id, r: 'Rebate paid on 3 Nov' }))
      .closePartnerDispute;
    expect(closed).toMatchObject({ state: 'CLOSED', resolution: 'Rebate paid on 3 Nov' });
    expect(closed.closedAt).not.toBeNull();
    expect(problem(await call('repA', CLOSE, { id: d.id, r: 'again' })).code).toBe('INVALID_STATE');

    // A manager names who handles it (a member of the branch).
    const d2 = await open('managerA', colleagues, 'Territory overlap');
    const named = (
      await ok<{ handlePartnerDispute: Dispute }>('managerA', HANDLE, {
        id: d2.id,
        in: { handlerId: f.org.users.rep2A.id },
      })
    ).handlePartnerDispute;
    expect(named.handlerId).toBe(f.org.users.rep2A.id);
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'partner_dispute' AND entity_id = $1 ORDER BY created_at`,
      [d.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['open', 'handle', 'close']);
  });

  it('training and support given and end users are recorded per partner and listed with filters', async () => {
    const s = (
      await ok<{ recordPartnerSupport: Record<string, unknown> }>('repA', SUPPORT, {
        in: { partnerId: mine, kind: 'TRAINING', givenOn: addDays(today(), -3), topic: 'Pump sizing', attendees: 12 },
      })
    ).recordPartnerSupport;
    expect(s).toMatchObject({
      kind: 'TRAINING',
      topic: 'Pump sizing',
      attendees: 12,
      recordedById: f.org.users.repA.id,
    });
    await ok('repA', SUPPORT, {
      in: {
        partnerId: mine,
        kind: 'MARKETING_SUPPORT',
        givenOn: today(),
        topic: 'Fair booth',
        details: 'Shared booth',
      },
    });
    const u = (
      await ok<{ recordPartnerEndUser: Record<string, unknown> }>('repA', END_USER, {
        in: {
          partnerId: mine,
          name: 'Wuxi Water Works',
          industry: 'Utilities',
          region: 'Wuxi',
          purchased: '4 pumps, 2 control cabinets',
          purchasedOn: addDays(today(), -30),
        },
      })
    ).recordPartnerEndUser;
    expect(u).toMatchObject({ name: 'Wuxi Water Works', industry: 'Utilities', partner: { id: mine } });
    await ok('repA', END_USER, {
      in: { partnerId: mine, name: 'Changzhou Mill', industry: 'Paper', purchased: '1 pump' },
    });

    const supports = (
      await ok<{ partnerSupportRecords: { edges: { node: { kind: string; givenOn: string } }[] } }>('repA', SUPPORTS, {
        f: { partnerId: mine },
      })
    ).partnerSupportRecords;
    expect(supports.edges.map((e) => [e.node.kind, e.node.givenOn])).toEqual([
      ['MARKETING_SUPPORT', today()],
      ['TRAINING', addDays(today(), -3)],
    ]);
    const training = (
      await ok<{ partnerSupportRecords: { totalCount: number } }>('managerA', SUPPORTS, { f: { kind: 'TRAINING' } })
    ).partnerSupportRecords;
    expect(training.totalCount).toBe(1);
    const users = (
      await ok<{ partnerEndUsers: { edges: { node: { name: string } }[] } }>('repA', END_USERS, {
        f: { partnerId: mine },
      })
    ).partnerEndUsers;
    expect(users.edges.map((e) => e.node.name).sort()).toEqual(['Changzhou Mill', 'Wuxi Water Works']);
    const utilities = (
      await ok<{ partnerEndUsers: { edges: { node: { name: string } }[] } }>('managerA', END_USERS, {
        f: { industry: 'Utilities' },
      })
    ).partnerEndUsers;
    expect(utilities.edges.map((e) => e.node.name)).toEqual(['Wuxi Water Works']);
  });

  it('a rep sees and changes only what is under their own partners; head office sees every branch', async () => {
    // Partners of this test's own: what other tests record under theirs is not counted here.
    const mine = await partner(f.org.a.id, f.org.users.repA.id, 'Own Trading');
    const colleagues = await partner(f.org.a.id, f.org.users.rep2A.id, 'Next Desk Trading');
    const branchB = await partner(f.org.b.id, f.org.users.repB.id, 'Bravo Two Trading');
    await open('repA', mine, 'My dispute');
    await ok('repA', END_USER, { in: { partnerId: mine, name: 'Mine User', purchased: 'Pumps' } });
    const theirs = await open('rep2A', colleagues, 'Their dispute');
    const b = await open('repB', branchB, 'Branch B dispute');
    await ok('repB', END_USER, { in: { partnerId: branchB, name: 'Bravo User', purchased: 'Valves' } });
    const before = await tables();
    for (const [doc, vars] of [
      [HANDLE, { id: theirs.id }],
      [CLOSE, { id: theirs.id, r: 'x' }],
      [OPEN, { in: { partnerId: colleagues, subject: 'x', description: 'x' } }],
      [SUPPORT, { in: { partnerId: colleagues, kind: 'TRAINING', givenOn: today(), topic: 'x' } }],
      [END_USER, { in: { partnerId: colleagues, name: 'x', purchased: 'x' } }],
    ] as const) {
      expect(problem(await call('repA', doc, vars)).code).toBe('NOT_FOUND');
    }
    for (const [doc, vars] of [
      [HANDLE, { id: b.id }],
      [OPEN, { in: { partnerId: branchB, subject: 'x', description: 'x' } }],
      [END_USER, { in: { partnerId: branchB, name: 'x', purchased: 'x' } }],
    ] as const) {
      expect(problem(await call('managerA', doc, vars)).code).toBe('NOT_FOUND');
    }
    expect(await tables()).toBe(before);

    const disputes = async (who: string, f: Record<string, unknown> = {}, first = 100, after?: string) =>
      (
        await ok<{
          partnerDisputes: {
            totalCount: number;
            pageInfo: { endCursor: string };
            edges: { node: { id: string; branchId: string; partnerId: string; state: string } }[];
          };
        }>(who, DISPUTES, { f, first, after })
      ).partnerDisputes;
    const partnersOf = async (column: 'owner_id' | 'branch_id', id: string) =>
      new Set(
        (await f.owner.query<{ id: string }>(`SELECT id FROM partners WHERE ${column} = $1`, [id])).rows.map(
          (r) => r.id,
        ),
      );
    const repsOwn = await partnersOf('owner_id', f.org.users.repA.id);
    const rep = await disputes('repA');
    expect(rep.edges.length).toBeGreaterThan(0);
    expect(rep.edges.every((e) => repsOwn.has(e.node.partnerId))).toBe(true);
    expect(rep.edges.map((e) => e.node.id)).not.toContain(theirs.id);
    expect((await disputes('repA', { partnerId: colleagues })).totalCount).toBe(0);
    const mgr = await disputes('managerA');
    expect(mgr.edges.map((e) => e.node.id)).toContain(theirs.id);
    expect(mgr.edges.every((e) => e.node.branchId === f.org.a.id)).toBe(true);
    const hq = await disputes('admin');
    const truth = await f.owner.query<{ id: string }>(
      'SELECT id FROM partner_disputes ORDER BY opened_at DESC, id DESC',
    );
    expect(hq.edges.map((e) => e.node.id)).toEqual(truth.rows.slice(0, 100).map((r) => r.id));
    expect(new Set(hq.edges.map((e) => e.node.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
    const onlyB = (await disputes('admin', { branchId: f.org.b.id })).edges;
    expect(onlyB.map((e) => e.node.id)).toContain(b.id);
    expect(onlyB.every((e) => e.node.branchId === f.org.b.id)).toBe(true);
    expect((await disputes('admin', { state: 'CLOSED' })).edges.every((e) => e.node.state === 'CLOSED')).toBe(true);
    const p1 = await disputes('admin', {}, 2);
    const p2 = await disputes('admin', {}, 2, p1.pageInfo.endCursor);
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(truth.rows.slice(0, 4).map((r) => r.id));
    type EndUsers = { partnerEndUsers: { totalCount: number; edges: { node: { partnerId: string } }[] } };
    const endUsers = async (who: string, partnerId?: string) =>
      (await ok<EndUsers>(who, END_USERS, { f: partnerId ? { partnerId } : {} })).partnerEndUsers;
    expect((await endUsers('admin', mine)).totalCount).toBe(1);
    expect((await endUsers('admin', branchB)).totalCount).toBe(1);
    expect((await endUsers('repB', mine)).totalCount).toBe(0);
    const inB = await partnersOf('branch_id', f.org.b.id);
    const repB = await endUsers('repB');
    expect((await endUsers('repB', branchB)).totalCount).toBe(1);
    expect(repB.edges.every((e) => inB.has(e.node.partnerId))).toBe(true);
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const d = await open('repA', mine, 'Validation');
    const before = await tables();
    const cases: [string, string, Record<string, unknown>, string, string[]][] = [
      ['blank subject', OPEN, { in: { partnerId: mine, subject: ' ', description: 'x' } }, 'BAD_USER_INPUT', []],
      [
        'long description',
        OPEN,
        { in: { partnerId: mine, subject: 'x', description: 'x'.repeat(4001) } },
        'BAD_USER_INPUT',
        [],
      ],
      ['blank resolution', CLOSE, { id: d.id, r: '  ' }, 'BAD_USER_INPUT', ['resolution']],
      ['foreign handler', HANDLE, { id: d.id, in: { handlerId: f.org.users.repB.id } }, 'FORBIDDEN', []],
      [
        'support in the future',
        SUPPORT,
        { in: { partnerId: mine, kind: 'TRAINING', givenOn: addDays(today(), 2), topic: 'x' } },
        'BAD_USER_INPUT',
        ['givenOn'],
      ],
      [
        'no attendees',
        SUPPORT,
        { in: { partnerId: mine, kind: 'TRAINING', givenOn: today(), topic: 'x', attendees: 0 } },
        'BAD_USER_INPUT',
        ['attendees'],
      ],
      [
        'unknown kind',
        SUPPORT,
        { in: { partnerId: mine, kind: 'LUNCH', givenOn: today(), topic: 'x' } },
        'BAD_USER_INPUT',
        [],
      ],
      [
        'bought in the future',
        END_USER,
        { in: { partnerId: mine, name: 'x', purchased: 'x', purchasedOn: addDays(today(), 5) } },
        'BAD_USER_INPUT',
        ['purchasedOn'],
      ],
      ['nothing bought', END_USER, { in: { partnerId: mine, name: 'x', purchased: '' } }, 'BAD_USER_INPUT', []],
      ['random partner', END_USER, { in: { partnerId: randomUUID(), name: 'x', purchased: 'x' } }, 'NOT_FOUND', []],
      ['random dispute', CLOSE, { id: randomUUID(), r: 'x' }, 'NOT_FOUND', []],
      ['not an id', HANDLE, { id: 'nope' }, 'BAD_USER_INPUT', []],
    ];
    for (const [label, doc, vars, code, fields] of cases) {
      const r = problem(await call('repA', doc, vars));
      expect({ label, code: r.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: r.fields }).toEqual({ label, fields });
    }
    expect(
      problem(await call('managerA', HANDLE, { id: d.id, in: { handlerId: f.org.users.repB.id } })).fields,
    ).toMatchObject(['handlerId']);
    expect(
      problem(await call('financeA', OPEN, { in: { partnerId: mine, subject: 'x', description: 'x' } })).code,
    ).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
  });

  it('disputes and end-user pages with their partner cost the same statements for 1, 5, 50 and 100 rows', async () => {
    for (const [branch, rep] of [
      [f.org.a.id, f.org.users.repA.id],
      [f.org.b.id, f.org.users.repB.id],
    ]) {
      await f.owner.query(
        `WITH p AS (
           INSERT INTO partners (branch_id, id, kind, name, region, owner_id, created_by)
           SELECT $1, gen_random_uuid(), 'AGENT', 'Bulk ' || lpad(g::text, 4, '0'), 'West', $2, $2
           FROM generate_series(1, 130) g RETURNING branch_id, id
         ), d AS (
           INSERT INTO partner_disputes (branch_id, id, partner_id, subject, description, created_by)
           SELECT branch_id, gen_random_uuid(), id, 'Bulk', 'Bulk', $2 FROM p
         )
         INSERT INTO partner_end_users (branch_id, id, partner_id, name, purchased, recorded_by)
         SELECT branch_id, gen_random_uuid(), id, 'Bulk user', 'Pumps', $2 FROM p`,
        [branch, rep],
      );
    }
    for (const [list, filter] of [
      ['partnerDisputes', 'PartnerDisputeFilter'],
      ['partnerEndUsers', 'PartnerEndUserFilter'],
    ]) {
      const PAGE = `query($first: Int!, $after: String, $f: ${filter}) { ${list}(first: $first, after: $after, filter: $f) {
        totalCount pageInfo { endCursor } edges { node { id partner { id name owner { id displayName } } } } } }`;
      for (const who of ['managerA', 'admin', 'repA']) {
        const counts: number[] = [];
        let after: string | undefined;
        for (const [first, later] of [
          [1, false],
          [5, false],
          [50, false],
          [100, false],
          [20, true],
        ] as const) {
          const r = await gql<
            Record<string, { pageInfo: { endCursor: string }; edges: { node: { partner: unknown } }[] }>
          >(f.api.url, PAGE, { first, after: later ? after : undefined }, { token: f.tokens[who] });
          expect(r.body.errors).toBeUndefined();
          const conn = r.body.data![list];
          expect(conn.edges).toHaveLength(first);
          expect(conn.edges.every((e) => e.node.partner !== null)).toBe(true);
          after = conn.pageInfo.endCursor;
          counts.push(Number(r.headers.get('x-sql-statements')));
        }
        expect(counts[0]).toBeGreaterThan(0);
        expect({ list, who, counts }).toEqual({ list, who, counts: counts.map(() => counts[0]) });
        expect(counts[0]).toBeLessThanOrEqual(8);
      }
    }
  });
});
