import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Visits, tasks, satisfaction and activity quotas. */
export interface VisitsSlot {
  /** A PLANNED visit the slot's user owns, with two attendees (the user, the customer's contact) and one task. */
  visit: string;
  visitTask: string;
  /** The satisfaction score of the slot's customer for 2026-Q3. */
  satisfaction: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = ['visits', 'visit_attendees', 'visit_tasks', 'satisfaction_surveys', 'activity_quota_settings'];

export const cases: Case[] = [
  {
    name: 'visit(id)',
    kind: 'visit',
    doc: `query($id: ID!) { visit(id: $id) { id purpose effective notEffectiveBecause customer { id } owner { id }
            attendees { kind member { id } contact { id } } tasks { id assignee { id } } } }`,
  },
  {
    name: 'visits(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { visits(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { visits(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { visits(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { visits { totalCount edges { node { id attendees { kind } tasks { id } } } } }`,
  },
  {
    name: 'visitTasks(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visitTasks(filter: { assigneeId })',
    kind: 'user',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { assigneeId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visitTasks(filter: { visitId })',
    kind: 'visit',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { visitId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'planVisit(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { planVisit(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'planVisit(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { planVisit(input: { branchId: $id, customerId: $customer,
            plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'planVisit(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { planVisit(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null, customer: me.own.customer }),
  },
  {
    name: 'planVisit(own customer, memberIds: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", memberIds: [$id] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
    }),
  },
  {
    name: 'planVisit(own customer, contactIds: foreign contact)',
    kind: 'contact',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", contactIds: [$id] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
    }),
  },
  {
    name: 'planVisit(own customer, quoteId: foreign quote)',
    kind: 'quote',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", quoteId: $id }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.own.branch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.own.customer,
    }),
  },
  {
    name: 'updateVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { updateVisit(id: $id, input: { purpose: "Probe", plannedOn: "2030-02-01" }) { id } }`,
  },
  {
    name: 'cancelVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { cancelVisit(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'fileVisitReport(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { fileVisitReport(id: $id, input: { summary: "Probe", urgent: true,
            commitments: [{ description: "Probe", dueOn: "2030-01-05" }] }) { id state } }`,
  },
  {
    name: 'reviewVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { reviewVisit(id: $id, comment: "probe") { id acknowledged } }`,
  },
  {
    name: 'completeVisitTask(id)',
    kind: 'visitTask',
    doc: `mutation($id: ID!) { completeVisitTask(id: $id) { id done } }`,
  },
  {
    name: 'updateVisitTask(id)',
    kind: 'visitTask',
    doc: `mutation($id: ID!) { updateVisitTask(id: $id, input: { description: "Probe", dueOn: "2030-03-01" }) { id } }`,
  },
  {
    name: 'satisfactionSurveys(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { satisfactionSurveys(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'satisfactionSurveys(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { satisfactionSurveys(first: 50, filter: { customerId: $id }) { totalCount edges { node { id customer { id } } } } }`,
  },
  {
    name: 'satisfactionSurveys with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { satisfactionSurveys { totalCount edges { node { id } } } }`,
  },
  {
    name: 'satisfactionAverages(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { satisfactionAverages(filter: { branchId: $id, from: "2026-Q1", to: "2026-Q4" }) { branchId average } }`,
  },
  {
    name: 'recordSatisfaction(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID) { recordSatisfaction(input: { branchId: $branch, customerId: $id, period: "2026-Q2",
            score: 5, method: SURVEY, surveyedOn: "2026-05-01" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'recordSatisfaction(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { recordSatisfaction(input: { branchId: $id, customerId: $customer,
            period: "2026-Q2", score: 5, method: SURVEY, surveyedOn: "2026-05-01" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.own.customer }),
  },
  {
    name: 'updateSatisfaction(id)',
    kind: 'satisfaction',
    doc: `mutation($id: ID!) { updateSatisfaction(id: $id, input: { score: 1, comment: "probe" }) { id score } }`,
  },
  {
    name: 'repAttainment(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { repAttainment(period: "2026-W45", filter: { branchId: $id }) { totalCount edges { node { userId metrics { actual } rep { id } } } } }`,
  },
  {
    name: 'repAttainment(filter: { userId })',
    kind: 'user',
    doc: `query($id: ID!) { repAttainment(period: "2026-11", filter: { userId: $id }) { totalCount edges { node { userId metrics { actual } } } } }`,
  },
  {
    name: 'repAttainment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { repAttainment(period: "2026-W45") { totalCount edges { node { userId metrics { actual } } } } }`,
  },
  {
    name: 'branchAttainment(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchAttainment(period: "2026-W45", branchId: $id) { branchId reps metrics { actual } } }`,
  },
  {
    name: 'activityQuotaSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { activityQuotaSettings(branchId: $id) { branchId validLeadsPerWeek } }`,
  },
  {
    name: 'updateActivityQuotaSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateActivityQuotaSettings(input: { branchId: $id, validLeadsPerWeek: 1 }) { branchId } }`,
  },
];

export async function seedSlot({ branch, u, name }: SeedContext, slot: Slot): Promise<void> {
  const { contact, customer } = slot;
  const visit = randomUUID();
  await owner.query(
    `INSERT INTO visits (branch_id, id, customer_id, owner_id, planned_on, purpose, created_by)
       VALUES ($1, $2, $3, $4, '2030-01-10', $5, $4)`,
    [branch, visit, customer, u.id, `Visit ${name}`],
  );
  await owner.query(
    `INSERT INTO visit_attendees (branch_id, id, visit_id, user_id, contact_id)
       VALUES ($1, gen_random_uuid(), $2, $3, NULL), ($1, gen_random_uuid(), $2, NULL, $4)`,
    [branch, visit, u.id, contact],
  );
  const visitTask = randomUUID();
  await owner.query(
    `INSERT INTO visit_tasks (branch_id, id, visit_id, description, assignee_id, due_on, created_by)
       VALUES ($1, $2, $3, 'Send the brochure', $4, '2030-01-12', $4)`,
    [branch, visitTask, visit, u.id],
  );
  const satisfaction = randomUUID();
  await owner.query(
    `INSERT INTO satisfaction_surveys (branch_id, id, customer_id, period, score, method, surveyed_on, recorded_by)
       VALUES ($1, $2, $3, '2026-Q3', 8, 'SURVEY', '2026-08-01', $4)`,
    [branch, satisfaction, customer, u.id],
  );
  Object.assign(slot, { visit, visitTask, satisfaction });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  expect((await ok(rep, byName('visit(id)'), { id: slots.A1.visit })).visit.id).toBe(slots.A1.visit);
  await ok(rep, byName('updateVisit(id)'), { id: slots.A1.visit });
  await ok(rep, byName('updateVisitTask(id)'), { id: slots.A1.visitTask });
  await ok(rep, byName('completeVisitTask(id)'), { id: slots.A1.visitTask });
  await ok(rep, byName('planVisit(own customer, contactIds: foreign contact)'), {
    id: slots.A1.contact,
    customer: slots.A1.customer,
    branch: null,
    owner: null,
  });
  await ok(rep, byName('updateSatisfaction(id)'), { id: slots.A1.satisfaction });
  await ok(tokens.managerA1, byName('updateActivityQuotaSettings(branchId)'), { id: org1.a.id });
  expect(
    (await ok(rep, byName('repAttainment(filter: { branchId })'), { id: org1.a.id })).repAttainment.edges,
  ).toHaveLength(1);
}

export async function seedBranch(b: string): Promise<void> {
  await owner.query('INSERT INTO activity_quota_settings (branch_id, valid_leads_per_week) VALUES ($1, 8)', [b]);
}
