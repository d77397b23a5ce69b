import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, type PayloadOf } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { rank, superiorOf, type ApproverRule } from './approval-policy.js';
import { approvalJobs } from './approval-jobs.js';
import { ApprovalAction } from './approval.types.js';
import { ApprovalsService, toRequest, type RequestRow, type StepRow } from './approvals.service.js';
import { addWorkingHours } from './working-time.js';

const SCAN_BATCH = 200;
/** Transactions of one scan working side by side (each holds a pooled connection while it runs). */
const SCAN_LANES = 3;

interface Claimed {
  branch_id: string;
  id: string;
  head_office_id: string;
}

interface ClaimedAt extends Claimed {
  /** The database's clock, the one the claim compared the due times with. */
  now: Date;
}

interface RoleRule {
  kind: 'BRANCH_ROLE' | 'HQ_ROLE';
  role: Role;
}

export interface ScanResult {
  reminded: number;
  escalated: number;
  stalled: number;
}

/**
 * Reminders before a step's SLA expires and escalation after it, driven by the due timestamps on
 * the steps. A claimed batch is handled in the claiming transaction, with its rows locked, by a fixed
 * number of set-based statements whatever its size: a crash rolls the batch back for the next run, and
 * a unique event per step and level makes repeats no-ops.
 */
