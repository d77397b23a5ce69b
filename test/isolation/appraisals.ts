import { expect } from '@jest/globals';
import { owner, org1, slots, tokens, byName, ok, type Case, type Slot, type SeedContext } from './harness.js';

/** Isolation cases of Appraisals, meetings and work plans. */
export interface AppraisalsSlot {
  /** The branch's MONTHLY 2026-10 appraisal cycle, and the slot user's appraisal in it (SELF_ASSESSMENT). */
  appraisalCycle: string;
  appraisal: string;
  /** A PROJECT meeting of the slot's branch recorded by the slot's user, with an OPEN action item the user owns. */
  meeting: string;
  actionItem: string;
  /** The slot user's APPROVED monthly work plan for 2026-11, with one REJECTED change. */
  workPlan: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'appraisal_settings',
  'appraisal_cycles',
  'appraisals',
  'appraisal_due',
  'meetings',
  'meeting_action_items',
  'work_plans',
  'work_plan_changes',
];

export const cases: Case[] = [
  {
    name: 'appraisalSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { appraisalSettings(branchId: $id) { branchId resultsWeight } }`,
  },
  {
    name: 'updateAppraisalSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateAppraisalSettings(input: { branchId: $id, resultsWeight: "50", attitudeWeight: "25",
            teamworkWeight: "25" }) { branchId resultsWeight } }`,
  },
  {
    name: 'appraisalCycles(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { appraisalCycles(filter: { branchId: $id }) { id period } }`,
  },
  {
    name: 'appraisals(filter: { cycleId })',
    kind: 'appraisalCycle',
    colleagueAllowed: true,
    doc: `query($id: ID!) { appraisals(filter: { cycleId: $id }) { id personId } }`,
  },
  {
    name: 'appraisals(filter: { personId })',
    kind: 'user',
    doc: `query($id: ID!) { appraisals(filter: { personId: $id }) { id personId } }`,
  },
  { name: 'appraisal(id)', kind: 'appraisal', doc: `query($id: ID!) { appraisal(id: $id) { id state } }` },
  {
    name: 'selfAssessAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { selfAssessAppraisal(input: { id: $id, selfAssessment: "Probe" }) { id state } }`,
  },
  {
    name: 'scoreAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { scoreAppraisal(input: { id: $id, resultsScore: "1", attitudeScore: "1", teamworkScore: "1",
            comment: "Probe" }) { id state } }`,
  },
  {
    name: 'checkAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { checkAppraisal(input: { id: $id, outcome: NONE }) { id state } }`,
  },
  {
    name: 'returnAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { returnAppraisal(input: { id: $id, note: "Probe" }) { id state } }`,
  },
  {
    name: 'meetings(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { meetings(filter: { branchId: $id }) { id actionItems { id } } }`,
  },
  {
    name: 'createMeeting(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMeeting(input: { branchId: $id, kind: PROJECT, title: "Probe", heldOn: "2026-11-03" }) {
            id } }`,
  },
  {
    name: 'meeting(id)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `query($id: ID!) { meeting(id: $id) { id actionItems { id } } }`,
  },
  {
    name: 'updateMeeting(id)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { updateMeeting(input: { id: $id, minutes: "Probe" }) { id } }`,
  },
  {
    name: 'addMeetingActionItem(meetingId)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!) { addMeetingActionItem(input: { meetingId: $id, title: "Probe", ownerId: $o,
            dueOn: "2030-02-01" }) { id } }`,
    vars: (id, me) => ({ id, o: me.user.id }),
  },
  {
    name: 'completeMeetingActionItem(id)',
    kind: 'actionItem',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { completeMeetingActionItem(input: { id: $id }) { id state } }`,
  },
  { name: 'workPlan(id)', kind: 'workPlan', doc: `query($id: ID!) { workPlan(id: $id) { id content } }` },
  {
    name: 'workPlans(filter: { personId })',
    kind: 'user',
    doc: `query($id: ID!) { workPlans(filter: { personId: $id }) { id } }`,
  },
  {
    name: 'workPlanChanges(planId)',
    kind: 'workPlan',
    doc: `query($id: ID!) { workPlanChanges(planId: $id) { id state } }`,
  },
  {
    name: 'updateWorkPlan(id)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { updateWorkPlan(input: { id: $id, title: "Probe" }) { id } }`,
  },
  {
    name: 'approveWorkPlan(id)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { approveWorkPlan(id: $id) { id state } }`,
  },
  {
    name: 'proposeWorkPlanChange(planId)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { proposeWorkPlanChange(input: { planId: $id, content: "Probe", reason: "Probe" }) { id } }`,
  },
];

