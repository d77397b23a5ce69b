import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { problem, useFixture } from '@app/testing';

/**
 * Market research, second part: competitors on the four Ps with dated observations and the
 * side-by-side comparison; target segments scored in numeric with the branch's weights (competition
 * counting inversely), the focus flag and personas. Bad input changes nothing; another branch's ids
 * answer as random ones; head office sees every branch; statements do not grow with the page.
 */

interface Obs {
  id: string;
  aspect: string;
  observedOn: string;
  note: string;
}

interface Segment {
  id: string;
  branchId: string;
  name: string;
  score: string;
  focus: boolean;
  personas: { id: string; name: string; profile: string; decisionProcess: string | null }[];
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const today = shanghaiDay(Date.now());
const daysAgo = (n: number) => shanghaiDay(Date.now() - n * DAY);

describe('market research: competitors and segments', () => {
  const f = useFixture();
  const { call, ok } = f;

  const OBS = `id aspect observedOn note`;
  const CREATE_C = `mutation($in: CreateCompetitorInput!) { createCompetitor(input: $in) { id branchId name product price
    channel promotion strengths weaknesses response } }`;
  const UPDATE_C = `mutation($id: ID!, $in: UpdateCompetitorInput!) { updateCompetitor(id: $id, input: $in) { id name price } }`;
  const OBSERVE = `mutation($in: RecordObservationInput!) { recordCompetitorObservation(input: $in) { ${OBS} } }`;
  const COMPARE = `query($ids: [ID!]!) { competitorComparison(ids: $ids) { competitor { id name product price channel
    promotion strengths weaknesses response } latestProduct { ${OBS} } latestPrice { ${OBS} } latestChannel { ${OBS} }
    latestPromotion { ${OBS} } latest { ${OBS} } } }`;
  const GET_C = `query($id: ID!) { competitor(id: $id) { id name observations(first: 2) { ${OBS} } } }`;
  const LIST_C = `query($f: CompetitorFilter, $first: Int) { competitors(first: $first, filter: $f) { totalCount
    edges { node { id branchId name observations(first: 3) { id } } } } }`;
  const SEG = `id branchId name region industry size marketSizeScore growthScore competitionScore score focus notes
    personas { id name profile needs decisionProcess purchasingPreferences }`;
  const CREATE_S = `mutation($in: CreateSegmentInput!) { createMarketSegment(input: $in) { ${SEG} } }`;
  const UPDATE_S = `mutation($id: ID!, $in: UpdateSegmentInput!) { updateMarketSegment(id: $id, input: $in) { ${SEG} } }`;
  const GET_S = `query($id: ID!) { marketSegment(id: $id) { ${SEG} } }`;
  const LIST_S = `query($f: MarketSegmentFilter, $first: Int, $after: String) { marketSegments(first: $first, after: $after,
    filter: $f) { totalCount edges { node { ${SEG} } } pageInfo { endCursor hasNextPage } } }`;
  const PERSONA = `mutation($in: AddPersonaInput!) { addSegmentPersona(input: $in) { id segmentId name profile } }`;
  const UPDATE_P = `mutation($id: ID!, $in: UpdatePersonaInput!) { updateSegmentPersona(id: $id, input: $in) { id decisionProcess } }`;
  const SET = `mutation($in: UpdateResearchSettingsInput!) { updateResearchSettings(input: $in) { branchId
    weightMarketSize weightGrowth weightCompetition } }`;

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', ${[
        'competitors',
        'competitor_observations',
        'market_segments',
        'segment_personas',
        'research_settings',
      ]
        .map((t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${t} t)`)
        .join(', ')}, (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const competitor = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ createCompetitor: { id: string; branchId: string } }>(who, CREATE_C, { in: input })).createCompetitor;
  const observe = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ recordCompetitorObservation: Obs }>(who, OBSERVE, { in: input })).recordCompetitorObservation;
  const segment = async (who: string, input: Record<string, unknown>) =>
    (
      await ok<{ createMarketSegment: Segment }>(who, CREATE_S, {
        in: { region: 'East China', industry: 'Water', size: 'LARGE', ...input },
      })
    ).createMarketSegment;

  it('competitors side by side: the four Ps, strengths and weaknesses, the latest observation per P', async () => {
    const rival = await competitor('repA', {
      name: 'Rival Pumps',
      product: 'Mid-range centrifugal pumps',
      price: '10% below list',
      channel: 'Distributors in three provinces',
      promotion: 'Trade shows',
      strengths: 'Price',
      weaknesses: 'Slow service',
      response: 'Sell on service level agreements',
    });
    const other = await competitor('managerA', { name: 'Other Flow', product: 'Premium valves' });
    const quiet = await competitor('repA', { name: 'Quiet Co' });
    await observe('repA', { competitorId: rival.id, observedOn: daysAgo(30), aspect: 'PRICE', note: 'List cut 5%' });
    const newerPrice = await observe('repA', {
      competitorId: rival.id,
      observedOn: daysAgo(3),
      aspect: 'PRICE',
      note: 'Spring discount 12%',
      source: 'Customer quote',
    });
    const promo = await observe('repA', {
      competitorId: rival.id,
      observedOn: daysAgo(10),
      aspect: 'PROMOTION',
      note: 'Lucky draw at the expo',
    });
    const review = await observe('rep2A', {
      competitorId: rival.id,
      observedOn: today,
      aspect: 'REVIEW',
      note: 'Customer complains about delivery',
    });
    const otherProduct = await observe('repA', {
      competitorId: other.id,
      observedOn: daysAgo(1),
      aspect: 'PRODUCT',
      note: 'New smart valve line',
    });
    const cmp = (
      await ok<{
        competitorComparison: {
          competitor: { id: string; price: string | null };
          latestProduct: Obs | null;
          latestPrice: Obs | null;
          latestChannel: Obs | null;
          latestPromotion: Obs | null;
          latest: Obs | null;
        }[];
      }>('managerA', COMPARE, { ids: [other.id, rival.id, quiet.id] })
    ).competitorComparison;
    expect(cmp.map((c) => c.competitor.id)).toEqual([other.id, rival.id, quiet.id]);
    expect(cmp[1]).toMatchObject({
      competitor: { price: '10% below list' },
      latestPrice: { id: newerPrice.id, note: 'Spring discount 12%' },
      latestPromotion: { id: promo.id },
      latestProduct: null,
      latestChannel: null,
      latest: { id: review.id, aspect: 'REVIEW' },
    });
    expect(cmp[0]).toMatchObject({ latestProduct: { id: otherProduct.id }, latest: { id: otherProduct.id } });
    expect(cmp[2]).toMatchObject({ latestPrice: null, latest: null });
    const got = (await ok<{ competitor: { observations: Obs[] } }>('repA', GET_C, { id: rival.id })).competitor;
    expect(got.observations.map((o) => o.id)).toEqual([review.id, newerPrice.id]);
    const changed = (
      await ok<{ updateCompetitor: { price: string } }>('repA', UPDATE_C, { id: rival.id, in: { price: '15% below' } })
    ).updateCompetitor;
    expect(changed.price).toBe('15% below');

    // Head office compares across branches in one request; branch A cannot name branch B's competitor.
    const rivalB = await competitor('repB', { name: 'Rival Pumps', price: 'At list' });
    const both = (
      await ok<{ competitorComparison: { competitor: { id: string } }[] }>('admin', COMPARE, {
        ids: [rival.id, rivalB.id],
      })
    ).competitorComparison;
    expect(both.map((c) => c.competitor.id)).toEqual([rival.id, rivalB.id]);
    const foreign = problem(await call('managerA', COMPARE, { ids: [rival.id, rivalB.id] }));
    const random = problem(await call('managerA', COMPARE, { ids: [rival.id, randomUUID()] }));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(random.code).toBe('NOT_FOUND');
    expect((await ok<{ competitor: unknown }>('managerA', GET_C, { id: rivalB.id })).competitor).toBeNull();
    const before = await tables();
    expect(problem(await call('managerA', UPDATE_C, { id: rivalB.id, in: { price: 'x' } })).code).toBe('NOT_FOUND');
    expect(
      problem(
        await call('managerA', OBSERVE, {
          in: { competitorId: rivalB.id, observedOn: today, aspect: 'PRICE', note: 'x' },
        }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(await tables()).toBe(before);
    const hq = (
      await ok<{ competitors: { edges: { node: { id: string; name: string } }[] } }>('admin', LIST_C, {
        f: { search: 'rival' },
        first: 10,
      })
    ).competitors.edges.map((e) => e.node.id);
    expect(hq.sort()).toEqual([rival.id, rivalB.id].sort());
  });

  it('competitor bad input is refused with a typed error and changes nothing', async () => {
    const c = await competitor('repA', { name: 'Probe Target' });
    const before = await tables();
    const dup = problem(await call('repA', CREATE_C, { in: { name: 'Probe Target' } }));
    expect(dup).toMatchObject({
      code: 'CONFLICT',
      message: 'A competitor of this name is already profiled in this branch',
    });
    for (const [label, doc, vars, code, fields] of [
      ['blank name', CREATE_C, { in: { name: '  ' } }, 'BAD_USER_INPUT', []],
      ['bad website', CREATE_C, { in: { name: 'X', website: 'nope' } }, 'BAD_USER_INPUT', []],
      ['empty update', UPDATE_C, { id: c.id, in: {} }, 'BAD_USER_INPUT', ['input']],
      [
        'future observation',
        OBSERVE,
        { in: { competitorId: c.id, observedOn: shanghaiDay(Date.now() + 3 * DAY), aspect: 'PRICE', note: 'x' } },
        'BAD_USER_INPUT',
        ['observedOn'],
      ],
      [
        'bad aspect',
        OBSERVE,
        { in: { competitorId: c.id, observedOn: today, aspect: 'GOSSIP', note: 'x' } },
        'BAD_USER_INPUT',
        [],
      ],
      ['one to compare', COMPARE, { ids: [c.id] }, 'BAD_USER_INPUT', ['ids']],
      ['same twice', COMPARE, { ids: [c.id, c.id.toUpperCase()] }, 'BAD_USER_INPUT', ['ids']],
      ['not an id', COMPARE, { ids: [c.id, 'nope'] }, 'BAD_USER_INPUT', ['ids[1]']],
    ] as [string, string, Record<string, unknown>, string, string[]][]) {
      const p = problem(await call('repA', doc, vars));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('financeA', CREATE_C, { in: { name: 'Finance probe' } })).code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
  });

  it('segments are scored in numeric with the branch weights, competition counting inversely', async () => {
    // Defaults 40 / 35 / 25: (80·40 + 60·35 + (100 − 30)·25) / 100 = 70.50.
    const water = await segment('repA', {
      name: 'Municipal water, large',
      marketSizeScore: 80,
      growthScore: 60,
      competitionScore: 30,
    });
    expect(water.score).toBe('70.50');
    const crowded = await segment('repA', {
      name: 'Small factories',
      size: 'SMALL',
      industry: 'Manufacturing',
      marketSizeScore: 50,
      growthScore: 50,
      competitionScore: 100,
    });
    expect(crowded.score).toBe('37.50');
    const open = await segment('managerA', {
      name: 'Greenfield parks',
      marketSizeScore: 50,
      growthScore: 50,
      competitionScore: 0,
      focus: true,
    });
    expect(open.score).toBe('62.50');
    /** Every page, kept to this test's segments (others' segments are theirs), in the listed order. */
    type Page = {
      marketSegments: { edges: { node: Segment }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    const own = new Set([water.id, crowded.id, open.id]);
    const list = async (who: string, filter: Record<string, unknown> = {}) => {
      const edges: { node: Segment }[] = [];
      for (let after: string | undefined; ;) {
        const page = (await ok<Page>(who, LIST_S, { f: filter, first: 100, after })).marketSegments;
        edges.push(...page.edges.filter((e) => own.has(e.node.id)));
        if (!page.pageInfo.hasNextPage) return { edges };
        after = page.pageInfo.endCursor;
      }
    };
    expect((await list('repA')).edges.map((e) => [e.node.id, e.node.score])).toEqual([
      [water.id, '70.50'],
      [open.id, '62.50'],
      [crowded.id, '37.50'],
    ]);
    expect((await list('repA', { focus: true })).edges.map((e) => e.node.id)).toEqual([open.id]);
    expect((await list('repA', { size: 'SMALL', industry: 'manufacturing' })).edges.map((e) => e.node.id)).toEqual([
      crowded.id,
    ]);

    // Equal weights: (50 + 50 + 100) / 3 = 66.67, rounded in numeric; the order follows the new scores.
    const set = (
      await ok<{ updateResearchSettings: Record<string, string> }>('managerA', SET, {
        in: { weightMarketSize: '1', weightGrowth: '1', weightCompetition: '1' },
      })
    ).updateResearchSettings;
    expect(set).toEqual({
      branchId: f.org.a.id,
      weightMarketSize: '1.00',
      weightGrowth: '1.00',
      weightCompetition: '1.00',
    });
    expect((await list('repA')).edges.map((e) => [e.node.id, e.node.score])).toEqual([
      [water.id, '70.00'],
      [open.id, '66.67'],
      [crowded.id, '33.33'],
    ]);
    // Competition weighted alone: only the absence of competitors counts.
    await ok('managerA', SET, { in: { weightMarketSize: '0', weightGrowth: '0', weightCompetition: '2.5' } });
    expect((await ok<{ marketSegment: Segment }>('repA', GET_S, { id: open.id })).marketSegment.score).toBe('100.00');
    await ok('managerA', SET, { in: { weightMarketSize: '40', weightGrowth: '35', weightCompetition: '25' } });

    // Focus, rescoring and personas.
    const focused = (
      await ok<{ updateMarketSegment: Segment }>('repA', UPDATE_S, { id: water.id, in: { focus: true } })
    ).updateMarketSegment;
    expect(focused.focus).toBe(true);
    const rescored = (
      await ok<{ updateMarketSegment: Segment }>('repA', UPDATE_S, { id: crowded.id, in: { competitionScore: 20 } })
    ).updateMarketSegment;
    expect(rescored.score).toBe('57.50');
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'market_segment' AND entity_id = $1 ORDER BY created_at`,
      [water.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'focus']);
    const persona = (
      await ok<{ addSegmentPersona: { id: string } }>('repA', PERSONA, {
        in: {
          segmentId: water.id,
          name: 'Utility engineer',
          profile: 'Chief engineer of a city water company',
          needs: 'Uptime',
        },
      })
    ).addSegmentPersona;
    await ok('repA', UPDATE_P, { id: persona.id, in: { decisionProcess: 'Tender with technical scoring' } });
    const withPersona = (await ok<{ marketSegment: Segment }>('repA', GET_S, { id: water.id })).marketSegment;
    expect(withPersona.personas).toEqual([
      expect.objectContaining({
        id: persona.id,
        name: 'Utility engineer',
        needs: 'Uptime',
        decisionProcess: 'Tender with technical scoring',
      }),
    ]);

    // Another branch's segments answer as random ids; head office lists both branches by score.
    const b = await segment('repB', {
      name: 'Port terminals',
      marketSizeScore: 90,
      growthScore: 90,
      competitionScore: 10,
    });
    own.add(b.id);
    expect((await ok<{ marketSegment: unknown }>('managerA', GET_S, { id: b.id })).marketSegment).toBeNull();
    const before = await tables();
    expect(problem(await call('managerA', UPDATE_S, { id: b.id, in: { focus: true } })).code).toBe('NOT_FOUND');
    expect(problem(await call('managerA', PERSONA, { in: { segmentId: b.id, name: 'P', profile: 'P' } })).code).toBe(
      'NOT_FOUND',
    );
    expect(await tables()).toBe(before);
    const hq = (await list('admin')).edges.map((e) => e.node.id);
    expect(hq[0]).toBe(b.id);
    expect(hq).toEqual(expect.arrayContaining([water.id, open.id, crowded.id, b.id]));
  });

  it('segment and weight bad input is refused with a typed error and changes nothing', async () => {
    const s = await segment('repA', {
      name: 'Bad input target',
      marketSizeScore: 1,
      growthScore: 1,
      competitionScore: 1,
    });
    const before = await tables();
    const base = {
      name: 'N',
      region: 'R',
      industry: 'I',
      size: 'LARGE',
      marketSizeScore: 1,
      growthScore: 1,
      competitionScore: 1,
    };
    for (const [label, doc, vars, code, fields] of [
      ['score 101', CREATE_S, { in: { ...base, growthScore: 101 } }, 'BAD_USER_INPUT', []],
      ['score -1', CREATE_S, { in: { ...base, competitionScore: -1 } }, 'BAD_USER_INPUT', []],
      ['bad size', CREATE_S, { in: { ...base, size: 'HUGE' } }, 'BAD_USER_INPUT', []],
      ['duplicate name', CREATE_S, { in: { ...base, name: 'Bad input target' } }, 'CONFLICT', []],
      ['empty update', UPDATE_S, { id: s.id, in: {} }, 'BAD_USER_INPUT', ['input']],
      ['weight 101', SET, { in: { weightGrowth: '101' } }, 'BAD_USER_INPUT', ['weightGrowth']],
      ['weight 3 decimals', SET, { in: { weightMarketSize: '1.234' } }, 'BAD_USER_INPUT', ['weightMarketSize']],
      ['weight negative', SET, { in: { weightCompetition: '-1' } }, 'BAD_USER_INPUT', ['weightCompetition']],
      [
        'all weights 0',
        SET,
        { in: { weightMarketSize: '0', weightGrowth: '0.00', weightCompetition: '0' } },
        'BAD_USER_INPUT',
        ['weightMarketSize'],
      ],
      ['blank persona', PERSONA, { in: { segmentId: s.id, name: ' ', profile: 'P' } }, 'BAD_USER_INPUT', []],
    ] as [string, string, Record<string, unknown>, string, string[]][]) {
      const p = problem(await call('managerA', doc, vars));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('repA', SET, { in: { weightGrowth: '10' } })).code).toBe('FORBIDDEN');
    expect(await tables()).toBe(before);
  });

  it('the statements of a segments page and a competitors page do not depend on the page size', async () => {
    for (const [branch, u] of [
      [f.org.a.id, f.org.users.managerA.id],
      [f.org.b.id, f.org.users.managerB.id],
    ]) {
      await f.owner.query(
        `INSERT INTO market_segments (branch_id, id, name, region, industry, size, market_size_score, growth_score,
           competition_score, created_by)
         SELECT $1, gen_random_uuid(), 'Bulk segment ' || g, 'R', 'I', 'MEDIUM', g % 100, (g * 7) % 100, (g * 3) % 100, $2
         FROM generate_series(1, 60) g`,
        [branch, u],
      );
      await f.owner.query(
        `INSERT INTO segment_personas (branch_id, id, segment_id, name, profile)
         SELECT s.branch_id, gen_random_uuid(), s.id, 'Persona ' || k, 'Profile' FROM market_segments s, generate_series(1, 2) k
         WHERE s.branch_id = $1`,
        [branch],
      );
      await f.owner.query(
        `INSERT INTO competitors (branch_id, id, name, created_by)
         SELECT $1, gen_random_uuid(), 'Bulk competitor ' || lpad(g::text, 3, '0'), $2 FROM generate_series(1, 60) g`,
        [branch, u],
      );
      await f.owner.query(
        `INSERT INTO competitor_observations (branch_id, id, competitor_id, observed_on, aspect, note, recorded_by)
         SELECT c.branch_id, gen_random_uuid(), c.id, current_date - k, 'PRICE', 'Note ' || k, $2
         FROM competitors c, generate_series(1, 4) k WHERE c.branch_id = $1`,
        [branch, u],
      );
    }
    for (const who of ['managerA', 'admin']) {
      const segs: number[] = [];
      const comps: number[] = [];
      for (const first of [1, 5, 50]) {
        const s = await call<{ marketSegments: { edges: { node: Segment }[] } }>(who, LIST_S, { first });
        expect(s.body.errors).toBeUndefined();
        expect(s.body.data!.marketSegments.edges).toHaveLength(first);
        expect(s.body.data!.marketSegments.edges.every((e) => e.node.personas.length >= 1)).toBe(true);
        segs.push(Number(s.headers.get('x-sql-statements')));
        const c = await call<{ competitors: { edges: { node: { observations: unknown[] } }[] } }>(who, LIST_C, {
          f: { search: 'Bulk' },
          first,
        });
        expect(c.body.errors).toBeUndefined();
        expect(c.body.data!.competitors.edges.every((e) => e.node.observations.length === 3)).toBe(true);
        comps.push(Number(c.headers.get('x-sql-statements')));
      }
      expect(segs[0]).toBeGreaterThan(0);
      expect(segs).toEqual([segs[0], segs[0], segs[0]]);
      expect(comps).toEqual([comps[0], comps[0], comps[0]]);
    }
    // Keyset paging by score walks every segment of branch A once.
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 40; i++) {
      const page = (
        await ok<{
          marketSegments: { edges: { node: Segment }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        }>('managerA', LIST_S, { first: 7, after })
      ).marketSegments;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const total = Number(
      (await f.owner.query(`SELECT count(*) AS n FROM market_segments WHERE branch_id = $1`, [f.org.a.id])).rows[0].n,
    );
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
