import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { problem, useFixture, type TestUser } from '@app/testing';
import { AppError, Database, InvalidStateError, RequestContext, writeAudit, addWorkingHours } from '@app/core';
import { ApprovalsCoreModule } from '../src/modules/approvals/approvals.module.js';
import { ApprovalSubjects } from '../src/modules/approvals/approval-subjects.js';
import { ApprovalsService, type SubmitInput } from '../src/modules/approvals/approvals.service.js';
import { DEFAULT_POLICY } from '../src/modules/approvals/approval-policy.js';

/**
 * The approval engine over GraphQL: policies and calendars, submit (through the service, as a
 * subject module does), approve / reject / return / delegate / comment / withdraw, who may act now,
 * two approvers at once, the queries, and the subject callback in the deciding transaction.
 */

interface Outcome {
  requestId: string;
  subjectId: string;
  outcome: string;
  status: string;
}
const outcomes: Outcome[] = [];

/** A subject module as a product module would write one: it records the outcome in its own audit row. */
@Module({ imports: [ApprovalsCoreModule] })
class TestSubjectsModule implements OnModuleInit {
  constructor(@Inject(ApprovalSubjects) private readonly subjects: ApprovalSubjects) {}

  onModuleInit(): void {
    this.subjects.register({
      type: 'TEST_CONTRACT',
      label: 'Contract',
      onDecided: async (ctx, request, outcome) => {
        if (request.title.startsWith('Explodes')) throw new InvalidStateError('The contract was changed meanwhile');
        await writeAudit(ctx, {
          branchId: request.branchId,
          entity: 'test_contract',
          entityId: request.subjectId,
          action: outcome.toLowerCase(),
          after: { requestStatus: request.status },
        });
        outcomes.push({ requestId: request.id, subjectId: request.subjectId, outcome, status: request.status });
      },
    });
    // LEAVE is the performance module's own subject (leave requests); requests here name no leave row, so its
    // handler finds nothing to decide.
  }
}

const REQUEST = `id branchId subjectType subjectId title status currentPosition amount currency requesterId stalledAt decidedAt
  branch { id }
  steps { id position name status slaHours startedAt dueAt decidedAt decidedBy escalationLevel
    approvers { kind role userId source level } }
  timeline { action actorId stepId level comment }`;

interface Approver {
  kind: string;
  role: string | null;
  userId: string | null;
  source: string;
  level: number;
}
interface Step {
  id: string;
  position: number;
  name: string;
  status: string;
  slaHours: number;
  startedAt: string | null;
  dueAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  escalationLevel: number;
  approvers: Approver[];
}
interface Request {
  id: string;
  branchId: string;
  subjectId: string;
  title: string;
  status: string;
  currentPosition: number | null;
  amount: string | null;
  currency: string | null;
  requesterId: string;
  stalledAt: string | null;
  decidedAt: string | null;
  steps: Step[];
  timeline: {
    action: string;
    actorId: string | null;
    stepId: string | null;
    level: number | null;
    comment: string | null;
  }[];
}

const localToday = (tz = 'Asia/Shanghai', plusDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(Date.now() + plusDays * 864e5));