export async function seedSlot({ branch, u }: SeedContext, slot: Slot): Promise<void> {
  await owner.query(`INSERT INTO appraisal_settings (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
  await owner.query(`INSERT INTO appraisal_due (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
  await owner.query(
    `INSERT INTO appraisal_cycles (branch_id, id, kind, period, period_start, period_end, opened_on, results_weight,
         attitude_weight, teamwork_weight)
       VALUES ($1, gen_random_uuid(), 'MONTHLY', '2026-10', '2026-10-01', '2026-11-01', '2026-11-02', 60, 20, 20)
       ON CONFLICT DO NOTHING`,
    [branch],
  );
  const appraisalCycle = (
    await owner.query<{ id: string }>(
      `SELECT id FROM appraisal_cycles WHERE branch_id = $1 AND kind = 'MONTHLY' AND period = '2026-10'`,
      [branch],
    )
  ).rows[0].id;
  const appraisal = (
    await owner.query<{ id: string }>(
      `INSERT INTO appraisals (branch_id, id, cycle_id, person_id, person_role)
         VALUES ($1, gen_random_uuid(), $2, $3, $4) RETURNING id`,
      [branch, appraisalCycle, u.id, u.role],
    )
  ).rows[0].id;
  const meeting = (
    await owner.query<{ id: string }>(
      `INSERT INTO meetings (branch_id, id, kind, title, held_on, week_start, minutes, chair_id)
         VALUES ($1, gen_random_uuid(), 'PROJECT', 'Kick-off', '2026-11-02', '2026-11-02', 'Agreed the scope', $2)
         RETURNING id`,
      [branch, u.id],
    )
  ).rows[0].id;
  const actionItem = (
    await owner.query<{ id: string }>(
      `INSERT INTO meeting_action_items (branch_id, id, meeting_id, title, owner_id, due_on)
         VALUES ($1, gen_random_uuid(), $2, 'Send the offer', $3, '2030-01-10') RETURNING id`,
      [branch, meeting, u.id],
    )
  ).rows[0].id;
  const workPlan = (
    await owner.query<{ id: string }>(
      `INSERT INTO work_plans (branch_id, id, person_id, kind, period, period_start, title, content, state, approved_at)
         VALUES ($1, gen_random_uuid(), $2, 'MONTHLY', '2026-11', '2026-11-01', 'November', 'Ten visits', 'APPROVED', now())
         RETURNING id`,
      [branch, u.id],
    )
  ).rows[0].id;
  await owner.query(
    `INSERT INTO work_plan_changes (branch_id, id, plan_id, person_id, content, reason, state, decided_at)
       VALUES ($1, gen_random_uuid(), $2, $3, 'Twelve visits', 'More leads', 'REJECTED', now())`,
    [branch, workPlan, u.id],
  );
  Object.assign(slot, { appraisalCycle, appraisal, meeting, actionItem, workPlan });
}

export async function ownIds(): Promise<void> {
  const rep = tokens.repA1;
  const a1 = slots.A1.appraisal;
  expect((await ok(rep, byName('appraisal(id)'), { id: a1 })).appraisal).toEqual({
    id: a1,
    state: 'SELF_ASSESSMENT',
  });
  expect(
    (await ok(tokens.managerA1, byName('appraisals(filter: { cycleId })'), { id: slots.A1.appraisalCycle })).appraisals,
  ).toEqual(expect.arrayContaining([{ id: a1, personId: org1.users.repA.id }]));
  expect(
    (await ok(tokens.managerA1, byName('appraisals(filter: { personId })'), { id: org1.users.repA.id })).appraisals,
  ).toEqual([{ id: a1, personId: org1.users.repA.id }]);
  expect(
    (await ok(tokens.managerA1, byName('appraisalCycles(filter: { branchId })'), { id: org1.a.id })).appraisalCycles,
  ).toEqual([{ id: slots.A1.appraisalCycle, period: '2026-10' }]);
  await ok(tokens.managerA1, byName('appraisalSettings(branchId)'), { id: org1.a.id });
  await ok(tokens.managerA1, byName('updateAppraisalSettings(branchId)'), { id: org1.a.id });
  await ok(rep, byName('selfAssessAppraisal(id)'), { id: a1 });
  await ok(tokens.managerA1, byName('scoreAppraisal(id)'), { id: a1 });
  await ok(tokens.admin1, byName('returnAppraisal(id)'), { id: a1 });
  await ok(tokens.managerA1, byName('scoreAppraisal(id)'), { id: a1 });
  await ok(tokens.admin1, byName('checkAppraisal(id)'), { id: a1 });
  const m1 = slots.A1.meeting;
  expect((await ok(rep, byName('meeting(id)'), { id: m1 })).meeting).toEqual({
    id: m1,
    actionItems: [{ id: slots.A1.actionItem }],
  });
  expect(
    (await ok(rep, byName('meetings(filter: { branchId })'), { id: org1.a.id })).meetings as unknown as {
      id: string;
    }[],
  ).toEqual(expect.arrayContaining([expect.objectContaining({ id: m1 })]));
  await ok(tokens.managerA1, byName('updateMeeting(id)'), { id: m1 });
  await ok(tokens.managerA1, byName('createMeeting(branchId)'), { id: org1.a.id });
  await ok(tokens.managerA1, byName('addMeetingActionItem(meetingId)'), {
    id: m1,
    o: org1.users.managerA.id,
  });
  await ok(rep, byName('completeMeetingActionItem(id)'), { id: slots.A1.actionItem });
  const p1 = slots.A1.workPlan;
  expect((await ok(rep, byName('workPlan(id)'), { id: p1 })).workPlan).toEqual({ id: p1, content: 'Ten visits' });
  expect(
    (await ok(tokens.managerA1, byName('workPlans(filter: { personId })'), { id: org1.users.repA.id })).workPlans,
  ).toEqual([{ id: p1 }]);
  expect((await ok(rep, byName('workPlanChanges(planId)'), { id: p1 })).workPlanChanges).toHaveLength(1);
  await ok(rep, byName('proposeWorkPlanChange(planId)'), { id: p1 });
}
