import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx } from '@app/core';
import { ProcessJob, type PayloadOf } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { rank, superiorOf } from './approval-policy.js';
import { approvalJobs } from './approval-jobs.js';
import { ApprovalAction } from './approval.types.js';
import { ApprovalsService, toRequest, type RequestRow, type StepRow } from './approvals.service.js';
import { addWorkingHours } from './working-time.js';

const SCAN_BATCH = 100;
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
 * the steps. Each claimed step is handled in the claiming transaction, with its row locked: a crash
 * rolls the batch back for the next run, and a unique event per step and level makes repeats no-ops.
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
          let done = 0;
          for (const k of keys) {
            const r = await this.handleStep(ctx, tx, k, k.now);
            if (r) {
              done++;
              total.reminded += r.reminded;
              total.escalated += r.escalated;
              total.stalled += r.stalled;
            }
          }
          return { claimed: keys.length, handled: done };
        },
        'system',
      );
      // A full batch that moved nothing (every request busy) is left for the next run, not spun on.
      if (claimed < SCAN_BATCH || handled === 0) return;
    }
  }

  @ProcessJob(approvalJobs.stepStarted)
  async stepStarted(payload: PayloadOf<typeof approvalJobs.stepStarted>): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        const [{ hq }] = await tx.query<{ hq: string }>('SELECT head_office_of($1) AS hq', [payload.branchId]);
        const ctx = await this.scoped(tx, [{ branch_id: payload.branchId, id: payload.stepId, head_office_id: hq }]);
        const [step] = await tx.query<StepRow>('SELECT * FROM approval_steps WHERE branch_id = $1 AND id = $2', [
          payload.branchId,
          payload.stepId,
        ]);
        if (step?.status !== 'PENDING') return 0;
        const request = await this.request(tx, step);
        const users = await this.approverUsers(tx, step, request, hq);
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
  async requestDecided(payload: PayloadOf<typeof approvalJobs.requestDecided>): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
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
  async stepDelegated(payload: PayloadOf<typeof approvalJobs.stepDelegated>): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
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

  /** Reminds and escalates one claimed step; null when its request is being decided right now (next run). */
  private async handleStep(ctx: RequestContext, tx: Tx, key: Claimed, now: Date): Promise<ScanResult | null> {
    const out: ScanResult = { reminded: 0, escalated: 0, stalled: 0 };
    const [step] = await tx.query<StepRow>('SELECT * FROM approval_steps WHERE branch_id = $1 AND id = $2', [
      key.branch_id,
      key.id,
    ]);
    if (step?.status !== 'PENDING' || !step.started_at) return out;
    // An approver deciding holds the request (and then waits for this step's row, which the claim
    // holds): never wait for the request here, or the two would deadlock. Skip it until the next run.
    const [request] = await tx.query<RequestRow>(
      'SELECT * FROM approval_requests WHERE branch_id = $1 AND id = $2 FOR NO KEY UPDATE SKIP LOCKED',
      [step.branch_id, step.request_id],
    );
    if (!request) return null;
    const policy = await this.approvals.settings.policyOf(tx, { branchId: step.branch_id, id: request.id });
    const cal = await this.approvals.settings.calendar(ctx, step.branch_id);
    const sla = Number(step.sla_hours);

    if (step.next_reminder_at && step.next_reminder_at <= now) {
      const n = step.reminders_sent + 1;
      if (await this.event(tx, step, ApprovalAction.REMINDED, n)) {
        const users = await this.approverUsers(tx, step, request, key.head_office_id);
        await this.notify(
          ctx,
          tx,
          step,
          request,
          users,
          'APPROVAL_REMINDER',
          `Reminder: ${request.title}`,
          `reminder:${n}`,
        );
        out.reminded++;
      }
      const nextPct = policy.reminderPercents[n];
      const nextAt = nextPct !== undefined ? addWorkingHours(step.started_at, (sla * nextPct) / 100, cal) : null;
      await tx.query(
        'UPDATE approval_steps SET reminders_sent = $3, next_reminder_at = $4 WHERE branch_id = $1 AND id = $2',
        [step.branch_id, step.id, n, nextAt && step.due_at && nextAt < step.due_at ? nextAt : null],
      );
    }

    if (step.next_escalation_at && step.next_escalation_at <= now) {
      const level = step.escalation_level + 1;
      const highest = await this.highestRule(tx, step, key.head_office_id);
      const superior = level <= policy.maxEscalationLevel && highest ? superiorOf(highest) : null;
      if (superior) {
        await this.approvals.addApprover(tx, step.branch_id, step.id, superior, 'ESCALATION', level);
        if (await this.event(tx, step, ApprovalAction.ESCALATED, level)) {
          const users = await this.approverUsers(tx, step, request, key.head_office_id);
          await this.notify(
            ctx,
            tx,
            step,
            request,
            users,
            'APPROVAL_ESCALATED',
            `Overdue approval (level ${level}): ${request.title}`,
            `escalated:${level}`,
          );
          out.escalated++;
        }
        await tx.query(
          'UPDATE approval_steps SET escalation_level = $3, next_escalation_at = $4 WHERE branch_id = $1 AND id = $2',
          [step.branch_id, step.id, level, addWorkingHours(step.next_escalation_at, sla, cal)],
        );
      } else {
        if (await this.event(tx, step, ApprovalAction.STALLED, level)) {
          const admins = await this.usersOf(
            tx,
            { kind: 'HQ_ROLE', role: Role.HQ_ADMIN },
            step.branch_id,
            key.head_office_id,
          );
          await this.notify(
            ctx,
            tx,
            step,
            request,
            admins,
            'APPROVAL_STALLED',
            `Stalled approval: ${request.title}`,
            'stalled',
          );
          out.stalled++;
        }
        await tx.query(
          'UPDATE approval_requests SET stalled_at = coalesce(stalled_at, now()) WHERE branch_id = $1 AND id = $2',
          [step.branch_id, request.id],
        );
        await tx.query('UPDATE approval_steps SET next_escalation_at = NULL WHERE branch_id = $1 AND id = $2', [
          step.branch_id,
          step.id,
        ]);
      }
    }
    return out;
  }

  private async event(tx: Tx, step: StepRow, action: ApprovalAction, level: number): Promise<boolean> {
    const n = await tx.execute(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, action, level)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [step.branch_id, step.request_id, step.id, action, level],
    );
    return n === 1;
  }

  /**
   * "Shanghai (SH)": approval notices name the branch, since head-office approvers get them from every branch
   * (the notification's `branch` field says it too).
   */
  private async branchLabel(tx: Tx, branchId: string): Promise<string> {
    const [b] = await tx.query<{ name: string; code: string }>('SELECT name, code FROM scope_branches WHERE id = $1', [
      branchId,
    ]);
    return b ? `${b.name} (${b.code})` : 'a branch';
  }

  private async notify(
    ctx: RequestContext,
    tx: Tx,
    step: StepRow,
    request: RequestRow,
    users: string[],
    kind: string,
    title: string,
    key: string,
  ): Promise<void> {
    const branch = await this.branchLabel(tx, step.branch_id);
    const list: NewNotification[] = users.map((u) => ({
      branchId: step.branch_id,
      userId: u,
      kind,
      title: `${title} (${branch})`,
      body: `Step "${step.name}" of ${toRequest(request).subjectType.toLowerCase()} approval for ${branch}, due ${step.due_at?.toISOString()}`,
      subjectType: 'approval_request',
      subjectId: request.id,
      dedupeKey: `approval-${key}:${step.id}:${u}`,
    }));
    await this.notifications.notifyMany(ctx, list);
  }

  /**
   * Everyone who may act on the step now: named people, the holders of its roles, and whoever stands
   * in for them today (out-of-office delegation). Never the requester, who cannot decide.
   */
  private async approverUsers(tx: Tx, step: StepRow, request: RequestRow, hq: string): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }>(
      `WITH holders AS (
         SELECT DISTINCT coalesce(a.user_id, d.user_id) AS user_id
         FROM approval_step_approvers a
         LEFT JOIN branch_directory d ON a.kind <> 'USER' AND d.role = a.role
           AND d.branch_id = CASE a.kind WHEN 'HQ_ROLE' THEN $3::uuid ELSE a.branch_id END
         WHERE a.branch_id = $1 AND a.step_id = $2 AND coalesce(a.user_id, d.user_id) IS NOT NULL
       )
       SELECT user_id FROM holders WHERE user_id <> $4
       UNION
       SELECT g.delegate_id FROM approval_delegations g JOIN scope_branches b ON b.id = g.branch_id
       WHERE g.branch_id IN ($1, $3::uuid) AND g.user_id IN (SELECT user_id FROM holders)
         AND g.user_id <> $4 AND g.delegate_id <> $4
         AND (now() AT TIME ZONE b.time_zone)::date BETWEEN g.starts_on AND g.ends_on
       ORDER BY 1`,
      [step.branch_id, step.id, hq, request.requester_id],
    );
    return rows.map((r) => r.user_id);
  }

  private async usersOf(tx: Tx, rule: RoleRule, branchId: string, hq: string): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }>(
      'SELECT user_id FROM branch_directory WHERE branch_id = $1 AND role = $2',
      [rule.kind === 'HQ_ROLE' ? hq : branchId, rule.role],
    );
    return rows.map((r) => r.user_id);
  }

  /** The highest-ranked approver on the step (a named person counts by their role); escalation goes above it. */
  private async highestRule(tx: Tx, step: StepRow, hq: string): Promise<RoleRule | null> {
    const rows = await tx.query<{
      kind: string;
      role: Role | null;
      user_id: string | null;
      member_role: Role | null;
      member_branch: string | null;
    }>(
      `SELECT a.kind, a.role, a.user_id, d.role AS member_role, d.branch_id AS member_branch
       FROM approval_step_approvers a
       LEFT JOIN branch_directory d ON a.kind = 'USER' AND d.user_id = a.user_id AND d.branch_id IN (a.branch_id, $3::uuid)
       WHERE a.branch_id = $1 AND a.step_id = $2`,
      [step.branch_id, step.id, hq],
    );
    let best: RoleRule | null = null;
    for (const r of rows) {
      let rule: RoleRule | null = null;
      if (r.kind !== 'USER' && r.role) rule = { kind: r.kind as RoleRule['kind'], role: r.role };
      else if (r.member_role) rule = { kind: r.member_branch === hq ? 'HQ_ROLE' : 'BRANCH_ROLE', role: r.member_role };
      if (rule && (!best || rank(rule) > rank(best))) best = rule;
    }
    return best;
  }
}
