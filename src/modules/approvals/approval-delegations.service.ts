import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  clean,
  writeAudit,
  type RequestContext,
  isCalendarDate,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { forgetIdentities } from './approval-access.js';
import { ApprovalDelegations, type ApprovalDelegation } from './approval.entity.js';

/** Out of office: a colleague decides someone's approvals between two dates (in the branch time zone). */
@Injectable()
export class ApprovalDelegationsService {
  constructor(private readonly branches: BranchesService) {}

  async setDelegation(
    ctx: RequestContext,
    input: { delegateId: string; startsOn: string; endsOn: string; reason?: string | null; branchId?: string },
  ): Promise<string> {
    const actor = ctx.requireActor();
    const branchId = input.branchId?.toLowerCase() ?? (await this.ownMembershipBranch(ctx));
    const delegate = input.delegateId.toLowerCase();
    if (!isCalendarDate(input.startsOn)) throw BadUserInputError.field('startsOn', 'is not a calendar date');
    if (!isCalendarDate(input.endsOn)) throw BadUserInputError.field('endsOn', 'is not a calendar date');
    if (delegate === actor.userId) throw BadUserInputError.field('delegateId', 'choose someone else');
    if (input.endsOn < input.startsOn) throw BadUserInputError.field('endsOn', 'must not be before startsOn');
    if (!(await this.branches.memberRole(ctx, branchId, delegate))) {
      throw BadUserInputError.field('delegateId', 'is not a colleague in your branch');
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await ApprovalDelegations.insert(tx, {
      branchId,
      id,
      userId: actor.userId,
      delegateId: delegate,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: clean(input.reason) ?? '',
    });
    await writeAudit(ctx, { branchId, entity: 'approval_delegation', entityId: id, action: 'create', after: input });
    return id;
  }

  /**
   * Delegations given or received by the caller; managers and head office also see everyone else's in their
   * branches. Current and future ones unless `includePast` (then also ended and cancelled ones), newest first.
   */
  async delegations(
    ctx: RequestContext,
    opts: { branchId?: string | null; includePast?: boolean | null },
  ): Promise<ApprovalDelegation[]> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const everyone = can(actor.role, 'settings:manage') || actor.headOffice;
    const rows = await tx.query(
      `SELECT ${ApprovalDelegations.cols('d')} FROM approval_delegations d JOIN scope_branches b ON b.id = d.branch_id
       WHERE d.branch_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR d.branch_id = $2)
         AND ($3 OR d.user_id = $4 OR d.delegate_id = $4)
         AND ($5 OR (d.cancelled_at IS NULL AND d.ends_on >= (now() AT TIME ZONE b.time_zone)::date))
       ORDER BY d.starts_on DESC, d.created_at DESC, d.id LIMIT 500`,
      [ctx.branchIds, opts.branchId ?? null, everyone, actor.userId, opts.includePast ?? false],
    );
    return rows.map(ApprovalDelegations.map);
  }

  /** Ends a delegation now: the person who gave it, or a manager of its branch (head office included). */
  async cancelDelegation(ctx: RequestContext, id: string): Promise<ApprovalDelegation> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const [row] = await tx.query<ApprovalDelegation & { ended: boolean }>(
      `SELECT ${ApprovalDelegations.cols('d')}, d.ends_on < (now() AT TIME ZONE b.time_zone)::date AS ended
       FROM approval_delegations d JOIN scope_branches b ON b.id = d.branch_id
       WHERE d.branch_id = ANY($1::uuid[]) AND d.id = $2 FOR UPDATE OF d`,
      [ctx.branchIds, id],
    );
    const mayManage = can(actor.role, 'settings:manage') || actor.headOffice;
    // A colleague who neither gave nor received it sees it as absent, like a random id.
    if (!row || (!mayManage && row.userId !== actor.userId && row.delegateId !== actor.userId)) {
      throw new NotFoundError('ApprovalDelegation', id);
    }
    if (!mayManage && row.userId !== actor.userId) {
      throw new ForbiddenError('Only the person who gave this delegation, or a manager, may cancel it');
    }
    const { ended, ...before } = row;
    if (before.cancelledAt) throw new InvalidStateError('This delegation is already cancelled');
    if (ended) throw new InvalidStateError('This delegation has already ended');
    const after = await ApprovalDelegations.update(tx, ApprovalDelegations.keyOf(before), {
      cancelledAt: new Date(),
      cancelledBy: actor.userId,
    });
    forgetIdentities(ctx);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'approval_delegation',
      entityId: id,
      action: 'cancel',
      before,
      after,
    });
    return after;
  }

  /** The branch of the caller's own membership among those in scope (where their delegation applies). */
  private async ownMembershipBranch(ctx: RequestContext): Promise<string> {
    const actor = ctx.requireActor();
    for (const b of ctx.branchIds) {
      if (await this.branches.memberRole(ctx, b, actor.userId)) return b;
    }
    throw new ForbiddenError('You have no membership in the branches of this request');
  }
}
