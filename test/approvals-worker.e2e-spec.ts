import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, ownerClient, problem, useFixture, type GqlResponse, type TestUser } from '@app/testing';
import { Database, RequestContext } from '@app/core';
import { ApprovalsCoreModule } from '../src/modules/approvals/approvals.module.js';
import { ApprovalSubjects } from '../src/modules/approvals/approval-subjects.js';
import { ApprovalsJobs } from '../src/modules/approvals/approvals.jobs.js';
import { ApprovalsService, type SubmitInput } from '../src/modules/approvals/approvals.service.js';

/**
 * Reminders and escalation in the worker: driven by the due times on the steps, which the tests
 * move into the past as a clock would, then scan. Exactly once per reminder and per level under
 * repeated and concurrent scans, two replicas, and a worker killed mid-escalation; the real
 * scheduler escalates within seconds of expiry; an approver deciding while the worker escalates
 * the same step does not deadlock with it.
 */

@Module({ imports: [ApprovalsCoreModule] })
class TestSubjectsModule implements OnModuleInit {
  constructor(@Inject(ApprovalSubjects) private readonly subjects: ApprovalSubjects) {}

  onModuleInit(): void {
    this.subjects.register({ type: 'TEST_CONTRACT', label: 'Contract', onDecided: async () => undefined });
  }
}

const HOUR = 3_600_000;
const NO_SCHEDULE = { APPROVAL_SCAN_MS: '60000', CONTACT_DUE_SCAN_MS: '3600000' };

interface StepRow {
  id: string;
  request_id: string;
  status: string;
  started_at: Date;
  due_at: Date;
  next_escalation_at: Date | null;
  next_reminder_at: Date | null;
  reminders_sent: number;
  escalation_level: number;
}