describe('the approval engine over GraphQL', () => {
  const f = useFixture({
    people: {
      leader: { branch: 'hq', role: 'LEADERSHIP' },
      staff: { branch: 'hq', role: 'HQ_STAFF' },
      managerA2: { branch: 'a', role: 'BRANCH_MANAGER' },
    },
    app: { imports: [TestSubjectsModule] },
  });
  const { call, ok } = f;

  /** Adds a person to a branch of the test organization (as the database owner: arrangement). */
  /** What a subject module does inside its own mutation: submit in the caller's transaction. */
  async function submit(who: TestUser, input: Partial<SubmitInput> = {}) {
    const headOffice = who.branchId === f.org.hq.id;
    const scope = {
      branchIds: headOffice ? [f.org.hq.id, f.org.a.id, f.org.b.id] : [who.branchId],
      userId: who.id,
      ownOnly: who.role === 'SALES_REP',
    };
    const actor = { userId: who.id, organizationId: f.org.id, role: who.role, headOffice };
    const database = f.api.app.get(Database);
    const service = f.api.app.get(ApprovalsService);
    return database.run(scope, (tx) =>
      service.submit(RequestContext.forTransaction(tx, scope, actor), {
        branchId: headOffice ? f.org.a.id : who.branchId,
        subjectType: 'TEST_CONTRACT',
        subjectId: randomUUID(),
        title: 'Supply contract',
        ...input,
      }),
    );
  }

  async function refused(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
    try {
      await p;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return { code: e.code, fields: (e.fields ?? []).map((x) => x.field) };
    }
    throw new Error('expected a refusal');
  }

  const get = async (who: string, id: string) =>
    (
      await ok<{ approvalRequest: Request | null }>(
        who,
        `query($id: ID!) { approvalRequest(id: $id) { ${REQUEST} } }`,
        { id },
      )
    ).approvalRequest;

  const APPROVE = `mutation($s: ID!, $c: String) { approveStep(stepId: $s, comment: $c) { id status currentPosition } }`;
  const REJECT = `mutation($s: ID!, $r: String!) { rejectStep(stepId: $s, reason: $r) { id status } }`;
  const RETURN = `mutation($s: ID!, $c: String!) { returnStep(stepId: $s, comment: $c) { id status } }`;
  const DELEGATE = `mutation($s: ID!, $to: ID!, $c: String) { delegateStep(stepId: $s, toUserId: $to, comment: $c) { id status } }`;
  const COMMENT = `mutation($r: ID!, $c: String!) { commentOnApproval(requestId: $r, comment: $c) { id action actorId comment } }`;
  const WITHDRAW = `mutation($r: ID!, $c: String) { withdrawApproval(requestId: $r, comment: $c) { id status } }`;
  const PENDING = `query($first: Int, $after: String) { myPendingApprovals(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { request { id requesterId branchId } step { id position dueAt approvers { kind role userId } } } } } }`;

  interface PendingPage {
    myPendingApprovals: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: {
        node: { request: { id: string; branchId: string }; step: { id: string; position: number; dueAt: string } };
      }[];
    };
  }
  const pendingSteps = async (who: string) =>
    (await ok<PendingPage>(who, PENDING, { first: 100 })).myPendingApprovals.edges.map((e) => e.node.step.id);

  /** Jobs the outbox holds for a request or step, other than step-started (which every submit has). */
  const jobsFor = async (id: string) =>
    (
      await f.owner.query(
        `SELECT job_name, payload FROM outbox WHERE (payload->>'requestId' = $1 OR payload->>'stepId' = $1)
           AND job_name <> 'approvals.step-started' ORDER BY created_at`,
        [id],
      )
    ).rows;

  /** Every row of the engine's tables and their side effects, to prove a refusal changed nothing. */
  async function snapshot(): Promise<Record<string, string[]>> {
    const tables = [
      'approval_requests',
      'approval_steps',
      'approval_step_approvers',
      'approval_events',
      'approval_policies',
      'approval_delegations',
      'branch_calendars',
      'branch_calendar_days',
      'audit_log',
      'notifications',
      'outbox',
    ];
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const r = await f.owner.query<{ x: string }>(`SELECT to_jsonb(r)::text AS x FROM "${t}" r ORDER BY 1`);
      out[t] = r.rows.map((x) => x.x);
    }
    return out;
  }

  /** Branch A's LEAVE policy, every kind of rule: what the first policies test writes, and the submit tests use. */
  const leavePolicy = () => ({
    subjectType: 'LEAVE',
    steps: [
      { name: 'Manager', approver: { kind: 'REQUESTER_MANAGER' }, slaHours: 4 },
      {
        name: 'Finance check',
        approver: { kind: 'USER', userId: f.u.financeA.id },
        upToAmount: '1000',
        slaHours: 1.1,
      },
      {
        name: 'Finance team',
        approver: { kind: 'BRANCH_ROLE', role: 'FINANCE' },
        aboveAmount: '1000',
        slaHours: 2,
      },
      {
        name: 'Head office staff',
        approver: { kind: 'HQ_ROLE', role: 'HQ_STAFF' },
        aboveAmount: '5000',
        slaHours: 0.29,
      },
    ],
    reminderPercents: [90, 50],
    maxEscalationLevel: 1,
  });

  /** Branch A's LEAVE policy as a newer version, written as the database owner (arrangement: no audit row). */
  async function arrangeLeavePolicyInA(): Promise<void> {
    const p = leavePolicy();
    await f.owner.query(
      `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level)
       SELECT $1, gen_random_uuid(), 'LEAVE', coalesce(max(version), 0) + 1, $2, $3, $4
       FROM approval_policies WHERE branch_id = $1 AND subject_type = 'LEAVE'`,
      [f.org.a.id, JSON.stringify(p.steps), [...p.reminderPercents].sort(), p.maxEscalationLevel],
    );
  }

  describe('policies', () => {
    const SET = `mutation($in: SetApprovalPolicyInput!) { setApprovalPolicy(input: $in) {
        id subjectType version reminderPercents maxEscalationLevel
        steps { name slaHours aboveAmount upToAmount approver { kind role userId } } } }`;
    const GET = `query($t: String!, $b: ID) { approvalPolicy(subjectType: $t, branchId: $b) {
        id version steps { name slaHours aboveAmount upToAmount approver { kind role userId } } } }`;

    it('a branch uses the default until it writes its own; each write is a new version with every kind of rule', async () => {
      const def = await ok<{ approvalPolicy: { id: string | null; version: number; steps: unknown[] } }>(
        'managerA',
        GET,
        {
          t: 'TEST_CONTRACT',
        },
      );
      expect(def.approvalPolicy).toEqual({
        id: null,
        version: 0,
        steps: [
          {
            name: 'Branch manager',
            slaHours: 8,
            aboveAmount: null,
            upToAmount: null,
            approver: { kind: 'BRANCH_ROLE', role: 'BRANCH_MANAGER', userId: null },
          },
          {
            name: 'Leadership',
            slaHours: 16,
            aboveAmount: '500000',
            upToAmount: null,
            approver: { kind: 'HQ_ROLE', role: 'LEADERSHIP', userId: null },
          },
          {
            name: 'Head office',
            slaHours: 24,
            aboveAmount: '5000000',
            upToAmount: null,
            approver: { kind: 'HQ_ROLE', role: 'HQ_ADMIN', userId: null },
          },
        ],
      });
      // Other tests arrange LEAVE versions of branch A too: count from whatever version stands now.
      const was = (await ok<{ approvalPolicy: { version: number } }>('managerA', GET, { t: 'LEAVE' })).approvalPolicy
        .version;
      const auditCount = async () =>
        (await f.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'approval_policy'`)).rows[0]
          .n as number;
      const auditBefore = await auditCount();
      const input = leavePolicy();
      const v1 = await ok<{ setApprovalPolicy: { id: string; version: number; reminderPercents: number[] } }>(
        'managerA',
        SET,
        { in: input },
      );
      expect(v1.setApprovalPolicy).toMatchObject({
        version: was + 1,
        reminderPercents: [50, 90],
        maxEscalationLevel: 1,
      });
      const read = await ok<{
        approvalPolicy: { id: string; version: number; steps: { approver: { kind: string } }[] };
      }>('managerA', GET, { t: 'LEAVE' });
      expect(read.approvalPolicy.id).toBe(v1.setApprovalPolicy.id);
      expect(read.approvalPolicy.steps.map((s) => s.approver.kind)).toEqual([
        'REQUESTER_MANAGER',
        'USER',
        'BRANCH_ROLE',
        'HQ_ROLE',
      ]);
      const v2 = await ok<{ setApprovalPolicy: { version: number } }>('managerA', SET, {
        in: { ...input, maxEscalationLevel: 2, reminderPercents: [50, 90] },
      });
      expect(v2.setApprovalPolicy.version).toBe(was + 2);
      // Head office names the branch (or narrows with X-Branch-Id); branch B still has the default.
      const hq = await ok<{ approvalPolicy: { version: number } }>('admin', GET, { t: 'LEAVE', b: f.org.a.id });
      expect(hq.approvalPolicy.version).toBe(was + 2);
      expect(
        (await ok<{ approvalPolicy: { version: number } }>('managerB', GET, { t: 'LEAVE' })).approvalPolicy.version,
      ).toBe(0);
      expect(problem(await call('admin', GET, { t: 'LEAVE' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['branchId'],
      });
      expect((await auditCount()) - auditBefore).toBe(2);
    });

    it('head office may name one of its own people in a branch policy; a branch manager may not', async () => {
      const step = { name: 'Head-office legal', slaHours: 8, approver: { kind: 'USER', userId: f.u.staff.id } };
      const input = { branchId: f.org.b.id, subjectType: 'TEST_CONTRACT', steps: [step] };
      const refused = problem(await call('managerB', SET, { in: { ...input, branchId: undefined } }));
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['steps[0].approver.userId'] });
      const set = await ok<{ setApprovalPolicy: { version: number } }>('admin', SET, { in: input });
      const r = await submit(f.u.repB, { title: 'Needs head-office legal' });
      const [s1] = (await get('repB', r.id))!.steps;
      expect(await pendingSteps('staff')).toContain(s1.id);
      expect(problem(await call('managerB', APPROVE, { s: s1.id })).code).toBe('FORBIDDEN');
      await ok('staff', APPROVE, { s: s1.id });
      expect((await get('repB', r.id))!).toMatchObject({ status: 'APPROVED', steps: [{ decidedBy: f.u.staff.id }] });
      // Back to the built-in steps for later tests (as a newer version: the approved request keeps its own).
      await f.owner.query(
        `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level)
         VALUES ($1, gen_random_uuid(), 'TEST_CONTRACT', $2, $3, $4, $5)`,
        [
          f.org.b.id,
          set.setApprovalPolicy.version + 1,
          JSON.stringify(DEFAULT_POLICY.steps),
          DEFAULT_POLICY.reminderPercents,
          DEFAULT_POLICY.maxEscalationLevel,
        ],
      );
    });

    it('bad policies and people who may not write them get typed errors naming the field, and nothing changes', async () => {
      const before = await snapshot();
      const base = {
        subjectType: 'TEST_CONTRACT',
        steps: [{ name: 'M', approver: { kind: 'BRANCH_ROLE', role: 'BRANCH_MANAGER' }, slaHours: 8 }],
      };
      const step = (s: Record<string, unknown>) => ({ ...base, steps: [{ ...base.steps[0], ...s }] });
      const cases: [string, string, Record<string, unknown>, { code: string; fields?: string[] }][] = [
        ['repA', 'a sales rep', base, { code: 'FORBIDDEN' }],
        ['financeA', 'finance', base, { code: 'FORBIDDEN' }],
        [
          'managerA',
          'unknown subject type',
          { ...base, subjectType: 'NO_SUCH_THING' },
          { code: 'BAD_USER_INPUT', fields: ['subjectType'] },
        ],
        [
          'managerA',
          'malformed subject type',
          { ...base, subjectType: 'contract' },
          { code: 'BAD_USER_INPUT', fields: ['subjectType'] },
        ],
        ['managerA', 'no steps', { ...base, steps: [] }, { code: 'BAD_USER_INPUT', fields: ['steps'] }],
        [
          'managerA',
          'named user of another branch',
          step({ approver: { kind: 'USER', userId: f.u.managerB.id } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.userId'] },
        ],
        [
          'managerA',
          'named user who does not exist',
          step({ approver: { kind: 'USER', userId: randomUUID() } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.userId'] },
        ],
        [
          'managerA',
          'named user without an id',
          step({ approver: { kind: 'USER' } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.userId'] },
        ],
        [
          'managerA',
          'role rule without a role',
          step({ approver: { kind: 'BRANCH_ROLE' } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.role'] },
        ],
        [
          'managerA',
          'head-office role as branch role',
          step({ approver: { kind: 'BRANCH_ROLE', role: 'LEADERSHIP' } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.role'] },
        ],
        [
          'managerA',
          'branch role as head-office role',
          step({ approver: { kind: 'HQ_ROLE', role: 'SALES_REP' } }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].approver.role'] },
        ],
        [
          'managerA',
          'negative band',
          step({ aboveAmount: '-5' }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].aboveAmount'] },
        ],
        ['managerA', 'absurd band', step({ aboveAmount: '100000000000000000' }), { code: 'BAD_USER_INPUT' }],
        [
          'managerA',
          'empty band',
          step({ aboveAmount: '1000', upToAmount: '1000' }),
          { code: 'BAD_USER_INPUT', fields: ['steps[0].upToAmount'] },
        ],
        ['managerA', 'zero SLA', step({ slaHours: 0 }), { code: 'BAD_USER_INPUT', fields: ['steps.0.slaHours'] }],
        [
          'managerA',
          'SLA of 3 decimals',
          step({ slaHours: 1.005 }),
          { code: 'BAD_USER_INPUT', fields: ['steps.0.slaHours'] },
        ],
        [
          'managerA',
          'reminder at 100%',
          { ...base, reminderPercents: [100] },
          { code: 'BAD_USER_INPUT', fields: ['reminderPercents'] },
        ],
        [
          'managerA',
          'escalation level 9',
          { ...base, maxEscalationLevel: 9 },
          { code: 'BAD_USER_INPUT', fields: ['maxEscalationLevel'] },
        ],
        ['managerA', 'another branch', { ...base, branchId: f.org.b.id }, { code: 'FORBIDDEN' }],
        ['admin', 'head office without a branch', base, { code: 'BAD_USER_INPUT', fields: ['branchId'] }],
      ];
      for (const [who, what, input, expected] of cases) {
        const r = problem(await call(who, SET, { in: input }));
        expect({ what, ...r, fields: expected.fields ? r.fields : undefined }).toMatchObject({
          what,
          fields: undefined,
          ...expected,
        });
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('branch calendars', () => {
    const SET = `mutation($in: SetBranchCalendarInput!) { setBranchCalendar(input: $in) {
        branchId timeZone workDays dayStartMinute dayEndMinute days { day kind name } } }`;
    const GET = `query($b: ID) { branchCalendar(branchId: $b) { branchId timeZone workDays dayStartMinute dayEndMinute days { day kind name } } }`;

    it('the default week until set; a manager sets days, hours and holidays; the SLA of a new step counts only those hours', async () => {
      expect((await ok<{ branchCalendar: unknown }>('managerB', GET)).branchCalendar).toEqual({
        branchId: f.org.b.id,
        timeZone: 'Asia/Shanghai',
        workDays: [1, 2, 3, 4, 5],
        dayStartMinute: 540,
        dayEndMinute: 1080,
        days: [],
      });
      const today = localToday();
      const tomorrow = localToday('Asia/Shanghai', 1);
      const set = await ok<{ setBranchCalendar: { days: unknown[]; workDays: number[] } }>('managerB', SET, {
        in: {
          workDays: [6, 1, 2, 3, 4, 5],
          dayStartMinute: 480,
          dayEndMinute: 1020,
          days: [
            { day: tomorrow, kind: 'HOLIDAY', name: ' Founders day ' },
            { day: today, kind: 'HOLIDAY' },
            { day: '2026-09-27', kind: 'WORKDAY', name: 'Adjusted' },
          ],
        },
      });
      expect(set.setBranchCalendar.workDays).toEqual([1, 2, 3, 4, 5, 6]);
      const read = await ok<{ branchCalendar: { days: { day: string; kind: string; name: string }[] } }>('admin', GET, {
        b: f.org.b.id,
      });
      expect(read.branchCalendar.days).toEqual(
        [
          { day: today, kind: 'HOLIDAY', name: '' },
          { day: tomorrow, kind: 'HOLIDAY', name: 'Founders day' },
          { day: '2026-09-27', kind: 'WORKDAY', name: 'Adjusted' },
        ].sort((a, b) => a.day.localeCompare(b.day)),
      );
      // A request submitted today (a holiday, then another) is due only after working hours that follow them.
      const r = await submit(f.u.repB);
      const row = (
        await f.owner.query<{ started_at: Date; due_at: Date; next_reminder_at: Date }>(
          'SELECT started_at, due_at, next_reminder_at FROM approval_steps WHERE request_id = $1 AND position = 1',
          [r.id],
        )
      ).rows[0];
      const cal = {
        timeZone: 'Asia/Shanghai',
        workDays: [1, 2, 3, 4, 5, 6],
        dayStartMinute: 480,
        dayEndMinute: 1020,
        holidays: new Set([today, tomorrow]),
        extraWorkDays: new Set(['2026-09-27']),
      };
      expect(row.due_at.toISOString()).toBe(addWorkingHours(row.started_at, 8, cal).toISOString());
      expect(row.next_reminder_at.toISOString()).toBe(addWorkingHours(row.started_at, 4, cal).toISOString());
      const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(row.due_at);
      expect(dueDay > tomorrow).toBe(true);
      // Setting without `days` keeps them.
      await ok('managerB', SET, { in: { workDays: [1, 2, 3, 4, 5], dayStartMinute: 540, dayEndMinute: 1080 } });
      expect((await ok<{ branchCalendar: { days: unknown[] } }>('managerB', GET)).branchCalendar.days).toHaveLength(3);
      expect(
        (await f.owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'branch_calendar'`)).rows[0].n,
      ).toBe(2);
    });

    it('a new calendar moves the deadline, next escalation and next reminder of steps already running', async () => {
      const r = await submit(f.u.repB);
      const other = await submit(f.u.repA);
      const stepOf = async (id: string) =>
        (
          await f.owner.query<{
            id: string;
            started_at: Date;
            due_at: Date;
            next_escalation_at: Date | null;
            next_reminder_at: Date | null;
          }>(
            `SELECT id, started_at, due_at, next_escalation_at, next_reminder_at FROM approval_steps
             WHERE request_id = $1 AND position = 1`,
            [id],
          )
        ).rows[0];
      const before = await stepOf(r.id);
      const otherBefore = await stepOf(other.id);
      // As if the first level had been escalated and the first reminder sent.
      await f.owner.query(
        `UPDATE approval_steps SET escalation_level = 1, reminders_sent = 1, next_escalation_at = due_at WHERE id = $1`,
        [before.id],
      );
      // One working hour a day, Monday to Friday: an 8-hour SLA now spans eight working days.
      await ok('managerB', SET, {
        in: { workDays: [1, 2, 3, 4, 5], dayStartMinute: 540, dayEndMinute: 600, days: [] },
      });
      const cal = {
        timeZone: 'Asia/Shanghai',
        workDays: [1, 2, 3, 4, 5],
        dayStartMinute: 540,
        dayEndMinute: 600,
        holidays: new Set<string>(),
        extraWorkDays: new Set<string>(),
      };
      const after = await stepOf(r.id);
      expect(after.started_at).toEqual(before.started_at);
      expect(after.due_at.toISOString()).toBe(addWorkingHours(before.started_at, 8, cal).toISOString());
      expect(after.due_at.getTime()).toBeGreaterThan(before.due_at.getTime());
      expect(after.next_escalation_at?.toISOString()).toBe(addWorkingHours(before.started_at, 16, cal).toISOString());
      expect(after.next_reminder_at?.toISOString()).toBe(addWorkingHours(before.started_at, 7.2, cal).toISOString());
      // Another branch's clock does not move.
      expect(await stepOf(other.id)).toEqual(otherBefore);
      const [audit] = (
        await f.owner.query<{ after: { runningStepsMoved: number } }>(
          `SELECT after FROM audit_log WHERE entity = 'branch_calendar' ORDER BY created_at DESC LIMIT 1`,
        )
      ).rows;
      expect(audit.after.runningStepsMoved).toBeGreaterThanOrEqual(1);
      await ok('repB', WITHDRAW, { r: r.id });
      await ok('repA', WITHDRAW, { r: other.id });
      await ok('managerB', SET, {
        in: { workDays: [1, 2, 3, 4, 5], dayStartMinute: 540, dayEndMinute: 1080, days: [] },
      });
    });

    it('bad calendars and people who may not set them get typed errors, and nothing changes', async () => {
      const before = await snapshot();
      const base = { workDays: [1, 2, 3, 4, 5], dayStartMinute: 540, dayEndMinute: 1080 };
      const cases: [string, string, Record<string, unknown>, { code: string; fields?: string[] }][] = [
        ['repB', 'a sales rep', base, { code: 'FORBIDDEN' }],
        [
          'managerB',
          'end before start',
          { ...base, dayStartMinute: 600, dayEndMinute: 600 },
          { code: 'BAD_USER_INPUT', fields: ['dayEndMinute'] },
        ],
        [
          'managerB',
          'no such date',
          { ...base, days: [{ day: '2026-02-30', kind: 'HOLIDAY' }] },
          { code: 'BAD_USER_INPUT', fields: ['days[0].day'] },
        ],
        [
          'managerB',
          'a date twice',
          {
            ...base,
            days: [
              { day: '2026-05-01', kind: 'HOLIDAY' },
              { day: '2026-05-01', kind: 'WORKDAY' },
            ],
          },
          { code: 'BAD_USER_INPUT', fields: ['days[1].day'] },
        ],
        ['managerB', 'weekday 8', { ...base, workDays: [1, 8] }, { code: 'BAD_USER_INPUT', fields: ['workDays'] }],
        ['managerB', 'no working day', { ...base, workDays: [] }, { code: 'BAD_USER_INPUT', fields: ['workDays'] }],
        [
          'managerB',
          'minute 1441',
          { ...base, dayEndMinute: 1441 },
          { code: 'BAD_USER_INPUT', fields: ['dayEndMinute'] },
        ],
        [
          'managerB',
          'unknown day kind',
          { ...base, days: [{ day: '2026-05-01', kind: 'PARTY' }] },
          { code: 'BAD_USER_INPUT', fields: ['days.0.kind'] },
        ],
        ['managerB', 'branch A', { ...base, branchId: f.org.a.id }, { code: 'FORBIDDEN' }],
        ['admin', 'head office without a branch', base, { code: 'BAD_USER_INPUT', fields: ['branchId'] }],
      ];
      for (const [who, what, input, expected] of cases) {
        const r = problem(await call(who, SET, { in: input }));
        expect({ what, ...r, fields: expected.fields ? r.fields : undefined }).toMatchObject({
          what,
          fields: undefined,
          ...expected,
        });
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('submit', () => {
    it('the amount chooses the steps at the exact boundaries; rules resolve to approvers', async () => {
      const cases: [string | null, string[]][] = [
        [null, ['Branch manager']],
        ['500000', ['Branch manager']],
        ['500000.01', ['Branch manager', 'Leadership']],
        ['5000000.00', ['Branch manager', 'Leadership']],
        ['5000000.01', ['Branch manager', 'Leadership', 'Head office']],
      ];
      for (const [amount, steps] of cases) {
        const r = await submit(f.u.repA, { amount, title: `Amount ${amount}` });
        expect(r).toMatchObject({
          status: 'PENDING',
          currentPosition: 1,
          amount: amount === null ? null : Number(amount).toFixed(2),
          currency: amount ? 'CNY' : null,
        });
        const full = (await get('repA', r.id))!;
        expect({ amount, steps: full.steps.map((s) => s.name) }).toEqual({ amount, steps });
        expect(full.steps.map((s) => s.status)).toEqual(steps.map((_, i) => (i === 0 ? 'PENDING' : 'WAITING')));
        expect(full.steps[0].dueAt).not.toBeNull();
        expect(full.steps.slice(1).every((s) => s.dueAt === null)).toBe(true);
        expect(full.timeline).toEqual([
          { action: 'SUBMITTED', actorId: f.u.repA.id, stepId: null, level: null, comment: null },
        ]);
      }
      // LEAVE in branch A: the policy the policies tests write. The requester's manager depends on who asks.
      await arrangeLeavePolicyInA();
      const rep = (await get('repA', (await submit(f.u.repA, { subjectType: 'LEAVE', amount: '10' })).id))!;
      expect(rep.steps.map((s) => [s.name, s.approvers])).toEqual([
        ['Manager', [{ kind: 'BRANCH_ROLE', role: 'BRANCH_MANAGER', userId: null, source: 'POLICY', level: 0 }]],
        ['Finance check', [{ kind: 'USER', role: null, userId: f.u.financeA.id, source: 'POLICY', level: 0 }]],
      ]);
      const mgr = (await get('managerA', (await submit(f.u.managerA, { subjectType: 'LEAVE', amount: '6000' })).id))!;
      expect(mgr.steps.map((s) => [s.name, s.approvers[0].kind, s.approvers[0].role])).toEqual([
        ['Manager', 'HQ_ROLE', 'LEADERSHIP'],
        ['Finance team', 'BRANCH_ROLE', 'FINANCE'],
        ['Head office staff', 'HQ_ROLE', 'HQ_STAFF'],
      ]);
      const hq = (await get('admin', (await submit(f.u.admin, { subjectType: 'LEAVE' })).id))!;
      expect(hq.steps[0].approvers).toEqual([
        { kind: 'HQ_ROLE', role: 'HQ_ADMIN', userId: null, source: 'POLICY', level: 0 },
      ]);
      expect(hq.branchId).toBe(f.org.a.id);
    });

    it('bad amounts, currencies, titles and subjects are typed errors and write nothing; one open request per subject', async () => {
      const subjectId = randomUUID();
      await submit(f.u.repA, { subjectId, title: 'First' });
      const before = await snapshot();
      const cases: [string, Partial<SubmitInput>, { code: string; fields: string[] }][] = [
        ['negative amount', { amount: '-1' }, { code: 'BAD_USER_INPUT', fields: ['amount'] }],
        ['absurd amount', { amount: '100000000000000000' }, { code: 'BAD_USER_INPUT', fields: ['amount'] }],
        ['exponent', { amount: '1e9' }, { code: 'BAD_USER_INPUT', fields: ['amount'] }],
        ['three decimals', { amount: '10.001' }, { code: 'BAD_USER_INPUT', fields: ['amount'] }],
        ['not a number', { amount: 'lots' }, { code: 'BAD_USER_INPUT', fields: ['amount'] }],
        ['wrong currency', { amount: '100', currency: 'USD' }, { code: 'BAD_USER_INPUT', fields: ['currency'] }],
        ['currency without amount', { currency: 'CNY' }, { code: 'BAD_USER_INPUT', fields: ['currency'] }],
        ['blank title', { title: '   ' }, { code: 'BAD_USER_INPUT', fields: ['title'] }],
        ['long title', { title: 'x'.repeat(201) }, { code: 'BAD_USER_INPUT', fields: ['title'] }],
        ['subject nobody handles', { subjectType: 'ZZ_NOBODY' }, { code: 'BAD_USER_INPUT', fields: ['subjectType'] }],
        ['a branch not in scope', { branchId: f.org.b.id }, { code: 'NOT_FOUND', fields: [] }],
        ['the same subject again', { subjectId, title: 'Second' }, { code: 'CONFLICT', fields: [] }],
      ];
      for (const [what, input, expected] of cases) {
        expect({ what, ...(await refused(submit(f.u.repA, input))) }).toEqual({ what, ...expected });
      }
      expect(await snapshot()).toEqual(before);
    });

    it('no step for the amount approves at once; a waiting request keeps the steps it was given', async () => {
      const SET = `mutation($in: SetApprovalPolicyInput!) { setApprovalPolicy(input: $in) { version } }`;
      const manager = { name: 'Manager', approver: { kind: 'BRANCH_ROLE', role: 'BRANCH_MANAGER' } };
      await ok('managerB', SET, {
        in: { subjectType: 'TEST_CONTRACT', steps: [{ ...manager, aboveAmount: '1000', slaHours: 2 }] },
      });
      const small = await submit(f.u.repB, { amount: '10', title: 'Petty' });
      expect(small).toMatchObject({ status: 'APPROVED', currentPosition: null });
      expect(small.decidedAt).not.toBeNull();
      expect(outcomes.filter((o) => o.requestId === small.id).map((o) => o.outcome)).toEqual(['APPROVED']);
      const petty = (await get('repB', small.id))!;
      expect(petty.steps).toEqual([]);
      expect(petty.timeline.map((e) => e.action)).toEqual(['SUBMITTED', 'COMPLETED']);
      expect(await jobsFor(small.id)).toEqual([
        { job_name: 'approvals.request-decided', payload: { branchId: f.org.b.id, requestId: small.id } },
      ]);

      const waiting = await submit(f.u.repB, { amount: '2000', title: 'Under the old policy' });
      // Back to the default steps (with a leadership step above 500,000): the waiting request is not moved.
      await ok('managerB', SET, {
        in: {
          subjectType: 'TEST_CONTRACT',
          steps: [
            { ...manager, slaHours: 8 },
            {
              name: 'Leadership',
              approver: { kind: 'HQ_ROLE', role: 'LEADERSHIP' },
              aboveAmount: '500000',
              slaHours: 16,
            },
            {
              name: 'Head office',
              approver: { kind: 'HQ_ROLE', role: 'HQ_ADMIN' },
              aboveAmount: '5000000',
              slaHours: 24,
            },
          ],
        },
      });
      const kept = (await get('repB', waiting.id))!;
      expect(kept.steps.map((s) => [s.name, s.slaHours])).toEqual([['Manager', 2]]);
      await ok('managerB', APPROVE, { s: kept.steps[0].id });
      expect((await get('repB', waiting.id))!.status).toBe('APPROVED');
    });
  });

  describe('deciding', () => {
    it('a large request goes through manager, leadership and head office; each sees it when it is theirs', async () => {
      const r = await submit(f.u.repA, { amount: '6000000.00', title: 'Big contract' });
      let full = (await get('repA', r.id))!;
      const [s1, s2, s3] = full.steps;
      expect(full.steps.map((s) => s.approvers.map((a) => `${a.kind}:${a.role}`))).toEqual([
        ['BRANCH_ROLE:BRANCH_MANAGER'],
        ['HQ_ROLE:LEADERSHIP'],
        ['HQ_ROLE:HQ_ADMIN'],
      ]);
      expect(await pendingSteps('managerA')).toContain(s1.id);
      expect(await pendingSteps('managerA2')).toContain(s1.id);
      for (const who of ['leader', 'admin', 'repA', 'financeA', 'managerB']) {
        const mine = await pendingSteps(who);
        expect({ who, has: [s1.id, s2.id, s3.id].some((s) => mine.includes(s)) }).toEqual({ who, has: false });
      }
      expect(
        (
          await ok<{ mySubmittedApprovals: { edges: { node: { id: string } }[] } }>(
            'repA',
            '{ mySubmittedApprovals(first: 100) { edges { node { id } } } }',
          )
        ).mySubmittedApprovals.edges.map((e) => e.node.id),
      ).toContain(r.id);

      // Nobody acts out of turn, and a refusal changes nothing.
      const before = await snapshot();
      const refusals: [string, string, string][] = [
        ['leader', s2.id, 'INVALID_STATE'],
        ['leader', s1.id, 'FORBIDDEN'],
        ['admin', s1.id, 'FORBIDDEN'],
        ['repA', s1.id, 'FORBIDDEN'],
        ['financeA', s1.id, 'FORBIDDEN'],
        ['rep2A', s1.id, 'NOT_FOUND'],
        ['managerB', s1.id, 'NOT_FOUND'],
        ['managerA', randomUUID(), 'NOT_FOUND'],
      ];
      for (const [who, step, code] of refusals) {
        expect({ who, step, code: problem(await call(who, APPROVE, { s: step })).code }).toMatchObject({
          who,
          step,
          code,
        });
      }
      expect(await snapshot()).toEqual(before);

      expect(
        (await ok<{ approveStep: unknown }>('managerA', APPROVE, { s: s1.id, c: 'Fine by me' })).approveStep,
      ).toEqual({
        id: r.id,
        status: 'PENDING',
        currentPosition: 2,
      });
      expect(problem(await call('managerA2', APPROVE, { s: s1.id })).code).toBe('CONFLICT');
      expect(await pendingSteps('managerA')).not.toContain(s1.id);
      expect(await pendingSteps('leader')).toContain(s2.id);
      expect(await pendingSteps('staff')).not.toContain(s2.id);
      await ok('leader', APPROVE, { s: s2.id });
      expect(await pendingSteps('admin')).toContain(s3.id);
      expect(outcomes.filter((o) => o.requestId === r.id)).toEqual([]);
      expect((await ok<{ approveStep: unknown }>('admin', APPROVE, { s: s3.id })).approveStep).toEqual({
        id: r.id,
        status: 'APPROVED',
        currentPosition: null,
      });
      full = (await get('repA', r.id))!;
      expect(full.status).toBe('APPROVED');
      expect(full.decidedAt).not.toBeNull();
      expect(full.steps.map((s) => [s.status, s.decidedBy])).toEqual([
        ['APPROVED', f.u.managerA.id],
        ['APPROVED', f.u.leader.id],
        ['APPROVED', f.u.admin.id],
      ]);
      expect(full.timeline.map((e) => [e.action, e.actorId, e.comment])).toEqual([
        ['SUBMITTED', f.u.repA.id, null],
        ['APPROVED', f.u.managerA.id, 'Fine by me'],
        ['APPROVED', f.u.leader.id, null],
        ['APPROVED', f.u.admin.id, null],
        ['COMPLETED', null, null],
      ]);
      // The subject heard once, in the deciding transaction (its audit row is there), and the requester is
      // told by the worker (an API transaction writes only the actor's own notifications): the job is committed.
      expect(outcomes.filter((o) => o.requestId === r.id)).toEqual([
        { requestId: r.id, subjectId: r.subjectId, outcome: 'APPROVED', status: 'APPROVED' },
      ]);
      const subjectAudit = await f.owner.query(
        `SELECT action, actor_id FROM audit_log WHERE entity = 'test_contract' AND entity_id = $1`,
        [r.subjectId],
      );
      expect(subjectAudit.rows).toEqual([{ action: 'approved', actor_id: f.u.admin.id }]);
      const audit = await f.owner.query(
        `SELECT action, actor_id FROM audit_log WHERE entity = 'approval_request' AND entity_id = $1 ORDER BY created_at, action`,
        [r.id],
      );
      expect(audit.rows.map((x) => x.action)).toEqual(['submit', 'approve', 'approve', 'approve']);
      expect(await jobsFor(r.id)).toEqual([
        { job_name: 'approvals.request-decided', payload: { branchId: f.org.a.id, requestId: r.id } },
      ]);
      // A decided request takes no more decisions.
      expect(problem(await call('admin', APPROVE, { s: s3.id })).code).toBe('CONFLICT');
      expect(problem(await call('repA', WITHDRAW, { r: r.id })).code).toBe('INVALID_STATE');
      const approved = (
        await ok<{ mySubmittedApprovals: { edges: { node: { id: string } }[] } }>(
          'repA',
          '{ mySubmittedApprovals(first: 100, status: APPROVED) { edges { node { id } } } }',
        )
      ).mySubmittedApprovals.edges.map((e) => e.node.id);
      expect(approved).toContain(r.id);
      // Approved ones only, whatever else repA submitted in the file.
      const statuses = await f.owner.query(`SELECT DISTINCT status FROM approval_requests WHERE id = ANY($1::uuid[])`, [
        approved,
      ]);
      expect(statuses.rows).toEqual([{ status: 'APPROVED' }]);
    });

    it('reject needs a reason and ends the request; later steps are cancelled and take no action', async () => {
      const r = await submit(f.u.repA, { amount: '600000', title: 'To be rejected' });
      const [s1, s2] = (await get('repA', r.id))!.steps;
      const before = await snapshot();
      for (const reason of ['', '   ']) {
        expect(problem(await call('managerA', REJECT, { s: s1.id, r: reason }))).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: ['reason'],
        });
      }
      expect(problem(await call('managerA', REJECT, { s: s1.id, r: 'x'.repeat(2001) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['reason'],
      });
      expect(await snapshot()).toEqual(before);
      expect(
        (await ok<{ rejectStep: unknown }>('managerA', REJECT, { s: s1.id, r: ' Price below floor ' })).rejectStep,
      ).toEqual({
        id: r.id,
        status: 'REJECTED',
      });
      const full = (await get('repA', r.id))!;
      expect(full.steps.map((s) => s.status)).toEqual(['REJECTED', 'CANCELLED']);
      expect(full.timeline.map((e) => [e.action, e.comment])).toEqual([
        ['SUBMITTED', null],
        ['REJECTED', 'Price below floor'],
      ]);
      expect(outcomes.filter((o) => o.requestId === r.id).map((o) => o.outcome)).toEqual(['REJECTED']);
      expect(await jobsFor(r.id)).toEqual([
        { job_name: 'approvals.request-decided', payload: { branchId: f.org.a.id, requestId: r.id } },
      ]);
      const after = await snapshot();
      expect(problem(await call('managerA2', APPROVE, { s: s1.id })).code).toBe('CONFLICT');
      expect(problem(await call('leader', APPROVE, { s: s2.id })).code).toBe('INVALID_STATE');
      expect(problem(await call('leader', REJECT, { s: s2.id, r: 'no' })).code).toBe('INVALID_STATE');
      expect(problem(await call('repA', WITHDRAW, { r: r.id })).code).toBe('INVALID_STATE');
      expect(await snapshot()).toEqual(after);
    });

    it('return for changes needs a comment; the requester may then submit the same subject again', async () => {
      const subjectId = randomUUID();
      const r = await submit(f.u.repA, { subjectId, title: 'Needs work' });
      const [s1] = (await get('repA', r.id))!.steps;
      expect(problem(await call('managerA', RETURN, { s: s1.id, c: ' ' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['comment'],
      });
      expect(
        (await ok<{ returnStep: unknown }>('managerA', RETURN, { s: s1.id, c: 'Attach the quote' })).returnStep,
      ).toEqual({
        id: r.id,
        status: 'RETURNED',
      });
      expect(outcomes.filter((o) => o.requestId === r.id).map((o) => o.outcome)).toEqual(['RETURNED']);
      expect((await get('repA', r.id))!.steps[0]).toMatchObject({ status: 'RETURNED', decidedBy: f.u.managerA.id });
      const again = await submit(f.u.repA, { subjectId, title: 'Needs work (2)' });
      expect(again.status).toBe('PENDING');
      expect(again.id).not.toBe(r.id);
    });

    it('withdraw is the requester’s, only while pending; others get FORBIDDEN or NOT_FOUND', async () => {
      const r = await submit(f.u.repA, { title: 'Changed my mind' });
      const [s1] = (await get('repA', r.id))!.steps;
      const before = await snapshot();
      expect(problem(await call('managerA', WITHDRAW, { r: r.id })).code).toBe('FORBIDDEN');
      expect(problem(await call('rep2A', WITHDRAW, { r: r.id })).code).toBe('NOT_FOUND');
      expect(problem(await call('managerB', WITHDRAW, { r: r.id })).code).toBe('NOT_FOUND');
      expect(problem(await call('repA', WITHDRAW, { r: r.id, c: 'x'.repeat(2001) })).code).toBe('BAD_USER_INPUT');
      expect(await snapshot()).toEqual(before);
      expect(
        (await ok<{ withdrawApproval: unknown }>('repA', WITHDRAW, { r: r.id, c: 'Customer cancelled' }))
          .withdrawApproval,
      ).toEqual({
        id: r.id,
        status: 'WITHDRAWN',
      });
      expect(outcomes.filter((o) => o.requestId === r.id).map((o) => o.outcome)).toEqual(['WITHDRAWN']);
      expect(await pendingSteps('managerA')).not.toContain(s1.id);
      expect((await get('repA', r.id))!.steps[0].status).toBe('CANCELLED');
      expect(problem(await call('managerA', APPROVE, { s: s1.id })).code).toBe('INVALID_STATE');
      expect(problem(await call('repA', WITHDRAW, { r: r.id })).code).toBe('INVALID_STATE');
    });

    it('a subject that refuses the outcome rolls the whole decision back', async () => {
      const r = await submit(f.u.repA, { title: 'Explodes on decision' });
      const [s1] = (await get('repA', r.id))!.steps;
      const before = await snapshot();
      expect(problem(await call('managerA', APPROVE, { s: s1.id })).code).toBe('INVALID_STATE');
      expect(problem(await call('managerA', REJECT, { s: s1.id, r: 'no' })).code).toBe('INVALID_STATE');
      expect(await snapshot()).toEqual(before);
      expect((await get('repA', r.id))!.steps[0].status).toBe('PENDING');
    });
  });

  describe('delegation and comments', () => {
    it('head office hands its step to a head-office colleague, who then decides it', async () => {
      const r = await submit(f.u.repA, { amount: '5000000.01', title: 'Big for head office' });
      const [s1, s2, s3] = (await get('repA', r.id))!.steps;
      await ok('managerA', APPROVE, { s: s1.id });
      await ok('leader', APPROVE, { s: s2.id });
      expect(await pendingSteps('staff')).not.toContain(s3.id);
      expect(problem(await call('staff', APPROVE, { s: s3.id })).code).toBe('FORBIDDEN');
      await ok('admin', DELEGATE, { s: s3.id, to: f.u.staff.id });
      expect(await pendingSteps('staff')).toContain(s3.id);
      expect((await ok<{ approveStep: { status: string } }>('staff', APPROVE, { s: s3.id })).approveStep.status).toBe(
        'APPROVED',
      );
      expect((await get('admin', r.id))!.steps[2]).toMatchObject({ decidedBy: f.u.staff.id, status: 'APPROVED' });
    });

    it('an approver hands a step to a named colleague, who then sees and decides it', async () => {
      const r = await submit(f.u.repA, { title: 'Delegated' });
      const [s1] = (await get('repA', r.id))!.steps;
      const before = await snapshot();
      const bad: [string, string, { code: string; fields: string[] }][] = [
        ['managerA', f.u.managerA.id, { code: 'BAD_USER_INPUT', fields: ['toUserId'] }],
        ['managerA', f.u.repA.id, { code: 'BAD_USER_INPUT', fields: ['toUserId'] }],
        ['managerA', f.u.managerB.id, { code: 'BAD_USER_INPUT', fields: ['toUserId'] }],
        ['managerA', randomUUID(), { code: 'BAD_USER_INPUT', fields: ['toUserId'] }],
        ['financeA', f.u.rep2A.id, { code: 'FORBIDDEN', fields: [] }],
        ['repA', f.u.financeA.id, { code: 'FORBIDDEN', fields: [] }],
        ['rep2A', f.u.financeA.id, { code: 'NOT_FOUND', fields: [] }],
        ['managerB', f.u.managerB.id, { code: 'NOT_FOUND', fields: [] }],
      ];
      for (const [who, to, expected] of bad) {
        expect({ who, to, ...problem(await call(who, DELEGATE, { s: s1.id, to })) }).toMatchObject({
          who,
          to,
          ...expected,
        });
      }
      expect(await snapshot()).toEqual(before);
      expect(await pendingSteps('financeA')).not.toContain(s1.id);
      await ok('managerA', DELEGATE, { s: s1.id, to: f.u.financeA.id, c: 'You know this customer' });
      expect(await pendingSteps('financeA')).toContain(s1.id);
      const full = (await get('financeA', r.id))!;
      expect(full.steps[0].approvers).toEqual([
        { kind: 'BRANCH_ROLE', role: 'BRANCH_MANAGER', userId: null, source: 'POLICY', level: 0 },
        { kind: 'USER', role: null, userId: f.u.financeA.id, source: 'DELEGATION', level: 0 },
      ]);
      expect(full.timeline.map((e) => [e.action, e.actorId, e.comment])).toEqual([
        ['SUBMITTED', f.u.repA.id, null],
        ['DELEGATED', f.u.managerA.id, 'You know this customer'],
      ]);
      expect(await jobsFor(s1.id)).toEqual([
        {
          job_name: 'approvals.step-delegated',
          payload: { branchId: f.org.a.id, stepId: s1.id, userId: f.u.financeA.id },
        },
      ]);
      await ok('financeA', APPROVE, { s: s1.id });
      expect((await get('repA', r.id))!).toMatchObject({ status: 'APPROVED', steps: [{ decidedBy: f.u.financeA.id }] });
    });

    it('a standing out-of-office delegation lets the delegate act between its dates, never on the delegator’s own request', async () => {
      const SET = `mutation($in: ApprovalDelegationInput!) { setApprovalDelegation(input: $in) }`;
      const today = localToday();
      const before = await snapshot();
      const bad: [string, Record<string, unknown>, { code: string; fields: string[] }][] = [
        [
          'managerA',
          { delegateId: f.u.rep2A.id, startsOn: today, endsOn: localToday('Asia/Shanghai', -1) },
          { code: 'BAD_USER_INPUT', fields: ['endsOn'] },
        ],
        [
          'managerA',
          { delegateId: f.u.managerA.id, startsOn: today, endsOn: today },
          { code: 'BAD_USER_INPUT', fields: ['delegateId'] },
        ],
        [
          'managerA',
          { delegateId: f.u.managerB.id, startsOn: today, endsOn: today },
          { code: 'BAD_USER_INPUT', fields: ['delegateId'] },
        ],
        [
          'managerA',
          { delegateId: randomUUID(), startsOn: today, endsOn: today },
          { code: 'BAD_USER_INPUT', fields: ['delegateId'] },
        ],
        [
          'managerA',
          { delegateId: f.u.rep2A.id, startsOn: '2026-02-30', endsOn: '2026-03-02' },
          { code: 'BAD_USER_INPUT', fields: ['startsOn'] },
        ],
        [
          'managerA',
          { delegateId: f.u.rep2A.id, startsOn: 'tomorrow', endsOn: today },
          { code: 'BAD_USER_INPUT', fields: ['startsOn'] },
        ],
      ];
      for (const [who, input, expected] of bad) {
        expect({ input, ...problem(await call(who, SET, { in: input })) }).toMatchObject({ input, ...expected });
      }
      expect(await snapshot()).toEqual(before);

      const mine = await submit(f.u.managerA, { title: 'Manager’s own' });
      const theirs = await submit(f.u.repA, { title: 'While the manager is away' });
      const [own1] = (await get('managerA', mine.id))!.steps;
      const [their1] = (await get('repA', theirs.id))!.steps;
      expect(await pendingSteps('rep2A')).toEqual([]);
      expect(await get('rep2A', theirs.id)).toBeNull();
      const id = (
        await ok<{ setApprovalDelegation: string }>('managerA', SET, {
          in: {
            delegateId: f.u.rep2A.id,
            startsOn: localToday('Asia/Shanghai', -1),
            endsOn: localToday('Asia/Shanghai', 2),
            reason: 'Trade fair',
          },
        })
      ).setApprovalDelegation;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // A future delegation (starts next week) gives nothing yet.
      await ok('managerA2', SET, {
        in: {
          delegateId: f.u.financeA.id,
          startsOn: localToday('Asia/Shanghai', 7),
          endsOn: localToday('Asia/Shanghai', 9),
        },
      });
      expect(await pendingSteps('financeA')).not.toContain(their1.id);
      const delegated = await pendingSteps('rep2A');
      expect(delegated).toContain(their1.id);
      expect(delegated).not.toContain(own1.id);
      expect(await get('rep2A', theirs.id)).not.toBeNull();
      // The manager's own request is decided by another manager, not by the manager's stand-in.
      expect(problem(await call('rep2A', APPROVE, { s: own1.id })).code).toMatch(/FORBIDDEN|NOT_FOUND/);
      await ok('rep2A', APPROVE, { s: their1.id, c: 'On behalf of the manager' });
      expect((await get('repA', theirs.id))!).toMatchObject({
        status: 'APPROVED',
        steps: [{ decidedBy: f.u.rep2A.id }],
      });
      await ok('managerA2', APPROVE, { s: own1.id });
      const rows = await f.owner.query('SELECT user_id, delegate_id, reason FROM approval_delegations WHERE id = $1', [
        id,
      ]);
      expect(rows.rows).toEqual([{ user_id: f.u.managerA.id, delegate_id: f.u.rep2A.id, reason: 'Trade fair' }]);
      // The delegation ends: the stand-in is back to a sales rep.
      await f.owner.query(
        `UPDATE approval_delegations SET starts_on = starts_on - 10, ends_on = starts_on - 5 WHERE id = $1`,
        [id],
      );
      const later = await submit(f.u.repA, { title: 'After the fair' });
      expect(await pendingSteps('rep2A')).not.toContain((await get('repA', later.id))!.steps[0].id);
    });

    it('delegations are listed to who gave and received them (managers: the branch’s); cancelling one ends it at once', async () => {
      const SET = `mutation($in: ApprovalDelegationInput!) { setApprovalDelegation(input: $in) }`;
      const LIST = `query($p: Boolean, $b: ID) { approvalDelegations(includePast: $p, branchId: $b) {
          id branchId userId delegateId startsOn endsOn reason active cancelledAt cancelledBy } }`;
      const CANCEL = `mutation($id: ID!) { cancelApprovalDelegation(id: $id) { id active cancelledAt cancelledBy } }`;
      type Row = { id: string; userId: string; delegateId: string; active: boolean; cancelledBy: string | null };
      const list = async (who: string, vars: Record<string, unknown> = {}) =>
        (await ok<{ approvalDelegations: Row[] }>(who, LIST, vars)).approvalDelegations;
      const id = (
        await ok<{ setApprovalDelegation: string }>('financeA', SET, {
          in: {
            delegateId: f.u.rep2A.id,
            startsOn: localToday(),
            endsOn: localToday('Asia/Shanghai', 3),
            reason: 'Leave',
          },
        })
      ).setApprovalDelegation;
      const mine = (rows: Row[]) => rows.filter((r) => r.id === id);
      expect(mine(await list('financeA'))).toEqual([
        expect.objectContaining({ userId: f.u.financeA.id, delegateId: f.u.rep2A.id, active: true, cancelledBy: null }),
      ]);
      expect(mine(await list('rep2A'))).toHaveLength(1);
      expect(mine(await list('managerA'))).toHaveLength(1);
      expect(mine(await list('admin', { b: f.org.a.id }))).toHaveLength(1);
      // Neither giver nor receiver nor manager: not listed; another branch: not listed.
      expect(mine(await list('repA'))).toEqual([]);
      expect(mine(await list('managerB'))).toEqual([]);
      expect(mine(await list('admin', { b: f.org.b.id }))).toEqual([]);

      // While it runs, the stand-in sees a step that finance may decide.
      const r = await submit(f.u.repA, { title: 'Finance decides' });
      await f.owner.query(
        `UPDATE approval_step_approvers SET kind = 'USER', user_id = $2, role = NULL
         WHERE step_id = (SELECT id FROM approval_steps WHERE request_id = $1 AND position = 1)`,
        [r.id, f.u.financeA.id],
      );
      const [step] = (await get('repA', r.id))!.steps;
      expect(await pendingSteps('rep2A')).toContain(step.id);

      const before = await snapshot();
      // The receiver, a colleague, another branch's manager and a random id: refused, nothing changes.
      expect(problem(await call('rep2A', CANCEL, { id })).code).toBe('FORBIDDEN');
      expect(problem(await call('repA', CANCEL, { id })).code).toBe('NOT_FOUND');
      expect(problem(await call('managerB', CANCEL, { id })).code).toBe('NOT_FOUND');
      expect(problem(await call('financeA', CANCEL, { id: randomUUID() })).code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);

      const cancelled = (
        await ok<{ cancelApprovalDelegation: { active: boolean; cancelledAt: string; cancelledBy: string } }>(
          'financeA',
          CANCEL,
          { id },
        )
      ).cancelApprovalDelegation;
      expect(cancelled).toMatchObject({ active: false, cancelledBy: f.u.financeA.id });
      expect(await pendingSteps('rep2A')).not.toContain(step.id);
      expect(problem(await call('rep2A', APPROVE, { s: step.id })).code).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(problem(await call('financeA', CANCEL, { id })).code).toBe('INVALID_STATE');
      expect(mine(await list('financeA'))).toEqual([]);
      expect(mine(await list('financeA', { p: true }))).toEqual([expect.objectContaining({ active: false })]);
      // A manager may cancel someone else's.
      const other = (
        await ok<{ setApprovalDelegation: string }>('rep2A', SET, {
          in: {
            delegateId: f.u.repA.id,
            startsOn: localToday('Asia/Shanghai', 5),
            endsOn: localToday('Asia/Shanghai', 6),
          },
        })
      ).setApprovalDelegation;
      await ok('managerA', CANCEL, { id: other });
      expect(
        (
          await f.owner.query(
            `SELECT action FROM audit_log WHERE entity = 'approval_delegation' AND entity_id = $1 ORDER BY created_at`,
            [id],
          )
        ).rows,
      ).toEqual([{ action: 'create' }, { action: 'cancel' }]);
      await ok('repA', WITHDRAW, { r: r.id });
    });

    it('comments: anyone who sees the request may comment; blank, long and foreign ones are refused', async () => {
      const r = await submit(f.u.repA, { title: 'Talk about it' });
      await ok('managerA', COMMENT, { r: r.id, c: 'Which customer?' });
      await ok('repA', COMMENT, { r: r.id, c: ' Acme ' });
      await ok('admin', COMMENT, { r: r.id, c: 'Watching this one' });
      const before = await snapshot();
      const bad: [string, string, { code: string; fields: string[] }][] = [
        ['managerA', '  ', { code: 'BAD_USER_INPUT', fields: ['comment'] }],
        ['managerA', 'x'.repeat(2001), { code: 'BAD_USER_INPUT', fields: ['comment'] }],
        ['rep2A', 'Nosy', { code: 'NOT_FOUND', fields: [] }],
        ['managerB', 'Nosy', { code: 'NOT_FOUND', fields: [] }],
      ];
      for (const [who, c, expected] of bad) {
        expect({ who, ...problem(await call(who, COMMENT, { r: r.id, c })) }).toMatchObject({ who, ...expected });
      }
      expect(problem(await call('managerA', COMMENT, { r: randomUUID(), c: 'hello' })).code).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
      expect((await get('repA', r.id))!.timeline.map((e) => [e.action, e.actorId, e.comment])).toEqual([
        ['SUBMITTED', f.u.repA.id, null],
        ['COMMENTED', f.u.managerA.id, 'Which customer?'],
        ['COMMENTED', f.u.repA.id, 'Acme'],
        ['COMMENTED', f.u.admin.id, 'Watching this one'],
      ]);
    });
  });

  it('two approvers acting at once: exactly one wins, the other gets CONFLICT, the subject hears once', async () => {
    const pairs: [string, string][] = [
      ['approve', 'approve'],
      ['approve', 'reject'],
      ['reject', 'approve'],
      ['return', 'reject'],
      ['approve', 'approve'],
      ['reject', 'reject'],
    ];
    const act = (who: string, what: string, s: string) =>
      what === 'approve'
        ? call(who, APPROVE, { s })
        : what === 'reject'
          ? call(who, REJECT, { s, r: 'no' })
          : call(who, RETURN, { s, c: 'again' });
    for (const [x, y] of pairs) {
      const r = await submit(f.u.repA, { title: `Race ${x} ${y}` });
      const [s1] = (await get('repA', r.id))!.steps;
      const [a, b] = await Promise.all([act('managerA', x, s1.id), act('managerA2', y, s1.id)]);
      const codes = [a, b].map((res) => res.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect({ x, y, codes }).toEqual({ x, y, codes: ['CONFLICT', 'OK'] });
      const winner = a.body.errors ? y : x;
      const status = { approve: 'APPROVED', reject: 'REJECTED', return: 'RETURNED' }[winner];
      const full = (await get('repA', r.id))!;
      expect(full.status).toBe(status);
      expect(full.timeline.filter((e) => e.action !== 'SUBMITTED' && e.action !== 'COMPLETED')).toHaveLength(1);
      expect(outcomes.filter((o) => o.requestId === r.id).map((o) => o.outcome)).toEqual([status]);
    }
  });

  describe('queries', () => {
    it('myPendingApprovals pages by deadline through every step once, for branch and head-office approvers', async () => {
      for (const title of ['Branch B big one', 'Branch B big two']) await submit(f.u.repB, { amount: '700000', title });
      // Three waiting for branch A's managers: more than a page of two, whatever else the file submitted.
      for (const title of ['Branch A one', 'Branch A two', 'Branch A three']) await submit(f.u.repA, { title });
      const bFirst = (await ok<PendingPage>('managerB', PENDING, { first: 100 })).myPendingApprovals.edges;
      for (const e of bFirst) if (e.node.step.position === 1) await ok('managerB', APPROVE, { s: e.node.step.id });
      const bigA = await submit(f.u.repA, { amount: '700000', title: 'Branch A big one' });
      await ok('managerA', APPROVE, { s: (await get('repA', bigA.id))!.steps[0].id });
      for (const who of ['managerA2', 'leader']) {
        const all: { id: string; dueAt: string; branchId: string }[] = [];
        let after: string | null = null;
        let total = -1;
        for (let page = 0; page < 50; page++) {
          const r: PendingPage = await ok<PendingPage>(who, PENDING, { first: 2, after });
          total = r.myPendingApprovals.totalCount;
          all.push(
            ...r.myPendingApprovals.edges.map((e) => ({
              id: e.node.step.id,
              dueAt: e.node.step.dueAt,
              branchId: e.node.request.branchId,
            })),
          );
          if (!r.myPendingApprovals.pageInfo.hasNextPage) break;
          after = r.myPendingApprovals.pageInfo.endCursor;
        }
        expect({ who, n: all.length }).toEqual({ who, n: total });
        expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
        const sorted = [...all].sort((p, q) => p.dueAt.localeCompare(q.dueAt) || p.id.localeCompare(q.id));
        expect(all).toEqual(sorted);
        const expected = await f.owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
           JOIN approval_step_approvers a ON a.branch_id = s.branch_id AND a.step_id = s.id
           WHERE s.status = 'PENDING' AND r.requester_id <> $1 AND a.kind <> 'USER' AND a.role = $2 AND ($3::uuid IS NULL OR s.branch_id = $3)`,
          [f.u[who].id, f.u[who].role, who === 'leader' ? null : f.org.a.id],
        );
        expect({ who, total }).toEqual({ who, total: expected.rows[0].n });
        expect(total).toBeGreaterThan(2);
        if (who === 'leader') expect(new Set(all.map((s) => s.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
      }
      expect(problem(await call('managerA', PENDING, { after: 'not-a-cursor' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['after'],
      });
      expect(problem(await call('managerA', PENDING, { first: 101 }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['first'],
      });
    });

    it('mySubmittedApprovals pages newest first with a status filter', async () => {
      const Q = `query($after: String, $s: ApprovalStatus) { mySubmittedApprovals(first: 3, after: $after, status: $s) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id status requesterId } } } }`;
      type Page = {
        mySubmittedApprovals: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string; status: string; requesterId: string } }[];
        };
      };
      // Four of rep2A's own (no other test submits as rep2A), one of them approved: more than a page of three, and one
      // of each status asked for.
      const mine = [];
      for (let i = 0; i < 4; i++) mine.push(await submit(f.u.rep2A, { title: `Submitted ${i}` }));
      await ok('managerA', APPROVE, { s: (await get('rep2A', mine[0].id))!.steps[0].id });
      for (const s of [null, 'PENDING', 'APPROVED']) {
        const seen: string[] = [];
        let after: string | null = null;
        let total = 0;
        for (;;) {
          const r: Page = await ok<Page>('rep2A', Q, { after, s });
          total = r.mySubmittedApprovals.totalCount;
          for (const e of r.mySubmittedApprovals.edges) {
            expect(e.node.requesterId).toBe(f.u.rep2A.id);
            if (s) expect(e.node.status).toBe(s);
            seen.push(e.node.id);
          }
          if (!r.mySubmittedApprovals.pageInfo.hasNextPage) break;
          after = r.mySubmittedApprovals.pageInfo.endCursor;
        }
        const db = await f.owner.query<{ id: string }>(
          `SELECT id FROM approval_requests WHERE requester_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY submitted_at DESC, id DESC`,
          [f.u.rep2A.id, s],
        );
        expect({ s, seen }).toEqual({ s, seen: db.rows.map((x) => x.id) });
        expect(total).toBe(seen.length);
        expect(seen.length).toBeGreaterThanOrEqual(s === 'APPROVED' ? 1 : 3);
      }
    });

    it('head office: approvalOverview per branch and stalledApprovals; branch staff may not', async () => {
      const OVERVIEW = '{ approvalOverview { branch { id code } pending stalled oldestPendingHours } }';
      const STALLED = `query($b: ID) { stalledApprovals(first: 50, branchId: $b) { totalCount edges { node { id branchId stalledAt status } } } }`;
      const stuck = await submit(f.u.repB, { title: 'Nobody decides' });
      await f.owner.query(`UPDATE approval_requests SET stalled_at = now() - interval '1 hour' WHERE id = $1`, [
        stuck.id,
      ]);
      const counts = await f.owner.query<{ branch_id: string; pending: number; stalled: number }>(
        `SELECT branch_id, count(*)::int AS pending, count(stalled_at)::int AS stalled FROM approval_requests
         WHERE status = 'PENDING' GROUP BY branch_id`,
      );
      const by = new Map(counts.rows.map((r) => [r.branch_id, r]));
      for (const who of ['admin', 'leader', 'staff']) {
        const o = (
          await ok<{
            approvalOverview: {
              branch: { id: string };
              pending: number;
              stalled: number;
              oldestPendingHours: number | null;
            }[];
          }>(who, OVERVIEW)
        ).approvalOverview;
        expect(o.map((x) => [x.branch.id, x.pending, x.stalled]).sort()).toEqual(
          [f.org.a.id, f.org.b.id].map((b) => [b, by.get(b)?.pending ?? 0, by.get(b)?.stalled ?? 0]).sort(),
        );
        expect(o.every((x) => x.oldestPendingHours === null || x.oldestPendingHours >= 0)).toBe(true);
      }
      const narrowed = await call<{ approvalOverview: { branch: { id: string } }[] }>(
        'admin',
        OVERVIEW,
        {},
        { branchId: f.org.a.id },
      );
      expect(narrowed.body.data!.approvalOverview.map((x) => x.branch.id)).toEqual([f.org.a.id]);
      const stalled = (
        await ok<{ stalledApprovals: { totalCount: number; edges: { node: { id: string } }[] } }>('admin', STALLED)
      ).stalledApprovals;
      expect(stalled.edges.map((e) => e.node.id)).toEqual([stuck.id]);
      expect(stalled.totalCount).toBe(1);
      expect(
        (await ok<{ stalledApprovals: { totalCount: number } }>('admin', STALLED, { b: f.org.a.id })).stalledApprovals
          .totalCount,
      ).toBe(0);
      for (const who of ['managerA', 'repA', 'financeA', 'managerB']) {
        expect({ who, code: problem(await call(who, OVERVIEW)).code }).toMatchObject({ who, code: 'FORBIDDEN' });
        expect({ who, code: problem(await call(who, STALLED)).code }).toMatchObject({ who, code: 'FORBIDDEN' });
      }
    });

    it('approvalRequest: null for ids one may not see, exactly like a random id', async () => {
      const r = await submit(f.u.repA, { title: 'Private' });
      expect(await get('repA', r.id)).not.toBeNull();
      expect(await get('managerA', r.id)).not.toBeNull();
      expect(await get('financeA', r.id)).not.toBeNull();
      expect(await get('admin', r.id)).not.toBeNull();
      for (const who of ['rep2A', 'managerB', 'repB']) {
        expect({ who, r: await get(who, r.id) }).toEqual({ who, r: null });
      }
      expect(await get('managerA', randomUUID())).toBeNull();
      expect(problem(await call('managerA', `{ approvalRequest(id: "nope") { id } }`)).code).toBe('BAD_USER_INPUT');
    });
  });
});
