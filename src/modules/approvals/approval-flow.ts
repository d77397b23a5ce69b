import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, clean, type RequestContext, type Tx, addWorkingHours } from '@app/core';
import { enqueue } from '@app/jobs';
import type { ApproverRule, PolicyDefinition } from './approval-policy.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalSubjects, type ApprovalOutcome } from './approval-subjects.js';
import { approvalJobs } from './approval.job-catalogue.js';
import { ApprovalRequests, ApprovalSteps, type ApprovalRequest, type ApproverSource } from './approval.entity.js';
import { ApprovalAction, ApprovalStepStatus } from './approval.enums.js';

/** Comments and reasons on the timeline (the column allows 2,000 characters). */
const MAX_COMMENT = 2000;

export function optionalText(field: string, s: string | null | undefined): string | null {
  const t = clean(s) ?? null;
  if (t && t.length > MAX_COMMENT) throw BadUserInputError.field(field, `must be at most ${MAX_COMMENT} characters`);
  return t;
}

export function requiredText(field: string, s: string | null | undefined, blank: string): string {
  const t = optionalText(field, s);
  if (!t) throw BadUserInputError.field(field, blank);
  return t;
}

/** One approver to add to a step. */
export interface NewApprover {
  branchId: string;
  stepId: string;
  rule: ApproverRule;
  source: ApproverSource;
  level: number;
}

/**
 * The engine's moves shared by submitting, deciding, withdrawing and the worker: approvers added to steps,
 * a step started on its SLA clock, the final outcome handed to the subject module, timeline entries.
 */
@Injectable()
export class ApprovalFlow {
  constructor(
    private readonly settings: ApprovalSettingsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  /** Adds one approver (a repeat is a no-op); true when it is new. */
  async addApprover(tx: Tx, approver: NewApprover): Promise<boolean> {
    return (await this.addApprovers(tx, [approver])) === 1;
  }

  /** Approvers for many steps in one statement (the worker's escalation of a claimed batch); how many are new. */
  async addApprovers(tx: Tx, list: NewApprover[]): Promise<number> {
    if (list.length === 0) return 0;
    return tx.execute(
      `INSERT INTO approval_step_approvers (branch_id, id, step_id, kind, user_id, role, source, level)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::int[])
       ON CONFLICT DO NOTHING`,
      [
        list.map((a) => a.branchId),
        list.map(() => randomUUID()),
        list.map((a) => a.stepId),
        list.map((a) => (a.rule.kind === 'REQUESTER_MANAGER' ? 'BRANCH_ROLE' : a.rule.kind)),
        list.map((a) => (a.rule.kind === 'USER' ? a.rule.userId : null)),
        list.map((a) => (a.rule.kind === 'USER' || a.rule.kind === 'REQUESTER_MANAGER' ? null : a.rule.role)),
        list.map((a) => a.source),
        list.map((a) => a.level),
      ],
    );
  }

  /** Starts step `position` (or completes the request when there is none) at `at`. */
  async startStep(
    ctx: RequestContext,
    tx: Tx,
    request: ApprovalRequest,
    position: number,
    at: Date,
    def?: PolicyDefinition,
  ): Promise<void> {
    const step = await ApprovalSteps.find(tx, { branchId: request.branchId, requestId: request.id, position });
    if (!step) {
      await this.finish(ctx, tx, request, 'APPROVED', null);
      return;
    }
    const policy = def ?? (await this.settings.policyOf(tx, request));
    const cal = await this.settings.calendar(ctx, request.branchId);
    const due = addWorkingHours(at, step.slaHours, cal);
    const firstReminder = policy.reminderPercents[0];
    const reminderAt =
      firstReminder !== undefined ? addWorkingHours(at, (step.slaHours * firstReminder) / 100, cal) : null;
    await ApprovalSteps.update(tx, ApprovalSteps.keyOf(step), {
      status: ApprovalStepStatus.PENDING,
      startedAt: at,
      dueAt: due,
      nextEscalationAt: due,
      nextReminderAt: reminderAt,
      remindersSent: 0,
    });
    // A new step has a new SLA: the request is no longer stalled.
    await ApprovalRequests.update(tx, ApprovalRequests.keyOf(request), { currentPosition: position, stalledAt: null });
    // Approvers may sit at head office, outside this transaction's branch set: the worker tells them.
    await enqueue(ctx, approvalJobs.stepStarted, { branchId: request.branchId, stepId: step.id });
  }

  /** Records the final outcome and hands it to the subject module in the same transaction. */
  async finish(
    ctx: RequestContext,
    tx: Tx,
    request: ApprovalRequest,
    outcome: ApprovalOutcome,
    actorId: string | null,
  ): Promise<ApprovalRequest> {
    const [row] = await tx.query(
      `UPDATE approval_requests SET status = $3, decided_at = now(), current_position = NULL
       WHERE branch_id = $1 AND id = $2 RETURNING ${ApprovalRequests.cols()}`,
      [request.branchId, request.id, outcome],
    );
    await tx.query(
      `UPDATE approval_steps SET status = 'CANCELLED', next_escalation_at = NULL, next_reminder_at = NULL
       WHERE branch_id = $1 AND request_id = $2 AND status IN ('WAITING', 'PENDING')`,
      [request.branchId, request.id],
    );
    if (outcome === 'APPROVED') {
      await this.event(tx, request.branchId, request.id, null, actorId, ApprovalAction.COMPLETED, null, null);
    }
    const decided = ApprovalRequests.map(row);
    await this.subjects.get(request.subjectType)?.onDecided(ctx, decided, outcome);
    if (actorId !== request.requesterId) {
      await enqueue(ctx, approvalJobs.requestDecided, { branchId: request.branchId, requestId: request.id });
    }
    return decided;
  }

  /** One timeline entry (a repeat of a unique one is a no-op); true when it is new. */
  async event(
    tx: Tx,
    branchId: string,
    requestId: string,
    stepId: string | null,
    actorId: string | null,
    action: ApprovalAction,
    level: number | null,
    comment: string | null,
  ): Promise<boolean> {
    const n = await tx.execute(
      `INSERT INTO approval_events (branch_id, id, request_id, step_id, actor_id, action, level, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [branchId, randomUUID(), requestId, stepId, actorId, action, level, comment],
    );
    return n === 1;
  }

  /** The request as it stands now in this transaction. */
  async reload(tx: Tx, r: ApprovalRequest): Promise<ApprovalRequest> {
    return (await ApprovalRequests.find(tx, ApprovalRequests.keyOf(r)))!;
  }
}
