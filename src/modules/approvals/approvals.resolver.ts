import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Branch } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { ApprovalDecisionsService } from './approval-decisions.service.js';
import { ApprovalDelegationsService } from './approval-delegations.service.js';
import { DEFAULT_POLICY, type PolicyDefinition } from './approval-policy.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import {
  ApprovalApprover,
  ApprovalDelegation,
  ApprovalEvent,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalStep,
  BranchCalendar,
} from './approval.entity.js';
import { ApprovalStatus, ApproverKind } from './approval.enums.js';
import { ApprovalLoaders } from './approval.loaders.js';
import {
  ApprovalPolicyStepView,
  ApprovalRequestConnection,
  BranchApprovalSummary,
  PendingApprovalConnection,
} from './approval.types.js';
import { ApprovalsService } from './approvals.service.js';
import { ApprovalDelegationInput, SetApprovalPolicyInput, SetBranchCalendarInput } from './dto/approval.input.js';

@Resolver(() => ApprovalRequest)
export class ApprovalsResolver {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly decisions: ApprovalDecisionsService,
    private readonly delegations: ApprovalDelegationsService,
    private readonly settings: ApprovalSettingsService,
    private readonly loaders: ApprovalLoaders,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('approvals:act')
  @Query(() => ApprovalRequest, { nullable: true, description: 'An approval request you may see, or null' })
  approvalRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the approval request' }, UuidPipe) id: string,
  ) {
    return this.approvals.findRequest(ctx, id);
  }

  @RequirePermission('approvals:act')
  @Query(() => PendingApprovalConnection, { description: 'Steps waiting for your decision, earliest deadline first' })
  myPendingApprovals(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
  ) {
    return this.approvals.pendingForMe(ctx, { first, after });
  }

  @RequirePermission('approvals:act')
  @Query(() => ApprovalRequestConnection, { description: 'Requests you submitted, newest first' })
  mySubmittedApprovals(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('state', { type: () => ApprovalStatus, nullable: true, description: 'Only requests in this state' })
    state?: ApprovalStatus,
    @Args('status', {
      type: () => ApprovalStatus,
      nullable: true,
      deprecationReason: 'Use state: one word for lifecycles across the schema',
      description: 'Only requests in this state',
    })
    status?: ApprovalStatus,
  ) {
    return this.approvals.submittedByMe(ctx, { first, after, status: state ?? status });
  }

  @RequirePermission('approvals:overview')
  @Query(() => [BranchApprovalSummary], { description: 'Head office: pending and stalled requests per branch' })
  approvalOverview(@Ctx() ctx: RequestContext) {
    return this.approvals.overview(ctx);
  }

  @RequirePermission('approvals:overview')
  @Query(() => ApprovalRequestConnection, {
    description: 'Head office: requests whose escalation ran out, oldest first',
  })
  stalledApprovals(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.approvals.stalled(ctx, { first, after, branchId });
  }

  @RequirePermission('approvals:act')
  @Query(() => ApprovalPolicy, {
    description: 'The policy in force for a subject type (the built-in default until set)',
  })
  approvalPolicy(
    @Ctx() ctx: RequestContext,
    @Args('subjectType', { description: 'The subject type, e.g. CONTRACT' }) subjectType: string,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.settings.policy(ctx, actingBranch(ctx, branchId), subjectType);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ApprovalPolicy, { description: 'Writes a new policy version; waiting requests keep their steps' })
  setApprovalPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The subject type and its complete list of steps (replaces the previous version)' })
    input: SetApprovalPolicyInput,
  ) {
    const def: PolicyDefinition = {
      steps: input.steps.map((s) => ({
        name: s.name,
        approver:
          s.approver.kind === 'USER'
            ? { kind: 'USER', userId: s.approver.userId ?? '' }
            : s.approver.kind === 'REQUESTER_MANAGER'
              ? { kind: 'REQUESTER_MANAGER' }
              : { kind: s.approver.kind, role: s.approver.role! },
        aboveAmount: s.aboveAmount ?? null,
        upToAmount: s.upToAmount ?? null,
        slaHours: s.slaHours,
      })),
      reminderPercents: input.reminderPercents ?? DEFAULT_POLICY.reminderPercents,
      maxEscalationLevel: input.maxEscalationLevel ?? DEFAULT_POLICY.maxEscalationLevel,
    };
    return this.settings.setPolicy(ctx, actingBranch(ctx, input.branchId), input.subjectType, def);
  }

  @RequirePermission('approvals:act')
  @Query(() => BranchCalendar, {
    description: "A branch's working calendar, which approval SLAs (and complaints in working time) count in",
  })
  branchCalendar(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.settings.calendarView(ctx, actingBranch(ctx, branchId));
  }

  @RequirePermission('settings:manage')
  @Mutation(() => BranchCalendar, {
    description: "Replace a branch's working calendar; running steps get new deadlines, reminders and escalation times",
  })
  setBranchCalendar(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The complete calendar: work days, hours and exceptions' })
    input: SetBranchCalendarInput,
  ) {
    return this.settings.setCalendar(ctx, actingBranch(ctx, input.branchId), input);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalRequest, {
    description: 'Approve a step you may decide; the next step starts, or the request is approved after the last',
  })
  approveStep(
    @Ctx() ctx: RequestContext,
    @Args('stepId', { type: () => ID, description: 'Id of the step (from myPendingApprovals)' }, UuidPipe)
    stepId: string,
    @Args('comment', { nullable: true, description: 'Optional note for the timeline' }) comment?: string,
  ) {
    return this.decisions.approve(ctx, stepId, comment);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalRequest, { description: 'Rejects the request; a reason is required' })
  rejectStep(
    @Ctx() ctx: RequestContext,
    @Args('stepId', { type: () => ID, description: 'Id of the step to reject' }, UuidPipe) stepId: string,
    @Args('reason', { description: 'Why, shown to the requester (required)' }) reason: string,
  ) {
    return this.decisions.reject(ctx, stepId, reason);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalRequest, { description: 'Sends the request back to the requester for changes' })
  returnStep(
    @Ctx() ctx: RequestContext,
    @Args('stepId', { type: () => ID, description: 'Id of the step to return' }, UuidPipe) stepId: string,
    @Args('comment', { description: 'What to change, shown to the requester (required)' }) comment: string,
  ) {
    return this.decisions.returnForChanges(ctx, stepId, comment);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalRequest, { description: 'Asks a named colleague to decide this step as well' })
  delegateStep(
    @Ctx() ctx: RequestContext,
    @Args('stepId', { type: () => ID, description: 'Id of the step to hand over' }, UuidPipe) stepId: string,
    @Args(
      'toUserId',
      {
        type: () => ID,
        description: 'Id of the colleague who decides instead (a person of the same branch or head office)',
      },
      UuidPipe,
    )
    toUserId: string,
    @Args('comment', { nullable: true, description: 'Optional note for the colleague and the timeline' })
    comment?: string,
  ) {
    return this.decisions.delegate(ctx, stepId, toUserId, comment);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalEvent, { description: "Add a comment to a request's timeline (anyone involved)" })
  commentOnApproval(
    @Ctx() ctx: RequestContext,
    @Args('requestId', { type: () => ID, description: 'Id of the approval request' }, UuidPipe) requestId: string,
    @Args('comment', { description: 'The comment, up to 2,000 characters' }) comment: string,
  ) {
    return this.approvals.comment(ctx, requestId, comment);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalRequest, { description: 'The requester takes a pending request back' })
  withdrawApproval(
    @Ctx() ctx: RequestContext,
    @Args('requestId', { type: () => ID, description: 'Id of your pending request' }, UuidPipe) requestId: string,
    @Args('comment', { nullable: true, description: 'Optional reason for the timeline' }) comment?: string,
  ) {
    return this.approvals.withdraw(ctx, requestId, comment);
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ID, { description: 'Out of office: a colleague decides your approvals between the two dates' })
  setApprovalDelegation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The colleague, the period and the reason' }) input: ApprovalDelegationInput,
  ) {
    return this.delegations.setDelegation(ctx, input);
  }

  @RequirePermission('approvals:act')
  @Query(() => [ApprovalDelegation], {
    description:
      'Out-of-office delegations you gave or received (managers and head office: everyone’s in their branches); current and future ones unless includePast',
  })
  approvalDelegations(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
    @Args('includePast', {
      nullable: true,
      defaultValue: false,
      description: 'Also list delegations that ended or were cancelled',
    })
    includePast?: boolean,
  ) {
    return this.delegations.delegations(ctx, { branchId, includePast });
  }

  @RequirePermission('approvals:act')
  @Mutation(() => ApprovalDelegation, {
    description: 'Ends a delegation now (the person who gave it, or a manager); it stays on record',
  })
  cancelApprovalDelegation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the delegation to end now (it stays on record)' }, UuidPipe)
    id: string,
  ) {
    return this.delegations.cancelDelegation(ctx, id);
  }

  @ResolveField(() => [ApprovalStep], {
    description: "The request's steps in order, each with its state, approvers and deadline",
  })
  steps(@Ctx() ctx: RequestContext, @Parent() r: ApprovalRequest) {
    return this.loaders.stepsLoader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => [ApprovalEvent], { description: 'Who did what, when, oldest first' })
  timeline(@Ctx() ctx: RequestContext, @Parent() r: ApprovalRequest) {
    return this.loaders.eventsLoader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => Branch, { nullable: true, description: 'The branch the request belongs to' })
  branch(@Ctx() ctx: RequestContext, @Parent() r: ApprovalRequest) {
    return this.branches.branchLoader(ctx).load(r.branchId);
  }
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  constructor(private readonly loaders: ApprovalLoaders) {}

  @ResolveField(() => [ApprovalApprover], { description: 'Who may decide: by policy, delegation or escalation' })
  approvers(@Ctx() ctx: RequestContext, @Parent() s: ApprovalStep) {
    return this.loaders.approversLoader(ctx).load(`${s.branchId}:${s.id}`);
  }
}

@Resolver(() => ApprovalPolicy)
export class ApprovalPolicyResolver {
  @ResolveField(() => [ApprovalPolicyStepView], {
    description: 'The steps in order; a step whose amount band excludes the request is skipped',
  })
  steps(@Parent() p: ApprovalPolicy): ApprovalPolicyStepView[] {
    return p.steps.map((s) => ({
      name: s.name,
      approver: {
        branchId: p.branchId,
        kind: s.approver.kind as ApproverKind,
        role: 'role' in s.approver ? s.approver.role : null,
        userId: 'userId' in s.approver ? s.approver.userId : null,
      },
      aboveAmount: s.aboveAmount ?? null,
      upToAmount: s.upToAmount ?? null,
      slaHours: s.slaHours,
    }));
  }
}

@Resolver(() => BranchApprovalSummary)
export class BranchApprovalSummaryResolver {
  constructor(private readonly branches: BranchesService) {}

  @ResolveField(() => Branch, { description: 'The branch summed up' })
  branch(@Ctx() ctx: RequestContext, @Parent() s: BranchApprovalSummary) {
    return this.branches.branchLoader(ctx).load(s.branchId);
  }
}
