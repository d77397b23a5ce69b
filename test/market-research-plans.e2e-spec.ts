import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';

/**
 * Market research, third part: events attended, demand surveys (plan, responses, findings report),
 * marketing plans with milestones, campaigns and their evaluation (cost per lead and per customer in
 * numeric, null without leads or customers; revenue of the linked customers' firm orders from the
 * campaign start to 90 days after its end). Bad input changes nothing; other branches' ids answer as
 * random ones; head office sees every branch; statements do not grow with the page.
 */

const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const today = shanghaiDay(Date.now());

interface Evaluation {
  id: string;
  campaign: { id: string; branchId: string; spend: string };
  leads: number;
  customers: number;
  costPerLead: string | null;
  costPerCustomer: string | null;
  revenueAttributed: string;
  budgetLeft: string;
}

describe('market research: events, surveys, plans and campaigns', () => {
  const f = useFixture();
  const { call, ok } = f;

  const TABLES = [
    'research_events',
    'demand_surveys',
    'survey_responses',
    'marketing_plans',
    'plan_milestones',
    'campaigns',
    'campaign_customers',
  ];
  async function tables(): Promise<string> {
    const r = await f.owner.query<{ x: string }>(
      `SELECT concat_ws('|', ${TABLES.map(
        (t) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${t} t)`,
      ).join(', ')}, (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const EVENT = `mutation($in: CreateResearchEventInput!) { createResearchEvent(input: $in) { id kind name startsOn endsOn
    attendeeIds attendees { id } takeaways } }`;
  const EVENTS = `query($f: ResearchPeriodFilter) { researchEvents(first: 50, filter: $f) { totalCount
    edges { node { id branchId attendees { id } } } } }`;
  const SURVEY = `mutation($in: CreateDemandSurveyInput!) { createDemandSurvey(input: $in) { id startsOn endsOn findings { painPoints } } }`;
  const RESPOND = `mutation($in: RecordSurveyResponseInput!) { recordSurveyResponse(input: $in) { id respondent respondedOn } }`;
  const FINDINGS = `mutation($id: ID!, $in: SurveyFindingsInput!) { reportSurveyFindings(id: $id, input: $in) { id
    findings { potentialDemand preferences painPoints reportedAt } } }`;
  const GET_SURVEY = `query($id: ID!) { demandSurvey(id: $id) { id method findings { painPoints } responses { id respondent } } }`;
  const PLAN = `mutation($in: CreateMarketingPlanInput!) { createMarketingPlan(input: $in) { id kind periodStart periodEnd
    productStrategy milestones { id title dueOn done doneOn } } }`;
  const MILESTONE = `mutation($in: AddPlanMilestoneInput!) { addPlanMilestone(input: $in) { id dueOn } }`;
  const DONE = `mutation($id: ID!, $d: Boolean!) { setPlanMilestoneDone(id: $id, done: $d) { id done doneOn } }`;
  const CAMPAIGN = `mutation($in: CreateCampaignInput!) { createCampaign(input: $in) { id branchId planId type budget spend
    currency startsOn endsOn leadsCount customersCount } }`;
  const UPDATE_CAMPAIGN = `mutation($id: ID!, $in: UpdateCampaignInput!) { updateCampaign(id: $id, input: $in) { id spend leadsCount customersCount } }`;
  const LINK = `mutation($c: ID!, $cu: ID!) { linkCampaignCustomer(campaignId: $c, customerId: $cu) { id } }`;
  const EVALUATE = `query($f: CampaignFilter, $first: Int) { campaignEvaluations(first: $first, filter: $f) { totalCount
    edges { node { id campaign { id branchId spend } leads customers costPerLead costPerCustomer revenueAttributed
    budgetLeft } } } }`;

  it('events attended with their staff and takeaways; demand surveys from plan to findings', async () => {
    const e = (
      await ok<{ createResearchEvent: { id: string; attendees: { id: string }[] } }>('repA', EVENT, {
        in: {
          kind: 'TRADE_SHOW',
          name: 'Water Expo',
          location: 'Shanghai',
          startsOn: '2026-10-10',
          endsOn: '2026-10-12',
          attendeeIds: [f.org.users.repA.id, f.org.users.managerA.id],
          takeaways: 'Smart meters everywhere',
        },
      })
    ).createResearchEvent;
    expect(e.attendees.map((a) => a.id).sort()).toEqual([f.org.users.repA.id, f.org.users.managerA.id].sort());
    await ok('repB', EVENT, {
      in: { kind: 'FORUM', name: 'Port forum', startsOn: '2026-10-11', endsOn: '2026-10-11' },
    });
    const hq = (await ok<{ researchEvents: { edges: { node: { branchId: string } }[] } }>('admin', EVENTS, {}))
      .researchEvents.edges;
    expect(hq.map((x) => x.node.branchId).sort()).toEqual([f.org.a.id, f.org.b.id].sort());
    expect(
      (await ok<{ researchEvents: { totalCount: number } }>('managerA', EVENTS, { f: { from: '2026-10-11' } }))
        .researchEvents.totalCount,
    ).toBe(0);

    const s = (
      await ok<{ createDemandSurvey: { id: string } }>('repA', SURVEY, {
        in: {
          title: 'Demand for smart meters',
          goal: 'Size demand',
          method: 'PHONE_INTERVIEW',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
        },
      })
    ).createDemandSurvey;
    const findings = { potentialDemand: '40 utilities', preferences: 'Remote reading', painPoints: 'Battery life' };
    const before = await tables();
    expect(problem(await call('repA', FINDINGS, { id: s.id, in: findings }))).toMatchObject({
      code: 'INVALID_STATE',
      message: 'A findings report needs at least one response; record the responses first',
    });
    expect(
      problem(
        await call('repA', RESPOND, {
          in: { surveyId: s.id, respondent: 'Mr Li', respondedOn: '2026-12-01', answers: 'Yes' },
        }),
      ).fields,
    ).toMatchObject(['respondedOn']);
    expect(await tables()).toBe(before);
    await ok('repA', RESPOND, {
      in: { surveyId: s.id, respondent: 'Mr Li', respondedOn: '2026-11-02', answers: 'Yes' },
    });
    await ok('rep2A', RESPOND, {
      in: {
        surveyId: s.id,
        respondent: 'Ms Wang',
        organization: 'City Water',
        respondedOn: '2026-11-03',
        answers: 'Maybe',
      },
    });
    const reported = (
      await ok<{ reportSurveyFindings: { findings: Record<string, string> } }>('managerA', FINDINGS, {
        id: s.id,
        in: findings,
      })
    ).reportSurveyFindings;
    expect(reported.findings).toMatchObject(findings);
    expect(problem(await call('repA', FINDINGS, { id: s.id, in: findings })).code).toBe('INVALID_STATE');
    expect(
      problem(
        await call('repA', RESPOND, {
          in: { surveyId: s.id, respondent: 'Late', respondedOn: '2026-11-04', answers: 'x' },
        }),
      ).code,
    ).toBe('INVALID_STATE');
    const got = (
      await ok<{ demandSurvey: { findings: { painPoints: string }; responses: { respondent: string }[] } }>(
        'repA',
        GET_SURVEY,
        { id: s.id },
      )
    ).demandSurvey;
    expect(got.findings.painPoints).toBe('Battery life');
    expect(got.responses.map((r) => r.respondent)).toEqual(['Mr Li', 'Ms Wang']);
    // Another branch: as a random id.
    expect((await ok<{ demandSurvey: unknown }>('managerB', GET_SURVEY, { id: s.id })).demandSurvey).toBeNull();
    const b4 = await tables();
    for (const r of [
      await call('managerB', RESPOND, {
        in: { surveyId: s.id, respondent: 'x', respondedOn: '2026-11-02', answers: 'x' },
      }),
      await call('managerB', FINDINGS, { id: s.id, in: findings }),
    ]) {
      expect(problem(r).code).toBe('NOT_FOUND');
    }
    expect(await tables()).toBe(b4);
  });

  it('marketing plans cover their calendar period; milestones are dated within it and marked done', async () => {
    const plan = (
      await ok<{
        createMarketingPlan: {
          id: string;
          periodEnd: string;
          milestones: { id: string; title: string; done: boolean; doneOn: string | null }[];
        };
      }>('managerA', PLAN, {
        in: {
          kind: 'QUARTERLY',
          title: 'Q2 push',
          periodStart: '2027-04-01',
          productStrategy: 'Lead with smart meters',
          milestones: [
            { title: 'Launch event', dueOn: '2027-05-15' },
            { title: 'Price list', dueOn: '2027-04-10' },
          ],
        },
      })
    ).createMarketingPlan;
    expect(plan.periodEnd).toBe('2027-06-30');
    expect(plan.milestones.map((m) => m.title)).toEqual(['Price list', 'Launch event']);
    const done = (
      await ok<{ setPlanMilestoneDone: { done: boolean; doneOn: string } }>('repA', DONE, {
        id: plan.milestones[0].id,
        d: true,
      })
    ).setPlanMilestoneDone;
    expect(done).toEqual({ id: plan.milestones[0].id, done: true, doneOn: today });
    expect(
      (
        await ok<{ setPlanMilestoneDone: { doneOn: string | null } }>('repA', DONE, {
          id: plan.milestones[0].id,
          d: false,
        })
      ).setPlanMilestoneDone.doneOn,
    ).toBeNull();
    await ok('repA', MILESTONE, { in: { planId: plan.id, title: 'Review', dueOn: '2027-06-30' } });

    const before = await tables();
    const cases: [string, string, Record<string, unknown>, string, string[]][] = [
      [
        'annual not from January',
        PLAN,
        { in: { kind: 'ANNUAL', title: 'X', periodStart: '2027-02-01' } },
        'BAD_USER_INPUT',
        ['periodStart'],
      ],
      [
        'milestone outside',
        PLAN,
        {
          in: {
            kind: 'MONTHLY',
            title: 'X',
            periodStart: '2027-02-01',
            milestones: [{ title: 'M', dueOn: '2027-03-01' }],
          },
        },
        'BAD_USER_INPUT',
        ['milestones[0].dueOn'],
      ],
      [
        'same period twice',
        PLAN,
        { in: { kind: 'QUARTERLY', title: 'Again', periodStart: '2027-04-01' } },
        'CONFLICT',
        [],
      ],
      [
        'added milestone outside',
        MILESTONE,
        { in: { planId: plan.id, title: 'M', dueOn: '2027-07-01' } },
        'BAD_USER_INPUT',
        ['dueOn'],
      ],
      ['bad kind', PLAN, { in: { kind: 'WEEKLY', title: 'X', periodStart: '2027-02-01' } }, 'BAD_USER_INPUT', []],
    ];
    for (const [label, doc, vars, code, fields] of cases) {
      const p = problem(await call('managerA', doc, vars));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(
      problem(await call('managerB', MILESTONE, { in: { planId: plan.id, title: 'M', dueOn: '2027-05-01' } })).code,
    ).toBe('NOT_FOUND');
    expect(problem(await call('managerB', DONE, { id: plan.milestones[1].id, d: true })).code).toBe('NOT_FOUND');
    expect(await tables()).toBe(before);
  });

  it('campaign evaluation: cost per lead and customer in numeric, revenue of linked customers within 90 days', async () => {
    const plan = (
      await ok<{ createMarketingPlan: { id: string } }>('managerA', PLAN, {
        in: { kind: 'ANNUAL', title: '2026 plan', periodStart: '2026-01-01' },
      })
    ).createMarketingPlan;
    const c = (
      await ok<{ createCampaign: { id: string; currency: string; spend: string } }>('repA', CAMPAIGN, {
        in: {
          planId: plan.id,
          name: 'June spend-and-save',
          type: 'SPEND_AND_SAVE',
          budget: '8000.00',
          spend: '5000.00',
          startsOn: '2026-06-01',
          endsOn: '2026-06-30',
        },
      })
    ).createCampaign;
    expect(c).toMatchObject({ currency: 'CNY', spend: '5000.00' });
    const evaluate = async (who: string, f: Record<string, unknown> = {}) =>
      (
        await ok<{ campaignEvaluations: { edges: { node: Evaluation }[] } }>(who, EVALUATE, { f, first: 50 })
      ).campaignEvaluations.edges.map((e) => e.node);
    const mine = async () => (await evaluate('managerA')).find((e) => e.id === c.id)!;
    expect(await mine()).toMatchObject({
      leads: 0,
      customers: 0,
      costPerLead: null,
      costPerCustomer: null,
      revenueAttributed: '0.00',
      budgetLeft: '3000.00',
    });
    await ok('repA', UPDATE_CAMPAIGN, { id: c.id, in: { leadsCount: 4, customersCount: 3 } });
    expect(await mine()).toMatchObject({ leads: 4, customers: 3, costPerLead: '1250.00', costPerCustomer: '1666.67' });

    // Linked customers replace the count entered; their firm orders in the window are the revenue.
    const c1 = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Linked one',
    });
    const c2 = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.rep2A.id,
      name: 'Linked two',
    });
    const c3 = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'Not linked',
    });
    await ok('repA', LINK, { c: c.id, cu: c1 });
    await ok('managerA', LINK, { c: c.id, cu: c2 });
    expect(problem(await call('repA', LINK, { c: c.id, cu: c1 })).code).toBe('CONFLICT');
    const contract = randomUUID();
    await f.owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         number, signed_on, version, created_by)
       VALUES ($1, $2, $3, 'Frame', 100000, 'CNY', '2026-01-01', '2027-12-31', $4, 'ACTIVE', 'N-1', '2026-01-05', 1, $4)`,
      [f.org.a.id, contract, c1, f.org.users.repA.id],
    );
    const order = (customer: string, on: string, amount: string, state = 'CONFIRMED') =>
      f.owner.query(
        `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
           state, created_by)
         VALUES ($1, gen_random_uuid(), $2, $3, 'PHONE', $4, $5, $6, 'CNY', $7, $3)`,
        [f.org.a.id, customer, f.org.users.repA.id, state === 'CONFIRMED' ? contract : null, on, amount, state],
      );
    await order(c1, '2026-06-15', '10000.00');
    await order(c1, '2026-09-28', '500.00'); // the 90th day after the end: still attributed
    await order(c1, '2026-09-29', '700.00'); // one day late
    await order(c1, '2026-05-31', '900.00'); // before the start
    await order(c2, '2026-06-20', '3000.00', 'DRAFT');
    await order(c3, '2026-06-20', '4000.00');
    expect(await mine()).toMatchObject({
      leads: 4,
      customers: 2,
      costPerLead: '1250.00',
      costPerCustomer: '2500.00',
      revenueAttributed: '10500.00',
    });

    // Sales reps do not get the evaluation; head office sees both branches; B cannot touch A's campaign.
    expect(problem(await call('repA', EVALUATE, {})).code).toBe('FORBIDDEN');
    const cb = (
      await ok<{ createCampaign: { id: string } }>('repB', CAMPAIGN, {
        in: {
          name: 'Port dinner',
          type: 'BUSINESS_DINNER',
          budget: '2000',
          startsOn: '2026-07-01',
          endsOn: '2026-07-01',
        },
      })
    ).createCampaign;
    const hq = await evaluate('admin');
    expect(hq.map((e) => e.id)).toEqual(expect.arrayContaining([c.id, cb.id]));
    expect((await evaluate('admin', { branchId: f.org.b.id })).map((e) => e.id)).toEqual([cb.id]);
    expect((await evaluate('managerB')).map((e) => e.id)).toEqual([cb.id]);
    const before = await tables();
    expect(problem(await call('managerB', UPDATE_CAMPAIGN, { id: c.id, in: { spend: '1.00' } })).code).toBe(
      'NOT_FOUND',
    );
    expect(problem(await call('managerA', LINK, { c: cb.id, cu: c1 })).code).toBe('NOT_FOUND');
    const customerB = await insertCustomer(f.owner, { branchId: f.org.b.id, ownerId: f.org.users.repB.id });
    const afterInsert = await tables();
    expect(problem(await call('managerA', LINK, { c: c.id, cu: customerB })).code).toBe('NOT_FOUND');
    expect(
      problem(
        await call('repB', CAMPAIGN, {
          in: { planId: plan.id, name: 'X', type: 'GIFT', budget: '1', startsOn: '2026-07-01', endsOn: '2026-07-01' },
        }),
      ).code,
    ).toBe('NOT_FOUND');
    expect(await tables()).toBe(afterInsert);
    expect(before).toBe(afterInsert);

    // Bad input.
    const b4 = await tables();
    const base = { name: 'N', type: 'GIFT', budget: '100.00', startsOn: '2026-07-01', endsOn: '2026-07-31' };
    for (const [label, input, fields] of [
      ['negative budget', { ...base, budget: '-1' }, ['budget']],
      ['3 decimals', { ...base, spend: '1.005' }, ['spend']],
      ['ends before start', { ...base, endsOn: '2026-06-30' }, ['endsOn']],
      ['bad type', { ...base, type: 'FLASH_MOB' }, []],
    ] as [string, Record<string, unknown>, string[]][]) {
      const p = problem(await call('repA', CAMPAIGN, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code: 'BAD_USER_INPUT' });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('repA', UPDATE_CAMPAIGN, { id: c.id, in: {} })).fields).toMatchObject(['input']);
    expect(problem(await call('repA', UPDATE_CAMPAIGN, { id: c.id, in: { leadsCount: -1 } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      problem(await call('repA', UPDATE_CAMPAIGN, { id: c.id, in: { endsOn: '2026-05-01' } })).fields,
    ).toMatchObject(['endsOn']);
    expect(await tables()).toBe(b4);
  });

  it('the statements of an evaluations page do not depend on the page size', async () => {
    for (const [branch, u] of [
      [f.org.a.id, f.org.users.managerA.id],
      [f.org.b.id, f.org.users.managerB.id],
    ]) {
      await f.owner.query(
        `INSERT INTO campaigns (branch_id, id, name, type, budget, spend, currency, starts_on, ends_on, leads_count,
           customers_count, created_by)
         SELECT $1, gen_random_uuid(), 'Bulk ' || g, 'DISCOUNT', 1000, 10 * g, 'CNY', date '2025-01-01' + g,
           date '2025-01-01' + g + 10, g % 4, g % 3, $2
         FROM generate_series(1, 40) g`,
        [branch, u],
      );
    }
    for (const who of ['managerA', 'admin']) {
      const counts: number[] = [];
      for (const first of [1, 5, 30]) {
        const r = await call<{ campaignEvaluations: { edges: unknown[] } }>(who, EVALUATE, { first });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data!.campaignEvaluations.edges).toHaveLength(first);
        counts.push(Number(r.headers.get('x-sql-statements')));
        const e = await call(who, EVENTS, {});
        expect(e.body.errors).toBeUndefined();
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    }
  });
});
