import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Role } from '../src/modules/branches/roles.js';
import { addWorkingHours, type WorkCalendar } from '@app/core';
import {
  DEFAULT_POLICY,
  rank,
  selectSteps,
  superiorOf,
  type ApproverRule,
  type PolicyDefinition,
} from '../src/modules/approvals/approval-policy.js';

/**
 * The approval engine's data in the bench database: open requests spread over the branches, in the state the engine
 * (submit) and its worker (reminders, escalation level by level, stalling) would have left them in at the moment of
 * the reset. Rebuilt from scratch on every reset (set-based), so every scenario starts from the same state.
 */

export const SUBJECT_TYPE = 'CONTRACT';
/** Working week of every bench branch: Monday to Friday 09:00-18:00 (the engine's default) plus a few holidays. */
const WORK_DAYS = [1, 2, 3, 4, 5];
const DAY_START = 9 * 60;
const DAY_END = 18 * 60;
const HOLIDAYS = ['2026-01-01', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`), '2027-01-01'];
/** No seeded step has a reminder or escalation due within this long after the reset (the scenarios' own steps do). */
const QUIET_MS = 60 * 60_000;
const HOUR_MS = 3_600_000;

export const LEADER_EMAIL = 'leader@bench.example';

export interface ApprovalsSeedSummary {
  requests: number;
  steps: number;
  pendingSteps: number;
  byPosition: Record<number, number>;
  byLevel: Record<number, number>;
  stalled: number;
  approvers: number;
  events: number;
  /** Pending first steps with no escalation yet: the pool the scenarios make due. */
  freshFirstSteps: number;
  /** The most steps whose next escalation falls due at one instant (working hours bunch them up). */
  largestCluster: { at: Date | null; steps: number };
  ms: number;
}

interface Member {
  branch_id: string;
  user_id: string;
  role: Role;
  kind: string;
  time_zone: string;
}

/** A tiny deterministic PRNG, so every reset builds the same population (relative to its own "now"). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rows {
  readonly cols: Record<string, unknown[]> = {};
  constructor(names: string[]) {
    for (const n of names) this.cols[n] = [];
  }
  push(row: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(this.cols)) v.push(row[k] ?? null);
  }
  get length(): number {
    return Object.values(this.cols)[0]?.length ?? 0;
  }
}

/** Head-office leadership (escalation level 1 of a branch manager's step goes to them): one person, created once. */
export async function ensureApprovalUsers(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO users (id, organization_id, email, display_name, password_hash)
     SELECT md5('bench:user:leader')::uuid, organization_id, $1, 'Bench HQ Leadership', password_hash
     FROM users WHERE email = 'admin@bench.example'
     ON CONFLICT DO NOTHING`,
    [LEADER_EMAIL],
  );
  await c.query(
    `INSERT INTO memberships (id, user_id, branch_id, role)
     SELECT md5('bench:membership:leader')::uuid, md5('bench:user:leader')::uuid, b.id, 'LEADERSHIP'
     FROM branches b WHERE b.organization_id = md5('bench:org')::uuid AND b.kind = 'HEAD_OFFICE'
     ON CONFLICT DO NOTHING`,
  );
}

/**
 * Deletes every approval row of the bench organization (and the notifications the worker wrote about them) and
 * writes `perBranch` open requests per branch again, as of now.
 */
