import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { insertCustomer, problem, useFixture } from '@app/testing';
import { addWorkingHours } from '@app/core';

/**
 * Customer complaints over GraphQL: intake with the response deadline from the branch's settings,
 * the lifecycle RECEIVED -> INVESTIGATING -> RESOLVED -> CLOSED with the follow-up that reopens, the
 * timeline, invalid moves and bad input that change nothing, who sees what (rep, manager, head office
 * across two branches), head office's list and counts, and statements independent of page size.
 */

const C = `id branchId customerId ownerId channel category severity description state receivedAt responseDueAt
  responseHours workingTime respondedAt overdue rootCause resolution resolvedAt closedAt escalationLevel nextEscalationAt
  timeline { action fromState toState level note actorId at } customer { id } owner { id }`;

interface Complaint {
  id: string;
  branchId: string;
  ownerId: string;
  severity: string;
  state: string;
  receivedAt: string;
  responseDueAt: string;
  responseHours: number;
  workingTime: boolean;
  respondedAt: string | null;
  overdue: boolean;
  rootCause: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  escalationLevel: number;
  nextEscalationAt: string | null;
  timeline: { action: string; fromState: string | null; toState: string; note: string | null; actorId: string }[];
  customer: { id: string } | null;
  owner: { id: string } | null;
}

const HOUR = 3600e3;

