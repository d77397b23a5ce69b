import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { KpiTarget, KpiTargetSplit } from './kpi-target.entity.js';
import { KpiAttainmentInput, KpiAttainmentLine, SetKpiTargetInput, SplitKpiTargetInput } from './kpi-target.types.js';
import { KpiTargetsService } from './kpi-targets.service.js';

/** Targets per branch and period, their split over people, and attainment read from the rollups. */
@Resolver()
export class KpiTargetsResolver {
  constructor(private readonly targets: KpiTargetsService) {}

  @RequirePermission('kpi:targets')
  @Mutation(() => KpiTarget, {
    description:
      "Head office sets a branch's target for a KPI in a month, quarter or year (again: changes it; never below what is already split)",
  })
  setKpiTarget(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The branch, KPI, period and target' }) input: SetKpiTargetInput,
  ) {
    return this.targets.setTarget(ctx, input);
  }

  @RequirePermission('kpi:split')
  @Mutation(() => KpiTargetSplit, {
    description:
      "The branch manager sets a person's share of the branch's target (again: changes it); all shares together never exceed the target",
  })
  splitKpiTarget(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The branch target (KPI and period), the person and their share' })
    input: SplitKpiTargetInput,
  ) {
    return this.targets.split(ctx, input);
  }

  @RequirePermission('kpi:read')
  @Query(() => [KpiAttainmentLine], {
    description:
      'Actual against target for a KPI in a month, quarter or year, ranked by attainment: branches (managers: their branch; head office: every branch) or people within each branch (a sales rep: their own line)',
  })
  kpiAttainment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The KPI, the period and what to rank' }) input: KpiAttainmentInput,
  ) {
    return this.targets.attainment(ctx, input);
  }
}
