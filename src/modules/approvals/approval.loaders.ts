import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { Params, identities, visibleSql } from './approval-access.js';
import {
  ApprovalEvents,
  ApprovalRequests,
  ApprovalStepApprovers,
  ApprovalSteps,
  type ApprovalApprover,
  type ApprovalEvent,
  type ApprovalRequest,
  type ApprovalStep,
} from './approval.entity.js';

/** The engine's per-request DataLoaders: one statement per batch, whatever the number of rows. */
@Injectable()
export class ApprovalLoaders {
  /** Requests by id, as the caller may see them (null otherwise): one statement per batch, for subject modules. */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return ctx.loader(
      'approvals.requestById',
      () =>
        new DataLoader<string, ApprovalRequest | null>(
          async (keys) => {
            const ids = await identities(ctx);
            const tx = await ctx.tx();
            const p = new Params();
            const rows = await tx.query(
              `SELECT ${ApprovalRequests.cols('r')} FROM approval_requests r
               WHERE r.branch_id = ANY(${p.add(ctx.branchIds)}::uuid[]) AND r.id = ANY(${p.add(keys)}::uuid[])
                 AND ${visibleSql(ctx, ids, p, 'r')}`,
              p.values,
            );
            const byId = new Map(rows.map(ApprovalRequests.map).map((r) => [r.id, r]));
            return keys.map((k) => byId.get(k) ?? null);
            // Batched, not cached: a mutation later in the same operation may move the request.
          },
          { cache: false },
        ),
    );
  }

  /** The steps of requests ("branchId:requestId" keys), in order. */
  stepsLoader(ctx: RequestContext): DataLoader<string, ApprovalStep[]> {
    return ApprovalSteps.childLoader(ctx, 'requestId', 'x.position');
  }

  /** The timelines of requests ("branchId:requestId" keys), oldest first. */
  eventsLoader(ctx: RequestContext): DataLoader<string, ApprovalEvent[]> {
    return ApprovalEvents.childLoader(ctx, 'requestId', 'x.at, x.seq');
  }

  /** Who may decide steps ("branchId:stepId" keys): by policy, delegation or escalation. */
  approversLoader(ctx: RequestContext): DataLoader<string, ApprovalApprover[]> {
    return ApprovalStepApprovers.childLoader(ctx, 'stepId', 'x.level, x.added_at');
  }
}