export async function resetApprovals(c: pg.Client, perBranch: number): Promise<ApprovalsSeedSummary> {
  const started = Date.now();
  const members = (
    await c.query<Member>(
      `SELECT m.branch_id, m.user_id, m.role, b.kind, b.time_zone FROM memberships m JOIN branches b ON b.id = m.branch_id
       WHERE b.organization_id = md5('bench:org')::uuid ORDER BY b.code, m.role, m.user_id`,
    )
  ).rows;
  const branches = [...new Set(members.filter((m) => m.kind === 'BRANCH').map((m) => m.branch_id))];
  const tz = new Map(members.map((m) => [m.branch_id, m.time_zone]));
  const calOf = (b: string): WorkCalendar => ({
    timeZone: tz.get(b) ?? 'UTC',
    workDays: WORK_DAYS,
    dayStartMinute: DAY_START,
    dayEndMinute: DAY_END,
    holidays: new Set(HOLIDAYS),
    extraWorkDays: new Set(),
  });
  const cals = new Map(branches.map((b) => [b, calOf(b)]));
  const [{ now: nowDb }] = (await c.query<{ now: Date }>('SELECT now() AS now')).rows;
  const t0 = nowDb.getTime();
  const policy: PolicyDefinition = DEFAULT_POLICY;

  const policies = new Rows(['branch_id', 'id']);
  const requests = new Rows([
    'branch_id',
    'id',
    'subject_id',
    'title',
    'amount',
    'requester_id',
    'policy_id',
    'current_position',
    'stalled_at',
    'submitted_at',
  ]);
  const steps = new Rows([
    'branch_id',
    'id',
    'request_id',
    'position',
    'name',
    'sla_hours',
    'status',
    'started_at',
    'due_at',
    'decided_at',
    'decided_by',
    'escalation_level',
    'next_escalation_at',
    'reminders_sent',
    'next_reminder_at',
  ]);
  const approvers = new Rows(['branch_id', 'step_id', 'kind', 'role', 'source', 'level', 'added_at']);
  const events = new Rows(['branch_id', 'request_id', 'step_id', 'actor_id', 'action', 'level', 'at']);
  const byPosition: Record<number, number> = {};
  const byLevel: Record<number, number> = {};
  let stalled = 0;
  let fresh = 0;

  const rnd = mulberry32(20261125);
  for (const b of branches) {
    const cal = cals.get(b)!;
    const policyId = randomUUID();
    policies.push({ branch_id: b, id: policyId });
    const reps = members.filter((m) => m.branch_id === b && m.role === Role.SALES_REP).map((m) => m.user_id);
    const manager = members.find((m) => m.branch_id === b && m.role === Role.BRANCH_MANAGER)!.user_id;
    for (let i = 0; i < perBranch; i++) {
      const u = rnd();
      // 70% up to 500,000 (one step), 25% up to 5,000,000 (two), 5% above (three): DEFAULT_POLICY's bands.
      const amount =
        u < 0.7
          ? (20_000 + Math.floor(rnd() * 480_000)).toFixed(2)
          : u < 0.95
            ? (500_001 + Math.floor(rnd() * 4_499_999)).toFixed(2)
            : (5_000_001 + Math.floor(rnd() * 20_000_000)).toFixed(2);
      const chosen = selectSteps(policy, amount);
      const requester = reps[i % reps.length];
      // Ages: most requests are recent, a tail is days old (those have escalated and stalled by now).
      let ageMs = Math.min(-Math.log(1 - rnd() * 0.999) * 1.3 * 24 * HOUR_MS, 20 * 24 * HOUR_MS) + 120_000;
      const approvedFirst = chosen.length > 1 && rnd() < 0.5;
      const approveAfter = 0.2 + rnd() * 0.7;
      const delay = 1000 + Math.floor(rnd() * 14_000);
      for (let attempt = 0; ; attempt++) {
        const sim = simulate(policy, chosen, cal, new Date(t0 - ageMs), t0, approvedFirst, approveAfter, delay);
        if (sim || attempt > 200) {
          if (!sim) throw new Error('could not place a seeded request outside the quiet window');
          const reqId = randomUUID();
          requests.push({
            branch_id: b,
            id: reqId,
            subject_id: randomUUID(),
            title: `Supply contract ${i + 1} of ${b.slice(0, 8)}`,
            amount,
            requester_id: requester,
            policy_id: policyId,
            current_position: sim.position,
            stalled_at: sim.stalledAt,
            submitted_at: sim.submittedAt,
          });
          events.push({
            branch_id: b,
            request_id: reqId,
            actor_id: requester,
            action: 'SUBMITTED',
            at: sim.submittedAt,
          });
          byPosition[sim.position] = (byPosition[sim.position] ?? 0) + 1;
          if (sim.stalledAt) stalled++;
          for (const [k, s] of sim.steps.entries()) {
            const stepId = randomUUID();
            steps.push({
              ...s.row,
              branch_id: b,
              id: stepId,
              request_id: reqId,
              decided_by: s.decided ? manager : null,
            });
            for (const a of s.approvers)
              approvers.push({ ...a, branch_id: b, step_id: stepId, added_at: a.added_at ?? sim.submittedAt });
            for (const e of s.events)
              events.push({
                ...e,
                branch_id: b,
                request_id: reqId,
                step_id: stepId,
                actor_id: e.action === 'APPROVED' ? manager : null,
              });
            if (k + 1 === sim.position) {
              byLevel[s.row.escalation_level as number] = (byLevel[s.row.escalation_level as number] ?? 0) + 1;
              if (k === 0 && s.row.escalation_level === 0 && s.row.next_escalation_at) fresh++;
            }
          }
          break;
        }
        ageMs += HOUR_MS;
      }
    }
  }

  await c.query('BEGIN');
  try {
    const org = `(SELECT id FROM branches WHERE organization_id = md5('bench:org')::uuid)`;
    await c.query(`DELETE FROM notifications WHERE branch_id IN ${org} AND subject_type = 'approval_request'`);
    await c.query(`DELETE FROM approval_events WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM approval_step_approvers WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM approval_steps WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM approval_requests WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM approval_policies WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM branch_calendar_days WHERE branch_id IN ${org}`);
    await c.query(`DELETE FROM branch_calendars WHERE branch_id IN ${org}`);
    await c.query(
      `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute)
       SELECT b, $2::smallint[], $3, $4 FROM unnest($1::uuid[]) b`,
      [branches, WORK_DAYS, DAY_START, DAY_END],
    );
    await c.query(
      `INSERT INTO branch_calendar_days (branch_id, day, kind, name)
       SELECT b, d, 'HOLIDAY', 'Public holiday' FROM unnest($1::uuid[]) b, unnest($2::date[]) d`,
      [branches, HOLIDAYS],
    );
    // The default policy written as version 1 on first use, exactly as ApprovalsService.policyRow does.
    await c.query(
      `INSERT INTO approval_policies (branch_id, id, subject_type, version, steps, reminder_percents, max_escalation_level)
       SELECT b, id, $3, 1, $4::jsonb, $5::smallint[], $6 FROM unnest($1::uuid[], $2::uuid[]) AS x(b, id)`,
      [
        policies.cols.branch_id,
        policies.cols.id,
        SUBJECT_TYPE,
        JSON.stringify(policy.steps),
        policy.reminderPercents,
        policy.maxEscalationLevel,
      ],
    );
    const r = requests.cols;
    await c.query(
      `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, amount, currency, requester_id,
         policy_id, status, current_position, stalled_at, submitted_at)
       SELECT b, id, $11, sid, t, a, 'CNY', req, pol, 'PENDING', pos, st, sub
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::uuid[], $7::uuid[], $8::smallint[],
         $9::timestamptz[], $10::timestamptz[]) AS x(b, id, sid, t, a, req, pol, pos, st, sub)`,
      [
        r.branch_id,
        r.id,
        r.subject_id,
        r.title,
        r.amount,
        r.requester_id,
        r.policy_id,
        r.current_position,
        r.stalled_at,
        r.submitted_at,
        SUBJECT_TYPE,
      ],
    );
    const s = steps.cols;
    await c.query(
      `INSERT INTO approval_steps (branch_id, id, request_id, position, name, sla_hours, status, started_at, due_at,
         decided_at, decided_by, escalation_level, next_escalation_at, reminders_sent, next_reminder_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::text[], $6::numeric[], $7::text[],
         $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::uuid[], $12::smallint[], $13::timestamptz[],
         $14::smallint[], $15::timestamptz[])`,
      [
        s.branch_id,
        s.id,
        s.request_id,
        s.position,
        s.name,
        s.sla_hours,
        s.status,
        s.started_at,
        s.due_at,
        s.decided_at,
        s.decided_by,
        s.escalation_level,
        s.next_escalation_at,
        s.reminders_sent,
        s.next_reminder_at,
      ],
    );
    const a = approvers.cols;
    await c.query(
      `INSERT INTO approval_step_approvers (branch_id, id, step_id, kind, role, source, level, added_at)
       SELECT b, gen_random_uuid(), s, k, r, src, l, at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::timestamptz[])
         AS x(b, s, k, r, src, l, at)`,
      [a.branch_id, a.step_id, a.kind, a.role, a.source, a.level, a.added_at],
    );
    const e = events.cols;
    await c.query(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, actor_id, action, level, at)
       SELECT b, gen_random_uuid(), r, s, act, a, l, at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::smallint[], $7::timestamptz[])
         AS x(b, r, s, act, a, l, at)
       ORDER BY at`,
      [e.branch_id, e.request_id, e.step_id, e.actor_id, e.action, e.level, e.at],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  const [cluster] = (
    await c.query<{ at: Date | null; n: number }>(
      `SELECT next_escalation_at AS at, count(*)::int AS n FROM approval_steps
       WHERE status = 'PENDING' AND next_escalation_at IS NOT NULL
         AND branch_id IN (SELECT id FROM branches WHERE organization_id = md5('bench:org')::uuid)
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    )
  ).rows;
  await c.query(
    'VACUUM (ANALYZE) approval_requests, approval_steps, approval_step_approvers, approval_events, approval_policies, notifications',
  );
  return {
    requests: requests.length,
    steps: steps.length,
    pendingSteps: requests.length,
    byPosition,
    byLevel,
    stalled,
    approvers: approvers.length,
    events: events.length,
    freshFirstSteps: fresh,
    largestCluster: { at: cluster?.at ?? null, steps: cluster?.n ?? 0 },
    ms: Date.now() - started,
  };
}

