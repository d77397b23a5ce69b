import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Appraisal, AppraisalCycle, AppraisalSettings } from './appraisal.entity.js';
import { AppraisalService } from './appraisal.service.js';
import {
  AppraisalCycleFilter,
  AppraisalFilter,
  CheckAppraisalInput,
  ReturnAppraisalInput,
  ScoreAppraisalInput,
  SelfAssessAppraisalInput,
  UpdateAppraisalSettingsInput,
} from './appraisal.types.js';

/** Appraisals: weights per branch, cycles opened by the worker, and each person's appraisal through its steps. */
@Resolver()
export class AppraisalResolver {
  constructor(private readonly service: AppraisalService) {}

  @RequirePermission('appraisals:read')
  @Query(() => AppraisalSettings, { description: "A branch's appraisal weights (yours; head office names one)" })
  appraisalSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('The branch')
    branchId?: string,
  ) {
    return this.service.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => AppraisalSettings, {
    description: "Sets a branch's appraisal weights (exact, summing to 100; audited); cycles opened later use them",
  })
  updateAppraisalSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The three weights' }) input: UpdateAppraisalSettingsInput,
  ) {
    return this.service.updateSettings(ctx, input);
  }

  @RequirePermission('appraisals:read')
  @Query(() => [AppraisalCycle], { description: 'Appraisal cycles of the branches in scope, newest first' })
  appraisalCycles(
    @Ctx() ctx: RequestContext,
    @Args('filter', { nullable: true, description: 'Which cycles' }) filter?: AppraisalCycleFilter,
  ) {
    return this.service.cycles(ctx, filter);
  }

  @RequirePermission('appraisals:read')
  @Query(() => [Appraisal], {
    description: "Appraisals: yours; your branch's for its manager and HR; every branch's for head office",
  })
  appraisals(
    @Ctx() ctx: RequestContext,
    @Args('filter', { nullable: true, description: 'Which appraisals' }) filter?: AppraisalFilter,
  ) {
    return this.service.list(ctx, filter);
  }

  @RequirePermission('appraisals:read')
  @Query(() => Appraisal, { description: 'One appraisal you may see' })
  appraisal(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The appraisal' }, UuidPipe) id: string,
  ) {
    return this.service.get(ctx, id);
  }

  @RequirePermission('appraisals:read')
  @Mutation(() => Appraisal, { description: 'Hands in your self-assessment; the appraisal goes to your head' })
  selfAssessAppraisal(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Your appraisal and assessment' }) input: SelfAssessAppraisalInput,
  ) {
    return this.service.selfAssess(ctx, input);
  }

  @RequirePermission('appraisals:score')
  @Mutation(() => Appraisal, {
    description: "The head's scores and comments; the total is their weighted sum; the appraisal goes to HR",
  })
  scoreAppraisal(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Scores and comments' }) input: ScoreAppraisalInput,
  ) {
    return this.service.score(ctx, input);
  }

  @RequirePermission('appraisals:check')
  @Mutation(() => Appraisal, { description: "HR's check with the outcome; leadership approves it (approval engine)" })
  checkAppraisal(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The outcome and a note' }) input: CheckAppraisalInput,
  ) {
    return this.service.check(ctx, input);
  }

  @RequirePermission('appraisals:check')
  @Mutation(() => Appraisal, { description: 'HR returns an appraisal to the head to score again' })
  returnAppraisal(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The appraisal and why' }) input: ReturnAppraisalInput,
  ) {
    return this.service.returnToHead(ctx, input);
  }
}
