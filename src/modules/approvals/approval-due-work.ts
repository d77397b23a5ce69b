import { Injectable } from '@nestjs/common';
import type { RequestContext, Tx } from '@app/core';
import { Role } from '../branches/roles.js';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { ApprovalFlow } from './approval-flow.js';
import { rank, superiorOf, type ApproverRule } from './approval-policy.js';
import { approverUsersOf, type StepInScope } from './approval-recipients.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalRequests, ApprovalSteps, type ApprovalRequest, type ApprovalStep } from './approval.entity.js';
import { ApprovalAction, ApprovalStepStatus } from './approval.enums.js';
import { addWorkingHours } from '@app/core';

/** A claimed step (the claim function answers snake_case keys). */
export interface ClaimedStep {
  branch_id: string;
  id: string;
  head_office_id: string;
  /** The database's clock, the one the claim compared the due times with. */
  now: Date;
}

export interface ScanResult {
  reminded: number;
  escalated: number;
  stalled: number;
}

interface RoleRule {
  kind: 'BRANCH_ROLE' | 'HQ_ROLE';
  role: Role;
}

/** A claimed step with its locked request, the request's policy settings and the branch as notices name it. */
type Work = StepInScope & {
  request: ApprovalRequest & { reminderPercents: number[]; maxEscalationLevel: number; branchLabel: string };
};

/**
 * Reminders before a step's SLA expires and escalation after it, for one claimed batch, in the claiming
 * transaction, by a fixed number of set-based statements whatever its size: one read of the steps, one lock
 * of their requests (SKIP LOCKED), then per kind of work one INSERT or UPDATE for every step of the batch, and
 * the notifications in one INSERT. A unique event per step and level makes repeats no-ops.
 */
