import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { expect } from '@jest/globals';
import { type TestOrg, type TestUser } from '@app/testing';
import { Database, RequestContext } from '@app/core';
import { ApprovalsCoreModule } from '../../src/modules/approvals/approvals.module.js';
import { ApprovalSubjects } from '../../src/modules/approvals/approval-subjects.js';
import { ApprovalsService } from '../../src/modules/approvals/approvals.service.js';
import { api, owner, org1, org2, slots, tokens, byName, ok, type Case, type Slot } from './harness.js';

/** Isolation cases of The approval engine: requests, steps, delegations, policies, branch calendars. */
export interface ApprovalsSlot {
  /** An approval request the slot's user submitted, and its pending first step. */
  request: string;
  step: string;
  /** An out-of-office delegation the slot's user gave to the branch manager (running until 2030). */
  delegation: string;
}

/** Tenant tables the seed fills in every branch of both organizations. */
export const tables = [
  'approval_requests',
  'approval_steps',
  'approval_step_approvers',
  'approval_events',
  'approval_policies',
  'approval_delegations',
  'branch_calendars',
  'branch_calendar_days',
];

export const cases: Case[] = [
  {
    name: 'approvalRequest(id)',
    kind: 'request',
    doc: `query($id: ID!) { approvalRequest(id: $id) { id title status branch { id }
            steps { id status approvers { kind role userId } } timeline { action comment } } }`,
  },
  {
    name: 'approveStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { approveStep(stepId: $id, comment: "probe") { id status } }`,
  },
  {
    name: 'rejectStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { rejectStep(stepId: $id, reason: "probe") { id status } }`,
  },
  {
    name: 'returnStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { returnStep(stepId: $id, comment: "probe") { id status } }`,
  },
  {
    name: 'delegateStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!, $to: ID!) { delegateStep(stepId: $id, toUserId: $to) { id } }`,
    vars: (id, me) => ({ id, to: me.user.id }),
  },
  {
    name: 'delegateStep(own step, toUserId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $step: ID!) { delegateStep(stepId: $step, toUserId: $id) { id } }`,
    vars: (id, me) => ({ id, step: me.own.step }),
  },
  {
    name: 'commentOnApproval(requestId)',
    kind: 'request',
    doc: `mutation($id: ID!) { commentOnApproval(requestId: $id, comment: "probe") { id } }`,
  },
  {
    name: 'withdrawApproval(requestId)',
    kind: 'request',
    doc: `mutation($id: ID!) { withdrawApproval(requestId: $id) { id status } }`,
  },
  {
    name: 'setApprovalDelegation(delegateId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { setApprovalDelegation(input: { delegateId: $id, startsOn: "2027-01-04", endsOn: "2027-01-08" }) }`,
  },
  {
    name: 'approvalPolicy(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { approvalPolicy(subjectType: "CONTRACT", branchId: $id) { id version steps { name } } }`,
  },
  {
    name: 'setApprovalPolicy(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setApprovalPolicy(input: { branchId: $id, subjectType: "CONTRACT",
            steps: [{ name: "Probe", approver: { kind: BRANCH_ROLE, role: BRANCH_MANAGER }, slaHours: 1 }] }) { id } }`,
  },
  {
    name: 'setApprovalPolicy(named approver: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $branch: ID) { setApprovalPolicy(input: { branchId: $branch, subjectType: "CONTRACT",
            steps: [{ name: "Probe", approver: { kind: USER, userId: $id }, slaHours: 1 }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.own.branch : null }),
  },
  {
    name: 'branchCalendar(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchCalendar(branchId: $id) { branchId workDays days { day kind } } }`,
  },
  {
    name: 'setBranchCalendar(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setBranchCalendar(input: { branchId: $id, workDays: [1, 2, 3], dayStartMinute: 480,
            dayEndMinute: 960, days: [{ day: "2027-01-01", kind: "HOLIDAY" }] }) { branchId } }`,
  },
  {
    name: 'stalledApprovals(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { stalledApprovals(first: 10, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'approvalDelegations(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { approvalDelegations(branchId: $id, includePast: true) { id userId } }`,
  },
  {
    name: 'cancelApprovalDelegation(id)',
    kind: 'delegation',
    doc: `mutation($id: ID!) { cancelApprovalDelegation(id: $id) { id } }`,
  },
  {
    name: 'myPendingApprovals with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { myPendingApprovals { totalCount edges { node { step { id } request { id } } } } }`,
  },
  {
    name: 'mySubmittedApprovals with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { mySubmittedApprovals { totalCount edges { node { id } } } }`,
  },
  {
    name: 'approvalOverview with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { approvalOverview { branch { id } pending stalled } }`,
  },
];

