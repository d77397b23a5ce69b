import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  clean,
  requireChange,
  writeAudit,
  type RequestContext,
} from '@app/core';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { can } from '../branches/roles.js';
import { AttendanceService } from './attendance.service.js';
import { parseKpiPeriod } from './kpi-period.js';
import { WorkPlanChanges, WorkPlans, type WorkPlan, type WorkPlanChange } from './plan.entity.js';
import { PLAN_PERIOD, WorkPlanChangeState, WorkPlanState } from './plan.enums.js';
import type {
  CreateWorkPlanInput,
  ProposeWorkPlanChangeInput,
  UpdateWorkPlanInput,
  WorkPlanFilter,
} from './plan.types.js';

/** The approval engine's subject of a change to an approved plan (default policy: leadership). */
export const WORK_PLAN_CHANGE = 'WORK_PLAN_CHANGE';

/**
 * Work plans (工作计划): yearly, monthly, weekly and daily, per person in their branch. The owner drafts; the branch
 * manager (head office for a manager) approves; a change to an approved plan goes to leadership through the engine
 * and, approved, becomes the plan's next version. A person sees their own; managers and head office the branch's.
 */
@Injectable()
export class PlanService implements OnModuleInit {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly attendance: AttendanceService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: WORK_PLAN_CHANGE,
      label: 'Work plan change',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  async create(ctx: RequestContext, input: CreateWorkPlanInput): Promise<WorkPlan> {
    const actor = ctx.requireActor();
    const period = parseKpiPeriod(input.period);
    if (period.kind !== PLAN_PERIOD[input.kind]) {
      throw BadUserInputError.field(
        'period',
        `a ${input.kind} plan covers a ${PLAN_PERIOD[input.kind]}, not a ${period.kind}`,
      );
    }
    const branchId = await this.attendance.homeBranch(ctx, actor.userId);
    if (!branchId) throw new NotFoundError('Branch', 'of your membership');
    const tx = await ctx.tx();
    const key = { branchId, personId: actor.userId, kind: input.kind, periodStart: period.start };
    if (await WorkPlans.find(tx, key)) {
      throw new ConflictError(`period: you have a ${input.kind} plan for ${period.label}; change that one`);
    }
    const row = await WorkPlans.insert(tx, {
      ...key,
      id: randomUUID(),
      period: period.label,
      title: input.title.trim(),
      content: input.content.trim(),
    });
    await writeAudit(ctx, { branchId, entity: 'workPlan', entityId: row.id, action: 'created', after: row });
    return row;
  }

  /** A plan the caller may see (their own; the branch's for managers and head office), or NOT_FOUND. */
  async get(ctx: RequestContext, id: string, lock = false): Promise<WorkPlan> {
    const actor = ctx.requireActor();
    const row = await WorkPlans.findInScope(ctx, id.toLowerCase(), { lock });
    if (!row || (row.personId !== actor.userId && !can(actor.role, 'plans:overview'))) {
      throw new NotFoundError('WorkPlan', id);
    }
    return row;
  }

  async update(ctx: RequestContext, input: UpdateWorkPlanInput): Promise<WorkPlan> {
    requireChange(input, 'field', { ignore: ['id'], nullMeansUnset: true });
    const before = await this.own(ctx, input.id);
    if (before.state !== WorkPlanState.DRAFT) {
      throw new InvalidStateError(
        `A work plan in ${before.state} cannot be edited (only in DRAFT): propose a change to leadership instead`,
      );
    }
    return WorkPlans.change(
      ctx,
      before,
      { title: clean(input.title ?? undefined), content: clean(input.content ?? undefined) },
      'updated',
    );
  }

  /** The manager approves a person's draft (head office a manager's); nobody their own. */
  async approve(ctx: RequestContext, id: string): Promise<WorkPlan> {
    const actor = ctx.requireActor();
    const before = await this.get(ctx, id, true);
    if (before.personId === actor.userId) throw new ForbiddenError('Nobody approves their own work plan');
    if (before.state !== WorkPlanState.DRAFT) {
      throw new InvalidStateError(`A work plan cannot move from ${before.state} to APPROVED (only from DRAFT)`);
    }
    return WorkPlans.change(
      ctx,
      before,
      { state: WorkPlanState.APPROVED, approvedBy: actor.userId, approvedAt: new Date() },
      'approved',
    );
  }

