import { Injectable } from '@nestjs/common';
import { BadUserInputError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { enqueue } from '@app/jobs';
import { BranchesService } from '../branches/branches.service.js';
import { lockStepForDecision } from './approval-access.js';
import { ApprovalFlow, optionalText, requiredText } from './approval-flow.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { approvalJobs } from './approval.job-catalogue.js';
import type { ApprovalRequest, ApprovalStep } from './approval.entity.js';
import { ApprovalAction, ApprovalStepStatus } from './approval.enums.js';

/** An approver's decisions on a step: approve, reject, return for changes, or hand it to a colleague as well. */
@Injectable()
export class ApprovalDecisionsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly settings: ApprovalSettingsService,
    private readonly flow: ApprovalFlow,
  ) {}

  async approve(ctx: RequestContext, stepId: string, comment?: string | null): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const { tx, request, step } = await lockStepForDecision(ctx, stepId);
    await this.decideStep(tx, step, ApprovalStepStatus.APPROVED, actor.userId);
    await this.flow.event(tx, step.branchId, request.id, step.id, actor.userId, ApprovalAction.APPROVED, null, note);
    await this.flow.startStep(ctx, tx, request, step.position + 1, new Date());
    const after = await this.flow.reload(tx, request);
    await writeAudit(ctx, {
      branchId: request.branchId,
      entity: 'approval_request',
      entityId: request.id,
      action: 'approve',
      before: request,
      after,
    });
    return after;
  }

  async reject(ctx: RequestContext, stepId: string, reason: string): Promise<ApprovalRequest> {
    return this.endWith(ctx, stepId, reason, ApprovalStepStatus.REJECTED, 'REJECTED', 'reason');
  }

  async returnForChanges(ctx: RequestContext, stepId: string, comment: string): Promise<ApprovalRequest> {
    return this.endWith(ctx, stepId, comment, ApprovalStepStatus.RETURNED, 'RETURNED', 'comment');
  }

  private async endWith(
    ctx: RequestContext,
    stepId: string,
    text: string,
    stepStatus: ApprovalStepStatus,
    outcome: 'REJECTED' | 'RETURNED',
    field: string,
  ): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const why = requiredText(
      field,
      text,
      outcome === 'REJECTED' ? 'say why the request is rejected' : 'say what to change',
    );
    const { tx, request, step } = await lockStepForDecision(ctx, stepId);
    await this.decideStep(tx, step, stepStatus, actor.userId);
    await this.flow.event(tx, step.branchId, request.id, step.id, actor.userId, outcome as ApprovalAction, null, why);
    const after = await this.flow.finish(ctx, tx, request, outcome, actor.userId);
    await writeAudit(ctx, {
      branchId: request.branchId,
      entity: 'approval_request',
      entityId: request.id,
      action: outcome.toLowerCase(),
      before: request,
      after,
    });
    return after;
  }

  private async decideStep(tx: Tx, step: ApprovalStep, status: ApprovalStepStatus, by: string): Promise<void> {
    await tx.query(
      `UPDATE approval_steps SET status = $3, decided_at = now(), decided_by = $4, next_escalation_at = NULL,
         next_reminder_at = NULL
       WHERE branch_id = $1 AND id = $2`,
      [step.branchId, step.id, status, by],
    );
  }

  /** Hands the step to a named colleague as well (the approver keeps it too). */
  async delegate(
    ctx: RequestContext,
    stepId: string,
    toUserId: string,
    comment?: string | null,
  ): Promise<ApprovalRequest> {
    const actor = ctx.requireActor();
    const note = optionalText('comment', comment);
    const { tx, request, step } = await lockStepForDecision(ctx, stepId);
    const to = toUserId.toLowerCase();
    if (to === actor.userId) throw BadUserInputError.field('toUserId', 'choose someone else');
    if (to === request.requesterId)
      throw BadUserInputError.field('toUserId', 'the requester cannot decide their own request');
    const role = await this.branches.memberRole(ctx, request.branchId, to);
    const hq = role ? undefined : await this.headOfficeColleague(ctx, to);
    if (!role && !hq) throw BadUserInputError.field('toUserId', 'is not a colleague in this branch or at head office');
    await this.flow.addApprover(tx, {
      branchId: request.branchId,
      stepId: step.id,
      rule: { kind: 'USER', userId: to },
      source: 'DELEGATION',
      level: step.escalationLevel,
    });
    await this.flow.event(
      tx,
      request.branchId,
      request.id,
      step.id,
      actor.userId,
      ApprovalAction.DELEGATED,
      null,
      note ?? to,
    );
    await enqueue(ctx, approvalJobs.stepDelegated, { branchId: request.branchId, stepId: step.id, userId: to });
    await writeAudit(ctx, {
      branchId: request.branchId,
      entity: 'approval_step',
      entityId: step.id,
      action: 'delegate',
      after: { to },
    });
    return this.flow.reload(tx, request);
  }

  private async headOfficeColleague(ctx: RequestContext, userId: string): Promise<boolean> {
    return ctx.requireActor().headOffice && this.settings.headOfficeMember(await ctx.tx(), userId);
  }
}