export async function ownIds(): Promise<void> {
  const mgr = tokens.managerA1;
  const hq = tokens.admin1;
  const rep = tokens.repA1;
  // The approval operations, on ids of one's own.
  const request = (await ok(rep, byName('approvalRequest(id)'), { id: slots.A1.request })).approvalRequest;
  expect(request.id).toBe(slots.A1.request);
  await ok(rep, byName('commentOnApproval(requestId)'), { id: slots.A1.request });
  await ok(mgr, byName('approvalPolicy(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('setApprovalPolicy(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('setApprovalPolicy(named approver: foreign user)'), {
    id: org1.users.financeA.id,
    branch: null,
  });
  await ok(mgr, byName('branchCalendar(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('setBranchCalendar(branchId)'), { id: org1.a.id });
  await ok(mgr, byName('setApprovalDelegation(delegateId)'), { id: org1.users.rep2A.id });
  await ok(mgr, byName('delegateStep(own step, toUserId: foreign user)'), {
    id: org1.users.financeA.id,
    step: slots.A1.step,
  });
  expect((await ok(mgr, byName('approveStep(stepId)'), { id: slots.A1.step })).approveStep.status).toBe('APPROVED');
  await ok(tokens.rep2A1, byName('withdrawApproval(requestId)'), { id: slots.A2.request });
  expect((await ok(tokens.managerB1, byName('rejectStep(stepId)'), { id: slots.B1.step })).rejectStep.status).toBe(
    'REJECTED',
  );
  expect((await ok(tokens.managerA2, byName('returnStep(stepId)'), { id: slots.X1.step })).returnStep.status).toBe(
    'RETURNED',
  );
  await ok(hq, byName('stalledApprovals(branchId)'), { id: org1.a.id });
  await ok(hq, byName('approvalOverview with X-Branch-Id'), {});
}

/** An approval subject, as a product module registers one, so requests can be seeded through the engine. */
@Module({ imports: [ApprovalsCoreModule] })
class TestSubjectsModule implements OnModuleInit {
  constructor(@Inject(ApprovalSubjects) private readonly subjects: ApprovalSubjects) {}

  onModuleInit(): void {
    this.subjects.register({ type: 'TEST_CONTRACT', label: 'Contract', onDecided: async () => undefined });
  }
}

export const appImports = [TestSubjectsModule];

/** Submits an approval request as `u` through the engine, as a subject module would (default policy). */
async function seedApproval(slot: Slot, org: TestOrg, u: TestUser, title: string): Promise<void> {
  const scope = { branchIds: [u.branchId], userId: u.id, ownOnly: u.role === 'SALES_REP' };
  const who = { userId: u.id, organizationId: org.id, role: u.role, headOffice: false };
  const request = await api.app.get(Database).run(scope, (tx) =>
    api.app.get(ApprovalsService).submit(RequestContext.forTransaction(tx, scope, who), {
      branchId: u.branchId,
      subjectType: 'TEST_CONTRACT',
      subjectId: slot.customer,
      title,
      amount: '1000.00',
    }),
  );
  const step = await owner.query<{ id: string }>(
    `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
    [request.id],
  );
  slot.request = request.id;
  slot.step = step.rows[0].id;
  slot.delegation = randomUUID();
  await owner.query(
    `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on, reason)
     VALUES ($1, $2, $3, $4, '2026-01-01', '2030-12-31', 'Probe')`,
    [u.branchId, slot.delegation, u.id, u.branchId === org.a.id ? org.users.managerA.id : org.users.managerB.id],
  );
}

/**
 * The approval engine's tables: a request in each slot (policy, request, steps, approvers, events), a calendar with
 * a holiday in every branch, and a (future) out-of-office delegation in A, B and X.
 */
export async function seedWithApp(): Promise<void> {
  await seedApproval(slots.A1, org1, org1.users.repA, 'Alpha One contract');
  await seedApproval(slots.A2, org1, org1.users.rep2A, 'Alpha Two contract');
  await seedApproval(slots.B1, org1, org1.users.repB, 'Bravo contract');
  await seedApproval(slots.X1, org2, org2.users.repA, 'Xeno contract');
  for (const b of [org1.hq.id, org1.a.id, org1.b.id, org2.hq.id, org2.a.id, org2.b.id]) {
    await owner.query(
      `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute) VALUES ($1, '{1,2,3,4,5}', 540, 1080)`,
      [b],
    );
    await owner.query(
      `INSERT INTO branch_calendar_days (branch_id, day, kind, name) VALUES ($1, '2026-10-01', 'HOLIDAY', 'National Day')`,
      [b],
    );
  }
  for (const [branch, from, to] of [
    [org1.a.id, org1.users.managerA.id, org1.users.rep2A.id],
    [org1.b.id, org1.users.managerB.id, org1.users.repB.id],
    [org2.a.id, org2.users.managerA.id, org2.users.rep2A.id],
  ]) {
    await owner.query(
      `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on, reason)
       VALUES ($1, $2, $3, $4, '2030-01-01', '2030-01-31', 'Sabbatical')`,
      [branch, randomUUID(), from, to],
    );
  }
}
