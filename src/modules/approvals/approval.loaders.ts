import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { groupByKey, splitKeys } from '@app/graphql';
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
    return ctx.loader(
      'approvals.steps',
      () =>
        new DataLoader<string, ApprovalStep[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, r] = splitKeys(keys);
          const rows = await tx.query<ApprovalStep>(
            `SELECT ${ApprovalSteps.cols('s')} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, request_id)
             JOIN approval_steps s ON s.branch_id = k.branch_id AND s.request_id = k.request_id ORDER BY s.position`,
            [b, r],
          );
          return groupByKey(keys, rows, (x) => `${x.branchId}:${x.requestId}`, ApprovalSteps.map);
        }),
    );
  }

  /** The timelines of requests ("branchId:requestId" keys), oldest first. */
  eventsLoader(ctx: RequestContext): DataLoader<string, ApprovalEvent[]> {
    return ctx.loader(
      'approvals.events',
      () =>
        new DataLoader<string, ApprovalEvent[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, r] = splitKeys(keys);
          const rows = await tx.query<ApprovalEvent>(
            `SELECT ${ApprovalEvents.cols('e')} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, request_id)
             JOIN approval_events e ON e.branch_id = k.branch_id AND e.request_id = k.request_id ORDER BY e.at, e.seq`,
            [b, r],
          );
          return groupByKey(keys, rows, (x) => `${x.branchId}:${x.requestId}`, ApprovalEvents.map);
        }),
    );
  }

  /** Who may decide steps ("branchId:stepId" keys): by policy, delegation or escalation. */
  approversLoader(ctx: RequestContext): DataLoader<string, ApprovalApprover[]> {
    return ctx.loader(
      'approvals.approvers',
      () =>
        new DataLoader<string, ApprovalApprover[]>(async (keys) => {
          const tx = await ctx.tx();
          const [b, s] = splitKeys(keys);
          const rows = await tx.query<ApprovalApprover>(
            `SELECT ${ApprovalStepApprovers.cols('a')} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, step_id)
             JOIN approval_step_approvers a ON a.branch_id = k.branch_id AND a.step_id = k.step_id
             ORDER BY a.level, a.added_at`,
            [b, s],
          );
          return groupByKey(keys, rows, (x) => `${x.branchId}:${x.stepId}`, ApprovalStepApprovers.map);
        }),
    );
  }
}