interface SimStep {
  row: Record<string, unknown>;
  decided: boolean;
  approvers: { kind: string; role: string; source: string; level: number; added_at?: Date }[];
  events: { action: string; level: number | null; at: Date }[];
}

interface Sim {
  submittedAt: Date;
  position: number;
  stalledAt: Date | null;
  steps: SimStep[];
}

/**
 * One request's life from submission to `now`, by the engine's own rules: steps chosen by amount, step 1 starting at
 * submission (due after its SLA in working hours, reminders at the policy's percentages of it), optionally approved
 * by the branch manager (step 2 starts then), and the worker's handling of every reminder and escalation level that
 * fell due before now (a scan `delay` ms after each due time). Null when a reminder or escalation would fall due in
 * the quiet window after now, or the request would not be open at now: the caller moves the submission back.
 */
function simulate(
  policy: PolicyDefinition,
  chosen: PolicyDefinition['steps'],
  cal: WorkCalendar,
  submittedAt: Date,
  now: number,
  approvedFirst: boolean,
  approveAfter: number,
  delay: number,
): Sim | null {
  const steps: SimStep[] = chosen.map((s, i) => ({
    row: {
      position: i + 1,
      name: s.name,
      sla_hours: String(s.slaHours),
      status: 'WAITING',
      escalation_level: 0,
      reminders_sent: 0,
    },
    decided: false,
    approvers: [{ kind: s.approver.kind, role: (s.approver as { role: Role }).role, source: 'POLICY', level: 0 }],
    events: [],
  }));
  let position = 1;
  let start = submittedAt;
  let stalledAt: Date | null = null;
  if (approvedFirst) {
    const sla = chosen[0].slaHours;
    const decidedAt = addWorkingHours(submittedAt, sla * approveAfter, cal);
    if (decidedAt.getTime() >= now - 60_000) return null;
    const first = steps[0];
    runStep(policy, chosen[0], first, cal, submittedAt, decidedAt.getTime(), delay);
    Object.assign(first.row, {
      status: 'APPROVED',
      decided_at: decidedAt,
      next_escalation_at: null,
      next_reminder_at: null,
    });
    first.decided = true;
    first.events.push({ action: 'APPROVED', level: null, at: decidedAt });
    position = 2;
    start = decidedAt;
  }
  const current = steps[position - 1];
  const stall = runStep(policy, chosen[position - 1], current, cal, start, now, delay);
  if (stall === undefined) return null;
  stalledAt = stall;
  // Nothing of the seeded population falls due in the quiet window after the reset.
  for (const k of ['next_escalation_at', 'next_reminder_at'] as const) {
    const t = current.row[k] as Date | null;
    if (t && t.getTime() <= now + QUIET_MS) return null;
  }
  return { submittedAt, position, stalledAt, steps };
}

