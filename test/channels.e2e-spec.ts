import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { gql, insertCustomer, problem, useFixture } from '@app/testing';
import { ChannelsJobs } from '../src/modules/channels/channels.jobs.js';

/**
 * Channel partners over GraphQL and their agreement ends in the worker: partners with contacts, the
 * own-only wall for sales reps, agreements reminded 60, 30 and 7 days before the last day and
 * EXPIRED the day after (branch time zone), once under repeated scans and two replicas; head office's
 * list across branches and its counts by branch and tier; bad input that changes nothing. Time moves
 * by shifting the stored due timestamps (and, for the expiry, the end) into the past.
 */

const PARTNER = `id branchId kind name region status ownerId notes tier tierPeriod createdById
  contacts { id name title phone email isPrimary } owner { id }
  agreements { id startsOn endsOn territory terms status terminationReason nextReminderDays nextActionAt }`;

interface Agreement {
  id: string;
  startsOn: string;
  endsOn: string;
  status: string;
  terminationReason: string | null;
  nextReminderDays: number | null;
  nextActionAt: string | null;
}

interface Partner {
  id: string;
  branchId: string;
  kind: string;
  name: string;
  region: string;
  status: string;
  ownerId: string;
  tier: string | null;
  contacts: { id: string; name: string; isPrimary: boolean; phone: string | null; email: string | null }[];
  owner: { id: string } | null;
  agreements: Agreement[];
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const today = () => shanghaiDay(Date.now());

describe('channel partners and agreements', () => {
  const f = useFixture({
    workers: { count: 2, env: { CHANNEL_SCAN_MS: '3600000' }, firstScan: 'channels.agreement-scan' },
  });
  const { call, ok } = f;

  const CREATE = `mutation($in: CreatePartnerInput!) { createPartner(input: $in) { ${PARTNER} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdatePartnerInput!) { updatePartner(id: $id, input: $in) { ${PARTNER} } }`;
  const GET = `query($id: ID!) { partner(id: $id) { ${PARTNER} } }`;
  const CONTACT = `mutation($in: AddPartnerContactInput!) { addPartnerContact(input: $in) { id name isPrimary } }`;
  const AGREE = `mutation($in: CreatePartnerAgreementInput!) { createPartnerAgreement(input: $in) {
    id startsOn endsOn status nextReminderDays nextActionAt } }`;
  const CHANGE = `mutation($id: ID!, $in: UpdatePartnerAgreementInput!) { updatePartnerAgreement(id: $id, input: $in) {
    id endsOn status nextReminderDays nextActionAt } }`;
  const TERMINATE = `mutation($id: ID!, $r: String!) { terminatePartnerAgreement(id: $id, reason: $r) {
    id status terminationReason nextReminderDays nextActionAt } }`;
  const LIST = `query($f: PartnerFilter, $first: Int, $after: String) { partners(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id branchId name } } pageInfo { endCursor hasNextPage } } }`;
  const COUNTS = `query($b: ID, $k: PartnerKind) { partnerCountsByTier(branchId: $b, kind: $k) {
    branch { id code } tier count } }`;

  let seq = 0;
  async function create(who: string, input: Record<string, unknown> = {}): Promise<Partner> {
    return (
      await ok<{ createPartner: Partner }>(who, CREATE, {
        in: { kind: 'DISTRIBUTOR', name: `Partner ${++seq}`, region: 'East China', ...input },
      })
    ).createPartner;
  }
  const get = async (who: string, id: string) => (await ok<{ partner: Partner | null }>(who, GET, { id })).partner;
  async function agree(who: string, partnerId: string, endsOn: string): Promise<Agreement> {
    return (
      await ok<{ createPartnerAgreement: Agreement }>(who, AGREE, {
        in: {
          partnerId,
          startsOn: addDays(today(), -300),
          endsOn,
          territory: 'Jiangsu',
          terms: 'Exclusive, 5% rebate',
        },
      })
    ).createPartnerAgreement;
  }

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', ${['partners', 'partner_contacts', 'partner_agreements']
        .map((t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM ${t} t)`)
        .join(', ')}, (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const scan = (w: INestApplicationContext) => w.get(ChannelsJobs).scanAgreements();
  const notes = async (subjectId: string) =>
    (
      await f.owner.query<{ kind: string; user_id: string; title: string; dedupe_key: string }>(
        'SELECT kind, user_id, title, dedupe_key FROM notifications WHERE subject_id = $1 ORDER BY created_at, dedupe_key',
        [subjectId],
      )
    ).rows;
  const due = async (id: string) =>
    (
      await f.owner.query<{ status: string; reminder_days: number | null; next_action_at: Date | null }>(
        'SELECT status, reminder_days, next_action_at FROM partner_agreements WHERE id = $1',
        [id],
      )
    ).rows[0];
  /** The stored next step of these agreements has come. */
  const shift = (ids: string[]) =>
    f.owner.query(
      `UPDATE partner_agreements SET next_action_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [ids],
    );

  it('a partner with contacts: recorded, changed, a new primary contact, handed on by the manager only', async () => {
    const p = await create('repA', {
      kind: 'AGENT',
      name: 'Suzhou Pumps Trading',
      region: 'Suzhou',
      notes: 'Met at the Shanghai fair',
      contacts: [
        { name: 'Ms Wang', title: 'General manager', phone: '+86 512 5555 0101', isPrimary: true },
        { name: 'Mr Li', email: 'Li@Example.com' },
      ],
    });
    expect(p).toMatchObject({
      kind: 'AGENT',
      name: 'Suzhou Pumps Trading',
      status: 'CANDIDATE',
      ownerId: f.org.users.repA.id,
      owner: { id: f.org.users.repA.id },
      tier: null,
      agreements: [],
    });
    expect(p.contacts.map((c) => [c.name, c.isPrimary, c.email])).toEqual([
      ['Ms Wang', true, null],
      ['Mr Li', false, 'li@example.com'],
    ]);
    const updated = (
      await ok<{ updatePartner: Partner }>('repA', UPDATE, { id: p.id, in: { status: 'NEGOTIATING', region: 'Wuxi' } })
    ).updatePartner;
    expect(updated).toMatchObject({ status: 'NEGOTIATING', region: 'Wuxi', name: 'Suzhou Pumps Trading' });
    await ok('repA', CONTACT, { in: { partnerId: p.id, name: 'Mr Zhao', phone: '13800000000', isPrimary: true } });
    expect((await get('repA', p.id))!.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Mr Zhao', true],
      ['Mr Li', false],
      ['Ms Wang', false],
    ]);

    // Only a manager hands a partner on; then the rep no longer sees it and the new owner does.
    const before = await tables();
    const refused = problem(await call('repA', UPDATE, { id: p.id, in: { ownerId: f.org.users.rep2A.id } }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
    const moved = (
      await ok<{ updatePartner: Partner }>('managerA', UPDATE, { id: p.id, in: { ownerId: f.org.users.rep2A.id } })
    ).updatePartner;
    expect(moved.ownerId).toBe(f.org.users.rep2A.id);
    expect(await get('repA', p.id)).toBeNull();
    expect((await get('rep2A', p.id))!.id).toBe(p.id);

    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'partner' AND entity_id = $1 ORDER BY created_at`,
      [p.id],
    );
    expect(audit.rows.map((r) => r.action)).toMatchObject(['create', 'update', 'update']);
  });

  it('a partner buys under a customer record of its branch (one partner per record); an agreement carries its rebate', async () => {
    const { a, b } = f.org;
    const mine = await insertCustomer(f.owner, { branchId: a.id, ownerId: f.u.repA.id, name: `Buyer ${randomUUID()}` });
    const colleagues = await insertCustomer(f.owner, {
      branchId: a.id,
      ownerId: f.u.rep2A.id,
      name: `Buyer ${randomUUID()}`,
    });
    const elsewhere = await insertCustomer(f.owner, {
      branchId: b.id,
      ownerId: f.u.repB.id,
      name: `Buyer ${randomUUID()}`,
    });
    const BUYS = `mutation($in: CreatePartnerInput!) { createPartner(input: $in) { id customerId } }`;
    const p = (
      await ok<{ createPartner: { id: string; customerId: string } }>('repA', BUYS, {
        in: { kind: 'DISTRIBUTOR', name: `Partner ${++seq}`, region: 'East China', customerId: mine },
      })
    ).createPartner;
    expect(p.customerId).toBe(mine);
    const before = await tables();
    // Another branch's customer, a colleague's (a rep sees only their own) and a random id: one answer, nothing made.
    for (const customerId of [elsewhere, colleagues, randomUUID()]) {
      const r = await call('repA', BUYS, {
        in: { kind: 'DISTRIBUTOR', name: `Partner ${++seq}`, region: 'East China', customerId },
      });
      expect(problem(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['customerId'] });
    }
    const twice = await call('managerA', BUYS, {
      in: { kind: 'AGENT', name: `Partner ${++seq}`, region: 'East China', customerId: mine },
    });
    expect(problem(twice).code).toBe('CONFLICT');
    expect(await tables()).toBe(before);
    // The manager links a partner that had none.
    const other = await create('managerA');
    const linked = await ok<{ updatePartner: { customerId: string } }>(
      'managerA',
      `mutation($id: ID!, $in: UpdatePartnerInput!) { updatePartner(id: $id, input: $in) { customerId } }`,
      { id: other.id, in: { customerId: colleagues } },
    );
    expect(linked.updatePartner.customerId).toBe(colleagues);

    const REBATE = `mutation($in: CreatePartnerAgreementInput!) { createPartnerAgreement(input: $in) { id rebateRate } }`;
    const term = {
      partnerId: p.id,
      startsOn: today(),
      endsOn: addDays(today(), 365),
      territory: 'Jiangsu',
      terms: 'Rebate',
    };
    const made = (
      await ok<{ createPartnerAgreement: { id: string; rebateRate: string } }>('repA', REBATE, {
        in: { ...term, rebateRate: '2.5' },
      })
    ).createPartnerAgreement;
    expect(made.rebateRate).toBe('2.5000');
    for (const rebateRate of ['100.0001', '101', '-1', '0.00001']) {
      const r = await call('repA', REBATE, { in: { ...term, rebateRate } });
      expect({ rebateRate, ...problem(r) }).toMatchObject({ rebateRate, code: 'BAD_USER_INPUT' });
    }
    const changed = await ok<{ updatePartnerAgreement: { rebateRate: string } }>(
      'repA',
      `mutation($id: ID!, $in: UpdatePartnerAgreementInput!) { updatePartnerAgreement(id: $id, input: $in) { rebateRate } }`,
      { id: made.id, in: { rebateRate: '100' } },
    );
    expect(changed.updatePartnerAgreement.rebateRate).toBe('100.0000');
  });

  it('agreement ends: reminders 60, 30 and 7 days before, EXPIRED the day after, each once under two replicas', async () => {
    const p = await create('repA', { name: 'Nanjing Valves' });
    const endsOn = addDays(today(), 90);
    const a = await agree('repA', p.id, endsOn);
    expect(a).toMatchObject({
      status: 'ACTIVE',
      nextReminderDays: 60,
      nextActionAt: shanghaiStart(addDays(endsOn, -60)),
    });
    // Not due yet: the scans send nothing.
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    expect(await notes(p.id)).toEqual([]);

    const expected: string[] = [];
    for (const [days, next] of [
      [60, 30],
      [30, 7],
      [7, null],
    ] as const) {
      await shift([a.id]);
      await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
      await scan(f.workers[0]);
      expected.push(`partner-agreement-ending:${a.id}:${endsOn}:${days}`);
      const got = await notes(p.id);
      expect(got.map((n) => n.dedupe_key)).toEqual(expected);
      expect(got.every((n) => n.user_id === f.org.users.repA.id && n.kind === 'PARTNER_AGREEMENT_ENDING')).toBe(true);
      expect(await due(a.id)).toEqual({
        status: 'ACTIVE',
        reminder_days: next,
        // After the last reminder the next step is the expiry: the start of the day after the last day.
        next_action_at: new Date(shanghaiStart(next === null ? addDays(endsOn, 1) : addDays(endsOn, -next))),
      });
    }
    expect((await notes(p.id))[0].title).toBe(`The agreement with Nanjing Valves ends in 90 days (${endsOn})`);

    // The expiry step, come early (the last day is still ahead): nothing changes but the step is kept.
    await shift([a.id]);
    await Promise.all([scan(f.workers[0]), scan(f.workers[1])]);
    expect(await due(a.id)).toEqual({
      status: 'ACTIVE',
      reminder_days: null,
      next_action_at: new Date(shanghaiStart(addDays(endsOn, 1))),
    });
    expect(await notes(p.id)).toHaveLength(3);
    // The day after the last day: EXPIRED, and the owner told once.
    const yesterday = addDays(today(), -1);
    await f.owner.query(
      `UPDATE partner_agreements SET ends_on = $2, next_action_at = now() - interval '1 minute' WHERE id = $1`,
      [a.id, yesterday],
    );
    const results = await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0])]);
    expect(results.reduce((n, r) => n + r.expired, 0)).toBe(1);
    expect(await due(a.id)).toEqual({ status: 'EXPIRED', reminder_days: null, next_action_at: null });
    expect((await notes(p.id)).map((n) => n.dedupe_key).slice(3)).toEqual([
      `partner-agreement-expired:${a.id}:${yesterday}`,
    ]);
    expect(problem(await call('repA', TERMINATE, { id: a.id, r: 'late' })).code).toBe('INVALID_STATE');

    // An agreement ending in 40 days starts at the 30-day reminder; one ending in 3 days goes straight to
    // the expiry step; one already past is EXPIRED on record.
    expect((await agree('repA', p.id, addDays(today(), 40))).nextReminderDays).toBe(30);
    const soon = await agree('repA', p.id, addDays(today(), 3));
    expect(soon).toMatchObject({ nextReminderDays: null, nextActionAt: shanghaiStart(addDays(today(), 4)) });
    expect(await agree('repA', p.id, addDays(today(), -2))).toMatchObject({ status: 'EXPIRED', nextActionAt: null });

    // A new end moves the reminders (sent again for the new end); a terminated agreement is reminded of nothing.
    const later = addDays(today(), 200);
    const moved = (
      await ok<{ updatePartnerAgreement: Agreement }>('repA', CHANGE, { id: soon.id, in: { endsOn: later } })
    ).updatePartnerAgreement;
    expect(moved).toMatchObject({ nextReminderDays: 60, nextActionAt: shanghaiStart(addDays(later, -60)) });
    const t = (
      await ok<{ terminatePartnerAgreement: Agreement }>('repA', TERMINATE, { id: moved.id, r: 'Sold the business' })
    ).terminatePartnerAgreement;
    expect(t).toMatchObject({ status: 'TERMINATED', terminationReason: 'Sold the business', nextActionAt: null });
    await f.owner.query(`UPDATE partner_agreements SET next_action_at = NULL WHERE id = $1`, [moved.id]);

    // Many agreements in two branches, claimed by two replicas at once: one notice each.
    const ids: string[] = [];
    const partners: string[] = [];
    for (let i = 0; i < 24; i++) {
      const q = await create(i % 2 ? 'repA' : 'repB', { name: `Bulk ${i}` });
      partners.push(q.id);
      ids.push((await agree(i % 2 ? 'repA' : 'repB', q.id, addDays(today(), 100))).id);
    }
    await shift(ids);
    const many = await Promise.all([scan(f.workers[0]), scan(f.workers[1]), scan(f.workers[0]), scan(f.workers[1])]);
    expect(many.reduce((n, r) => n + r.reminded, 0)).toBe(24);
    const rows = await f.owner.query<{ subject_id: string; n: number }>(
      `SELECT subject_id, count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[]) GROUP BY 1`,
      [partners],
    );
    expect(rows.rows.length).toBe(24);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
  });

  it('a sales rep sees only their own partners; head office lists every branch by name and counts by tier', async () => {
    const mine = await create('repA', { name: 'Aaa Mine' });
    const theirs = await create('rep2A', { name: 'Aab Theirs' });
    const b = await create('repB', { name: 'Aaa Branch B', kind: 'ECOMMERCE_PLATFORM' });
    const a = await agree('repA', mine.id, addDays(today(), 100));
    expect(await get('rep2A', mine.id)).toBeNull();
    expect(await get('repA', theirs.id)).toBeNull();
    expect(await get('managerA', theirs.id)).not.toBeNull();
    expect(await get('financeA', mine.id)).not.toBeNull();
    expect(await get('managerA', b.id)).toBeNull();
    const before = await tables();
    for (const [doc, vars] of [
      [UPDATE, { id: mine.id, in: { region: 'Probe' } }],
      [CONTACT, { in: { partnerId: mine.id, name: 'Probe', phone: '123456' } }],
      [AGREE, { in: { partnerId: mine.id, startsOn: today(), endsOn: today(), territory: 'x', terms: 'x' } }],
      [CHANGE, { id: a.id, in: { terms: 'Probe' } }],
      [TERMINATE, { id: a.id, r: 'probe' }],
    ] as const) {
      expect(problem(await call('rep2A', doc, vars)).code).toBe('NOT_FOUND');
      expect(problem(await call('managerB', doc, vars)).code).toBe('NOT_FOUND');
    }
    expect(problem(await call('financeA', UPDATE, { id: mine.id, in: { region: 'Probe' } })).code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);

    const list = async (who: string, filter: Record<string, unknown> = {}, first = 100) =>
      (
        await ok<{ partners: { totalCount: number; edges: { node: { id: string; name: string } }[] } }>(who, LIST, {
          f: filter,
          first,
        })
      ).partners;
    const repIds = (await list('repA')).edges.map((e) => e.node.id);
    expect(repIds).toContain(mine.id);
    expect(repIds).not.toContain(theirs.id);
    expect((await list('repA', { ownerId: f.org.users.rep2A.id })).totalCount).toBe(0);
    const hq = await list('admin');
    const hqIds = hq.edges.map((e) => e.node.id);
    expect(hqIds).toEqual(expect.arrayContaining([mine.id, theirs.id, b.id]));
    const names = hq.edges.map((e) => e.node.name);
    expect(hqIds.slice(0, 3).sort()).toEqual([mine.id, theirs.id, b.id].sort());
    expect(names.slice(0, 3)).toEqual(['Aaa Branch B', 'Aaa Mine', 'Aab Theirs'].sort());
    expect((await list('admin', { branchId: f.org.b.id })).edges.every((e) => e.node.id !== mine.id)).toBe(true);
    expect((await list('admin', { kind: 'ECOMMERCE_PLATFORM' })).edges.map((e) => e.node.id)).toEqual([b.id]);
    // Keyset paging follows the same order.
    const p1 = (
      await ok<{ partners: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>('admin', LIST, {
        first: 3,
      })
    ).partners;
    const p2 = (
      await ok<{ partners: { edges: { node: { id: string } }[] } }>('admin', LIST, {
        first: 3,
        after: p1.pageInfo.endCursor,
      })
    ).partners;
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(hqIds.slice(0, 6));

    // Counts by branch and tier: head office sees both branches, a manager their own, a rep their own partners.
    await f.owner.query(`UPDATE partners SET tier = 'A', tier_period = '2026-Q3' WHERE id = $1`, [b.id]);
    const counts = async (who: string, vars: Record<string, unknown> = {}) =>
      (
        await ok<{ partnerCountsByTier: { branch: { id: string }; tier: string | null; count: number }[] }>(
          who,
          COUNTS,
          vars,
        )
      ).partnerCountsByTier.map((c) => [c.branch.id, c.tier, c.count]);
    const truth = async (where: string, params: unknown[]) =>
      (
        await f.owner.query<{ b: string; tier: string | null; n: number }>(
          `SELECT p.branch_id AS b, p.tier, count(*)::int AS n FROM partners p JOIN branches br ON br.id = p.branch_id
           WHERE ${where} GROUP BY br.code, p.branch_id, p.tier ORDER BY br.code, p.branch_id, p.tier NULLS LAST`,
          params,
        )
      ).rows.map((r) => [r.b, r.tier, r.n]);
    expect(await counts('admin')).toEqual(await truth('p.branch_id = ANY($1)', [[f.org.a.id, f.org.b.id]]));
    expect((await counts('admin')).some((c) => c[0] === f.org.b.id && c[1] === 'A' && c[2] === 1)).toBe(true);
    expect(await counts('admin', { k: 'ECOMMERCE_PLATFORM' })).toEqual([[f.org.b.id, 'A', 1]]);
    expect(await counts('managerA')).toEqual(await truth('p.branch_id = $1', [f.org.a.id]));
    expect(await counts('repA')).toEqual(
      await truth('p.branch_id = $1 AND p.owner_id = $2', [f.org.a.id, f.org.users.repA.id]),
    );
  });

  it('a partners page with contacts, agreements and owner costs the same statements for 1, 5, 50 and 100 rows', async () => {
    // 120 partners in each branch, two contacts and one agreement each.
    for (const [branch, rep] of [
      [f.org.a.id, f.org.users.repA.id],
      [f.org.b.id, f.org.users.repB.id],
    ]) {
      await f.owner.query(
        `WITH p AS (
           INSERT INTO partners (branch_id, id, kind, name, region, owner_id, created_by)
           SELECT $1, gen_random_uuid(), 'DISTRIBUTOR', 'Stat ' || lpad(g::text, 4, '0'), 'North', $2, $2
           FROM generate_series(1, 120) g RETURNING branch_id, id
         ), c AS (
           INSERT INTO partner_contacts (branch_id, id, partner_id, name, phone)
           SELECT p.branch_id, gen_random_uuid(), p.id, 'Contact ' || k, '+86 10 5555 000' || k FROM p, generate_series(1, 2) k
         )
         INSERT INTO partner_agreements (branch_id, id, partner_id, starts_on, ends_on, territory, terms, created_by)
         SELECT p.branch_id, gen_random_uuid(), p.id, '2026-01-01', '2027-12-31', 'North', 'Standard', $2 FROM p`,
        [branch, rep],
      );
    }
    const PAGE = `query($first: Int!, $after: String) { partners(first: $first, after: $after) { totalCount
      pageInfo { endCursor } edges { node { id name owner { id displayName } contacts { id name }
      agreements { id endsOn status } } } } }`;
    for (const who of ['managerA', 'admin']) {
      const counts: number[] = [];
      let after: string | undefined;
      // The last call is a later page: the 20 rows after the first 100.
      for (const [first, later] of [
        [1, false],
        [5, false],
        [50, false],
        [100, false],
        [20, true],
      ] as const) {
        const r = await gql<{
          partners: {
            pageInfo: { endCursor: string };
            edges: { node: { owner: unknown; contacts: unknown[]; agreements: unknown[] } }[];
          };
        }>(f.api.url, PAGE, { first, after: later ? after : undefined }, { token: f.tokens[who] });
        expect(r.body.errors).toBeUndefined();
        const edges = r.body.data!.partners.edges;
        expect(edges).toHaveLength(first);
        expect(edges.filter((e) => e.node.owner !== null).length).toBe(first);
        after = r.body.data!.partners.pageInfo.endCursor;
        counts.push(Number(r.headers.get('x-sql-statements')));
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect({ who, counts }).toEqual({ who, counts: counts.map(() => counts[0]) });
      expect(counts[0]).toBeLessThanOrEqual(9);
    }
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const p = await create('repA', { name: 'Validated Partner' });
    const a = await agree('repA', p.id, addDays(today(), 100));
    const before = await tables();
    const base = { kind: 'DISTRIBUTOR', name: 'Probe', region: 'North' };
    const cases: [string, string, Record<string, unknown>, string, string[]][] = [
      ['blank name', CREATE, { in: { ...base, name: '  ' } }, 'BAD_USER_INPUT', []],
      ['unknown kind', CREATE, { in: { ...base, kind: 'RESELLER' } }, 'BAD_USER_INPUT', []],
      ['long region', CREATE, { in: { ...base, region: 'x'.repeat(101) } }, 'BAD_USER_INPUT', ['region']],
      [
        'unreachable contact',
        CREATE,
        { in: { ...base, contacts: [{ name: 'Nobody' }] } },
        'BAD_USER_INPUT',
        ['contacts[0].phone'],
      ],
      [
        'two primaries',
        CREATE,
        {
          in: {
            ...base,
            contacts: [
              { name: 'A', phone: '1234', isPrimary: true },
              { name: 'B', phone: '5678', isPrimary: true },
            ],
          },
        },
        'BAD_USER_INPUT',
        ['contacts'],
      ],
      ['bad e-mail', CONTACT, { in: { partnerId: p.id, name: 'X', email: 'not-mail' } }, 'BAD_USER_INPUT', []],
      ['another owner', CREATE, { in: { ...base, ownerId: f.org.users.rep2A.id } }, 'FORBIDDEN', []],
      ['another branch', CREATE, { in: { ...base, branchId: f.org.b.id } }, 'FORBIDDEN', []],
      ['duplicate name', CREATE, { in: { ...base, name: 'validated partner' } }, 'CONFLICT', []],
      [
        'end before start',
        AGREE,
        { in: { partnerId: p.id, startsOn: '2026-05-01', endsOn: '2026-04-30', territory: 'x', terms: 'x' } },
        'BAD_USER_INPUT',
        ['endsOn'],
      ],
      [
        'not a date',
        AGREE,
        { in: { partnerId: p.id, startsOn: '2026-02-30', endsOn: '2026-04-30', territory: 'x', terms: 'x' } },
        'BAD_USER_INPUT',
        [],
      ],
      ['moved before start', CHANGE, { id: a.id, in: { endsOn: '2020-01-01' } }, 'BAD_USER_INPUT', ['endsOn']],
      ['nothing to change', CHANGE, { id: a.id, in: {} }, 'BAD_USER_INPUT', ['input']],
      ['blank reason', TERMINATE, { id: a.id, r: ' ' }, 'BAD_USER_INPUT', ['reason']],
      ['random agreement', TERMINATE, { id: randomUUID(), r: 'x' }, 'NOT_FOUND', []],
      ['random partner', UPDATE, { id: randomUUID(), in: { notes: 'x' } }, 'NOT_FOUND', []],
      ['not an id', UPDATE, { id: 'nope', in: { notes: 'x' } }, 'BAD_USER_INPUT', []],
      ['foreign owner', UPDATE, { id: p.id, in: { ownerId: f.org.users.repB.id } }, 'FORBIDDEN', []],
    ];
    for (const [label, doc, vars, code, fields] of cases) {
      const r = problem(await call('repA', doc, vars));
      expect({ label, code: r.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: r.fields }).toEqual({ label, fields });
    }
    // A manager naming an owner from another branch gets the field named.
    expect(
      problem(await call('managerA', UPDATE, { id: p.id, in: { ownerId: f.org.users.repB.id } })).fields,
    ).toMatchObject(['ownerId']);
    expect(problem(await call('admin', CREATE, { in: { ...base, branchId: f.org.a.id } })).fields).toMatchObject([
      'ownerId',
    ]);
    expect(problem(await call('admin', CREATE, { in: base })).fields).toMatchObject(['branchId']);
    expect(await tables()).toBe(before);
    const dup = problem(await call('repA', CREATE, { in: { ...base, name: 'VALIDATED PARTNER' } }));
    expect(dup).toMatchObject({ code: 'CONFLICT', message: 'This branch already has a partner of that name' });
  });
});
