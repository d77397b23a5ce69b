import { Args, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, BranchPeriodInput, FirstArg, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { refFieldsResolver } from '../branches/ref-fields.js';
import { ApprovalCycleTimesService } from './approval-cycle-times.service.js';
import { ApprovalCycleTime } from './approval-cycle-times.types.js';
import { ApprovalRequestConnection } from './approval.types.js';
import { ApprovalsService } from './approvals.service.js';

/** Head office's approval figures: cycle times per branch and subject, and the pending requests behind a count. */
@Resolver()
export class ApprovalFiguresResolver {
  constructor(
    private readonly cycleTimesService: ApprovalCycleTimesService,
    private readonly approvals: ApprovalsService,
  ) {}

  @RequirePermission('approvals:overview')
  @Query(() => [ApprovalCycleTime], {
    description:
      'Head office: median and 90th-percentile hours from submitted to decided, per branch and subject type, for ' +
      'requests decided in the period (one statement)',
  })
  approvalCycleTimes(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The period (days the requests were decided), and optionally one branch' })
    input: BranchPeriodInput,
  ) {
    return this.cycleTimesService.cycleTimes(ctx, input);
  }

  @RequirePermission('approvals:overview')
  @Query(() => ApprovalRequestConnection, {
    description: 'Head office: requests waiting for a decision, oldest first (the rows behind approvalOverview)',
  })
  pendingApprovals(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.approvals.pending(ctx, { first, after, branchId });
  }
}

export const ApprovalCycleTimeRefs = refFieldsResolver(
  () => ApprovalCycleTime,
  [{ name: 'branch', kind: 'branch', description: 'The branch' }],
);
