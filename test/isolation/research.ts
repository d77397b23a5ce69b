import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Market research: items, digests, competitors, segments, events, surveys, plans, campaigns. */
export interface ResearchSlot {
  /** A news item the slot's user logged (the whole branch reads it), and a built digest carrying it. */
  researchItem: string;
  researchDigest: string;
  /** A competitor with one observation, and a segment with one persona. */
  competitor: string;
  segment: string;
  persona: string;
  /** A demand survey with a response, a plan with a milestone, a campaign of that plan with the slot's customer. */
  survey: string;
  plan: string;
  milestone2: string;
  campaign: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'research_items',
  'research_settings',
  'research_digests',
  'research_digest_items',
  'competitors',
  'competitor_observations',
  'market_segments',
  'segment_personas',
  'research_events',
  'demand_surveys',
  'survey_responses',
  'marketing_plans',
  'plan_milestones',
  'campaigns',
  'campaign_customers',
];

export const cases: Case[] = [
  {
    name: 'researchItem(id)',
    kind: 'researchItem',
    doc: `query($id: ID!) { researchItem(id: $id) { id title tags } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchItems(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchItems(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'researchItems with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchItems(filter: { tag: "seed" }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createResearchItem(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createResearchItem(input: { branchId: $id, kind: NEWS, title: "Probe", source: "Probe",
            publishedOn: "2026-01-05", summary: "Probe", relevance: 3 }) { id } }`,
  },
  {
    name: 'updateResearchItem(id)',
    kind: 'researchItem',
    doc: `mutation($id: ID!) { updateResearchItem(id: $id, input: { relevance: 1, tags: ["probe"] }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchDigest(id)',
    kind: 'researchDigest',
    doc: `query($id: ID!) { researchDigest(id: $id) { id week items { rank item { id } } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchDigests(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchDigests(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id items { item { id } } } } } }`,
  },
  {
    name: 'researchDigests with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchDigests { totalCount edges { node { id } } } }`,
  },
  {
    name: 'researchSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { researchSettings(branchId: $id) { branchId digestTopItems } }`,
  },
  {
    name: 'updateResearchSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateResearchSettings(input: { branchId: $id, digestTopItems: 3 }) { branchId } }`,
  },
  {
    name: 'competitor(id)',
    kind: 'competitor',
    doc: `query($id: ID!) { competitor(id: $id) { id name observations { id note } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'competitors(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { competitors(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id observations { id } } } } }`,
  },
  {
    name: 'competitors with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { competitors { totalCount edges { node { id } } } }`,
  },
  {
    name: 'competitorComparison(ids)',
    kind: 'competitor',
    doc: `query($id: ID!, $other: ID!) { competitorComparison(ids: [$id, $other]) { competitor { id } latest { id } } }`,
    vars: (id) => ({ id, other: randomUUID() }),
    colleagueAllowed: true,
  },
  {
    name: 'createCompetitor(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createCompetitor(input: { branchId: $id, name: "Probe rival" }) { id } }`,
  },
  {
    name: 'updateCompetitor(id)',
    kind: 'competitor',
    doc: `mutation($id: ID!) { updateCompetitor(id: $id, input: { price: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'recordCompetitorObservation(competitorId)',
    kind: 'competitor',
    doc: `mutation($id: ID!) { recordCompetitorObservation(input: { competitorId: $id, observedOn: "2026-01-05",
            aspect: PRICE, note: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketSegment(id)',
    kind: 'segment',
    doc: `query($id: ID!) { marketSegment(id: $id) { id score personas { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketSegments(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { marketSegments(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id score personas { id } } } } }`,
  },
  {
    name: 'marketSegments with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { marketSegments { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createMarketSegment(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMarketSegment(input: { branchId: $id, name: "Probe segment", region: "R",
            industry: "I", size: SMALL, marketSizeScore: 1, growthScore: 1, competitionScore: 1 }) { id } }`,
  },
  {
    name: 'updateMarketSegment(id)',
    kind: 'segment',
    doc: `mutation($id: ID!) { updateMarketSegment(id: $id, input: { focus: true, growthScore: 99 }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'addSegmentPersona(segmentId)',
    kind: 'segment',
    doc: `mutation($id: ID!) { addSegmentPersona(input: { segmentId: $id, name: "Probe", profile: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'updateSegmentPersona(id)',
    kind: 'persona',
    doc: `mutation($id: ID!) { updateSegmentPersona(id: $id, input: { needs: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchEvents(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchEvents(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id attendees { id } } } } }`,
  },
  {
    name: 'researchEvents with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchEvents { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createResearchEvent(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createResearchEvent(input: { branchId: $id, kind: FORUM, name: "Probe",
            startsOn: "2026-01-05", endsOn: "2026-01-05" }) { id } }`,
  },
  {
    name: 'createResearchEvent(attendeeIds)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createResearchEvent(input: { branchId: $branch, kind: FORUM, name: "Probe",
            startsOn: "2026-01-05", endsOn: "2026-01-05", attendeeIds: [$id] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
    colleagueAllowed: true,
  },
  {
    name: 'demandSurvey(id)',
    kind: 'survey',
    doc: `query($id: ID!) { demandSurvey(id: $id) { id findings { painPoints } responses { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'demandSurveys(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { demandSurveys(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id responses { id } } } } }`,
  },
  {
    name: 'demandSurveys with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { demandSurveys { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createDemandSurvey(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createDemandSurvey(input: { branchId: $id, title: "Probe", goal: "Probe",
            method: ONLINE, startsOn: "2026-01-05", endsOn: "2026-01-31" }) { id } }`,
  },
  {
    name: 'recordSurveyResponse(surveyId)',
    kind: 'survey',
    doc: `mutation($id: ID!) { recordSurveyResponse(input: { surveyId: $id, respondent: "Probe",
            respondedOn: "2026-01-06", answers: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'reportSurveyFindings(id)',
    kind: 'survey',
    doc: `mutation($id: ID!) { reportSurveyFindings(id: $id, input: { potentialDemand: "P", preferences: "P",
            painPoints: "P" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketingPlan(id)',
    kind: 'plan',
    doc: `query($id: ID!) { marketingPlan(id: $id) { id milestones { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketingPlans(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { marketingPlans(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id milestones { id } } } } }`,
  },
  {
    name: 'createMarketingPlan(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMarketingPlan(input: { branchId: $id, kind: MONTHLY, title: "Probe",
            periodStart: "2031-01-01" }) { id } }`,
  },
  {
    name: 'addPlanMilestone(planId)',
    kind: 'plan',
    doc: `mutation($id: ID!) { addPlanMilestone(input: { planId: $id, title: "Probe", dueOn: "2026-01-20" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'setPlanMilestoneDone(id)',
    kind: 'milestone2',
    doc: `mutation($id: ID!) { setPlanMilestoneDone(id: $id, done: true) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaign(id)',
    kind: 'campaign',
    doc: `query($id: ID!) { campaign(id: $id) { id spend } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaigns(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { campaigns(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'campaigns(filter: { planId })',
    kind: 'plan',
    doc: `query($id: ID!) { campaigns(first: 50, filter: { planId: $id }) { totalCount edges { node { id } } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaignEvaluations(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { campaignEvaluations(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id costPerLead revenueAttributed } } } }`,
  },
  {
    name: 'campaignEvaluations with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { campaignEvaluations { totalCount edges { node { id revenueAttributed } } } }`,
  },
  {
    name: 'createCampaign(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createCampaign(input: { branchId: $id, name: "Probe", type: GIFT, budget: "1.00",
            startsOn: "2026-01-05", endsOn: "2026-01-06" }) { id } }`,
  },
  {
    name: 'createCampaign(planId)',
    kind: 'plan',
    doc: `mutation($id: ID!, $branch: ID) { createCampaign(input: { branchId: $branch, planId: $id, name: "Probe",
            type: GIFT, budget: "1.00", startsOn: "2026-01-05", endsOn: "2026-01-06" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
    colleagueAllowed: true,
  },
  {
    name: 'updateCampaign(id)',
    kind: 'campaign',
    doc: `mutation($id: ID!) { updateCampaign(id: $id, input: { spend: "2.00", leadsCount: 3 }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'linkCampaignCustomer(campaignId)',
    kind: 'campaign',
    doc: `mutation($id: ID!, $customer: ID!) { linkCampaignCustomer(campaignId: $id, customerId: $customer) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
    colleagueAllowed: true,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { customer } = slot;
  const researchItem = randomUUID();
  await owner.query(
    `INSERT INTO research_items (branch_id, id, kind, title, source, published_on, tags, summary, relevance, created_by)
       VALUES ($1, $2, 'NEWS', $3, 'Seed wire', '2026-01-06', '{seed}', 'Seed summary', 4, $4)`,
    [branch, researchItem, `${name} news`, u.id],
  );
  // One digest per branch and week: each slot of a branch takes the next free week.
  const researchDigest = randomUUID();
  await owner.query(
    `INSERT INTO research_digests (branch_id, id, week_start, state, item_count, tag_counts, kind_counts, recipients,
         built_at)
       VALUES ($1, $2, '2026-01-05'::date + 7 * (SELECT count(*)::int FROM research_digests WHERE branch_id = $1),
         'BUILT', 1, '[{"tag": "seed", "count": 1}]', '[{"kind": "NEWS", "count": 1}]', 1, now())`,
    [branch, researchDigest],
  );
  await owner.query(
    `INSERT INTO research_digest_items (branch_id, id, digest_id, item_id, rank) VALUES ($1, $2, $3, $4, 1)`,
    [branch, randomUUID(), researchDigest, researchItem],
  );
  const competitor = randomUUID();
  await owner.query(
    `INSERT INTO competitors (branch_id, id, name, price, created_by) VALUES ($1, $2, $3, 'Seed price', $4)`,
    [branch, competitor, `${name} rival`, u.id],
  );
  await owner.query(
    `INSERT INTO competitor_observations (branch_id, id, competitor_id, observed_on, aspect, note, recorded_by)
       VALUES ($1, $2, $3, '2026-01-06', 'PRICE', 'Seed observation', $4)`,
    [branch, randomUUID(), competitor, u.id],
  );
  const segment = randomUUID();
  await owner.query(
    `INSERT INTO market_segments (branch_id, id, name, region, industry, size, market_size_score, growth_score,
         competition_score, created_by)
       VALUES ($1, $2, $3, 'Seed region', 'Seed industry', 'LARGE', 70, 60, 40, $4)`,
    [branch, segment, `${name} segment`, u.id],
  );
  const persona = randomUUID();
  await owner.query(
    `INSERT INTO segment_personas (branch_id, id, segment_id, name, profile) VALUES ($1, $2, $3, 'Seed persona', 'Seed')`,
    [branch, persona, segment],
  );
  await owner.query(
    `INSERT INTO research_events (branch_id, id, kind, name, starts_on, ends_on, attendee_ids, takeaways, created_by)
       VALUES ($1, $2, 'CONFERENCE', $3, '2026-01-05', '2026-01-06', ARRAY[$4]::uuid[], 'Seed takeaways', $4)`,
    [branch, randomUUID(), `${name} conference`, u.id],
  );
  const survey = randomUUID();
  await owner.query(
    `INSERT INTO demand_surveys (branch_id, id, title, goal, method, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, 'Seed goal', 'QUESTIONNAIRE', '2026-01-05', '2026-01-31', $4)`,
    [branch, survey, `${name} survey`, u.id],
  );
  await owner.query(
    `INSERT INTO survey_responses (branch_id, id, survey_id, respondent, responded_on, answers, recorded_by)
       VALUES ($1, $2, $3, 'Seed respondent', '2026-01-06', 'Seed answers', $4)`,
    [branch, randomUUID(), survey, u.id],
  );
  // One plan per branch, kind and period: each slot of a branch takes the next free month.
  const plan = randomUUID();
  await owner.query(
    `INSERT INTO marketing_plans (branch_id, id, kind, title, period_start, period_end, created_by)
       SELECT $1, $2, 'ANNUAL', $3, make_date(2026 + n, 1, 1), make_date(2026 + n, 12, 31), $4
       FROM (SELECT count(*)::int AS n FROM marketing_plans WHERE branch_id = $1) c`,
    [branch, plan, `${name} plan`, u.id],
  );
  const milestone2 = randomUUID();
  await owner.query(
    `INSERT INTO plan_milestones (branch_id, id, plan_id, title, due_on) VALUES ($1, $2, $3, 'Seed milestone', '2026-03-01')`,
    [branch, milestone2, plan],
  );
  const campaign = randomUUID();
  await owner.query(
    `INSERT INTO campaigns (branch_id, id, plan_id, name, type, budget, spend, currency, starts_on, ends_on,
         leads_count, created_by)
       VALUES ($1, $2, $3, $4, 'DISCOUNT', 1000, 400, 'CNY', '2026-02-01', '2026-02-28', 2, $5)`,
    [branch, campaign, plan, `${name} campaign`, u.id],
  );
  await owner.query(
    `INSERT INTO campaign_customers (branch_id, id, campaign_id, customer_id, linked_by) VALUES ($1, $2, $3, $4, $5)`,
    [branch, randomUUID(), campaign, customer, u.id],
  );
  Object.assign(slot, {
    researchItem,
    researchDigest,
    competitor,
    segment,
    persona,
    survey,
    plan,
    milestone2,
    campaign,
  });
}

export async function ownIds(): Promise<void> {
  const mgr = tokens.managerA1;
  const hq = tokens.admin1;
  const rep = tokens.repA1;
  expect((await ok(rep, byName('researchItem(id)'), { id: slots.A1.researchItem })).researchItem.id).toBe(
    slots.A1.researchItem,
  );
  await ok(rep, byName('updateResearchItem(id)'), { id: slots.A1.researchItem });
  expect((await ok(rep, byName('researchDigest(id)'), { id: slots.A1.researchDigest })).researchDigest.id).toBe(
    slots.A1.researchDigest,
  );
  expect(
    (await ok(rep, byName('researchItems(filter: { branchId })'), { id: org1.a.id })).researchItems.totalCount,
  ).toBe(2);
  expect(
    (await ok(mgr, byName('researchDigests(filter: { branchId })'), { id: org1.a.id })).researchDigests.totalCount,
  ).toBe(2);
  await ok(mgr, byName('researchSettings(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('updateResearchSettings(branchId)'), { id: org1.a.id });
  await ok(hq, byName('createResearchItem(branchId)'), { id: org1.b.id });
  expect((await ok(rep, byName('competitor(id)'), { id: slots.A1.competitor })).competitor.id).toBe(
    slots.A1.competitor,
  );
  await ok(rep, byName('updateCompetitor(id)'), { id: slots.A1.competitor });
  await ok(rep, byName('recordCompetitorObservation(competitorId)'), { id: slots.A1.competitor });
  await ok(rep, 'query($a: ID!, $b: ID!) { competitorComparison(ids: [$a, $b]) { competitor { id } } }', {
    a: slots.A1.competitor,
    b: slots.A2.competitor,
  });
  expect((await ok(rep, byName('marketSegment(id)'), { id: slots.A1.segment })).marketSegment.id).toBe(
    slots.A1.segment,
  );
  await ok(rep, byName('updateMarketSegment(id)'), { id: slots.A1.segment });
  await ok(rep, byName('addSegmentPersona(segmentId)'), { id: slots.A1.segment });
  await ok(rep, byName('updateSegmentPersona(id)'), { id: slots.A1.persona });
  await ok(hq, byName('createCompetitor(branchId)'), { id: org1.b.id });
  await ok(hq, byName('createMarketSegment(branchId)'), { id: org1.b.id });
  await ok(rep, byName('createResearchEvent(attendeeIds)'), { id: org1.users.rep2A.id, branch: null });
  expect((await ok(rep, byName('demandSurvey(id)'), { id: slots.A1.survey })).demandSurvey.id).toBe(slots.A1.survey);
  await ok(rep, byName('recordSurveyResponse(surveyId)'), { id: slots.A1.survey });
  await ok(rep, byName('reportSurveyFindings(id)'), { id: slots.A1.survey });
  expect((await ok(rep, byName('marketingPlan(id)'), { id: slots.A1.plan })).marketingPlan.id).toBe(slots.A1.plan);
  await ok(rep, byName('addPlanMilestone(planId)'), { id: slots.A1.plan });
  await ok(rep, byName('setPlanMilestoneDone(id)'), { id: slots.A1.milestone2 });
  expect((await ok(rep, byName('campaign(id)'), { id: slots.A1.campaign })).campaign.id).toBe(slots.A1.campaign);
  await ok(rep, byName('updateCampaign(id)'), { id: slots.A1.campaign });
  await ok(rep, byName('createCampaign(planId)'), { id: slots.A1.plan, branch: null });
  expect(
    (await ok(mgr, byName('campaignEvaluations(filter: { branchId })'), { id: org1.a.id })).campaignEvaluations
      .totalCount,
  ).toBe(3);
  await ok(hq, byName('createDemandSurvey(branchId)'), { id: org1.b.id });
  await ok(hq, byName('createMarketingPlan(branchId)'), { id: org1.b.id });
  await ok(hq, byName('createCampaign(branchId)'), { id: org1.b.id });
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query('INSERT INTO research_settings (branch_id, digest_top_items) VALUES ($1, 5)', [b]);
}
