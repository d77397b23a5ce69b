import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  parseMoney,
} from '@app/core';
import { checkFirst, decodeCursor, encodeCursor, toConnection, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import { Role } from '../branches/roles.js';
import { Params, identities, lockVisibleRequest, mayActSql } from './approval-access.js';
import { ApprovalFlow, optionalText, requiredText } from './approval-flow.js';
import { requesterSuperior, selectSteps, type ApproverRule } from './approval-policy.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalSubjects } from './approval-subjects.js';
import {
  ApprovalEvents,
  ApprovalRequests,
  ApprovalSteps,
  type ApprovalEvent,
  type ApprovalRequest,
} from './approval.entity.js';
import { ApprovalAction, ApprovalStatus, ApprovalStepStatus } from './approval.enums.js';
import { ApprovalLoaders } from './approval.loaders.js';
import type { BranchApprovalSummary, PendingApproval } from './approval.types.js';

export interface SubmitInput {
  branchId: string;
  subjectType: string;
  subjectId: string;
  title: string;
  amount?: string | null;
  currency?: string | null;
}

/**
 * Approval requests: submitted (subject modules call this inside their own mutation), withdrawn, commented on
 * and read. The module's service for other modules; decisions and delegations have their own services.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly branches: BranchesService,
    readonly subjects: ApprovalSubjects,
    readonly settings: ApprovalSettingsService,
    private readonly flow: ApprovalFlow,
    private readonly loaders: ApprovalLoaders,
  ) {}

  // ---------- submit and withdraw ----------

  /**
   * Opens a request for a subject, in the caller's transaction (subject modules call this as part of
   * their own mutation). The steps are chosen by amount now and kept: a later policy change does not
   * move a request that is already waiting.
   */
  async submit(ctx: RequestContext, input: SubmitInput): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const subject = this.subjects.get(input.subjectType);
    if (!subject) throw BadUserInputError.field('subjectType', `no module handles approvals of "${input.subjectType}"`);
    const title = input.title.trim();
    if (title.length < 1 || title.length > 200) throw BadUserInputError.field('title', 'must be 1 to 200 characters');
    const branch = await this.branches.branchLoader(ctx).load(input.branchId);
    if (!branch) throw new NotFoundError('Branch', input.branchId);
    let amount: string | null = null;
    let currency: string | null = null;
    if (input.amount != null) {
      amount = parseMoney('amount', input.amount);
      currency = (input.currency ?? branch.currency).toUpperCase();
      if (currency !== branch.currency) {
        throw BadUserInputError.field('currency', `approval amounts are in the branch currency, ${branch.currency}`);
      }
    } else if (input.currency != null) {
      throw BadUserInputError.field('currency', 'give an amount with a currency, or neither');
    }
    const tx = await ctx.tx();
    const policy = await this.settings.policyRow(tx, input.branchId, input.subjectType);
    const steps = selectSteps(policy.def, amount);
    const id = randomUUID();
    const [row] = await tx.query(
      `INSERT INTO approval_requests (branch_id, id, subject_type, subject_id, title, amount, currency, requester_id,
         policy_id, current_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
       ON CONFLICT (branch_id, subject_type, subject_id) WHERE status = 'PENDING' DO NOTHING
       RETURNING ${ApprovalRequests.cols()}`,
      [input.branchId, id, input.subjectType, input.subjectId, title, amount, currency, actor.userId, policy.id],
    );
    if (!row) throw new ConflictError(`This ${subject.label.toLowerCase()} is already waiting for approval`);
    const submitted = ApprovalRequests.map(row);
    const now = new Date();
    const requesterRole = (await this.branches.memberRole(ctx, input.branchId, actor.userId)) ?? (actor.role as Role);
    for (const [i, s] of steps.entries()) {
      const step = await ApprovalSteps.insert(tx, {
        branchId: input.branchId,
        id: randomUUID(),
        requestId: id,
        position: i + 1,
        name: s.name,
        slaHours: s.slaHours,
        status: ApprovalStepStatus.WAITING,
      });
      await this.flow.addApprover(tx, {
        branchId: input.branchId,
        stepId: step.id,
        rule: resolveRule(s.approver, requesterRole),
        source: 'POLICY',
        level: 0,
      });
    }
    await this.flow.event(tx, input.branchId, id, null, actor.userId, ApprovalAction.SUBMITTED, null, null);
    await this.flow.startStep(ctx, tx, submitted, 1, now, policy.def);
    // Reloaded: with no step for this amount the request is already approved.
    const request = await this.flow.reload(tx, submitted);
    await writeAudit(ctx, {
      branchId: input.branchId,
      entity: 'approval_request',
      entityId: id,
      action: 'submit',
      after: request,
    });
    return request;
  }

  async withdraw(ctx: RequestContext, requestId: string, comment?: string | null): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const tx = await ctx.tx();
    const request = await lockVisibleRequest(ctx, tx, requestId);
    if (request.requesterId !== actor.userId) throw new ForbiddenError('Only the requester can withdraw a request');
    if (request.status !== ApprovalStatus.PENDING) {
      throw new InvalidStateError(
        `The request is already ${request.status.toLowerCase()}; only a pending request can be withdrawn`,
      );
    }
    await this.flow.event(tx, request.branchId, request.id, null, actor.userId, ApprovalAction.WITHDRAWN, null, note);
    const after = await this.flow.finish(ctx, tx, request, 'WITHDRAWN', actor.userId);
    await writeAudit(ctx, {
      branchId: request.branchId,
      entity: 'approval_request',
      entityId: request.id,
      action: 'withdraw',
      before: request,
      after,
    });
    return after;
  }

  async comment(ctx: RequestContext, requestId: string, text: string): Promise<ApprovalEvent> {
    const actor = ctx.requireActor();
    const comment = requiredText('comment', text, 'must not be blank');
    const tx = await ctx.tx();
    const request = await lockVisibleRequest(ctx, tx, requestId);
    const event = await ApprovalEvents.insert(tx, {
      branchId: request.branchId,
      id: randomUUID(),
      requestId: request.id,
      actorId: actor.userId,
      action: ApprovalAction.COMMENTED,
      comment,
    });
    await writeAudit(ctx, {
      branchId: request.branchId,
      entity: 'approval_request',
      entityId: request.id,
      action: 'comment',
      after: { comment },
    });
    return event;
  }

  // ---------- reads ----------

  async findRequest(ctx: RequestContext, id: string): Promise<ApprovalRequest | null> {
    return this.loaders.requestLoader(ctx).load(id);
  }

  /**
   * A request by its exact key, read now (no per-request cache, no requester filter): for subject modules
   * that gate their own moves on a decision, e.g. "signed only after the SPECIAL_TERMS request is APPROVED".
   */
  async requestByKey(ctx: RequestContext, branchId: string, id: string): Promise<ApprovalRequest | null> {
    return ApprovalRequests.find(await ctx.tx(), { branchId, id });
  }

  /** Who gave the final decision of a request and what they wrote with it (for the subject's own timeline). */
  async finalDecision(
    ctx: RequestContext,
    request: ApprovalRequest,
  ): Promise<{ actorId: string | null; comment: string | null } | null> {
    const tx = await ctx.tx();
    const [row] = await tx.query<{ actorId: string | null; comment: string | null }>(
      `SELECT actor_id AS "actorId", comment FROM approval_events
       WHERE branch_id = $1 AND request_id = $2 AND action IN ('APPROVED', 'RETURNED', 'REJECTED', 'WITHDRAWN')
       ORDER BY at DESC, seq DESC LIMIT 1`,
      [request.branchId, request.id],
    );
    return row ?? null;
  }

  /** Requests by id, as the caller may see them (null otherwise): one statement per batch, for subject modules. */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return this.loaders.requestLoader(ctx);
  }

  /** Request timelines by "branchId:requestId", oldest first, for subject modules. */
  eventsLoader(ctx: RequestContext): DataLoader<string, ApprovalEvent[]> {
    return this.loaders.eventsLoader(ctx);
  }

  /** Steps waiting now that the actor (or someone who delegated to them) may decide, oldest deadline first. */
  async pendingForMe(
    ctx: RequestContext,
    args: { first?: number; after?: string },
  ): Promise<ConnectionShape<PendingApproval>> {
    const first = checkFirst(args.first);
    const ids = await identities(ctx);
    const p = new Params();
    const where = [
      `s.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[])`,
      `s.status = 'PENDING'`,
      `EXISTS (SELECT 1 FROM approval_step_approvers a WHERE a.branch_id = s.branch_id AND a.step_id = s.id
         AND ${mayActSql(ids, p, 'r.requester_id')})`,
    ];
    const countWhere = [...where];
    const countParams = [...p.values];
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      where.push(`(s.due_at, s.id) > (${p.add(String(value))}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const limit = p.add(first + 1);
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${ApprovalSteps.colsPrefixed('s', 's_')}, ${ApprovalRequests.colsPrefixed('r', 'r_')}
       FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
       WHERE ${where.join(' AND ')} ORDER BY s.due_at, s.id LIMIT ${limit}`,
      p.values,
    );
    const items = rows.map((row) => ({
      step: ApprovalSteps.mapPrefixed(row, 's_'),
      request: ApprovalRequests.mapPrefixed(row, 'r_'),
    }));
    return toConnection(
      items,
      first,
      (x) => encodeCursor(x.step.dueAt!, x.step.id),
      async () => {
        const [c] = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM approval_steps s JOIN approval_requests r ON r.branch_id = s.branch_id AND r.id = s.request_id
           WHERE ${countWhere.join(' AND ')}`,
          countParams,
        );
        return Number(c.n);
      },
    );
  }

  async submittedByMe(
    ctx: RequestContext,
    args: { first?: number; after?: string; status?: ApprovalStatus },
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const actor = ctx.requireActor();
    return this.listRequests(ctx, args, [`requester_id = $2`], [actor.userId]);
  }

  /** Head office: stalled requests (escalation ran out) across its branches, oldest first. */
  stalled(
    ctx: RequestContext,
    args: { first?: number; after?: string; branchId?: string },
  ): Promise<ConnectionShape<ApprovalRequest>> {
    return this.pending(ctx, { ...args, stalledOnly: true });
  }

  /** Head office: pending requests of its branches (or one), oldest first; `stalledOnly`: escalation ran out. */
  async pending(
    ctx: RequestContext,
    args: { first?: number; after?: string; branchId?: string; stalledOnly?: boolean },
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const extra = args.stalledOnly ? [`stalled_at IS NOT NULL`] : [];
    const params: unknown[] = [];
    if (args.branchId) {
      params.push(args.branchId.toLowerCase());
      extra.push(`branch_id = $${params.length + 1}`);
    }
    return this.listRequests(ctx, { ...args, status: ApprovalStatus.PENDING }, extra, params, 'ASC');
  }

  private async listRequests(
    ctx: RequestContext,
    args: { first?: number; after?: string; status?: ApprovalStatus },
    extra: string[],
    extraParams: unknown[],
    dir: 'ASC' | 'DESC' = 'DESC',
  ): Promise<ConnectionShape<ApprovalRequest>> {
    const first = checkFirst(args.first);
    const params: unknown[] = [ctx.branchIds, ...extraParams];
    const where = [`branch_id = ANY($1::uuid[])`, ...extra];
    if (args.status) {
      params.push(args.status);
      where.push(`status = $${params.length}`);
    }
    const countWhere = [...where];
    const countParams = [...params];
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      params.push(String(value), id);
      where.push(
        `(submitted_at, id) ${dir === 'DESC' ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${ApprovalRequests.cols()} FROM approval_requests WHERE ${where.join(' AND ')}
       ORDER BY submitted_at ${dir}, id ${dir} LIMIT $${params.length}`,
      params,
    );
    return toConnection(
      rows.map(ApprovalRequests.map),
      first,
      (r) => encodeCursor(r.submittedAt, r.id),
      async () => {
        const [c] = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM approval_requests WHERE ${countWhere.join(' AND ')}`,
          countParams,
        );
        return Number(c.n);
      },
    );
  }

  /** Head office: per branch, pending and stalled requests and the age of the oldest, in one statement. */
  async overview(ctx: RequestContext): Promise<BranchApprovalSummary[]> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string; pending: number; stalled: number; oldest_hours: string | null }>(
      `SELECT b.id AS branch_id,
         count(r.id)::int AS pending,
         count(r.stalled_at)::int AS stalled,
         round((extract(epoch FROM now() - min(r.submitted_at)) / 3600)::numeric, 1) AS oldest_hours
       FROM scope_branches b
       LEFT JOIN approval_requests r ON r.branch_id = b.id AND r.status = 'PENDING'
       WHERE b.kind = 'BRANCH'
       GROUP BY b.id ORDER BY b.id`,
    );
    return rows.map((r) => ({
      branchId: r.branch_id,
      branch: undefined as never,
      pending: r.pending,
      stalled: r.stalled,
      oldestPendingHours: r.oldest_hours === null ? null : Number(r.oldest_hours),
    }));
  }
}

/** REQUESTER_MANAGER means the requester's superior (head office for a branch manager); other rules stand. */
function resolveRule(rule: ApproverRule, requesterRole: Role): ApproverRule {
  return rule.kind === 'REQUESTER_MANAGER' ? requesterSuperior(requesterRole) : rule;
}
