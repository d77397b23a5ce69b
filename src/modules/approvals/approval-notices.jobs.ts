import { Injectable } from '@nestjs/common';
import { Database, RequestContext, enterBranches } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, type PayloadOf } from '@app/jobs';
import { NotificationsService } from '../notifications/notifications.service.js';
import { approverUsersOf, branchLabel } from './approval-recipients.js';
import { approvalJobs } from './approval.job-catalogue.js';
import { ApprovalRequests, ApprovalSteps } from './approval.entity.js';
import { ApprovalStatus, ApprovalStepStatus } from './approval.enums.js';

/**
 * Notices the API cannot write itself (an API transaction writes only the actor's own notifications): a step
 * started, to its approvers (some at head office); a request decided, to its requester; a step handed to a
 * colleague, to them. Each runs from its outbox row, once.
 */
@Injectable()
export class ApprovalNoticesJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(approvalJobs.stepStarted)
  async stepStarted(payload: PayloadOf<typeof approvalJobs.stepStarted>, job?: Job): Promise<{ notified: number }> {
    const notified = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return 0;
        const [{ hq }] = await tx.query<{ hq: string }>('SELECT head_office_of($1) AS hq', [payload.branchId]);
        // Head-office approvers are read in the head office of the step's branch.
        const ctx = await enterBranches(tx, [payload.branchId, hq].filter(Boolean));
        const step = await ApprovalSteps.find(tx, { branchId: payload.branchId, id: payload.stepId });
        if (step?.status !== ApprovalStepStatus.PENDING) return 0;
        const request = (await ApprovalRequests.find(tx, { branchId: step.branchId, id: step.requestId }))!;
        const users = (await approverUsersOf(tx, [{ step, request, hq }])).get(step.id) ?? [];
        const branch = await branchLabel(tx, step.branchId);
        return this.notifications.notifyMany(
          ctx,
          users.map((u) => ({
            branchId: step.branchId,
            userId: u,
            kind: 'APPROVAL_PENDING',
            title: `Please decide: ${request.title} (${branch})`,
            body: `Step "${step.name}" for ${branch} is due ${step.dueAt?.toISOString()}`,
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
        const r = await ApprovalRequests.find(tx, { branchId: payload.branchId, id: payload.requestId });
        if (!r || r.status === ApprovalStatus.PENDING) return 0;
        const created = await this.notifications.notify(ctx, {
          branchId: r.branchId,
          userId: r.requesterId,
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
        const step = await ApprovalSteps.find(tx, { branchId: payload.branchId, id: payload.stepId });
        if (step?.status !== ApprovalStepStatus.PENDING) return 0;
        const request = (await ApprovalRequests.find(tx, { branchId: step.branchId, id: step.requestId }))!;
        const branch = await branchLabel(tx, step.branchId);
        const created = await this.notifications.notify(ctx, {
          branchId: step.branchId,
          userId: payload.userId,
          kind: 'APPROVAL_DELEGATED',
          title: `Please decide: ${request.title} (${branch})`,
          body: `Step "${step.name}" for ${branch} is due ${step.dueAt?.toISOString()}`,
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
}