describe('approval reminders and escalation in the worker', () => {
  // The main worker scans only when a test calls it (its first scheduled scan is over before the tests).
  const f = useFixture({
    people: {
      leader: { branch: 'hq', role: 'LEADERSHIP', name: 'Leader' },
      managerA2: { branch: 'a', role: 'BRANCH_MANAGER', name: 'ManagerA2' },
    },
    app: { imports: [TestSubjectsModule] },
    workers: { count: 1, env: NO_SCHEDULE, firstScan: 'approvals.due-scan' },
  });
  const { call, u } = f;

  async function submit(who: TestUser, input: Partial<SubmitInput> = {}) {
    const scope = { branchIds: [who.branchId], userId: who.id, ownOnly: who.role === 'SALES_REP' };
    const actor = { userId: who.id, organizationId: f.org.id, role: who.role, headOffice: false };
    return f.api.app.get(Database).run(scope, (tx) =>
      f.api.app.get(ApprovalsService).submit(RequestContext.forTransaction(tx, scope, actor), {
        branchId: who.branchId,
        subjectType: 'TEST_CONTRACT',
        subjectId: randomUUID(),
        title: 'Supply contract',
        ...input,
      }),
    );
  }

  /** `n` more replicas of one deployment (one Redis prefix, one queue), once their first scheduled scan is over. */
  const startWorkers = (n: number, env: Record<string, string> = NO_SCHEDULE) =>
    f.startWorkers(n, { env, firstScan: 'approvals.due-scan' });

  const scan = (w: INestApplicationContext = f.workers[0]) => w.get(ApprovalsJobs).scanDue();

  const steps = async (requestId: string) =>
    (
      await f.owner.query<StepRow>(
        `SELECT id, request_id, status, started_at, due_at, next_escalation_at, next_reminder_at, reminders_sent,
                escalation_level FROM approval_steps WHERE request_id = $1 ORDER BY position`,
        [requestId],
      )
    ).rows;

  /** The clock moves forward by `ms`: every time on the step moves back by as much. */
  const advance = (stepIds: string[], ms: number) =>
    f.owner.query(
      `UPDATE approval_steps SET started_at = started_at - $2 * interval '1 millisecond',
         due_at = due_at - $2 * interval '1 millisecond',
         next_escalation_at = next_escalation_at - $2 * interval '1 millisecond',
         next_reminder_at = next_reminder_at - $2 * interval '1 millisecond'
       WHERE id = ANY($1)`,
      [stepIds, ms],
    );

  /** Due for escalation now, with no reminder pending (to look at one thing at a time). */
  const overdue = (stepIds: string[]) =>
    f.owner.query(
      `UPDATE approval_steps SET due_at = now() - interval '1 second', next_escalation_at = now() - interval '1 second',
         next_reminder_at = NULL WHERE id = ANY($1)`,
      [stepIds],
    );

  const events = async (stepId: string) =>
    (
      await f.owner.query<{ action: string; level: number; actor_id: string | null }>(
        `SELECT action, level, actor_id FROM approval_events WHERE step_id = $1 ORDER BY at, seq`,
        [stepId],
      )
    ).rows;

  const notified = async (stepOrRequest: string, kind: string) =>
    (
      await f.owner.query<{ user_id: string }>(
        `SELECT n.user_id FROM notifications n WHERE n.kind = $2
           AND (n.subject_id = $1 OR n.subject_id = (SELECT request_id FROM approval_steps WHERE id = $1))
         ORDER BY n.user_id`,
        [stepOrRequest, kind],
      )
    ).rows.map((r) => r.user_id);

  const approvers = async (stepId: string) =>
    (
      await f.owner.query(
        `SELECT kind, role, user_id, source, level FROM approval_step_approvers WHERE step_id = $1 ORDER BY level, added_at`,
        [stepId],
      )
    ).rows;

  const codeOf = (r: GqlResponse) => problem(r).code ?? 'OK';
  const APPROVE = `mutation($s: ID!) { approveStep(stepId: $s) { id status currentPosition stalledAt } }`;
  const sorted = (...ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    // Branch A works around the clock, so moving the clock by an interval moves every deadline by as much.
    await f.owner.query(
      `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute) VALUES ($1, '{1,2,3,4,5,6,7}', 0, 1440)`,
      [f.org.a.id],
    );
  });

  it('step started, decided and delegated: the worker tells the right people, once', async () => {
    const r = await submit(u.repA, { amount: '600000', title: 'Tell everyone' });
    const [s1, s2] = await steps(r.id);
    await eventually(async () => (await notified(s1.id, 'APPROVAL_PENDING')).length === 2);
    expect(await notified(s1.id, 'APPROVAL_PENDING')).toEqual(sorted(u.managerA.id, u.managerA2.id));
    expect(codeOf(await call('managerA', APPROVE, { s: s1.id }))).toBe('OK');
    // Step 2 waits for leadership at head office, outside the branch: the worker reaches them.
    await eventually(async () => (await notified(s1.id, 'APPROVAL_PENDING')).length === 3);
    const pending = await f.owner.query(
      `SELECT user_id, branch_id FROM notifications WHERE kind = 'APPROVAL_PENDING' AND subject_id = $1 AND dedupe_key LIKE $2`,
      [r.id, `%${s2.id}%`],
    );
    expect(pending.rows).toEqual([{ user_id: u.leader.id, branch_id: f.org.a.id }]);
    // Head office gets approvals from every branch: the notice names the branch, in its text and as an object.
    const [branchA] = (await f.owner.query<{ name: string }>('SELECT name FROM branches WHERE id = $1', [f.org.a.id]))
      .rows;
    const notices = await call<{
      notifications: {
        edges: {
          node: { kind: string; title: string; body: string; branch: { id: string; code: string; name: string } };
        }[];
      };
    }>('leader', '{ notifications(first: 50) { edges { node { kind title body branch { id code name } } } } }');
    expect(notices.body.errors).toBeUndefined();
    const leaderPending = notices.body
      .data!.notifications.edges.map((e) => e.node)
      .filter((n) => n.kind === 'APPROVAL_PENDING' && n.title.includes('Tell everyone'));
    expect(leaderPending).toEqual([
      {
        kind: 'APPROVAL_PENDING',
        title: `Please decide: Tell everyone (${branchA.name} (AA))`,
        body: expect.stringContaining(`for ${branchA.name} (AA) is due`) as unknown as string,
        branch: { id: f.org.a.id, code: 'AA', name: branchA.name },
      },
    ]);
    const reject = await call(
      'leader',
      `mutation($s: ID!) { rejectStep(stepId: $s, reason: "Too risky") { status } }`,
      {
        s: s2.id,
      },
    );
    expect(codeOf(reject)).toBe('OK');
    await eventually(async () => (await notified(r.id, 'APPROVAL_REJECTED')).length === 1);
    expect(await notified(r.id, 'APPROVAL_REJECTED')).toEqual([u.repA.id]);
    // People are objects: the requester in branch A sees the head-office leader who decided, by name and role.
    const seen = await call<{
      approvalRequest: {
        state: string;
        requester: { id: string };
        steps: { state: string; decider: { id: string; displayName: string; role: string } | null }[];
        timeline: { action: string; actor: { id: string; role: string } | null }[];
      };
    }>(
      'repA',
      `query($id: ID!) { approvalRequest(id: $id) { state requester { id } steps { state decider { id displayName role } }
        timeline { action actor { id role } } } }`,
      { id: r.id },
    );
    expect(seen.body.errors).toBeUndefined();
    const req = seen.body.data!.approvalRequest;
    expect(req.state).toBe('REJECTED');
    expect(req.requester).toEqual({ id: u.repA.id });
    expect(req.steps.map((s) => [s.state, s.decider?.id, s.decider?.role])).toEqual([
      ['APPROVED', u.managerA.id, 'BRANCH_MANAGER'],
      ['REJECTED', u.leader.id, 'LEADERSHIP'],
    ]);
    expect(req.steps[1].decider!.displayName).toMatch(/^Leader/);
    expect(req.timeline.find((e) => e.action === 'REJECTED')?.actor).toEqual({ id: u.leader.id, role: 'LEADERSHIP' });
    expect(req.timeline.find((e) => e.action === 'SUBMITTED')?.actor).toEqual({ id: u.repA.id, role: 'SALES_REP' });

    const d = await submit(u.repA, { title: 'Ask finance' });
    const [d1] = await steps(d.id);
    const delegated = await call(
      'managerA',
      `mutation($s: ID!, $to: ID!) { delegateStep(stepId: $s, toUserId: $to) { id } }`,
      { s: d1.id, to: u.financeA.id },
    );
    expect(codeOf(delegated)).toBe('OK');
    await eventually(async () => (await notified(d.id, 'APPROVAL_DELEGATED')).length === 1);
    const list = await call<{ notifications: { edges: { node: { kind: string; subjectId: string } }[] } }>(
      'financeA',
      '{ notifications(first: 20) { edges { node { kind subjectId } } } }',
    );
    expect(list.body.data!.notifications.edges.map((e) => e.node)).toContainEqual({
      kind: 'APPROVAL_DELEGATED',
      subjectId: d.id,
    });
    // The requester withdrawing tells nobody (they did it themselves).
    await call('repA', `mutation($r: ID!) { withdrawApproval(requestId: $r) { id } }`, { r: d.id });
    await new Promise((res) => setTimeout(res, 300));
    expect(
      await f.owner.query(`SELECT kind FROM notifications WHERE subject_id = $1 AND user_id = $2`, [d.id, u.repA.id]),
    ).toMatchObject({ rows: [] });
  });

  it('reminders at 50% and 90% of the SLA, once each, to the approvers and their stand-in, never the requester', async () => {
    // managerA is out of office today: financeA stands in and is reminded too.
    await f.owner.query(
      `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, current_date - 1, current_date + 1)`,
      [f.org.a.id, randomUUID(), u.managerA.id, u.financeA.id],
    );
    const r = await submit(u.managerA2, { title: 'Remind me' });
    const [s] = await steps(r.id);
    expect(s.due_at.getTime() - s.started_at.getTime()).toBe(8 * HOUR);
    expect(s.next_reminder_at!.getTime() - s.started_at.getTime()).toBe(4 * HOUR);
    expect(s.next_escalation_at).toEqual(s.due_at);

    await advance([s.id], 4 * HOUR + 1000);
    expect(await scan()).toEqual({ reminded: 1, escalated: 0, stalled: 0 });
    for (let i = 0; i < 3; i++) await scan();
    await Promise.all([scan(), scan()]);
    expect(await events(s.id)).toEqual([{ action: 'REMINDED', level: 1, actor_id: null }]);
    // The requester (a branch manager) is not reminded of their own request; the other manager's stand-in is.
    expect(await notified(s.id, 'APPROVAL_REMINDER')).toEqual(sorted(u.managerA.id, u.financeA.id));
    let now = (await steps(r.id))[0];
    expect(now.reminders_sent).toBe(1);
    expect(now.next_reminder_at!.getTime() - now.started_at.getTime()).toBe(7.2 * HOUR);

    await advance([s.id], 3.2 * HOUR);
    expect(await scan()).toEqual({ reminded: 1, escalated: 0, stalled: 0 });
    await Promise.all([scan(), scan(), scan()]);
    expect((await events(s.id)).map((e) => [e.action, e.level])).toEqual([
      ['REMINDED', 1],
      ['REMINDED', 2],
    ]);
    expect(await notified(s.id, 'APPROVAL_REMINDER')).toEqual(
      sorted(u.managerA.id, u.managerA.id, u.financeA.id, u.financeA.id),
    );
    now = (await steps(r.id))[0];
    expect(now).toMatchObject({ reminders_sent: 2, next_reminder_at: null, escalation_level: 0 });
    await f.owner.query('DELETE FROM approval_delegations WHERE delegate_id = $1', [u.financeA.id]);
  });

  it('escalation per level: tells the approvers, adds the superior, records it; then stalled for head office', async () => {
    const r = await submit(u.repA, { amount: '600000', title: 'Slow one' });
    const [s] = await steps(r.id);
    await f.owner.query('UPDATE approval_steps SET next_reminder_at = NULL WHERE id = $1', [s.id]);

    const level = async (n: number, superior: { kind: string; role: string } | null, told: string[]) => {
      const before = (await steps(r.id))[0];
      await advance([s.id], before.next_escalation_at!.getTime() - Date.now() + 1000);
      const at = (await steps(r.id))[0].next_escalation_at!;
      const result = await scan();
      // Retries, restarts and a second scan at the same moment change nothing more.
      for (let i = 0; i < 2; i++) await scan();
      await Promise.all([scan(), scan()]);
      const after = (await steps(r.id))[0];
      if (superior) {
        expect(result).toEqual({ reminded: 0, escalated: 1, stalled: 0 });
        expect(after.escalation_level).toBe(n);
        expect(after.next_escalation_at!.getTime() - at.getTime()).toBe(8 * HOUR);
        expect((await approvers(s.id)).filter((a) => a.source === 'ESCALATION')).toContainEqual({
          ...superior,
          user_id: null,
          source: 'ESCALATION',
          level: n,
        });
        expect(await notified(s.id, 'APPROVAL_ESCALATED')).toEqual(expect.arrayContaining(told));
      } else {
        expect(result).toEqual({ reminded: 0, escalated: 0, stalled: 1 });
        expect(after.next_escalation_at).toBeNull();
      }
    };

    await level(1, { kind: 'HQ_ROLE', role: 'LEADERSHIP' }, [u.managerA.id, u.managerA2.id, u.leader.id]);
    expect((await notified(s.id, 'APPROVAL_ESCALATED')).length).toBe(3);
    // The leader now may act, and sees it among their pending approvals.
    const pending = await call<{ myPendingApprovals: { edges: { node: { step: { id: string } } }[] } }>(
      'leader',
      '{ myPendingApprovals(first: 50) { edges { node { step { id } } } } }',
    );
    expect(pending.body.data!.myPendingApprovals.edges.map((e) => e.node.step.id)).toContain(s.id);
    await level(2, { kind: 'HQ_ROLE', role: 'HQ_ADMIN' }, [u.managerA.id, u.managerA2.id, u.leader.id, u.admin.id]);
    expect((await notified(s.id, 'APPROVAL_ESCALATED')).length).toBe(3 + 4);
    await level(3, null, []);
    expect((await events(s.id)).map((e) => [e.action, e.level])).toEqual([
      ['ESCALATED', 1],
      ['ESCALATED', 2],
      ['STALLED', 3],
    ]);
    expect(await notified(s.id, 'APPROVAL_STALLED')).toEqual([u.admin.id]);
    const stalledAt = (await f.owner.query('SELECT stalled_at FROM approval_requests WHERE id = $1', [r.id])).rows[0]
      .stalled_at;
    expect(stalledAt).not.toBeNull();
    // Nothing more to do for it: the scan no longer claims it.
    expect(await scan()).toEqual({ reminded: 0, escalated: 0, stalled: 0 });

    // Head office sees it stalled.
    const STALLED = '{ stalledApprovals(first: 10) { totalCount edges { node { id stalledAt } } } }';
    const OVERVIEW = '{ approvalOverview { branch { id } pending stalled } }';
    const st = await call<{ stalledApprovals: { edges: { node: { id: string } }[] } }>('admin', STALLED);
    expect(st.body.data!.stalledApprovals.edges.map((e) => e.node.id)).toEqual([r.id]);
    const ov = await call<{ approvalOverview: { branch: { id: string }; stalled: number }[] }>('leader', OVERVIEW);
    expect(ov.body.data!.approvalOverview.find((b) => b.branch.id === f.org.a.id)!.stalled).toBe(1);

    // The branch manager and the head-office admin (escalated in) decide at the same moment: one wins.
    const [a, b] = await Promise.all([call('managerA', APPROVE, { s: s.id }), call('admin', APPROVE, { s: s.id })]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(['CONFLICT', 'OK']);
    // Step 2 starts with its own SLA: the request is no longer stalled.
    const moved = (a.body.data ?? b.body.data) as {
      approveStep: { currentPosition: number; stalledAt: string | null };
    };
    expect(moved.approveStep).toMatchObject({ currentPosition: 2, stalledAt: null });
    const st2 = await call<{ stalledApprovals: { totalCount: number } }>('admin', STALLED);
    expect(st2.body.data!.stalledApprovals.totalCount).toBe(0);
  });

  it('the scheduler escalates on its own within a few seconds of the SLA expiring', async () => {
    const { ws } = await startWorkers(1, { APPROVAL_SCAN_MS: '200', CONTACT_DUE_SCAN_MS: '3600000' });
    try {
      const r = await submit(u.repA, { title: 'On the clock' });
      const [s] = await steps(r.id);
      await f.owner.query(
        `UPDATE approval_steps SET next_reminder_at = NULL, due_at = now() + interval '1500 milliseconds',
           next_escalation_at = now() + interval '1500 milliseconds' WHERE id = $1`,
        [s.id],
      );
      const due = (await steps(r.id))[0].due_at;
      const at = await eventually(async () => {
        const e = await f.owner.query<{ at: Date }>(
          `SELECT at FROM approval_events WHERE step_id = $1 AND action = 'ESCALATED' AND level = 1`,
          [s.id],
        );
        return e.rows[0]?.at;
      }, 10000);
      const lag = at.getTime() - due.getTime();
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(3000);
      await new Promise((res) => setTimeout(res, 600));
      expect((await events(s.id)).filter((e) => e.action === 'ESCALATED')).toHaveLength(1);
    } finally {
      await f.stopWorkers(ws);
    }
  });

  it('two worker replicas scanning at once escalate each of 60 overdue steps exactly once', async () => {
    const { ws } = await startWorkers(2);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push((await steps((await submit(u.repA, { title: `Replica ${i}` })).id))[0].id);
      await overdue(ids);
      const results = await Promise.all([scan(ws[0]), scan(ws[1]), scan(ws[0]), scan(ws[1])]);
      expect(results.reduce((n, x) => n + x.escalated, 0)).toBe(60);
      const ev = await f.owner.query(
        `SELECT step_id, count(*)::int AS n FROM approval_events WHERE step_id = ANY($1) AND action = 'ESCALATED' GROUP BY 1`,
        [ids],
      );
      expect(ev.rows).toHaveLength(60);
      expect(ev.rows.every((x) => x.n === 1)).toBe(true);
      const added = await f.owner.query(
        `SELECT count(*)::int AS n FROM approval_step_approvers WHERE step_id = ANY($1) AND source = 'ESCALATION'`,
        [ids],
      );
      expect(added.rows[0].n).toBe(60);
      const n = await f.owner.query(
        `SELECT count(*)::int AS n, count(DISTINCT (dedupe_key))::int AS d FROM notifications
         WHERE kind = 'APPROVAL_ESCALATED' AND subject_id IN (SELECT request_id FROM approval_steps WHERE id = ANY($1))`,
        [ids],
      );
      // managerA, managerA2 and the leader, once each per step.
      expect(n.rows[0]).toEqual({ n: 180, d: 180 });
      const lv = await f.owner.query(`SELECT DISTINCT escalation_level FROM approval_steps WHERE id = ANY($1)`, [ids]);
      expect(lv.rows).toEqual([{ escalation_level: 1 }]);
    } finally {
      await f.stopWorkers(ws);
    }
  });

  it('200 steps expiring at once: each escalated once, by a bounded number of statements per batch', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 20) {
      const made = await Promise.all(
        Array.from(
          { length: 20 },
          async (_, j) => (await steps((await submit(u.repA, { title: `Burst ${i + j}` })).id))[0].id,
        ),
      );
      ids.push(...made);
    }
    await overdue(ids);
    // The steps' start notices (jobs of the same worker) are done, so what is recorded below is the scan alone.
    const pendingNotices = async () =>
      Number(
        (
          await f.owner.query(
            `SELECT count(*)::int AS n FROM notifications WHERE kind = 'APPROVAL_PENDING'
               AND subject_id IN (SELECT request_id FROM approval_steps WHERE id = ANY($1))`,
            [ids],
          )
        ).rows[0].n,
      );
    await eventually(async () => (await pendingNotices()) === 400, 30000);
    // Every transaction the scan opens, with its statement count (BEGIN and COMMIT included): the scan's own
    // database handle is swapped for one that records them (the worker's other jobs keep theirs).
    const jobs = f.workers[0].get(ApprovalsJobs) as unknown as { db: Database };
    const real = jobs.db;
    const txs: Awaited<ReturnType<Database['begin']>>[] = [];
    const recording = Object.create(real) as Database;
    recording.begin = async (...args: Parameters<Database['begin']>) => {
      const tx = await real.begin(...args);
      txs.push(tx);
      return tx;
    };
    jobs.db = recording;
    let result: Awaited<ReturnType<typeof scan>>;
    try {
      result = await scan();
    } finally {
      jobs.db = real;
    }
    expect(result).toEqual({ reminded: 0, escalated: 200, stalled: 0 });
    const statements = txs.reduce((n, tx) => n + tx.statements, 0);
    // One statement per kind of work per claimed batch, whatever its size: not one round trip per step (about
    // ten each, 2,000 for this burst before batching).
    expect(statements).toBeLessThanOrEqual(40);
    const ev = await f.owner.query(
      `SELECT step_id, count(*)::int AS n FROM approval_events WHERE step_id = ANY($1) AND action = 'ESCALATED' GROUP BY 1`,
      [ids],
    );
    expect(ev.rows).toHaveLength(200);
    expect(ev.rows.every((x) => x.n === 1)).toBe(true);
    const added = await f.owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT step_id)::int AS steps FROM approval_step_approvers
       WHERE step_id = ANY($1) AND source = 'ESCALATION' AND kind = 'HQ_ROLE' AND role = 'LEADERSHIP' AND level = 1`,
      [ids],
    );
    expect(added.rows[0]).toEqual({ n: 200, steps: 200 });
    const told = await f.owner.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE kind = 'APPROVAL_ESCALATED'
         AND subject_id IN (SELECT request_id FROM approval_steps WHERE id = ANY($1)) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    // managerA, managerA2 and the leader, once each per step.
    expect(told.rows).toEqual(
      sorted(u.managerA.id, u.managerA2.id, u.leader.id).map((id) => ({ user_id: id, n: 200 })),
    );
    const lv = await f.owner.query(
      `SELECT escalation_level, count(*)::int AS n, extract(epoch FROM min(next_escalation_at - due_at))::int AS lo,
         extract(epoch FROM max(next_escalation_at - due_at))::int AS hi
       FROM approval_steps WHERE id = ANY($1) GROUP BY 1`,
      [ids],
    );
    // All at level 1, the next level due one SLA (8 working hours; branch A works around the clock) later.
    expect(lv.rows).toEqual([{ escalation_level: 1, n: 200, lo: 8 * 3600, hi: 8 * 3600 }]);
    expect(await scan()).toEqual({ reminded: 0, escalated: 0, stalled: 0 });
  });

  it('a worker whose database session dies mid-escalation loses and repeats nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await steps((await submit(u.repA, { title: `Crash ${i}` })).id))[0].id);
    await overdue(ids);
    const state = async () =>
      (
        await f.owner.query(
          `SELECT (SELECT count(*)::int FROM approval_events WHERE step_id = ANY($1) AND action = 'ESCALATED') AS events,
                  (SELECT count(*)::int FROM approval_step_approvers WHERE step_id = ANY($1) AND source = 'ESCALATION') AS approvers,
                  (SELECT count(*)::int FROM approval_steps WHERE id = ANY($1) AND escalation_level = 1) AS escalated,
                  (SELECT count(*)::int FROM notifications WHERE kind = 'APPROVAL_ESCALATED'
                     AND subject_id IN (SELECT request_id FROM approval_steps WHERE id = ANY($1))) AS told`,
          [ids],
        )
      ).rows[0];
    // Hold the approvers table so the scan stops half-way (steps claimed, nothing written)...
    const blocker = await ownerClient(f.db.url);
    blocker.on('error', () => undefined);
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE approval_step_approvers IN EXCLUSIVE MODE');
    const running = scan();
    const pid = await eventually(async () => {
      const r = await f.owner.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'commerce'
           AND wait_event_type = 'Lock'`,
      );
      return r.rows[0]?.pid as number | undefined;
    });
    // ...then kill its session, as a crash or a lost connection would.
    await f.owner.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(running).rejects.toThrow();
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await state()).toEqual({ events: 0, approvers: 0, escalated: 0, told: 0 });
    // The next run (a retry, or another replica) does the whole batch, once.
    expect((await scan()).escalated).toBe(20);
    await scan();
    expect(await state()).toEqual({ events: 20, approvers: 20, escalated: 20, told: 60 });
  });

  it('an approver deciding while the worker escalates the same step: both finish, no deadlock, nothing lost', async () => {
    const r = await submit(u.repA, { title: 'Decided under the wire' });
    const [s] = await steps(r.id);
    await overdue([s.id]);
    // The worker claims the step, then stops at its first write...
    const blocker = await ownerClient(f.db.url);
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE approval_step_approvers IN EXCLUSIVE MODE');
    const waiting = async () =>
      Number(
        (
          await f.owner.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
               AND application_name = 'commerce' AND wait_event_type = 'Lock'`,
          )
        ).rows[0].n,
      );
    const running = scan();
    await eventually(async () => (await waiting()) === 1);
    // ...while the branch manager approves the same step (the request is theirs to lock first)...
    const deciding = call('managerA', APPROVE, { s: s.id });
    // At least 2: in a loaded run a session of the killed-session test above was once still waiting here, and an
    // exact count never came true (the order below is what this test proves).
    await eventually(async () => (await waiting()) >= 2, 30_000);
    // ...then the worker goes on. Neither may be chosen as a deadlock victim.
    await blocker.query('ROLLBACK');
    await blocker.end();
    const [result, decided] = await Promise.all([running, deciding]);
    expect(result.escalated).toBe(1);
    expect(codeOf(decided)).toBe('OK');
    expect((decided.body.data as { approveStep: { status: string } }).approveStep.status).toBe('APPROVED');
    expect((await events(s.id)).map((e) => e.action)).toEqual(['ESCALATED', 'APPROVED']);
    expect(await scan()).toEqual({ reminded: 0, escalated: 0, stalled: 0 });
  });
});
