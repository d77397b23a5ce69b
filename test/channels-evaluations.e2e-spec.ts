import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { problem, useFixture } from '@app/testing';

/**
 * Partner evaluations over GraphQL: the per-branch scoring settings (defaults, validation), the score
 * and tier computed in numeric from the sub-scores (sales against the branch's target, capped at 100),
 * the scorecard's trend over periods, the own-only wall, and head office's scorecards across branches
 * with filters and a statement count independent of the page size.
 */

const EVAL = `id branchId partnerId period salesAmount currency marketCoverage customerFeedback salesTarget salesScore
  weightSales weightCoverage weightFeedback score tier previousPeriod previousScore previousTier scoreChange notes`;

interface Evaluation {
  id: string;
  branchId: string;
  partnerId: string;
  period: string;
  salesAmount: string;
  salesScore: string;
  score: string;
  tier: string;
  previousPeriod: string | null;
  previousScore: string | null;
  previousTier: string | null;
  scoreChange: string | null;
}

const SETTINGS = `branchId weightSales weightCoverage weightFeedback salesTarget tierAMin tierBMin tierCMin customized`;

describe('partner evaluations and scorecards', () => {
  const f = useFixture();
  const { call, ok } = f;

  const RECORD = `mutation($in: RecordPartnerEvaluationInput!) { recordPartnerEvaluation(input: $in) { ${EVAL} } }`;
  const GET_SETTINGS = `query($b: ID) { channelSettings(branchId: $b) { ${SETTINGS} } }`;
  const SET = `mutation($in: UpdateChannelSettingsInput!) { updateChannelSettings(input: $in) { ${SETTINGS} } }`;
  const CARD = `query($id: ID!) { partnerScorecard(partnerId: $id) { partner { id name tier tierPeriod }
    periods { ${EVAL} } latest { period tier } } }`;
  const CARDS = `query($f: PartnerScorecardFilter, $first: Int, $after: String) {
    partnerScorecards(first: $first, after: $after, filter: $f) { totalCount pageInfo { endCursor hasNextPage }
      edges { node { id branchId period score tier scoreChange partner { id name } } } } }`;

  let seq = 0;
  async function partner(branchId: string, ownerId: string, name = `Partner ${++seq}`): Promise<string> {
    const id = randomUUID();
    await f.owner.query(
      `INSERT INTO partners (branch_id, id, kind, name, region, status, owner_id, created_by)
       VALUES ($1, $2, 'DISTRIBUTOR', $3, 'East', 'ACTIVE', $4, $4)`,
      [branchId, id, name, ownerId],
    );
    return id;
  }
  const record = async (who: string, input: Record<string, unknown>) =>
    (await ok<{ recordPartnerEvaluation: Evaluation }>(who, RECORD, { in: input })).recordPartnerEvaluation;

  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', ${['partners', 'partner_evaluations', 'channel_settings']
        .map((t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${t} t)`)
        .join(', ')}, (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  it('settings: the documented defaults, a validated change, and bad input that changes nothing', async () => {
    expect((await ok<{ channelSettings: unknown }>('repB', GET_SETTINGS)).channelSettings).toEqual({
      branchId: f.org.b.id,
      weightSales: '0.500',
      weightCoverage: '0.250',
      weightFeedback: '0.250',
      salesTarget: '1000000.00',
      tierAMin: '85.00',
      tierBMin: '70.00',
      tierCMin: '55.00',
      customized: false,
    });
    const before = await tables();
    const cases: [string, string, Record<string, unknown>, string, string[]][] = [
      ['weights above 1', 'managerB', { weightSales: '0.6' }, 'BAD_USER_INPUT', ['weightSales']],
      ['weights below 1', 'managerB', { weightCoverage: '0.2' }, 'BAD_USER_INPUT', ['weightSales']],
      [
        '4 decimals',
        'managerB',
        { weightCoverage: '0.2505', weightFeedback: '0.2495' },
        'BAD_USER_INPUT',
        ['weightCoverage'],
      ],
      ['B above A', 'managerB', { tierBMin: '90' }, 'BAD_USER_INPUT', ['tierBMin']],
      ['C equal to B', 'managerB', { tierCMin: '70' }, 'BAD_USER_INPUT', ['tierCMin']],
      ['A above 100', 'managerB', { tierAMin: '101' }, 'BAD_USER_INPUT', ['tierAMin']],
      ['zero target', 'managerB', { salesTarget: '0' }, 'BAD_USER_INPUT', ['salesTarget']],
      ['negative target', 'managerB', { salesTarget: '-5' }, 'BAD_USER_INPUT', ['salesTarget']],
      ['nothing', 'managerB', {}, 'BAD_USER_INPUT', ['input']],
      ['a rep', 'repB', { salesTarget: '5' }, 'FORBIDDEN', []],
      ['another branch', 'managerB', { branchId: f.org.a.id, salesTarget: '5' }, 'FORBIDDEN', []],
      ['head office without branch', 'admin', { salesTarget: '5' }, 'BAD_USER_INPUT', ['branchId']],
    ];
    for (const [label, who, input, code, fields] of cases) {
      const p = problem(await call(who, SET, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(await tables()).toBe(before);
    const changed = (
      await ok<{ updateChannelSettings: Record<string, unknown> }>('managerB', SET, {
        in: { weightSales: '0.4', weightCoverage: '0.35', weightFeedback: '0.25', tierCMin: '50' },
      })
    ).updateChannelSettings;
    expect(changed).toMatchObject({
      weightSales: '0.400',
      weightCoverage: '0.350',
      weightFeedback: '0.250',
      salesTarget: '1000000.00',
      tierCMin: '50.00',
      customized: true,
    });
    // Head office names the branch; branch A keeps the defaults.
    expect(
      (await ok<{ channelSettings: { tierCMin: string } }>('admin', GET_SETTINGS, { b: f.org.b.id })).channelSettings
        .tierCMin,
    ).toBe('50.00');
    expect(
      (await ok<{ channelSettings: { customized: boolean } }>('managerA', GET_SETTINGS)).channelSettings.customized,
    ).toBe(false);
  });

  it('the score and tier are computed exactly from the sub-scores and the branch settings; the scorecard trends', async () => {
    const p = await partner(f.org.a.id, f.org.users.repA.id, 'Hangzhou Distribution');
    // Defaults: sales 800,000 of 1,000,000 -> 80; 0.5 x 80 + 0.25 x 70 + 0.25 x 90 = 80.00 -> B (70 <= 80 < 85).
    const q1 = await record('managerA', {
      partnerId: p,
      period: '2025-Q1',
      salesAmount: '800000.00',
      marketCoverage: '70',
      customerFeedback: '90',
      notes: 'Solid first quarter',
    });
    expect(q1).toMatchObject({
      period: '2025-Q1',
      salesAmount: '800000.00',
      salesScore: '80.00',
      score: '80.00',
      tier: 'B',
      previousPeriod: null,
      scoreChange: null,
      weightSales: '0.500',
    });
    // New settings for branch A: target 500,000, weights 0.2/0.4/0.4, cut-offs 90/75/60.
    await ok('managerA', SET, {
      in: {
        salesTarget: '500000',
        weightSales: '0.2',
        weightCoverage: '0.4',
        weightFeedback: '0.4',
        tierAMin: '90',
        tierBMin: '75',
        tierCMin: '60',
      },
    });
    // Sales above the target cap at 100: 0.2 x 100 + 0.4 x 80 + 0.4 x 85.5 = 86.20 -> B (75 <= 86.2 < 90).
    const q2 = await record('managerA', {
      partnerId: p,
      period: '2025-Q2',
      salesAmount: '900000.00',
      marketCoverage: '80',
      customerFeedback: '85.5',
    });
    expect(q2).toMatchObject({
      salesScore: '100.00',
      score: '86.20',
      tier: 'B',
      previousPeriod: '2025-Q1',
      previousScore: '80.00',
      previousTier: 'B',
      scoreChange: '6.20',
      salesTarget: '500000.00',
    });
    // Thirds, where floats would drift: 333,333.33 of 500,000 -> 66.67 (66.666666 rounded); then
    // 0.2 x 66.67 + 0.4 x 33.33 + 0.4 x 33.34 = 13.334 + 13.332 + 13.336 = 40.002 -> 40.00 -> D.
    const q4 = await record('managerA', {
      partnerId: p,
      period: '2025-Q4',
      salesAmount: '333333.33',
      marketCoverage: '33.33',
      customerFeedback: '33.34',
    });
    expect(q4).toMatchObject({
      salesScore: '66.67',
      score: '40.00',
      tier: 'D',
      previousPeriod: '2025-Q2',
      scoreChange: '-46.20',
    });
    // A quarter recorded late slots into the trend, and leaves the partner's current tier alone.
    const q3 = await record('managerA', {
      partnerId: p,
      period: '2025-Q3',
      salesAmount: '500000',
      marketCoverage: '100',
      customerFeedback: '100',
    });
    expect(q3).toMatchObject({ score: '100.00', tier: 'A', previousPeriod: '2025-Q2', scoreChange: '13.80' });

    const card = (
      await ok<{
        partnerScorecard: {
          partner: { tier: string; tierPeriod: string };
          periods: Evaluation[];
          latest: { period: string; tier: string };
        };
      }>('repA', CARD, { id: p })
    ).partnerScorecard;
    expect(card.partner).toMatchObject({ tier: 'D', tierPeriod: '2025-Q4' });
    expect(card.latest).toEqual({ period: '2025-Q4', tier: 'D' });
    expect(card.periods.map((e) => [e.period, e.score, e.tier, e.previousTier, e.scoreChange])).toEqual([
      ['2025-Q1', '80.00', 'B', null, null],
      ['2025-Q2', '86.20', 'B', 'B', '6.20'],
      ['2025-Q3', '100.00', 'A', 'B', '13.80'],
      ['2025-Q4', '40.00', 'D', 'A', '-60.00'],
    ]);
    // A colleague rep sees nothing of it; the branch manager and head office do.
    expect((await ok<{ partnerScorecard: unknown }>('rep2A', CARD, { id: p })).partnerScorecard).toBeNull();
    expect((await ok<{ partnerScorecard: unknown }>('managerB', CARD, { id: p })).partnerScorecard).toBeNull();
    expect(
      (await ok<{ partnerScorecard: { periods: unknown[] } }>('admin', CARD, { id: p })).partnerScorecard.periods,
    ).toHaveLength(4);

    const audit = await f.owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'partner_evaluation' AND branch_id = $1`,
      [f.org.a.id],
    );
    expect(audit.rows[0].n).toBe(4);
  });

  it('bad evaluations are refused with a typed error and change nothing', async () => {
    const p = await partner(f.org.a.id, f.org.users.repA.id);
    await record('managerA', {
      partnerId: p,
      period: '2026-Q1',
      salesAmount: '1',
      marketCoverage: '1',
      customerFeedback: '1',
    });
    const base = {
      partnerId: p,
      period: '2026-Q2',
      salesAmount: '1000.00',
      marketCoverage: '50',
      customerFeedback: '50',
    };
    const future = `${new Date().getUTCFullYear() + 1}-Q1`;
    const before = await tables();
    const cases: [string, string, Record<string, unknown>, string, string[]][] = [
      ['the same period again', 'managerA', { ...base, period: '2026-Q1' }, 'CONFLICT', []],
      ['a quarter to come', 'managerA', { ...base, period: future }, 'BAD_USER_INPUT', ['period']],
      ['not a quarter', 'managerA', { ...base, period: '2026-Q5' }, 'BAD_USER_INPUT', ['period']],
      ['before 2000', 'managerA', { ...base, period: '1999-Q4' }, 'BAD_USER_INPUT', ['period']],
      ['coverage above 100', 'managerA', { ...base, marketCoverage: '100.01' }, 'BAD_USER_INPUT', ['marketCoverage']],
      [
        'feedback 3 decimals',
        'managerA',
        { ...base, customerFeedback: '50.125' },
        'BAD_USER_INPUT',
        ['customerFeedback'],
      ],
      ['negative sales', 'managerA', { ...base, salesAmount: '-1.00' }, 'BAD_USER_INPUT', ['salesAmount']],
      ['float sales', 'managerA', { ...base, salesAmount: 1000 }, 'BAD_USER_INPUT', []],
      ['a rep evaluates', 'repA', base, 'FORBIDDEN', []],
      ['another branch', 'managerB', base, 'NOT_FOUND', []],
      ['random partner', 'managerA', { ...base, partnerId: randomUUID() }, 'NOT_FOUND', []],
    ];
    for (const [label, who, input, code, fields] of cases) {
      const r = problem(await call(who, RECORD, { in: input }));
      expect({ label, code: r.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: r.fields }).toEqual({ label, fields });
    }
    expect(await tables()).toBe(before);
    const dup = problem(await call('managerA', RECORD, { in: { ...base, period: '2026-Q1' } }));
    expect(dup.message).toBe('This partner is already evaluated for that period');
  });

  it('head office: scorecards across branches with branch, period and tier filters, best first, paged', async () => {
    const ids: string[] = [];
    for (const [branch, rep, manager] of [
      [f.org.a.id, f.org.users.repA.id, 'managerA'],
      [f.org.b.id, f.org.users.repB.id, 'managerB'],
    ] as const) {
      for (let i = 0; i < 4; i++) {
        const p = await partner(branch, rep);
        ids.push(p);
        await record(manager, {
          partnerId: p,
          period: '2024-Q3',
          salesAmount: String(100000 * (i + 1 + (branch === f.org.b.id ? 4 : 0))),
          marketCoverage: '60',
          customerFeedback: '60',
        });
      }
    }
    const cards = async (who: string, filter: Record<string, unknown>, first = 100, after?: string) =>
      (
        await ok<{
          partnerScorecards: {
            totalCount: number;
            pageInfo: { endCursor: string; hasNextPage: boolean };
            edges: {
              node: {
                id: string;
                branchId: string;
                period: string;
                score: string;
                tier: string;
                partner: { id: string };
              };
            }[];
          };
        }>(who, CARDS, { f: filter, first, after })
      ).partnerScorecards;
    const all = await cards('admin', { period: '2024-Q3' });
    expect(all.totalCount).toBe(8);
    expect(new Set(all.edges.map((e) => e.node.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
    const scores = all.edges.map((e) => Number(e.node.score) * 100);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(all.edges.map((e) => e.node.partner.id).sort()).toEqual([...ids].sort());
    // The same as PostgreSQL says, row by row.
    const truth = await f.owner.query<{ id: string; score: string; tier: string }>(
      `SELECT id, score::text AS score, tier FROM partner_evaluations WHERE period = '2024-Q3' ORDER BY score DESC, id DESC`,
    );
    expect(all.edges.map((e) => [e.node.id, e.node.score, e.node.tier])).toEqual(
      truth.rows.map((r) => [r.id, r.score, r.tier]),
    );
    const b = await cards('admin', { period: '2024-Q3', branchId: f.org.b.id });
    expect(b.edges.every((e) => e.node.branchId === f.org.b.id)).toBe(true);
    expect(b.totalCount).toBe(4);
    const tierD = await cards('admin', { period: '2024-Q3', tier: 'D' });
    expect(tierD.edges.map((e) => e.node.id)).toEqual(truth.rows.filter((r) => r.tier === 'D').map((r) => r.id));
    expect(tierD.totalCount).toBeGreaterThan(0);
    // Paging in threes walks the same order.
    const p1 = await cards('admin', { period: '2024-Q3' }, 3);
    const p2 = await cards('admin', { period: '2024-Q3' }, 3, p1.pageInfo.endCursor);
    const p3 = await cards('admin', { period: '2024-Q3' }, 3, p2.pageInfo.endCursor);
    expect([...p1.edges, ...p2.edges, ...p3.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
    expect(p3.pageInfo.hasNextPage).toBe(false);
    // A manager sees their branch; a rep the evaluations of the partners they own; a foreign branch filter nothing.
    expect((await cards('managerA', { period: '2024-Q3' })).edges.every((e) => e.node.branchId === f.org.a.id)).toBe(
      true,
    );
    const other = await partner(f.org.a.id, f.org.users.rep2A.id);
    await record('managerA', {
      partnerId: other,
      period: '2024-Q3',
      salesAmount: '1',
      marketCoverage: '1',
      customerFeedback: '1',
    });
    const rep = await cards('repA', { period: '2024-Q3' });
    expect(rep.totalCount).toBe(4);
    expect(rep.edges.some((e) => e.node.partner.id === other)).toBe(false);
    expect((await cards('managerA', { branchId: f.org.b.id })).totalCount).toBe(0);
  });

  it('a scorecards page with partner and owner costs the same statements for 1, 5, 50 and 100 rows', async () => {
    for (const [branch, rep] of [
      [f.org.a.id, f.org.users.repA.id],
      [f.org.b.id, f.org.users.repB.id],
    ]) {
      await f.owner.query(
        `WITH p AS (
           INSERT INTO partners (branch_id, id, kind, name, region, owner_id, created_by)
           SELECT $1, gen_random_uuid(), 'AGENT', 'Bulk ' || lpad(g::text, 4, '0'), 'West', $2, $2
           FROM generate_series(1, 120) g RETURNING branch_id, id
         )
         INSERT INTO partner_evaluations (branch_id, id, partner_id, period, sales_amount, currency, market_coverage,
           customer_feedback, sales_target, weight_sales, weight_coverage, weight_feedback, sales_score, score, tier,
           evaluated_by)
         SELECT p.branch_id, gen_random_uuid(), p.id, q.period, 1000, 'CNY', 50, 50, 1000000, 0.5, 0.25, 0.25, 0.1,
           round((random() * 100)::numeric, 2), 'D', $2
         FROM p, (VALUES ('2023-Q1'), ('2023-Q2')) q(period)`,
        [branch, rep],
      );
    }
    const PAGE = `query($first: Int!, $after: String, $f: PartnerScorecardFilter) {
      partnerScorecards(first: $first, after: $after, filter: $f) { totalCount pageInfo { endCursor }
        edges { node { id score scoreChange previousTier partner { id name owner { id displayName } } } } } }`;
    for (const [who, filter] of [
      ['managerA', {}],
      ['admin', {}],
      ['admin', { period: '2023-Q2' }],
    ] as const) {
      const counts: number[] = [];
      let after: string | undefined;
      for (const [first, later] of [
        [1, false],
        [5, false],
        [50, false],
        [100, false],
        [20, true],
      ] as const) {
        const r = await call<{
          partnerScorecards: { pageInfo: { endCursor: string }; edges: { node: { partner: { owner: unknown } } }[] };
        }>(who, PAGE, { first, after: later ? after : undefined, f: filter });
        expect(r.body.errors).toBeUndefined();
        const edges = r.body.data!.partnerScorecards.edges;
        expect(edges).toHaveLength(first);
        expect(edges.every((e) => e.node.partner.owner !== null)).toBe(true);
        after = r.body.data!.partnerScorecards.pageInfo.endCursor;
        counts.push(Number(r.headers.get('x-sql-statements')));
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect({ who, filter, counts }).toEqual({ who, filter, counts: counts.map(() => counts[0]) });
      expect(counts[0]).toBeLessThanOrEqual(8);
    }
  });
});