  /** A change to the caller's approved plan, sent to leadership (one waits at a time). */
  async proposeChange(ctx: RequestContext, input: ProposeWorkPlanChangeInput): Promise<WorkPlanChange> {
    const plan = await this.own(ctx, input.planId);
    if (plan.state !== WorkPlanState.APPROVED) {
      throw new InvalidStateError(`A change is proposed to an APPROVED plan; this one is ${plan.state}: edit it`);
    }
    const tx = await ctx.tx();
    if (
      await WorkPlanChanges.find(tx, { branchId: plan.branchId, planId: plan.id, state: WorkPlanChangeState.PENDING })
    ) {
      throw new ConflictError('planId: a change of this plan is waiting for leadership already');
    }
    const row = await WorkPlanChanges.insert(tx, {
      branchId: plan.branchId,
      id: randomUUID(),
      planId: plan.id,
      personId: plan.personId,
      content: input.content.trim(),
      reason: input.reason.trim(),
    });
    const approval = await this.approvals.submit(ctx, {
      branchId: plan.branchId,
      subjectType: WORK_PLAN_CHANGE,
      subjectId: row.id,
      title: `Change to ${plan.kind.toLowerCase()} plan ${plan.period}: ${plan.title}`.slice(0, 200),
    });
    const after = await WorkPlanChanges.update(tx, WorkPlanChanges.keyOf(row), { approvalRequestId: approval.id });
    await writeAudit(ctx, {
      branchId: row.branchId,
      entity: 'workPlanChange',
      entityId: row.id,
      action: 'proposed',
      after,
    });
    return after;
  }

  async list(ctx: RequestContext, filter: WorkPlanFilter = {}): Promise<WorkPlan[]> {
    const actor = ctx.requireActor();
    const person = (filter.personId ?? actor.userId).toLowerCase();
    if (person !== actor.userId && !can(actor.role, 'plans:overview')) return [];
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${WorkPlans.cols('p')} FROM work_plans p
       WHERE p.branch_id = ANY($1::uuid[]) AND p.person_id = $2 AND ($3::text IS NULL OR p.kind = $3)
         AND ($4::text IS NULL OR p.state = $4)
       ORDER BY p.period_start DESC, p.kind, p.id LIMIT $5`,
      [ctx.branchIds, person, filter.kind ?? null, filter.state ?? null, filter.first ?? 50],
    );
    return rows.map(WorkPlans.map);
  }

  /** The changes proposed to a plan the caller may see, newest first. */
  async changes(ctx: RequestContext, planId: string): Promise<WorkPlanChange[]> {
    const plan = await this.get(ctx, planId);
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${WorkPlanChanges.cols('c')} FROM work_plan_changes c WHERE c.branch_id = $1 AND c.plan_id = $2
       ORDER BY c.created_at DESC, c.id DESC`,
      [plan.branchId, plan.id],
    );
    return rows.map(WorkPlanChanges.map);
  }

  private async own(ctx: RequestContext, id: string): Promise<WorkPlan> {
    const actor = ctx.requireActor();
    const plan = await this.get(ctx, id, true);
    if (plan.personId !== actor.userId) throw new ForbiddenError('Only its owner changes a work plan');
    return plan;
  }

  /** In the deciding transaction: approved, the plan reads as the change (next version); otherwise unchanged. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const change = await WorkPlanChanges.find(
      tx,
      { branchId: request.branchId, id: request.subjectId },
      { lock: true },
    );
    if (!change || change.state !== WorkPlanChangeState.PENDING) return;
    const approved = outcome === 'APPROVED';
    if (approved) {
      const plan = (await WorkPlans.find(tx, { branchId: change.branchId, id: change.planId }, { lock: true }))!;
      await WorkPlans.change(ctx, plan, { content: change.content, version: plan.version + 1 }, 'changed');
    }
    await WorkPlanChanges.change(
      ctx,
      change,
      { state: approved ? WorkPlanChangeState.APPROVED : WorkPlanChangeState.REJECTED, decidedAt: new Date() },
      outcome.toLowerCase(),
    );
  }
}
