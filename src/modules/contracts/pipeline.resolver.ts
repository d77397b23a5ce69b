import { Args, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { BranchPeriodInput } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { refFieldsResolver } from '../branches/ref-fields.js';
import { PipelineService } from './pipeline.service.js';
import { BranchPipeline } from './pipeline.types.js';

/** Head office's sales pipeline: leads to quotes to contracts with win rates, per branch and period. */
@Resolver()
export class PipelineResolver {
  constructor(private readonly pipelines: PipelineService) {}

  @RequirePermission('kpi:overview')
  @Query(() => [BranchPipeline], {
    description:
      'Per branch you oversee: leads created and qualified, quotes sent, won and lost, contracts signed and the ' +
      'win rate in the period (two statements whatever the number of branches)',
  })
  salesPipeline(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The period, and optionally one branch' }) input: BranchPeriodInput,
  ) {
    return this.pipelines.pipeline(ctx, input);
  }
}

export const BranchPipelineRefs = refFieldsResolver(
  () => BranchPipeline,
  [{ name: 'branch', kind: 'branch', description: 'The branch' }],
);
