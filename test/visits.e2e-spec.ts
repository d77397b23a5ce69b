import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { eventually, insertCustomer, problem, useFixture, type TestOrg } from '@app/testing';
import { VisitsJobs } from '../src/modules/visits/visits.jobs.js';

/**
 * Customer visits (客户拜访) over GraphQL and their follow-up task reminders in the worker: planning
 * with attendees, the report with commitments turned into tasks, the effective-visit flag and its
 * explanation, the superior's review, an urgent report told to the branch manager through the
 * outbox, reminders the day before, on the day and when overdue (branch time zone) sent once under
 * repeated scans and two replicas, the own-only wall, head office across branches, bad input that
 * changes nothing, and a statement count independent of page size.
 */

const VISIT = `id branchId customerId ownerId plannedOn purpose state requestedByCustomer quoteId cancelReason visitedOn
  reportSummary customerNeeds urgent reportedAt reportedById quoteSentOn effective notEffectiveBecause reviewComment
  reviewedById reviewedAt acknowledged
  attendees { kind userId contactId member { id } contact { id name } }
  tasks { id description assigneeId dueOn done overdue nextReminderAt }
  customer { id } owner { id }`;

interface Task {
  id: string;
  description: string;
  assigneeId: string;
  dueOn: string;
  done: boolean;
  overdue: boolean;
  nextReminderAt: string | null;
}

interface Visit {
  id: string;
  branchId: string;
  ownerId: string;
  plannedOn: string;
  state: string;
  requestedByCustomer: boolean;
  quoteId: string | null;
  visitedOn: string | null;
  urgent: boolean;
  quoteSentOn: string | null;
  effective: boolean;
  notEffectiveBecause: string[];
  reviewComment: string | null;
  reviewedById: string | null;
  acknowledged: boolean;
  attendees: {
    kind: string;
    userId: string | null;
    contactId: string | null;
    member: { id: string } | null;
    contact: { id: string; name: string } | null;
  }[];
  tasks: Task[];
  customer: { id: string } | null;
  owner: { id: string } | null;
}

const DAY = 864e5;
const shanghaiDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(t));
const shanghaiStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3600e3).toISOString();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const today = () => shanghaiDay(Date.now());