@Injectable()
export class ApprovalDueWork {
  constructor(
    private readonly flow: ApprovalFlow,
    private readonly settings: ApprovalSettingsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns the counts and how many steps were handled (a step whose request is being decided right now is left for the next run). */
  async handleBatch(
    ctx: RequestContext,
    tx: Tx,
    keys: ClaimedStep[],
  ): Promise<{ result: ScanResult; handled: number }> {
    const result: ScanResult = { reminded: 0, escalated: 0, stalled: 0 };
    const now = keys[0].now;
    const hqOf = new Map(keys.map((k) => [k.id, k.head_office_id]));
    const steps = await tx.query<ApprovalStep>(
      `SELECT ${ApprovalSteps.cols('s')} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
       JOIN approval_steps s ON s.branch_id = k.branch_id AND s.id = k.id`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const live = steps.map(ApprovalSteps.map).filter((s) => s.status === ApprovalStepStatus.PENDING && s.startedAt);
    let handled = keys.length - live.length;
    if (live.length === 0) return { result, handled };
    // An approver deciding holds the request (and then waits for this step's row, which the claim
    // holds): never wait for the request here, or the two would deadlock. Skip it until the next run.
    const requests = await tx.query<Work['request']>(
      `SELECT ${ApprovalRequests.cols('r')}, p.reminder_percents AS "reminderPercents",
         p.max_escalation_level AS "maxEscalationLevel",
         coalesce(b.name || ' (' || b.code || ')', 'a branch') AS "branchLabel"
       FROM approval_requests r
       JOIN approval_policies p ON p.branch_id = r.branch_id AND p.id = r.policy_id
       LEFT JOIN scope_branches b ON b.id = r.branch_id
       WHERE (r.branch_id, r.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       FOR NO KEY UPDATE OF r SKIP LOCKED`,
      [live.map((s) => s.branchId), live.map((s) => s.requestId)],
    );
    const requestOf = new Map(requests.map((r) => [`${r.branchId}:${r.id}`, ApprovalRequests.map(r) as typeof r]));
    const work = live
      .map((step) => ({ step, request: requestOf.get(`${step.branchId}:${step.requestId}`), hq: hqOf.get(step.id)! }))
      .filter((w): w is Work => !!w.request);
    handled += work.length;
    if (work.length === 0) return { result, handled };
    const cals = await this.settings.calendars(
      ctx,
      work.map((w) => w.step.branchId),
    );
    const notices: NewNotification[] = [];

    // Reminders (before escalation, as the step's own clock orders them).
    const reminding = work.filter((w) => w.step.nextReminderAt && w.step.nextReminderAt <= now);
    if (reminding.length > 0) {
      const n = (w: Work) => w.step.remindersSent + 1;
      const recorded = await this.events(
        tx,
        reminding.map((w) => [w.step, ApprovalAction.REMINDED, n(w)]),
      );
      const told = reminding.filter((w) => recorded.has(w.step.id));
      const users = await approverUsersOf(tx, told);
      for (const w of told) {
        noticesFor(
          notices,
          w,
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
          reminding.map((w) => w.step.branchId),
          reminding.map((w) => w.step.id),
          reminding.map(n),
          reminding.map((w) => {
            const nextPct = w.request.reminderPercents[n(w)];
            const sla = w.step.slaHours;
            const nextAt =
              nextPct !== undefined
                ? addWorkingHours(w.step.startedAt!, (sla * nextPct) / 100, cals.get(w.step.branchId)!)
                : null;
            return nextAt && w.step.dueAt && nextAt < w.step.dueAt ? nextAt : null;
          }),
        ],
      );
    }

    // Escalation: one level up for each overdue step; past the last level the request is stalled.
    const overdue = work.filter((w) => w.step.nextEscalationAt && w.step.nextEscalationAt <= now);
    if (overdue.length > 0) {
      const highest = await this.highestRules(tx, overdue);
      const escalating: { w: Work; level: number; superior: ApproverRule }[] = [];
      const stalling: { w: Work; level: number }[] = [];
      for (const w of overdue) {
        const level = w.step.escalationLevel + 1;
        const top = highest.get(w.step.id);
        const superior = level <= w.request.maxEscalationLevel && top ? superiorOf(top) : null;
        if (superior) escalating.push({ w, level, superior });
        else stalling.push({ w, level });
      }
      if (escalating.length > 0) {
        await this.flow.addApprovers(
          tx,
          escalating.map((e) => ({
            branchId: e.w.step.branchId,
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
        const users = await approverUsersOf(
          tx,
          told.map((e) => e.w),
        );
        for (const e of told) {
          noticesFor(
            notices,
            e.w,
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
            escalating.map((e) => e.w.step.branchId),
            escalating.map((e) => e.w.step.id),
            escalating.map((e) => e.level),
            escalating.map((e) =>
              addWorkingHours(e.w.step.nextEscalationAt!, e.w.step.slaHours, cals.get(e.w.step.branchId)!),
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
            noticesFor(
              notices,
              s.w,
              admins.filter((a) => a.branch_id === s.w.hq).map((a) => a.user_id),
              'APPROVAL_STALLED',
              `Stalled approval: ${s.w.request.title}`,
              'stalled',
            );
          }
        }
        result.stalled += told.length;
        const b = stalling.map((s) => s.w.step.branchId);
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
  private async events(tx: Tx, list: [ApprovalStep, ApprovalAction, number][]): Promise<Set<string>> {
    if (list.length === 0) return new Set();
    const rows = await tx.query<{ step_id: string }>(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, action, level)
       SELECT b, gen_random_uuid(), r, s, a, l FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[])
         AS v(b, r, s, a, l)
       ON CONFLICT DO NOTHING RETURNING step_id`,
      [
        list.map(([s]) => s.branchId),
        list.map(([s]) => s.requestId),
        list.map(([s]) => s.id),
        list.map(([, a]) => a),
        list.map(([, , l]) => l),
      ],
    );
    return new Set(rows.map((r) => r.step_id));
  }

  /**
   * The highest-ranked approver on each step (a named person counts by their role), in one statement for many
   * steps: escalation goes above it.
   */
  private async highestRules(tx: Tx, list: Work[]): Promise<Map<string, RoleRule>> {
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
      [list.map((w) => w.step.branchId), list.map((w) => w.step.id), list.map((w) => w.hq)],
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

/**
 * Notices about one step to its people. They name the branch ("Shanghai (SH)"), since head-office approvers get
 * them from every branch (the notification's `branch` field says it too).
 */
function noticesFor(out: NewNotification[], w: Work, users: string[], kind: string, title: string, key: string): void {
  const { step, request } = w;
  const branch = request.branchLabel;
  const body = `Step "${step.name}" of ${request.subjectType.toLowerCase()} approval for ${branch}, due ${step.dueAt?.toISOString()}`;
  for (const u of users) {
    out.push({
      branchId: step.branchId,
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
