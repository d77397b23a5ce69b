import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { problem, useFixture } from '@app/testing';
import { ResearchDigestJobs } from '../src/modules/market-research/research-digest.jobs.js';

/**
 * Market research, first part: industry news, policy and regulation items (filters, who may change
 * them, bad input that changes nothing, head office across branches, statements per page) and the
 * weekly digest the worker builds once per branch and ISO week (branch time zone) under repeated scans
 * and two replicas, delivered to the department head and leadership with its items and tag counts.
 */

const ITEM = `id branchId kind title source url publishedOn tags summary relevance createdById`;

interface Item {
  id: string;
  branchId: string;
  kind: string;
  title: string;
  publishedOn: string;
  tags: string[];
  relevance: number;
}

interface Digest {
  id: string;
  branchId: string;
  week: string;
  weekStart: string;
  state: string;
  itemCount: number;
  recipients: number;
  tagCounts: { tag: string; count: number }[];
  kindCounts: { kind: string; count: number }[];
  items: { rank: number; item: { id: string; title: string; relevance: number } }[];
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The Monday of the ISO week a day falls in. */
const mondayOf = (d: string) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
const isoWeek = (monday: string) => {
  const thursday = new Date(Date.parse(`${addDays(monday, 3)}T00:00:00Z`));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * DAY)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

describe('market research', () => {
  // Two workers on their own prefixes, each past its first scheduled scan. The branches were created just now: no
  // closed week yet, so those first scans build nothing.
  const f = useFixture({
    people: { leader: { branch: 'hq', role: 'LEADERSHIP', name: 'Leader' } },
    workers: { count: 2, env: { RESEARCH_DIGEST_SCAN_MS: '3600000' }, firstScan: 'research.digest-scan' },
  });
  const { call, ok } = f;
  const today = shanghaiDay(Date.now());
  const thisMonday = mondayOf(today);
  const lastMonday = addDays(thisMonday, -7);

  const CREATE = `mutation($in: CreateResearchItemInput!) { createResearchItem(input: $in) { ${ITEM} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateResearchItemInput!) { updateResearchItem(id: $id, input: $in) { ${ITEM} } }`;
  const GET = `query($id: ID!) { researchItem(id: $id) { ${ITEM} } }`;
  const LIST = `query($f: ResearchItemFilter, $first: Int, $after: String) { researchItems(first: $first, after: $after,
    filter: $f) { totalCount edges { node { id branchId publishedOn kind tags relevance } } pageInfo { endCursor hasNextPage } } }`;
  const DIGESTS = `query($f: ResearchDigestFilter, $first: Int) { researchDigests(first: $first, filter: $f) { totalCount
    edges { node { id branchId week weekStart state itemCount recipients tagCounts { tag count } kindCounts { kind count }
    items { rank item { id title relevance } } } } } }`;
  const SETTINGS = `query($b: ID) { researchSettings(branchId: $b) { branchId digestTopItems digestHour } }`;
  const SET = `mutation($in: UpdateResearchSettingsInput!) { updateResearchSettings(input: $in) { branchId digestTopItems digestHour } }`;

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Item> {
    return (
      await ok<{ createResearchItem: Item }>(who, CREATE, {
        in: {
          kind: 'NEWS',
          title: 'Water tariffs rise in the delta',
          source: 'Utility Weekly',
          publishedOn: today,
          tags: ['Water', 'pricing'],
          summary: 'Three cities raise tariffs by 8% from January.',
          relevance: 3,
          ...input,
        },
      })
    ).createResearchItem;
  }

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM research_items t),
         (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.branch_id), '')) FROM research_settings s),
         (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const scan = (w: INestApplicationContext) => w.get(ResearchDigestJobs).scanDigests();
  const w1 = () => f.workers[0];
  const w2 = () => f.workers[1];

  it('items are logged with normalised tags and listed by tag, kind, date range and relevance', async () => {
    const a = await create('repA', {
      kind: 'POLICY',
      title: 'Subsidy for efficient pumps',
      tags: ['  Energy  Efficiency ', 'subsidy', 'SUBSIDY'],
      publishedOn: addDays(today, -40),
      relevance: 5,
      url: 'https://gov.example/notice/12',
    });
    expect(a).toMatchObject({ kind: 'POLICY', tags: ['energy efficiency', 'subsidy'], relevance: 5 });
    const b = await create('managerA', { kind: 'REGULATION', tags: ['subsidy'], publishedOn: addDays(today, -45) });
    const c = await create('repA', { tags: ['pricing'], publishedOn: addDays(today, -41), relevance: 1 });
    const list = async (f: Record<string, unknown>) =>
      (await ok<{ researchItems: { totalCount: number; edges: { node: Item }[] } }>('repA', LIST, { f, first: 100 }))
        .researchItems;
    const window = { from: addDays(today, -50), to: addDays(today, -39) };
    expect((await list(window)).edges.map((e) => e.node.id)).toEqual([a.id, c.id, b.id]);
    expect((await list({ ...window, tag: 'SUBSIDY' })).edges.map((e) => e.node.id)).toEqual([a.id, b.id]);
    expect((await list({ ...window, kind: 'REGULATION' })).edges.map((e) => e.node.id)).toEqual([b.id]);
    expect((await list({ ...window, minRelevance: 3 })).totalCount).toBe(2);
    expect((await list({ from: addDays(today, -44), to: addDays(today, -41) })).edges.map((e) => e.node.id)).toEqual([
      c.id,
    ]);

    // The person who logged it, or the manager, changes it; a colleague rep may read it but not change it.
    const changed = (await ok<{ updateResearchItem: Item }>('repA', UPDATE, { id: c.id, in: { relevance: 2 } }))
      .updateResearchItem;
    expect(changed.relevance).toBe(2);
    expect((await ok<{ researchItem: Item }>('rep2A', GET, { id: c.id })).researchItem.id).toBe(c.id);
    const before = await tables();
    expect(problem(await call('rep2A', UPDATE, { id: c.id, in: { relevance: 4 } })).code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
    await ok('managerA', UPDATE, { id: c.id, in: { tags: ['pricing', 'tariffs'] } });
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'research_item' AND entity_id = $1 ORDER BY created_at`,
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'update']);
  });

  it('another branch’s items answer as a random id; head office lists every branch in one list', async () => {
    const mine = await create('repA', { title: 'A only', publishedOn: addDays(today, -100) });
    const theirs = await create('repB', { title: 'B only', publishedOn: addDays(today, -101) });
    expect((await ok<{ researchItem: Item | null }>('managerA', GET, { id: theirs.id })).researchItem).toBeNull();
    const before = await tables();
    const foreign = problem(await call('managerA', UPDATE, { id: theirs.id, in: { relevance: 1 } }));
    const random = problem(await call('managerA', UPDATE, { id: randomUUID(), in: { relevance: 1 } }));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(random.code).toBe('NOT_FOUND');
    expect(await tables()).toBe(before);
    const window = { from: addDays(today, -101), to: addDays(today, -100) };
    const hq = (
      await ok<{ researchItems: { edges: { node: Item }[] } }>('admin', LIST, { f: window, first: 10 })
    ).researchItems.edges.map((e) => e.node.id);
    expect(hq).toEqual([mine.id, theirs.id]);
    const onlyB = (
      await ok<{ researchItems: { edges: { node: Item }[] } }>('admin', LIST, {
        f: { ...window, branchId: f.org.b.id },
        first: 10,
      })
    ).researchItems.edges.map((e) => e.node.id);
    expect(onlyB).toEqual([theirs.id]);
    const a = (
      await ok<{ researchItems: { edges: { node: Item }[] } }>('managerA', LIST, {
        f: { ...window, branchId: f.org.b.id },
        first: 10,
      })
    ).researchItems;
    expect(a.edges).toEqual([]);
    // Head office writes name the branch.
    expect(
      problem(
        await call('admin', CREATE, {
          in: { kind: 'NEWS', title: 'T', source: 'S', publishedOn: today, summary: 'S', relevance: 1 },
        }),
      ).fields,
    ).toEqual(['branchId']);
    const hqItem = await create('admin', { branchId: f.org.b.id, title: 'From head office' });
    expect(hqItem.branchId).toBe(f.org.b.id);
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const item = await create('repA');
    const before = await tables();
    const base = { kind: 'NEWS', title: 'T', source: 'S', publishedOn: today, summary: 'S', relevance: 3 };
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['future day', { ...base, publishedOn: addDays(today, 2) }, 'BAD_USER_INPUT', ['publishedOn']],
      ['relevance 6', { ...base, relevance: 6 }, 'BAD_USER_INPUT', []],
      ['relevance 0', { ...base, relevance: 0 }, 'BAD_USER_INPUT', []],
      ['blank title', { ...base, title: '   ' }, 'BAD_USER_INPUT', []],
      ['bad tag', { ...base, tags: ['ok', '#!'] }, 'BAD_USER_INPUT', ['tags[1]']],
      ['long tag', { ...base, tags: ['x'.repeat(41)] }, 'BAD_USER_INPUT', ['tags[0]']],
      ['bad url', { ...base, url: 'not a url' }, 'BAD_USER_INPUT', []],
      ['bad kind', { ...base, kind: 'RUMOUR' }, 'BAD_USER_INPUT', []],
      ['bad day', { ...base, publishedOn: '2026-02-30' }, 'BAD_USER_INPUT', []],
      ['other branch', { ...base, branchId: f.org.b.id }, 'FORBIDDEN', []],
    ];
    for (const [label, input, code, fields] of cases) {
      const p = problem(await call('repA', CREATE, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('repA', UPDATE, { id: item.id, in: {} })).fields).toEqual(['input']);
    expect(problem(await call('repA', UPDATE, { id: item.id, in: { tags: [''] } })).fields).toEqual(['tags[0]']);
    expect(problem(await call('repA', UPDATE, { id: 'nope', in: { relevance: 2 } })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('repA', LIST, { f: { from: today, to: addDays(today, -1) } })).fields).toEqual([
      'filter.to',
    ]);
    expect(problem(await call('repA', LIST, { after: 'garbage' })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('repA', SET, { in: { digestTopItems: 3 } })).code).toBe('FORBIDDEN');
    expect(problem(await call('managerA', SET, { in: { digestTopItems: 51 } })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('managerA', SET, { in: {} })).fields).toEqual(['input']);
    expect(problem(await call('financeA', CREATE, { in: base })).code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
  });

  it('the statements of an items page and a digests page do not depend on the page size', async () => {
    await f.owner.query(
      `INSERT INTO research_items (branch_id, id, kind, title, source, published_on, tags, summary, relevance, created_by)
       SELECT b, gen_random_uuid(), 'NEWS', 'Bulk ' || g, 'Wire', $2::date - g, ARRAY['bulk', 't' || (g % 3)], 'S',
         1 + g % 5, $3
       FROM unnest($1::uuid[]) AS b, generate_series(1, 60) g`,
      [[f.org.a.id, f.org.b.id], addDays(today, -200), f.org.users.managerA.id],
    );
    const bulk = await f.owner.query<{ id: string }>(
      `INSERT INTO research_digests (branch_id, id, week_start, state, item_count, tag_counts, kind_counts, recipients,
         built_at)
       SELECT b, gen_random_uuid(), $2::date - 7 * g, 'BUILT', 1, '[]', '[]', 1, now()
       FROM unnest($1::uuid[]) AS b, generate_series(30, 90) g RETURNING id`,
      [[f.org.a.id, f.org.b.id], addDays(thisMonday, 0)],
    );
    // Two items in each of these digests (not in any digest another test built).
    await f.owner.query(
      `INSERT INTO research_digest_items (branch_id, id, digest_id, item_id, rank)
       SELECT d.branch_id, gen_random_uuid(), d.id, i.id, r
       FROM research_digests d CROSS JOIN generate_series(1, 2) r
       CROSS JOIN LATERAL (SELECT id FROM research_items x WHERE x.branch_id = d.branch_id
                           AND 'bulk' = ANY (x.tags) ORDER BY x.id OFFSET r LIMIT 1) i
       WHERE d.id = ANY($1::uuid[])`,
      [bulk.rows.map((r) => r.id)],
    );
    for (const who of ['managerA', 'admin']) {
      const counts: number[] = [];
      for (const first of [1, 5, 50]) {
        const items = await call(who, LIST, { f: { tag: 'bulk' }, first });
        expect(items.body.errors).toBeUndefined();
        // This test's digests only (the weekly test's, in whatever order they run, carry other items).
        const digests = await call<{ researchDigests: { edges: { node: Digest }[] } }>(who, DIGESTS, {
          first,
          f: { to: addDays(thisMonday, -210) },
        });
        expect(digests.body.errors).toBeUndefined();
        const edges = digests.body.data!.researchDigests.edges;
        expect(edges).toHaveLength(first);
        expect(edges.every((e) => e.node.items.length === 2)).toBe(true);
        counts.push(Number(items.headers.get('x-sql-statements')), Number(digests.headers.get('x-sql-statements')));
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts.filter((_, i) => i % 2 === 0)).toEqual([counts[0], counts[0], counts[0]]);
      expect(counts.filter((_, i) => i % 2 === 1)).toEqual([counts[1], counts[1], counts[1]]);
    }
    const own = bulk.rows.map((r) => r.id);
    await f.owner.query(`DELETE FROM research_digest_items WHERE digest_id = ANY($1::uuid[])`, [own]);
    await f.owner.query(`DELETE FROM research_digests WHERE id = ANY($1::uuid[])`, [own]);
  });

  it('the weekly digest: built once per branch and closed ISO week under repeats and two replicas, to the readers', async () => {
    // Settings: branch A carries its top 2 items; defaults elsewhere.
    expect((await ok<{ researchSettings: unknown }>('managerA', SETTINGS)).researchSettings).toEqual({
      branchId: f.org.a.id,
      digestTopItems: 10,
      digestHour: 8,
    });
    await ok('managerA', SET, { in: { digestTopItems: 2 } });
    expect((await ok<{ researchSettings: unknown }>('admin', SETTINGS, { b: f.org.a.id })).researchSettings).toEqual({
      branchId: f.org.a.id,
      digestTopItems: 2,
      digestHour: 8,
    });
    // Last week's items in A (and one of this week, which must wait for its own week), none in B.
    const top = await create('repA', {
      title: 'Top',
      publishedOn: addDays(lastMonday, 2),
      relevance: 5,
      tags: ['water'],
    });
    const second = await create('repA', {
      title: 'Second',
      kind: 'POLICY',
      publishedOn: addDays(lastMonday, 6),
      relevance: 4,
      tags: ['water', 'policy'],
    });
    await create('managerA', { title: 'Third', publishedOn: lastMonday, relevance: 4, tags: ['pricing'] });
    const thisWeek = await create('repA', { title: 'This week', publishedOn: today, relevance: 5, tags: ['water'] });

    // Branches created this week have no closed week yet: nothing is scheduled.
    expect((await Promise.all([scan(w1()), scan(w2())])).map((r) => r.scheduled)).toEqual([0, 0]);
    await f.owner.query(`UPDATE branches SET created_at = now() - interval '30 days' WHERE organization_id = $1`, [
      f.org.id,
    ]);

    const results = await Promise.all([scan(w1()), scan(w2()), scan(w1()), scan(w2())]);
    await scan(w1());
    expect(results.reduce((n, r) => n + r.scheduled, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.built, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.notified, 0)).toBe(2);

    const digests = (
      await ok<{ researchDigests: { edges: { node: Digest }[] } }>('admin', DIGESTS, { first: 10 })
    ).researchDigests.edges.map((e) => e.node);
    expect(digests.map((d) => [d.branchId, d.weekStart, d.week, d.state]).sort()).toEqual(
      [f.org.hq.id, f.org.a.id, f.org.b.id].map((b) => [b, lastMonday, isoWeek(lastMonday), 'BUILT']).sort(),
    );
    const a = digests.find((d) => d.branchId === f.org.a.id)!;
    expect(a).toMatchObject({
      itemCount: 3,
      recipients: 2,
      tagCounts: [
        { tag: 'water', count: 2 },
        { tag: 'policy', count: 1 },
        { tag: 'pricing', count: 1 },
      ],
      kindCounts: [
        { kind: 'NEWS', count: 2 },
        { kind: 'POLICY', count: 1 },
      ],
    });
    // Top 2 by relevance, the later of two equally relevant first; this week's item waits for next week.
    expect(a.items.map((i) => [i.rank, i.item.id])).toEqual([
      [1, top.id],
      [2, second.id],
    ]);
    expect(a.items.map((i) => i.item.id)).not.toContain(thisWeek.id);
    expect(digests.find((d) => d.branchId === f.org.b.id)).toMatchObject({ itemCount: 0, recipients: 0, items: [] });

    const notes = await f.owner.query<{
      user_id: string;
      branch_id: string;
      title: string;
      body: string;
      dedupe_key: string;
    }>(
      `SELECT user_id, branch_id, title, body, dedupe_key FROM notifications WHERE kind = 'RESEARCH_DIGEST' ORDER BY user_id`,
    );
    expect(notes.rows.map((n) => [n.branch_id, n.user_id]).sort()).toEqual(
      [
        [f.org.a.id, f.org.users.managerA.id],
        [f.org.a.id, f.u.leader.id],
      ].sort(),
    );
    for (const n of notes.rows) {
      expect(n.dedupe_key).toBe(`research-digest:${isoWeek(lastMonday)}:${n.user_id}`);
      expect(n.title).toBe(`Research digest ${isoWeek(lastMonday)} (AA): 3 items`);
      expect(n.body).toContain('1. [5/5] NEWS · Top (Utility Weekly');
      expect(n.body).toContain('2. [4/5] POLICY · Second');
      expect(n.body).not.toContain('Third');
      expect(n.body).toContain('By tag: water 2, policy 1, pricing 1');
    }
    // The department head and leadership read it among their notifications; a rep of the branch gets none.
    const mine = `query { notifications(first: 10) { edges { node { kind subjectId } } } }`;
    for (const who of ['managerA', 'leader']) {
      const got = (
        await ok<{ notifications: { edges: { node: { kind: string; subjectId: string } }[] } }>(who, mine)
      ).notifications.edges.map((e) => e.node);
      expect(got).toContainEqual({ kind: 'RESEARCH_DIGEST', subjectId: a.id });
    }

    // More scans, and a digest row put back to PENDING (a crash before commit), change nothing twice.
    await f.owner.query(
      `UPDATE research_digests SET state = 'PENDING', built_at = NULL, item_count = NULL, tag_counts = NULL,
         kind_counts = NULL, recipients = NULL WHERE branch_id = $1`,
      [f.org.a.id],
    );
    await Promise.all([scan(w1()), scan(w2())]);
    expect((await f.owner.query(`SELECT count(*)::int AS n FROM research_digests`)).rows[0].n).toBe(3);
    expect((await f.owner.query(`SELECT count(*)::int AS n FROM research_digest_items`)).rows[0].n).toBe(2);
    expect((await f.owner.query(`SELECT state FROM research_digests WHERE id = $1`, [a.id])).rows[0].state).toBe(
      'BUILT',
    );
    expect(
      (await f.owner.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'RESEARCH_DIGEST'`)).rows[0].n,
    ).toBe(2);
    // Branch managers of B do not see branch A's digest; a rep of A reads it (research:read).
    const asB = (
      await ok<{ researchDigests: { edges: unknown[] } }>('managerB', DIGESTS, { f: { branchId: f.org.a.id } })
    ).researchDigests;
    expect(asB.edges).toEqual([]);
    const asRep = (await ok<{ researchDigests: { edges: { node: Digest }[] } }>('repA', DIGESTS)).researchDigests;
    expect(asRep.edges.map((e) => e.node.id)).toEqual([a.id]);
  });
});