describe('visits', () => {
  // Two workers, each on its own prefix (so each runs its own scans) over the one database: the reminders are sent
  // once however many race. The hourly scan only runs when a test asks.
  const f = useFixture({
    workers: { count: 2, env: { VISIT_TASK_SCAN_MS: '3600000' }, firstScan: 'visits.task-scan' },
  });
  let owner: pg.Client;
  let org: TestOrg;
  let customerA: string;
  let customerA2: string;
  let customerR2: string;
  let customerB: string;
  let contactA: string;
  let contactB: string;
  let w1: INestApplicationContext;
  let w2: INestApplicationContext;
  const { call, ok } = f;

  const PLAN = `mutation($in: PlanVisitInput!) { planVisit(input: $in) { ${VISIT} } }`;
  const UPDATE = `mutation($id: ID!, $in: UpdateVisitInput!) { updateVisit(id: $id, input: $in) { ${VISIT} } }`;
  const GET = `query($id: ID!) { visit(id: $id) { ${VISIT} } }`;
  const REPORT = `mutation($id: ID!, $in: VisitReportInput!) { fileVisitReport(id: $id, input: $in) { ${VISIT} } }`;
  const REVIEW = `mutation($id: ID!, $c: String!) { reviewVisit(id: $id, comment: $c) { ${VISIT} } }`;
  const CANCEL = `mutation($id: ID!, $r: String!) { cancelVisit(id: $id, reason: $r) { ${VISIT} } }`;
  const COMPLETE = `mutation($id: ID!) { completeVisitTask(id: $id) { id done doneAt nextReminderAt } }`;
  const UPDATE_TASK = `mutation($id: ID!, $in: UpdateVisitTaskInput!) { updateVisitTask(id: $id, input: $in) {
    id dueOn assigneeId nextReminderAt } }`;
  const LIST = `query($f: VisitFilter, $first: Int, $after: String) { visits(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id branchId plannedOn } } pageInfo { endCursor hasNextPage } } }`;
  const TASKS = `query($f: VisitTaskFilter, $first: Int) { visitTasks(first: $first, filter: $f) {
    totalCount edges { node { id assigneeId dueOn done assignee { id } } } } }`;

  async function plan(who: string, input: Record<string, unknown> = {}): Promise<Visit> {
    return (
      await ok<{ planVisit: Visit }>(who, PLAN, {
        in: { customerId: customerA, plannedOn: addDays(today(), 2), purpose: 'Present the pump upgrade', ...input },
      })
    ).planVisit;
  }
  const report = async (who: string, id: string, input: Record<string, unknown> = {}) =>
    (await ok<{ fileVisitReport: Visit }>(who, REPORT, { id, in: { summary: 'Met the buyer', ...input } }))
      .fileVisitReport;
  const get = async (who: string, id: string) => (await ok<{ visit: Visit | null }>(who, GET, { id })).visit;

  /** A quote of the customer, inserted as the database owner: SENT `sentDaysAgo` days ago, or a DRAFT. */
  async function insertQuote(
    customerId: string,
    sentDaysAgo: number | null,
    branch = org.a.id,
    by = org.users.repA.id,
  ) {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, state, sent_at,
         subtotal, total, created_by)
       VALUES ($1, $2, $3, $4, 'Pump upgrade', 'CNY', '2099-12-31', $5, $6, 100, 100, $4)`,
      [
        branch,
        id,
        customerId,
        by,
        sentDaysAgo === null ? 'DRAFT' : 'SENT',
        sentDaysAgo === null ? null : new Date(Date.now() - sentDaysAgo * DAY),
      ],
    );
    return id;
  }

  async function tables(): Promise<string> {
    const r = await owner.query<{ x: string }>(
      `SELECT concat_ws('|', (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.id), '')) FROM visits v),
         (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY a.id), '')) FROM visit_attendees a),
         (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM visit_tasks t),
         (SELECT count(*) FROM outbox), (SELECT count(*) FROM audit_log)) AS x`,
    );
    return r.rows[0].x;
  }

  const scan = (w: INestApplicationContext) => w.get(VisitsJobs).scanTasks();
  const notes = async (subjectId: string) =>
    (
      await owner.query<{ kind: string; user_id: string; title: string; dedupe_key: string }>(
        'SELECT kind, user_id, title, dedupe_key FROM notifications WHERE subject_id = $1 ORDER BY created_at, dedupe_key',
        [subjectId],
      )
    ).rows;
  const due = async (id: string) =>
    (
      await owner.query<{ reminder_days: number | null; next_reminder_at: Date | null }>(
        'SELECT reminder_days, next_reminder_at FROM visit_tasks WHERE id = $1',
        [id],
      )
    ).rows[0];
  /** Moves a task's stored reminder into the past: its day has come. */
  const shift = (ids: string[]) =>
    owner.query(`UPDATE visit_tasks SET next_reminder_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);

  beforeAll(async () => {
    ({ owner, org } = f);
    [w1, w2] = f.workers;
    customerA = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, name: 'City Water' });
    customerA2 = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.repA.id, name: 'Harbour Mill' });
    customerR2 = await insertCustomer(owner, { branchId: org.a.id, ownerId: org.users.rep2A.id, name: 'Tea House' });
    customerB = await insertCustomer(owner, { branchId: org.b.id, ownerId: org.users.repB.id, name: 'Port Authority' });
    contactA = randomUUID();
    contactB = randomUUID();
    await owner.query(
      `INSERT INTO customer_contacts (branch_id, id, customer_id, name, phone, is_primary)
       VALUES ($1, $2, $3, 'Ms Buyer', '+86 138 0000 0001', true), ($4, $5, $6, 'Mr Port', '+86 138 0000 0002', true)`,
      [org.a.id, contactA, customerA, org.b.id, contactB, customerB],
    );
  });

  it('the lifecycle: planned with attendees, the report with commitments as tasks, the review', async () => {
    const v = await plan('repA', { memberIds: [org.users.managerA.id], contactIds: [contactA] });
    expect(v).toMatchObject({
      state: 'PLANNED',
      ownerId: org.users.repA.id,
      customer: { id: customerA },
      owner: { id: org.users.repA.id },
      effective: false,
      acknowledged: false,
      tasks: [],
    });
    expect(v.attendees).toEqual([
      {
        kind: 'MEMBER',
        userId: org.users.managerA.id,
        contactId: null,
        member: { id: org.users.managerA.id },
        contact: null,
      },
      { kind: 'CONTACT', userId: null, contactId: contactA, member: null, contact: { id: contactA, name: 'Ms Buyer' } },
    ]);
    const moved = (
      await ok<{ updateVisit: Visit }>('repA', UPDATE, {
        id: v.id,
        in: { plannedOn: addDays(today(), 3), contactIds: [] },
      })
    ).updateVisit;
    expect(moved.plannedOn).toBe(addDays(today(), 3));
    expect(moved.attendees.map((a) => a.kind)).toEqual(['MEMBER']);

    const done = await report('repA', v.id, {
      summary: 'Walked the plant with the buyer',
      customerNeeds: 'Lower energy use',
      commitments: [
        { description: 'Send the energy study', dueOn: addDays(today(), 1) },
        { description: 'Arrange a reference visit', dueOn: addDays(today(), 10), assigneeId: org.users.rep2A.id },
      ],
    });
    expect(done).toMatchObject({ state: 'DONE', visitedOn: today(), urgent: false, acknowledged: false });
    expect(done.tasks.map((t) => [t.description, t.assigneeId, t.dueOn, t.done])).toEqual([
      ['Send the energy study', org.users.repA.id, addDays(today(), 1), false],
      ['Arrange a reference visit', org.users.rep2A.id, addDays(today(), 10), false],
    ]);
    // The first reminder of a task due tomorrow is today's (the day before), due at once.
    expect(done.tasks[0].nextReminderAt).toBe(shanghaiStart(today()));
    expect(done.tasks[1].nextReminderAt).toBe(shanghaiStart(addDays(today(), 9)));
    expect(problem(await call('repA', UPDATE, { id: v.id, in: { purpose: 'x' } })).code).toBe('INVALID_STATE');
    expect(problem(await call('repA', REPORT, { id: v.id, in: { summary: 'again' } })).message).toMatch(
      /from DONE to DONE/,
    );
    expect(problem(await call('repA', CANCEL, { id: v.id, r: 'x' })).message).toMatch(/from DONE to CANCELLED/);

    // The review: the superior only, once; the rep may not, nor may the owner review their own.
    expect(problem(await call('repA', REVIEW, { id: v.id, c: 'fine' })).code).toBe('FORBIDDEN');
    const reviewed = (await ok<{ reviewVisit: Visit }>('managerA', REVIEW, { id: v.id, c: 'Good call, follow up' }))
      .reviewVisit;
    expect(reviewed).toMatchObject({
      acknowledged: true,
      reviewComment: 'Good call, follow up',
      reviewedById: org.users.managerA.id,
    });
    expect(problem(await call('admin', REVIEW, { id: v.id, c: 'again' })).message).toMatch(/already reviewed/);
    const mine = await plan('managerA', { purpose: 'Manager’s own visit' });
    await report('managerA', mine.id);
    expect(problem(await call('managerA', REVIEW, { id: mine.id, c: 'self' })).code).toBe('FORBIDDEN');
    expect(
      (await ok<{ reviewVisit: Visit }>('admin', REVIEW, { id: mine.id, c: 'Seen' })).reviewVisit.acknowledged,
    ).toBe(true);
    const planned = await plan('repA');
    expect(problem(await call('managerA', REVIEW, { id: planned.id, c: 'early' })).message).toMatch(/DONE/);
    const cancelled = (await ok<{ cancelVisit: Visit }>('repA', CANCEL, { id: planned.id, r: 'Buyer is ill' }))
      .cancelVisit;
    expect(cancelled).toMatchObject({ state: 'CANCELLED' });

    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'visit' AND entity_id = $1 ORDER BY created_at, action`,
      [v.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['plan', 'update', 'file_report', 'tasks_created', 'review']);
  });

  it('effective visit: asked for by the customer after a quote was sent to them; otherwise explained', async () => {
    const sent = await insertQuote(customerA, 3);
    const effective = await report('repA', (await plan('repA', { requestedByCustomer: true, quoteId: sent })).id);
    expect(effective).toMatchObject({
      effective: true,
      notEffectiveBecause: [],
      quoteId: sent,
      quoteSentOn: shanghaiDay(Date.now() - 3 * DAY),
    });
    // A cold call: not asked for by the customer, even with a quote.
    const cold = await report('repA', (await plan('repA', { quoteId: sent })).id);
    expect(cold.effective).toBe(false);
    expect(cold.notEffectiveBecause).toEqual(['the customer did not ask for the visit (a cold call is not effective)']);
    // Asked for, but no proposal; then a proposal never sent.
    const noQuote = await report('repA', (await plan('repA', { requestedByCustomer: true })).id);
    expect(noQuote.notEffectiveBecause).toEqual(['no proposal (quote) sent to the customer is linked']);
    const draft = await insertQuote(customerA, null);
    const unsent = await report('repA', (await plan('repA', { requestedByCustomer: true, quoteId: draft })).id);
    expect(unsent).toMatchObject({ effective: false, quoteSentOn: null });
    expect(unsent.notEffectiveBecause[0]).toMatch(/had not been sent/);
    // The inputs can be corrected when the report is filed; the flag is decided then.
    const fixed = await report('repA', (await plan('repA')).id, { requestedByCustomer: true, quoteId: sent });
    expect(fixed.effective).toBe(true);
    // A planned visit is not effective yet, and says why.
    const planned = await plan('repA', { requestedByCustomer: true, quoteId: sent });
    expect(planned.notEffectiveBecause).toEqual(['the visit has not taken place yet (PLANNED)']);
    // A quote of another customer, or of another branch, is refused.
    const other = await insertQuote(customerA2, 1);
    expect(
      problem(
        await call('repA', PLAN, { in: { customerId: customerA, plannedOn: today(), purpose: 'x', quoteId: other } }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['quoteId'] });
    const bQuote = await insertQuote(customerB, 1, org.b.id, org.users.repB.id);
    expect(
      problem(
        await call('repA', PLAN, { in: { customerId: customerA, plannedOn: today(), purpose: 'x', quoteId: bQuote } }),
      ).code,
    ).toBe('NOT_FOUND');
    // The database keeps the stored flag equal to the rule.
    await expect(owner.query(`UPDATE visits SET effective = true WHERE id = $1`, [cold.id])).rejects.toThrow(
      /visits_effective_rule/,
    );
    const count = await ok<{ visits: { totalCount: number } }>('repA', LIST, { f: { effective: true } });
    expect(count.visits.totalCount).toBe(2);
  });

  it('an urgent report tells the branch manager once, through the outbox and the worker', async () => {
    const v = await plan('repA');
    const done = await report('repA', v.id, { urgent: true, summary: 'Competitor offered 20% off' });
    expect(done.urgent).toBe(true);
    const got = await eventually(async () => {
      const n = await notes(v.id);
      return n.length ? n : null;
    });
    expect(got).toEqual([
      {
        kind: 'VISIT_URGENT_REPORT',
        user_id: org.users.managerA.id,
        title: `Urgent visit report: City Water (${today()})`,
        dedupe_key: `visit-urgent:${v.id}:${org.users.managerA.id}`,
      },
    ]);
    // Run the job again (a retry, a second replica): nobody is told twice.
    await w2.get(VisitsJobs).notifyUrgent({ branchId: org.a.id, visitId: v.id });
    expect(await notes(v.id)).toHaveLength(1);
    // A report that is not urgent tells nobody.
    const calm = await plan('repA');
    await report('repA', calm.id);
    await w1.get(VisitsJobs).notifyUrgent({ branchId: org.a.id, visitId: calm.id });
    expect(await notes(calm.id)).toEqual([]);
  });

  it('task reminders: the day before, on the day, overdue, each once under repeated scans and two replicas', async () => {
    const v = await plan('repA');
    const done = await report('repA', v.id, {
      commitments: [{ description: 'Send samples', dueOn: addDays(today(), 1), assigneeId: org.users.rep2A.id }],
    });
    const t = done.tasks[0];
    expect(await due(t.id)).toEqual({ reminder_days: 1, next_reminder_at: new Date(shanghaiStart(today())) });

    const expected: string[] = [];
    for (const [days, next] of [
      [1, 0],
      [0, -1],
      [-1, null],
    ] as const) {
      if (days !== 1) await shift([t.id]);
      await Promise.all([scan(w1), scan(w2), scan(w1), scan(w2)]);
      await scan(w1);
      expected.push(`visit-task:${t.id}:${t.dueOn}:${days}`);
      // Overdue: the visit's owner is told too (someone else holds the task).
      if (days === -1) expected.push(`visit-task:${t.id}:${t.dueOn}:${days}:owner`);
      const got = await notes(t.id);
      expect(got.map((n) => n.dedupe_key).sort()).toEqual([...expected].sort());
      expect(await due(t.id)).toEqual({
        reminder_days: next,
        next_reminder_at: next === null ? null : new Date(shanghaiStart(addDays(t.dueOn, -next))),
      });
    }
    const got = await notes(t.id);
    expect(got.filter((n) => n.kind === 'VISIT_TASK_DUE').map((n) => n.user_id)).toEqual([
      org.users.rep2A.id,
      org.users.rep2A.id,
    ]);
    expect(
      got
        .filter((n) => n.kind === 'VISIT_TASK_OVERDUE')
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([org.users.repA.id, org.users.rep2A.id].sort());
    expect(got[0].title).toMatch(/Follow-up for City Water is due .*: Send samples/);

    // Many tasks in two branches, claimed by two replicas at once: one notice each.
    const ids: string[] = [];
    for (const who of ['repA', 'repB']) {
      const c = who === 'repA' ? customerA : customerB;
      const x = await plan(who, { customerId: c });
      const r = await report(who, x.id, {
        commitments: Array.from({ length: 15 }, (_, i) => ({ description: `Task ${i}`, dueOn: addDays(today(), 5) })),
      });
      ids.push(...r.tasks.map((k) => k.id));
    }
    await shift(ids);
    const results = await Promise.all([scan(w1), scan(w2), scan(w1), scan(w2)]);
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(30);
    const rows = await owner.query<{ subject_id: string; n: number }>(
      `SELECT subject_id, count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    expect(rows.rows.length).toBe(30);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);

    // A new due day moves the reminders; a done task is reminded of nothing.
    const movedTo = addDays(today(), 20);
    const moved = (await ok<{ updateVisitTask: Task }>('repA', UPDATE_TASK, { id: ids[0], in: { dueOn: movedTo } }))
      .updateVisitTask;
    expect(moved.nextReminderAt).toBe(shanghaiStart(addDays(movedTo, -1)));
    const completed = (await ok<{ completeVisitTask: Task }>('repA', COMPLETE, { id: ids[1] })).completeVisitTask;
    expect(completed).toMatchObject({ done: true, nextReminderAt: null });
    expect(problem(await call('repA', COMPLETE, { id: ids[1] })).code).toBe('INVALID_STATE');
    expect(await due(ids[1])).toEqual({ reminder_days: null, next_reminder_at: null });
  });

  it('a sales rep sees only their own visits (and the tasks given to them); head office lists every branch', async () => {
    const mine = await plan('repA', { purpose: 'Mine', plannedOn: addDays(today(), 40) });
    const theirs = await plan('rep2A', { purpose: 'Theirs', plannedOn: addDays(today(), 41), customerId: customerR2 });
    const b = await plan('repB', { purpose: 'Branch B', plannedOn: addDays(today(), 39), customerId: customerB });
    expect(await get('rep2A', mine.id)).toBeNull();
    expect(await get('repA', theirs.id)).toBeNull();
    expect(await get('managerA', theirs.id)).not.toBeNull();
    expect(await get('managerA', b.id)).toBeNull();
    expect(await get('admin', b.id)).not.toBeNull();
    const before = await tables();
    for (const [doc, vars] of [
      [UPDATE, { id: mine.id, in: { purpose: 'Probe' } }],
      [REPORT, { id: mine.id, in: { summary: 'probe' } }],
      [CANCEL, { id: mine.id, r: 'probe' }],
    ] as const) {
      expect(problem(await call('rep2A', doc, vars)).code).toBe('NOT_FOUND');
      expect(problem(await call('managerB', doc, vars)).code).toBe('NOT_FOUND');
    }
    expect(await tables()).toBe(before);

    // A task given to rep2A on repA's visit: rep2A sees the task (not the visit) and may complete it.
    const done = await report('repA', mine.id, {
      commitments: [{ description: 'Bring the brochure', dueOn: addDays(today(), 3), assigneeId: org.users.rep2A.id }],
    });
    const taskId = done.tasks[0].id;
    const tasksOf = async (who: string, f: Record<string, unknown> = {}) =>
      (
        await ok<{ visitTasks: { totalCount: number; edges: { node: { id: string } }[] } }>(who, TASKS, {
          f,
          first: 100,
        })
      ).visitTasks.edges.map((e) => e.node.id);
    expect(await tasksOf('rep2A')).toContain(taskId);
    expect(await tasksOf('repA')).toContain(taskId);
    expect(await tasksOf('repB')).not.toContain(taskId);
    expect(await tasksOf('admin', { branchId: org.b.id })).not.toContain(taskId);
    expect(await tasksOf('admin', { assigneeId: org.users.rep2A.id })).toContain(taskId);
    // rep2A may not hand repA's task on; repA (the visit's owner) may.
    expect(problem(await call('rep2A', UPDATE_TASK, { id: taskId, in: { assigneeId: org.users.repA.id } })).code).toBe(
      'FORBIDDEN',
    );
    await ok('repA', UPDATE_TASK, { id: taskId, in: { assigneeId: org.users.repA.id } });
    expect(await tasksOf('rep2A')).not.toContain(taskId);
    expect(problem(await call('rep2A', COMPLETE, { id: taskId })).code).toBe('NOT_FOUND');

    const list = async (who: string, f: Record<string, unknown> = {}, first = 100) =>
      (
        await ok<{ visits: { totalCount: number; edges: { node: { id: string; plannedOn: string } }[] } }>(who, LIST, {
          f,
          first,
        })
      ).visits;
    const repIds = (await list('repA')).edges.map((e) => e.node.id);
    expect(repIds).toContain(mine.id);
    expect(repIds).not.toContain(theirs.id);
    expect((await list('repA', { ownerId: org.users.rep2A.id })).totalCount).toBe(0);
    const hq = await list('admin');
    const hqIds = hq.edges.map((e) => e.node.id);
    expect(hqIds).toEqual(expect.arrayContaining([mine.id, theirs.id, b.id]));
    const days = hq.edges.map((e) => e.node.plannedOn);
    expect(days).toEqual([...days].sort());
    expect(hqIds.indexOf(b.id)).toBeLessThan(hqIds.indexOf(mine.id));
    expect((await list('admin', { branchId: org.b.id })).edges.every((e) => e.node.id !== mine.id)).toBe(true);
    expect((await list('managerA', { from: addDays(today(), 40), to: addDays(today(), 41) })).totalCount).toBe(2);
    // Keyset paging follows the same order.
    const p1 = (
      await ok<{ visits: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>('admin', LIST, {
        first: 3,
      })
    ).visits;
    const p2 = (
      await ok<{ visits: { edges: { node: { id: string } }[] } }>('admin', LIST, {
        first: 3,
        after: p1.pageInfo.endCursor,
      })
    ).visits;
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(hqIds.slice(0, 6));
    // Head office plans for a branch, naming the owner.
    const hqPlan = (
      await ok<{ planVisit: Visit }>('admin', PLAN, {
        in: {
          branchId: org.b.id,
          ownerId: org.users.repB.id,
          customerId: customerB,
          plannedOn: today(),
          purpose: 'HQ',
        },
      })
    ).planVisit;
    expect(hqPlan).toMatchObject({ branchId: org.b.id, ownerId: org.users.repB.id });
  });

  it('bad input is refused with a typed error naming the field, and changes nothing', async () => {
    const v = await plan('repA');
    const before = await tables();
    const base = { customerId: customerA, plannedOn: today(), purpose: 'P' };
    const cases: [string, Record<string, unknown>, string, string[]][] = [
      ['past day', { ...base, plannedOn: addDays(today(), -1) }, 'BAD_USER_INPUT', ['plannedOn']],
      ['bad day', { ...base, plannedOn: '2026-02-30' }, 'BAD_USER_INPUT', []],
      ['blank purpose', { ...base, purpose: '   ' }, 'BAD_USER_INPUT', []],
      ['random customer', { ...base, customerId: randomUUID() }, 'NOT_FOUND', []],
      ['branch B customer', { ...base, customerId: customerB }, 'NOT_FOUND', []],
      ['another owner', { ...base, ownerId: org.users.rep2A.id }, 'FORBIDDEN', []],
      [
        'unknown member',
        { ...base, memberIds: [org.users.managerA.id, randomUUID()] },
        'BAD_USER_INPUT',
        ['memberIds[1]'],
      ],
      ['branch B member', { ...base, memberIds: [org.users.repB.id] }, 'BAD_USER_INPUT', ['memberIds[0]']],
      ['branch B contact', { ...base, contactIds: [contactB] }, 'BAD_USER_INPUT', ['contactIds[0]']],
      ['random quote', { ...base, quoteId: randomUUID() }, 'NOT_FOUND', []],
      ['not a uuid', { ...base, customerId: 'nope' }, 'BAD_USER_INPUT', ['customerId']],
    ];
    for (const [label, input, code, fields] of cases) {
      const p = problem(await call('repA', PLAN, { in: input }));
      expect({ label, code: p.code }).toEqual({ label, code });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    const reportCases: [string, Record<string, unknown>, string[]][] = [
      ['future visit', { summary: 'x', visitedOn: addDays(today(), 1) }, ['visitedOn']],
      ['blank summary', { summary: ' ' }, []],
      [
        'past commitment',
        { summary: 'x', commitments: [{ description: 'd', dueOn: addDays(today(), -1) }] },
        ['commitments[0].dueOn'],
      ],
      [
        'branch B assignee',
        { summary: 'x', commitments: [{ description: 'd', dueOn: today(), assigneeId: org.users.repB.id }] },
        ['commitments[0].assigneeId'],
      ],
    ];
    for (const [label, input, fields] of reportCases) {
      const p = problem(await call('repA', REPORT, { id: v.id, in: input }));
      expect({ label, code: p.code }).toEqual({ label, code: 'BAD_USER_INPUT' });
      if (fields.length) expect({ label, fields: p.fields }).toEqual({ label, fields });
    }
    expect(problem(await call('repA', UPDATE, { id: v.id, in: {} })).fields).toEqual(['input']);
    expect(problem(await call('repA', CANCEL, { id: v.id, r: ' ' })).fields).toEqual(['reason']);
    expect(problem(await call('repA', GET, { id: 'nope' })).code).toBe('BAD_USER_INPUT');
    expect(problem(await call('financeA', PLAN, { in: base })).code).toBe('FORBIDDEN');
    expect(problem(await call('managerA', PLAN, { in: { ...base, ownerId: org.users.financeA.id } })).fields).toEqual([
      'ownerId',
    ]);
    expect(problem(await call('admin', PLAN, { in: { ...base, branchId: org.a.id } })).fields).toEqual(['ownerId']);
    expect(await tables()).toBe(before);
  });

  it('a visits page with attendees, tasks, customer and owner costs the same statements for 1, 5, 50 and 100 rows', async () => {
    // 110 visits in each branch, each with two attendees and two tasks.
    for (const [branch, rep, customer, contact] of [
      [org.a.id, org.users.repA.id, customerA, contactA],
      [org.b.id, org.users.repB.id, customerB, contactB],
    ] as const) {
      await owner.query(
        `WITH v AS (
           INSERT INTO visits (branch_id, id, customer_id, owner_id, planned_on, purpose, created_by)
           SELECT $1, gen_random_uuid(), $3, $2, current_date + 100 + g % 30, 'Bulk ' || g, $2
           FROM generate_series(1, 110) g RETURNING branch_id, id
         ), a AS (
           INSERT INTO visit_attendees (branch_id, id, visit_id, user_id, contact_id)
           SELECT branch_id, gen_random_uuid(), id, $2::uuid, NULL::uuid FROM v
           UNION ALL SELECT branch_id, gen_random_uuid(), id, NULL::uuid, $4::uuid FROM v
         )
         INSERT INTO visit_tasks (branch_id, id, visit_id, description, assignee_id, due_on, created_by)
         SELECT branch_id, gen_random_uuid(), id, 'Bulk task ' || k, $2, current_date + 200, $2
         FROM v, generate_series(1, 2) k`,
        [branch, rep, customer, contact],
      );
    }
    // Only the bulk visits (planned 100 days ahead and later), so every row carries attendees and tasks.
    const PAGE = `query($first: Int!, $from: Date) { visits(first: $first, filter: { from: $from }) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id effective notEffectiveBecause customer { id name } owner { id displayName }
        attendees { kind member { id } contact { id name } } tasks { id assignee { id } } } } } }`;
    for (const who of ['managerA', 'admin']) {
      const counts: number[] = [];
      for (const first of [1, 5, 50, 100]) {
        const r = await call<{
          visits: { edges: { node: { attendees: unknown[]; tasks: unknown[]; customer: unknown } }[] };
        }>(who, PAGE, { first, from: addDays(today(), 100) });
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data!.visits.edges).toHaveLength(first);
        counts.push(Number(r.headers.get('x-sql-statements')));
      }
      expect({ who, counts }).toEqual({ who, counts: counts.map(() => counts[0]) });
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[0]).toBeLessThanOrEqual(12);
    }
  });
});