@Injectable()
export class ApprovalsJobs {
  constructor(
    private readonly db: Database,
    private readonly approvals: ApprovalsService,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(approvalJobs.dueScan)
  async scanDue(): Promise<ScanResult> {
    const total: ScanResult = { reminded: 0, escalated: 0, stalled: 0 };
    // Lanes claim disjoint batches (SKIP LOCKED), as replicas do: a burst of steps falling due at the same
    // instant (requests filed overnight all start when the day opens) is worked through in parallel.
    await Promise.all(Array.from({ length: SCAN_LANES }, () => this.scanLane(total)));
    return total;
  }

  private async scanLane(total: ScanResult): Promise<void> {
    for (;;) {
      const { claimed, handled } = await this.db.run(
        { branchIds: [] },
        async (tx) => {
          const keys = await tx.query<ClaimedAt>(
            'SELECT branch_id, id, head_office_id, now() AS now FROM claim_due_approval_steps($1)',
            [SCAN_BATCH],
          );
          if (keys.length === 0) return { claimed: 0, handled: 0 };
          const ctx = await this.scoped(tx, keys);
          const { result, handled: done } = await this.handleBatch(ctx, tx, keys);
          total.reminded += result.reminded;
          total.escalated += result.escalated;
          total.stalled += result.stalled;
          return { claimed: keys.length, handled: done };
        },
        'system',
      );
      // A full batch that moved nothing (every request busy) is left for the next run, not spun on.
      if (claimed < SCAN_BATCH || handled === 0) return;
    }
  }

  @ProcessJob(approvalJobs.stepStarted)
  async stepStarted(payload: PayloadOf<typeof approvalJobs.stepStarted>, job?: Job): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        const [{ hq }] = await tx.query<{ hq: string }>('SELECT head_office_of($1) AS hq', [payload.branchId]);
        const ctx = await this.scoped(tx, [{ branch_id: payload.branchId, id: payload.stepId, head_office_id: hq }]);
        const [step] = await tx.query<StepRow>('SELECT * FROM approval_steps WHERE branch_id = $1 AND id = $2', [
          payload.branchId,
          payload.stepId,
        ]);
        if (step?.status !== 'PENDING') return 0;
        const request = await this.request(tx, step);
        const users = (await this.approverUsersOf(tx, [{ step, request, hq }])).get(step.id) ?? [];
        const branch = await this.branchLabel(tx, step.branch_id);
        return this.notifications.notifyMany(
          ctx,
          users.map((u) => ({
            branchId: step.branch_id,
            userId: u,
            kind: 'APPROVAL_PENDING',
            title: `Please decide: ${request.title} (${branch})`,
            body: `Step "${step.name}" for ${branch} is due ${step.due_at?.toISOString()}`,
            subjectType: 'approval_request',
            subjectId: request.id,
            dedupeKey: `approval-step:${step.id}:${u}`,
          })),
        );
      },
      'system',
    );
    return { notified };
  }

  @ProcessJob(approvalJobs.requestDecided)
  async requestDecided(
    payload: PayloadOf<typeof approvalJobs.requestDecided>,
    job?: Job,
  ): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        const ctx = RequestContext.forTransaction(tx, { branchIds: [payload.branchId] });
        const [r] = await tx.query<RequestRow>('SELECT * FROM approval_requests WHERE branch_id = $1 AND id = $2', [
          payload.branchId,
          payload.requestId,
        ]);
        if (!r || r.status === 'PENDING') return 0;
        const created = await this.notifications.notify(ctx, {
          branchId: r.branch_id,
          userId: r.requester_id,
          kind: `APPROVAL_${r.status}`,
          title: `${r.title}: ${r.status.toLowerCase()}`,
          subjectType: 'approval_request',
          subjectId: r.id,
          dedupeKey: `approval:${r.id}:${r.status}`,
        });
        return created ? 1 : 0;
      },
      'system',
    );
    return { notified };
  }

  @ProcessJob(approvalJobs.stepDelegated)
  async stepDelegated(payload: PayloadOf<typeof approvalJobs.stepDelegated>, job?: Job): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        const ctx = RequestContext.forTransaction(tx, { branchIds: [payload.branchId] });
        const [step] = await tx.query<StepRow>('SELECT * FROM approval_steps WHERE branch_id = $1 AND id = $2', [
          payload.branchId,
          payload.stepId,
        ]);
        if (step?.status !== 'PENDING') return 0;
        const request = await this.request(tx, step);
        const branch = await this.branchLabel(tx, step.branch_id);
        const created = await this.notifications.notify(ctx, {
          branchId: step.branch_id,
          userId: payload.userId,
          kind: 'APPROVAL_DELEGATED',
          title: `Please decide: ${request.title} (${branch})`,
          body: `Step "${step.name}" for ${branch} is due ${step.due_at?.toISOString()}`,
          subjectType: 'approval_request',
          subjectId: request.id,
          dedupeKey: `approval-delegated:${step.id}:${payload.userId}`,
        });
        return created ? 1 : 0;
      },
      'system',
    );
    return { notified };
  }

  /** A context over the claimed steps' branches and their head offices (where head-office approvers are). */
  private async scoped(tx: Tx, keys: Claimed[]): Promise<RequestContext> {
    const branchIds = [...new Set(keys.flatMap((k) => [k.branch_id, k.head_office_id]).filter(Boolean))];
    await tx.query(`SELECT set_config('app.branch_ids', $1, true)`, [`{${branchIds.join(',')}}`]);
    return RequestContext.forTransaction(tx, { branchIds });
  }

  private async request(tx: Tx, step: StepRow): Promise<RequestRow> {
    const [r] = await tx.query<RequestRow>('SELECT * FROM approval_requests WHERE branch_id = $1 AND id = $2', [
      step.branch_id,
      step.request_id,
    ]);
    return r;
  }

  /**
   * Reminds and escalates a claimed batch with set-based statements: one read of the steps, one lock of their
   * requests (SKIP LOCKED), then per kind of work one INSERT or UPDATE for every step of the batch, and the
   * notifications in one INSERT. Returns the counts and how many steps were handled (a step whose request is
   * being decided right now is left for the next run).
   */
  private async handleBatch(
    ctx: RequestContext,
    tx: Tx,
    keys: ClaimedAt[],
  ): Promise<{ result: ScanResult; handled: number }> {
    const result: ScanResult = { reminded: 0, escalated: 0, stalled: 0 };
    const now = keys[0].now;
    const hqOf = new Map(keys.map((k) => [k.id, k.head_office_id]));
    const steps = await tx.query<StepRow>(
      `SELECT s.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
       JOIN approval_steps s ON s.branch_id = k.branch_id AND s.id = k.id`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const live = steps.filter((s) => s.status === 'PENDING' && s.started_at);
    let handled = keys.length - live.length;
    if (live.length === 0) return { result, handled };
    // An approver deciding holds the request (and then waits for this step's row, which the claim
    // holds): never wait for the request here, or the two would deadlock. Skip it until the next run.
    const requests = await tx.query<
      RequestRow & { reminder_percents: number[]; max_escalation_level: number; branch_label: string }
    >(
      `SELECT r.*, p.reminder_percents, p.max_escalation_level, coalesce(b.name || ' (' || b.code || ')', 'a branch') AS branch_label
       FROM approval_requests r
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       LEFT JOIN scope_branches b ON b.id = r.branch_id
       WHERE (r.branch_id, r.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       FOR NO KEY UPDATE OF r SKIP LOCKED`,
      [live.map((s) => s.branch_id), live.map((s) => s.request_id)],
    );
    const requestOf = new Map(requests.map((r) => [`${r.branch_id}:${r.id}`, r]));
    const work = live
      .map((step) => ({ step, request: requestOf.get(`${step.branch_id}:${step.request_id}`), hq: hqOf.get(step.id)! }))
      .filter((w): w is { step: StepRow; request: NonNullable<typeof w.request>; hq: string } => !!w.request);
    handled += work.length;
    if (work.length === 0) return { result, handled };
    const cals = await this.approvals.settings.calendars(
      ctx,
      work.map((w) => w.step.branch_id),
    );
    const notices: NewNotification[] = [];

    // Reminders (before escalation, as the step's own clock orders them).
    const reminding = work.filter((w) => w.step.next_reminder_at && w.step.next_reminder_at <= now);
    if (reminding.length > 0) {
      const n = (w: (typeof work)[number]) => w.step.reminders_sent + 1;
      const recorded = await this.events(
        tx,
        reminding.map((w) => [w.step, ApprovalAction.REMINDED, n(w)]),
      );
      const told = reminding.filter((w) => recorded.has(w.step.id));
      const users = await this.approverUsersOf(tx, told);
      for (const w of told) {
        this.noticesFor(
          notices,
          w.step,
          w.request,
          users.get(w.step.id) ?? [],
          'APPROVAL_REMINDER',
          `Reminder: ${w.request.title}`,
          `reminder:${n(w)}`,
        );
      }
      result.reminded += told.length;
      await tx.query(
        `UPDATE approval_steps s SET reminders_sent = v.n, next_reminder_at = v.at
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[]) AS v(branch_id, id, n, at)
         WHERE s.branch_id = v.branch_id AND s.id = v.id`,
        [
          reminding.map((w) => w.step.branch_id),
          reminding.map((w) => w.step.id),
          reminding.map(n),
          reminding.map((w) => {
            const nextPct = w.request.reminder_percents[n(w)];
            const sla = Number(w.step.sla_hours);
            const nextAt =
              nextPct !== undefined
                ? addWorkingHours(w.step.started_at!, (sla * nextPct) / 100, cals.get(w.step.branch_id)!)
                : null;
            return nextAt && w.step.due_at && nextAt < w.step.due_at ? nextAt : null;
          }),
        ],
      );
    }

    // Escalation: one level up for each overdue step; past the last level the request is stalled.
    const overdue = work.filter((w) => w.step.next_escalation_at && w.step.next_escalation_at <= now);
    if (overdue.length > 0) {
      const highest = await this.highestRules(tx, overdue);
      const escalating: { w: (typeof work)[number]; level: number; superior: ApproverRule }[] = [];
      const stalling: { w: (typeof work)[number]; level: number }[] = [];
      for (const w of overdue) {
        const level = w.step.escalation_level + 1;
        const top = highest.get(w.step.id);
        const superior = level <= w.request.max_escalation_level && top ? superiorOf(top) : null;
        if (superior) escalating.push({ w, level, superior });
        else stalling.push({ w, level });
      }
      if (escalating.length > 0) {
        await this.approvals.addApprovers(
          tx,
          escalating.map((e) => ({
            branchId: e.w.step.branch_id,
            stepId: e.w.step.id,
            rule: e.superior,
            source: 'ESCALATION' as const,
            level: e.level,
          })),
        );
        const recorded = await this.events(
          tx,
          escalating.map((e) => [e.w.step, ApprovalAction.ESCALATED, e.level]),
        );
        const told = escalating.filter((e) => recorded.has(e.w.step.id));
        const users = await this.approverUsersOf(
          tx,
          told.map((e) => e.w),
        );
        for (const e of told) {
          this.noticesFor(
            notices,
            e.w.step,
            e.w.request,
            users.get(e.w.step.id) ?? [],
            'APPROVAL_ESCALATED',
            `Overdue approval (level ${e.level}): ${e.w.request.title}`,
            `escalated:${e.level}`,
          );
        }
        result.escalated += told.length;
        await tx.query(
          `UPDATE approval_steps s SET escalation_level = v.level, next_escalation_at = v.at
           FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[]) AS v(branch_id, id, level, at)
           WHERE s.branch_id = v.branch_id AND s.id = v.id`,
          [
            escalating.map((e) => e.w.step.branch_id),
            escalating.map((e) => e.w.step.id),
            escalating.map((e) => e.level),
            escalating.map((e) =>
              addWorkingHours(e.w.step.next_escalation_at!, Number(e.w.step.sla_hours), cals.get(e.w.step.branch_id)!),
            ),
          ],
        );
      }
      if (stalling.length > 0) {
        const recorded = await this.events(
          tx,
          stalling.map((s) => [s.w.step, ApprovalAction.STALLED, s.level]),
        );
        const told = stalling.filter((s) => recorded.has(s.w.step.id));
        if (told.length > 0) {
          const admins = await tx.query<{ branch_id: string; user_id: string }>(
            'SELECT branch_id, user_id FROM branch_directory WHERE branch_id = ANY($1::uuid[]) AND role = $2 ORDER BY user_id',
            [[...new Set(told.map((s) => s.w.hq))], Role.HQ_ADMIN],
          );
          for (const s of told) {
            this.noticesFor(
              notices,
              s.w.step,
              s.w.request,
              admins.filter((a) => a.branch_id === s.w.hq).map((a) => a.user_id),
              'APPROVAL_STALLED',
              `Stalled approval: ${s.w.request.title}`,
              'stalled',
            );
          }
        }
        result.stalled += told.length;
        const b = stalling.map((s) => s.w.step.branch_id);
        await tx.query(
          `UPDATE approval_requests r SET stalled_at = coalesce(r.stalled_at, now())
           FROM unnest($1::uuid[], $2::uuid[]) AS v(branch_id, id) WHERE r.branch_id = v.branch_id AND r.id = v.id`,
          [b, stalling.map((s) => s.w.request.id)],
        );
        await tx.query(
          `UPDATE approval_steps s SET next_escalation_at = NULL
           FROM unnest($1::uuid[], $2::uuid[]) AS v(branch_id, id) WHERE s.branch_id = v.branch_id AND s.id = v.id`,
          [b, stalling.map((s) => s.w.step.id)],
        );
      }
    }
    await this.notifications.notifyMany(ctx, notices);
    return { result, handled };
  }

  /** Records one timeline entry per (step, action, level); returns the steps whose entry is new (exactly once). */
  private async events(tx: Tx, list: [StepRow, ApprovalAction, number][]): Promise<Set<string>> {
    if (list.length === 0) return new Set();
    const rows = await tx.query<{ step_id: string }>(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, action, level)
       SELECT b, gen_random_uuid(), r, s, a, l FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[])
         AS v(b, r, s, a, l)
       ON CONFLICT DO NOTHING RETURNING step_id`,
      [
        list.map(([s]) => s.branch_id),
        list.map(([s]) => s.request_id),
        list.map(([s]) => s.id),
        list.map(([, a]) => a),
        list.map(([, , l]) => l),
      ],
    );
    return new Set(rows.map((r) => r.step_id));
  }

  /**
   * Notices about one step to its people. They name the branch ("Shanghai (SH)"), since head-office approvers get
   * them from every branch (the notification's `branch` field says it too).
   */
  private noticesFor(
    out: NewNotification[],
    step: StepRow,
    request: RequestRow & { branch_label: string },
    users: string[],
    kind: string,
    title: string,
    key: string,
  ): void {
    const branch = request.branch_label;
    const body = `Step "${step.name}" of ${toRequest(request).subjectType.toLowerCase()} approval for ${branch}, due ${step.due_at?.toISOString()}`;
    for (const u of users) {
      out.push({
        branchId: step.branch_id,
        userId: u,
        kind,
        title: `${title} (${branch})`,
        body,
        subjectType: 'approval_request',
        subjectId: request.id,
        dedupeKey: `approval-${key}:${step.id}:${u}`,
      });
    }
  }

  /** "Shanghai (SH)": the branch as approval notices name it. */
  private async branchLabel(tx: Tx, branchId: string): Promise<string> {
    const [b] = await tx.query<{ name: string; code: string }>('SELECT name, code FROM scope_branches WHERE id = $1', [
      branchId,
    ]);
    return b ? `${b.name} (${b.code})` : 'a branch';
  }

  /**
   * Everyone who may act on each step now, in one statement for many steps (step id to its people): named
   * people, the holders of its roles, and whoever stands in for them today (out-of-office delegation). Never
   * the requester, who cannot decide.
   */
  private async approverUsersOf(
    tx: Tx,
    list: { step: StepRow; request: RequestRow; hq: string }[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (list.length === 0) return out;
    const rows = await tx.query<{ step_id: string; user_id: string }>(
      `WITH k AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS k(branch_id, step_id, hq, requester)
       ), holders AS (
         SELECT DISTINCT k.branch_id, k.step_id, k.hq, k.requester, coalesce(a.user_id, d.user_id) AS user_id
         FROM k JOIN approval_step_approvers a ON a.branch_id = k.branch_id AND a.step_id = k.step_id
         LEFT JOIN branch_directory d ON a.kind <> 'USER' AND d.role = a.role
           AND d.branch_id = CASE a.kind WHEN 'HQ_ROLE' THEN k.hq ELSE a.branch_id END
         WHERE coalesce(a.user_id, d.user_id) IS NOT NULL
       )
       SELECT step_id, user_id FROM holders WHERE user_id <> requester
       UNION
       SELECT h.step_id, g.delegate_id FROM holders h
       JOIN approval_delegations g ON g.branch_id IN (h.branch_id, h.hq) AND g.user_id = h.user_id
       JOIN scope_branches b ON b.id = g.branch_id
       WHERE g.user_id <> h.requester AND g.delegate_id <> h.requester
         AND (now() AT TIME ZONE b.time_zone)::date BETWEEN g.starts_on AND g.ends_on
       ORDER BY 1, 2`,
      [
        list.map((w) => w.step.branch_id),
        list.map((w) => w.step.id),
        list.map((w) => w.hq),
        list.map((w) => w.request.requester_id),
      ],
    );
    for (const r of rows) {
      const l = out.get(r.step_id);
      if (l) l.push(r.user_id);
      else out.set(r.step_id, [r.user_id]);
    }
    return out;
  }

  /**
   * The highest-ranked approver on each step (a named person counts by their role), in one statement for many
   * steps: escalation goes above it.
   */
  private async highestRules(tx: Tx, list: { step: StepRow; hq: string }[]): Promise<Map<string, RoleRule>> {
    const rows = await tx.query<{
      step_id: string;
      hq: string;
      kind: string;
      role: Role | null;
      member_role: Role | null;
      member_branch: string | null;
    }>(
      `SELECT k.step_id, k.hq, a.kind, a.role, d.role AS member_role, d.branch_id AS member_branch
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(branch_id, step_id, hq)
       JOIN approval_step_approvers a ON a.branch_id = k.branch_id AND a.step_id = k.step_id
       LEFT JOIN branch_directory d ON a.kind = 'USER' AND d.user_id = a.user_id AND d.branch_id IN (a.branch_id, k.hq)`,
      [list.map((w) => w.step.branch_id), list.map((w) => w.step.id), list.map((w) => w.hq)],
    );
    const best = new Map<string, RoleRule>();
    for (const r of rows) {
      let rule: RoleRule | null = null;
      if (r.kind !== 'USER' && r.role) rule = { kind: r.kind as RoleRule['kind'], role: r.role };
      else if (r.member_role)
        rule = { kind: r.member_branch === r.hq ? 'HQ_ROLE' : 'BRANCH_ROLE', role: r.member_role };
      const had = best.get(r.step_id);
      if (rule && (!had || rank(rule) > rank(had))) best.set(r.step_id, rule);
    }
    return best;
  }
}