/**
 * Starts a step at `start` and applies the worker's scans up to `until` (exclusive): reminders, escalation by one
 * level per SLA, then stalling. Returns the stall time (null if not stalled), or undefined when something would fall
 * due within a minute before `until` (its record would carry a time after the reset).
 */
function runStep(
  policy: PolicyDefinition,
  def: PolicyDefinition['steps'][number],
  step: SimStep,
  cal: WorkCalendar,
  start: Date,
  until: number,
  delay: number,
): Date | null | undefined {
  const sla = def.slaHours;
  const due = addWorkingHours(start, sla, cal);
  const firstPct = policy.reminderPercents[0];
  const row = step.row;
  Object.assign(row, {
    status: 'PENDING',
    started_at: start,
    due_at: due,
    next_escalation_at: due,
    next_reminder_at: firstPct !== undefined ? addWorkingHours(start, (sla * firstPct) / 100, cal) : null,
    reminders_sent: 0,
    escalation_level: 0,
  });
  let stalledAt: Date | null = null;
  for (;;) {
    const rem = row.next_reminder_at as Date | null;
    const esc = row.next_escalation_at as Date | null;
    const next = Math.min(rem?.getTime() ?? Infinity, esc?.getTime() ?? Infinity);
    if (next === Infinity || next >= until) return stalledAt;
    const scanAt = new Date(next + delay);
    if (scanAt.getTime() >= until - 60_000) return undefined;
    // One scan handles whatever is due at its time: the reminder first, then the escalation (handleStep).
    if (rem && rem.getTime() <= scanAt.getTime()) {
      const n = (row.reminders_sent as number) + 1;
      step.events.push({ action: 'REMINDED', level: n, at: scanAt });
      const pct = policy.reminderPercents[n];
      const nextAt = pct !== undefined ? addWorkingHours(start, (sla * pct) / 100, cal) : null;
      row.reminders_sent = n;
      row.next_reminder_at = nextAt && nextAt < due ? nextAt : null;
    }
    if (esc && esc.getTime() <= scanAt.getTime()) {
      const level = (row.escalation_level as number) + 1;
      const highest = step.approvers
        .map((a) => ({ kind: a.kind as 'BRANCH_ROLE' | 'HQ_ROLE', role: a.role as Role }))
        .reduce<{ kind: 'BRANCH_ROLE' | 'HQ_ROLE'; role: Role } | null>(
          (best, r) => (!best || rank(r) > rank(best) ? r : best),
          null,
        );
      const superior: ApproverRule | null = level <= policy.maxEscalationLevel && highest ? superiorOf(highest) : null;
      if (superior && superior.kind !== 'USER' && superior.kind !== 'REQUESTER_MANAGER') {
        if (!step.approvers.some((a) => a.kind === superior.kind && a.role === superior.role)) {
          step.approvers.push({
            kind: superior.kind,
            role: superior.role,
            source: 'ESCALATION',
            level,
            added_at: scanAt,
          });
        }
        step.events.push({ action: 'ESCALATED', level, at: scanAt });
        row.escalation_level = level;
        row.next_escalation_at = addWorkingHours(esc, sla, cal);
      } else {
        step.events.push({ action: 'STALLED', level, at: scanAt });
        stalledAt ??= scanAt;
        row.next_escalation_at = null;
      }
    }
  }
}