describe('complaints', () => {
  const f = useFixture();
  const { call, ok } = f;
  let customerA: string;
  let customerA2: string;
  let customerB: string;

  const CREATE = `mutation($in: CreateComplaintInput!) { createComplaint(input: $in) { ${C} } }`;
  const GET = `query($id: ID!) { complaint(id: $id) { ${C} } }`;
  const START = `mutation($id: ID!, $n: String) { startComplaintInvestigation(id: $id, note: $n) { ${C} } }`;
  const CAUSE = `mutation($id: ID!, $c: String!) { recordComplaintRootCause(id: $id, rootCause: $c) { ${C} } }`;
  const RESOLVE = `mutation($id: ID!, $in: ResolveComplaintInput!) { resolveComplaint(id: $id, input: $in) { ${C} } }`;
  const FOLLOW = `mutation($id: ID!, $in: ComplaintFollowUpInput!) { recordComplaintFollowUp(id: $id, input: $in) { ${C} } }`;
  const SETTINGS = `query($b: ID) { complaintSettings(branchId: $b) { branchId criticalHours highHours mediumHours lowHours workingTime } }`;
  const SET = `mutation($in: UpdateComplaintSettingsInput!) { updateComplaintSettings(input: $in) {
    branchId criticalHours highHours mediumHours lowHours workingTime } }`;
  const LIST = `query($f: ComplaintFilter, $first: Int, $after: String) { complaints(first: $first, after: $after, filter: $f) {
    totalCount edges { node { id branchId ownerId state severity overdue } } pageInfo { endCursor hasNextPage } } }`;
  const COUNTS = `query($f: ComplaintCountFilter) { complaintCounts(filter: $f) { branchId state severity count overdue } }`;

  async function create(who: string, input: Record<string, unknown> = {}): Promise<Complaint> {
    return (
      await ok<{ createComplaint: Complaint }>(who, CREATE, {
        in: {
          customerId: customerA,
          channel: 'PHONE',
          category: 'DELIVERY',
          severity: 'HIGH',
          description: 'Pumps arrived with a cracked housing',
          ...input,
        },
      })
    ).createComplaint;
  }
  const get = async (who: string, id: string) =>
    (await ok<{ complaint: Complaint | null }>(who, GET, { id })).complaint;
  /** The rows a refused call must leave as they were. */
  const state = async () =>
    (
      await f.owner.query(
        `SELECT (SELECT coalesce(json_agg(c ORDER BY id), '[]') FROM complaints c)::text AS c,
           (SELECT count(*) FROM complaint_events) AS e, (SELECT count(*) FROM complaint_settings) AS s,
           (SELECT count(*) FROM audit_log) AS a`,
      )
    ).rows[0];

  beforeAll(async () => {
    customerA = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.repA.id,
      name: 'City Water',
    });
    customerA2 = await insertCustomer(f.owner, {
      branchId: f.org.a.id,
      ownerId: f.org.users.rep2A.id,
      name: 'Harbour',
    });
    customerB = await insertCustomer(f.owner, {
      branchId: f.org.b.id,
      ownerId: f.org.users.repB.id,
      name: 'Port Authority',
    });
  });

  it('intake: the response deadline follows the severity (defaults 4 h, 24 h, 3 days, 5 days on the clock)', async () => {
    for (const [severity, hours] of [
      ['CRITICAL', 4],
      ['HIGH', 24],
      ['MEDIUM', 72],
      ['LOW', 120],
    ] as const) {
      const c = await create('repA', { severity });
      expect(c).toMatchObject({
        state: 'RECEIVED',
        severity,
        ownerId: f.org.users.repA.id,
        branchId: f.org.a.id,
        responseHours: hours,
        workingTime: false,
        overdue: false,
        escalationLevel: 0,
        respondedAt: null,
        customer: { id: customerA },
        owner: { id: f.org.users.repA.id },
      });
      expect(Date.parse(c.responseDueAt) - Date.parse(c.receivedAt)).toBe(hours * HOUR);
      expect(c.nextEscalationAt).toBe(c.responseDueAt);
      expect(c.timeline).toEqual([
        {
          action: 'RECEIVED',
          fromState: null,
          toState: 'RECEIVED',
          level: null,
          note: null,
          actorId: f.org.users.repA.id,
          at: expect.any(String),
        },
      ]);
    }
  });

  it('settings: a branch changes its windows (validated); working time counts the approval calendar', async () => {
    expect((await ok<{ complaintSettings: unknown }>('managerB', SETTINGS)).complaintSettings).toEqual({
      branchId: f.org.b.id,
      criticalHours: 4,
      highHours: 24,
      mediumHours: 72,
      lowHours: 120,
      workingTime: false,
    });
    const before = await state();
    for (const [who, input, code, fields] of [
      ['managerB', { criticalHours: 0 }, 'BAD_USER_INPUT', ['criticalHours']],
      ['managerB', { lowHours: 5000 }, 'BAD_USER_INPUT', ['lowHours']],
      ['managerB', { highHours: 100 }, 'BAD_USER_INPUT', ['highHours']],
      ['managerB', {}, 'BAD_USER_INPUT', ['input']],
      ['repB', { criticalHours: 2 }, 'FORBIDDEN', []],
      ['managerB', { branchId: f.org.a.id, criticalHours: 2 }, 'FORBIDDEN', []],
      ['admin', { criticalHours: 2 }, 'BAD_USER_INPUT', ['branchId']],
    ] as const) {
      const r = await call(who, SET, { in: input });
      expect({ who, input, ...problem(r) }).toMatchObject({ who, input, code, fields });
    }
    expect(await state()).toEqual(before);

    // Branch B: 2 h for HIGH in working time (default calendar Mon-Fri 09:00-18:00, Asia/Shanghai).
    const saved = (
      await ok<{ updateComplaintSettings: unknown }>('admin', SET, {
        in: { branchId: f.org.b.id, criticalHours: 1, highHours: 2, workingTime: true },
      })
    ).updateComplaintSettings;
    expect(saved).toEqual({
      branchId: f.org.b.id,
      criticalHours: 1,
      highHours: 2,
      mediumHours: 72,
      lowHours: 120,
      workingTime: true,
    });
    const c = await create('repB', { customerId: customerB, severity: 'HIGH' });
    expect({ hours: c.responseHours, working: c.workingTime }).toEqual({ hours: 2, working: true });
    // The approval engine's calendar and arithmetic (branch B has no calendar row: Mon-Fri 09:00-18:00).
    const expectedDue = addWorkingHours(new Date(c.receivedAt), 2, {
      timeZone: 'Asia/Shanghai',
      workDays: [1, 2, 3, 4, 5],
      dayStartMinute: 540,
      dayEndMinute: 1080,
      holidays: new Set(),
    });
    expect(c.responseDueAt).toBe(expectedDue.toISOString());
    // A holiday today in branch B's calendar moves the next complaint's deadline past it.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await f.owner.query(
      `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute)
       VALUES ($1, '{1,2,3,4,5,6,7}', 0, 1440)`,
      [f.org.b.id],
    );
    await f.owner.query(
      `INSERT INTO branch_calendar_days (branch_id, day, kind, name) VALUES ($1, $2, 'HOLIDAY', 'Test')`,
      [f.org.b.id, today],
    );
    const onHoliday = await create('repB', { customerId: customerB, severity: 'CRITICAL' });
    const tomorrow = Date.parse(`${today}T00:00:00+08:00`) + 24 * HOUR;
    expect(onHoliday.responseDueAt).toBe(new Date(tomorrow + HOUR).toISOString());
    // Branch A kept the defaults: its complaints are unaffected.
    expect((await create('repA', { severity: 'HIGH' })).responseHours).toBe(24);
  });

  it('the lifecycle: investigation (the response), root cause, resolution, not fixed reopens, confirmed closes', async () => {
    const c = await create('repA', { severity: 'CRITICAL' });
    const started = (
      await ok<{ startComplaintInvestigation: Complaint }>('repA', START, { id: c.id, n: 'Called the customer back' })
    ).startComplaintInvestigation;
    expect(started).toMatchObject({ state: 'INVESTIGATING', nextEscalationAt: null, overdue: false });
    expect(started.respondedAt).not.toBeNull();

    const caused = (
      await ok<{ recordComplaintRootCause: Complaint }>('repA', CAUSE, { id: c.id, c: 'Packed without foam' })
    ).recordComplaintRootCause;
    expect(caused).toMatchObject({ state: 'INVESTIGATING', rootCause: 'Packed without foam' });
    const resolved = (
      await ok<{ resolveComplaint: Complaint }>('repA', RESOLVE, { id: c.id, in: { resolution: 'Housing replaced' } })
    ).resolveComplaint;
    expect(resolved).toMatchObject({
      state: 'RESOLVED',
      resolution: 'Housing replaced',
      rootCause: 'Packed without foam',
    });
    expect(resolved.resolvedAt).not.toBeNull();

    const reopened = (
      await ok<{ recordComplaintFollowUp: Complaint }>('repA', FOLLOW, {
        id: c.id,
        in: { confirmed: false, note: 'Still leaking at the seal' },
      })
    ).recordComplaintFollowUp;
    expect(reopened).toMatchObject({ state: 'INVESTIGATING', resolution: null, resolvedAt: null });
    expect(reopened.respondedAt).toBe(started.respondedAt);

    await ok('repA', RESOLVE, { id: c.id, in: { resolution: 'Seal replaced', rootCause: 'Wrong seal size as well' } });
    const closed = (
      await ok<{ recordComplaintFollowUp: Complaint }>('managerA', FOLLOW, {
        id: c.id,
        in: { confirmed: true, note: 'Customer confirmed by phone' },
      })
    ).recordComplaintFollowUp;
    expect(closed).toMatchObject({
      state: 'CLOSED',
      resolution: 'Seal replaced',
      rootCause: 'Wrong seal size as well',
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((e) => [e.action, e.fromState, e.toState, e.note, e.actorId])).toEqual([
      ['RECEIVED', null, 'RECEIVED', null, f.org.users.repA.id],
      ['INVESTIGATION_STARTED', 'RECEIVED', 'INVESTIGATING', 'Called the customer back', f.org.users.repA.id],
      ['ROOT_CAUSE_RECORDED', 'INVESTIGATING', 'INVESTIGATING', 'Packed without foam', f.org.users.repA.id],
      ['RESOLVED', 'INVESTIGATING', 'RESOLVED', 'Housing replaced', f.org.users.repA.id],
      ['NOT_FIXED', 'RESOLVED', 'INVESTIGATING', 'Still leaking at the seal', f.org.users.repA.id],
      ['RESOLVED', 'INVESTIGATING', 'RESOLVED', 'Seal replaced', f.org.users.repA.id],
      ['CONFIRMED', 'RESOLVED', 'CLOSED', 'Customer confirmed by phone', f.org.users.managerA.id],
    ]);
    const audit = await f.owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'complaint' AND entity_id = $1 ORDER BY created_at, id`,
      [c.id],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(
      [
        'create',
        'investigation_started',
        'root_cause_recorded',
        'resolved',
        'not_fixed',
        'resolved',
        'confirmed',
      ].sort(),
    );
  });

  it('invalid moves and bad input are typed errors that change nothing', async () => {
    const c = await create('repA');
    const inv = await create('repA');
    await ok('repA', START, { id: inv.id });
    const before = await state();
    const tries: [string, string, Record<string, unknown>, string, string[]][] = [
      // Out of order.
      ['repA', CAUSE, { id: c.id, c: 'Too early' }, 'INVALID_STATE', []],
      ['repA', RESOLVE, { id: c.id, in: { resolution: 'x', rootCause: 'y' } }, 'INVALID_STATE', []],
      ['repA', FOLLOW, { id: c.id, in: { confirmed: true } }, 'INVALID_STATE', []],
      ['repA', START, { id: inv.id }, 'INVALID_STATE', []],
      ['repA', FOLLOW, { id: inv.id, in: { confirmed: true } }, 'INVALID_STATE', []],
      // Resolution without any root cause.
      ['repA', RESOLVE, { id: inv.id, in: { resolution: 'Replaced' } }, 'BAD_USER_INPUT', ['rootCause']],
      ['repA', RESOLVE, { id: inv.id, in: { resolution: '  ', rootCause: 'x' } }, 'BAD_USER_INPUT', ['resolution']],
      ['repA', CAUSE, { id: inv.id, c: '   ' }, 'BAD_USER_INPUT', ['rootCause']],
      ['repA', START, { id: c.id, n: 'x'.repeat(4001) }, 'BAD_USER_INPUT', ['note']],
      // Unknown ids, colleagues' complaints for a rep, and permissions.
      ['repA', START, { id: randomUUID() }, 'NOT_FOUND', []],
      ['rep2A', START, { id: c.id }, 'NOT_FOUND', []],
      ['managerB', START, { id: c.id }, 'NOT_FOUND', []],
      ['financeA', START, { id: c.id }, 'FORBIDDEN', []],
      ['repA', START, { id: 'not-a-uuid' }, 'BAD_USER_INPUT', ['id']],
    ];
    for (const [who, doc, vars, code, fields] of tries) {
      const r = await call(who, doc, vars);
      expect({ who, vars, ...problem(r) }).toMatchObject({ who, vars, code, fields });
      expect(r.status).toBeLessThan(500);
    }
    // Intake: bad enums, blank text, a customer of another branch or of a colleague, an owner for a rep.
    const intake: [string, Record<string, unknown>, string, string[]][] = [
      ['repA', { description: '   ' }, 'BAD_USER_INPUT', ['description']],
      ['repA', { description: 'x'.repeat(4001) }, 'BAD_USER_INPUT', ['description']],
      ['repA', { customerId: 'nope' }, 'BAD_USER_INPUT', ['customerId']],
      ['repA', { customerId: customerB }, 'NOT_FOUND', []],
      ['repA', { customerId: customerA2 }, 'NOT_FOUND', []],
      ['repA', { customerId: randomUUID() }, 'NOT_FOUND', []],
      ['repA', { ownerId: f.org.users.rep2A.id }, 'FORBIDDEN', []],
      ['managerA', { ownerId: f.org.users.repB.id }, 'BAD_USER_INPUT', ['ownerId']],
      ['admin', {}, 'BAD_USER_INPUT', ['branchId']],
      ['admin', { branchId: f.org.a.id }, 'BAD_USER_INPUT', ['ownerId']],
      ['financeA', {}, 'FORBIDDEN', []],
    ];
    for (const [who, input, code, fields] of intake) {
      const r = await call(who, CREATE, {
        in: {
          customerId: customerA,
          channel: 'EMAIL',
          category: 'PRODUCT',
          severity: 'LOW',
          description: 'x',
          ...input,
        },
      });
      expect({ who, input, ...problem(r) }).toMatchObject({ who, input, code, fields });
    }
    const badEnum = await call('repA', CREATE, {
      in: { customerId: customerA, channel: 'FAX', category: 'PRODUCT', severity: 'LOW', description: 'x' },
    });
    expect(badEnum.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const followUp = await call('repA', FOLLOW, { id: c.id, in: { confirmed: false } });
    expect(problem(followUp)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
    expect(await state()).toEqual(before);
  });

  it('who sees what: a rep their own, the manager the branch, head office every branch', async () => {
    const mine = await create('repA', { description: 'Mine' });
    const theirs = await create('rep2A', { customerId: customerA2, description: 'Theirs' });
    const byManager = await create('managerA', { customerId: customerA2, ownerId: f.org.users.rep2A.id });
    const inB = await create('repB', { customerId: customerB });
    const byHq = await create('admin', { branchId: f.org.b.id, customerId: customerB, ownerId: f.org.users.repB.id });
    expect(byHq).toMatchObject({ branchId: f.org.b.id, ownerId: f.org.users.repB.id });

    expect((await get('repA', mine.id))?.id).toBe(mine.id);
    expect(await get('repA', theirs.id)).toBeNull();
    expect(await get('repA', inB.id)).toBeNull();
    expect((await get('managerA', theirs.id))?.id).toBe(theirs.id);
    expect(await get('managerA', inB.id)).toBeNull();
    expect((await get('admin', inB.id))?.id).toBe(inB.id);

    type L = {
      complaints: { totalCount: number; edges: { node: { id: string; branchId: string; ownerId: string } }[] };
    };
    const list = async (who: string, f: Record<string, unknown> = {}) =>
      (await ok<L>(who, LIST, { first: 100, f })).complaints;
    const rep = await list('repA');
    expect(rep.edges.every((e) => e.node.ownerId === f.org.users.repA.id)).toBe(true);
    expect(rep.edges.map((e) => e.node.id)).toContain(mine.id);
    expect((await list('repA', { ownerId: f.org.users.rep2A.id })).totalCount).toBe(0);
    const mgr = await list('managerA');
    expect(mgr.edges.every((e) => e.node.branchId === f.org.a.id)).toBe(true);
    expect(mgr.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([mine.id, theirs.id, byManager.id]));
    const hq = await list('admin');
    const total = Number((await f.owner.query('SELECT count(*) FROM complaints')).rows[0].count);
    expect(hq.totalCount).toBe(total);
    expect(new Set(hq.edges.map((e) => e.node.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
    expect((await list('admin', { branchId: f.org.b.id })).edges.every((e) => e.node.branchId === f.org.b.id)).toBe(
      true,
    );
    expect((await list('managerA', { branchId: f.org.b.id })).totalCount).toBe(0);
    // The HQ list is newest first across branches, one page after another with no gap or repeat.
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (
        await ok<L & { complaints: { pageInfo: { endCursor: string; hasNextPage: boolean } } }>('admin', LIST, {
          first: 3,
          after,
        })
      ).complaints;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = await f.owner.query<{ id: string }>(
      'SELECT id FROM complaints ORDER BY received_at DESC, id DESC',
    );
    expect(seen).toEqual(expected.rows.map((r) => r.id));
  });

  it('filters: state, severity, category, channel, customer and overdue', async () => {
    const overdue = await create('managerA', {
      customerId: customerA2,
      severity: 'LOW',
      category: 'BILLING',
      channel: 'LETTER',
    });
    await f.owner.query(
      `UPDATE complaints SET received_at = now() - interval '6 days', response_due_at = now() - interval '1 day',
         next_escalation_at = NULL WHERE id = $1`,
      [overdue.id],
    );
    type L = { complaints: { totalCount: number; edges: { node: { id: string; overdue: boolean; state: string } }[] } };
    const ids = async (f: Record<string, unknown>) =>
      (await ok<L>('managerA', LIST, { first: 100, f })).complaints.edges.map((e) => e.node.id);
    expect(await ids({ overdue: true })).toEqual([overdue.id]);
    expect(await ids({ overdue: false })).not.toContain(overdue.id);
    expect(await ids({ category: 'BILLING', channel: 'LETTER' })).toEqual([overdue.id]);
    expect(await ids({ customerId: customerA2, severity: 'LOW' })).toEqual([overdue.id]);
    const investigating = await ids({ state: 'INVESTIGATING' });
    const rows = await f.owner.query<{ id: string }>(
      `SELECT id FROM complaints WHERE branch_id = $1 AND state = 'INVESTIGATING' ORDER BY received_at DESC, id DESC`,
      [f.org.a.id],
    );
    expect(investigating).toEqual(rows.rows.map((r) => r.id));
    expect((await get('managerA', overdue.id))?.overdue).toBe(true);
    const bad = await call('managerA', LIST, { first: 5, f: { severity: 'URGENT' } });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('head office counts per branch by state and severity with the overdue ones, matching the rows', async () => {
    // Rows of its own, whatever the tests above left: one in A, one overdue in B.
    await create('repA');
    const lateB = await create('repB', { customerId: customerB });
    await f.owner.query(
      `UPDATE complaints SET received_at = now() - interval '6 days', response_due_at = now() - interval '1 day',
         next_escalation_at = NULL WHERE id = $1`,
      [lateB.id],
    );
    type Row = { branchId: string; state: string; severity: string; count: number; overdue: number };
    const counts = (await ok<{ complaintCounts: Row[] }>('admin', COUNTS)).complaintCounts;
    const expected = await f.owner.query<Row>(
      `SELECT branch_id AS "branchId", state, severity, count(*)::int AS count,
         (count(*) FILTER (WHERE state = 'RECEIVED' AND response_due_at <= now()))::int AS overdue
       FROM complaints GROUP BY 1, 2, 3`,
    );
    const key = (r: Row) => `${r.branchId}:${r.state}:${r.severity}`;
    expect([...counts].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...expected.rows].sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(new Set(counts.map((r) => r.branchId))).toEqual(new Set([f.org.a.id, f.org.b.id]));
    expect(counts.some((r) => r.overdue > 0)).toBe(true);
    const onlyB = (await ok<{ complaintCounts: Row[] }>('admin', COUNTS, { f: { branchId: f.org.b.id } }))
      .complaintCounts;
    expect(onlyB.length).toBeGreaterThan(0);
    expect(onlyB.every((r) => r.branchId === f.org.b.id)).toBe(true);
    const mgr = (await ok<{ complaintCounts: Row[] }>('managerB', COUNTS)).complaintCounts;
    expect(mgr.every((r) => r.branchId === f.org.b.id)).toBe(true);
    const rep = (await ok<{ complaintCounts: Row[] }>('repA', COUNTS)).complaintCounts;
    const repTotal = await f.owner.query('SELECT count(*)::int AS n FROM complaints WHERE owner_id = $1', [
      f.org.users.repA.id,
    ]);
    expect(rep.reduce((n, r) => n + r.count, 0)).toBe(repTotal.rows[0].n);
    const one = await call('admin', COUNTS);
    expect(Number(one.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
  });

  it('the statement count of a head-office page does not depend on its size', async () => {
    await f.owner.query(
      `INSERT INTO complaints (branch_id, id, customer_id, owner_id, channel, category, severity, description,
         received_at, response_hours, working_time, response_due_at, next_escalation_at, created_by)
       SELECT b, gen_random_uuid(), c, o, 'WEB', 'SERVICE', 'MEDIUM', 'Bulk ' || g, now() - g * interval '1 minute',
         72, false, now() + interval '3 days', now() + interval '3 days', o
       FROM generate_series(1, 60) g,
         (VALUES ($1::uuid, $2::uuid, $3::uuid), ($4::uuid, $5::uuid, $6::uuid)) AS v(b, c, o)`,
      [f.org.a.id, customerA, f.org.users.repA.id, f.org.b.id, customerB, f.org.users.repB.id],
    );
    await f.owner.query(
      `INSERT INTO complaint_events (branch_id, id, complaint_id, action, to_state, actor_id)
       SELECT branch_id, gen_random_uuid(), id, 'RECEIVED', 'RECEIVED', owner_id FROM complaints
       WHERE description LIKE 'Bulk %'`,
    );
    const PAGE = `query($first: Int!) { complaints(first: $first) { totalCount edges { node { id
      timeline { action at } customer { id name } owner { id displayName } } } } }`;
    const counts: number[] = [];
    for (const first of [1, 10, 100]) {
      const r = await call<{ complaints: { edges: unknown[] } }>('admin', PAGE, { first });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data!.complaints.edges.length).toBe(first);
      counts.push(Number(r.headers.get('x-sql-statements')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(new Set(counts).size).toBe(1);
  });
});