/** Pending first steps not escalated yet, waiting for the branch manager: what the scenarios make due. */
export async function freshSteps(c: pg.Client, n: number): Promise<{ branch_id: string; id: string }[]> {
  const r = await c.query<{ branch_id: string; id: string }>(
    `SELECT s.branch_id, s.id FROM approval_steps s
     JOIN branches b ON b.id = s.branch_id AND b.organization_id = md5('bench:org')::uuid
     WHERE s.status = 'PENDING' AND s.position = 1 AND s.escalation_level = 0 AND s.next_escalation_at IS NOT NULL
     ORDER BY s.id LIMIT $1`,
    [n],
  );
  return r.rows;
}

/**
 * Moves each step's clock so that its SLA expires at the given instant (as time passing would): the start and due
 * times shift together, both reminders count as sent (their timeline entries are written), escalation is due then.
 */
export async function expireAt(c: pg.Client, steps: { branch_id: string; id: string }[], at: Date[]): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query(
      `CREATE TEMP TABLE IF NOT EXISTS bench_expire (branch_id uuid, id uuid, at timestamptz(3)) ON COMMIT DELETE ROWS`,
    );
    await c.query(`INSERT INTO bench_expire SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])`, [
      steps.map((s) => s.branch_id),
      steps.map((s) => s.id),
      at,
    ]);
    await c.query(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, action, level, at)
       SELECT s.branch_id, gen_random_uuid(), s.request_id, s.id, 'REMINDED', n, x.at - (s.due_at - s.next_reminder_at)
       FROM bench_expire x JOIN approval_steps s ON s.branch_id = x.branch_id AND s.id = x.id,
         generate_series(s.reminders_sent + 1, 2) n
       ON CONFLICT DO NOTHING`,
    );
    await c.query(
      `UPDATE approval_requests r SET submitted_at = r.submitted_at + (x.at - s.due_at)
       FROM bench_expire x JOIN approval_steps s ON s.branch_id = x.branch_id AND s.id = x.id
       WHERE r.branch_id = s.branch_id AND r.id = s.request_id`,
    );
    await c.query(
      `UPDATE approval_steps s SET started_at = s.started_at + (x.at - s.due_at), due_at = x.at, next_escalation_at = x.at,
         reminders_sent = 2, next_reminder_at = NULL
       FROM bench_expire x WHERE s.branch_id = x.branch_id AND s.id = x.id`,
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
