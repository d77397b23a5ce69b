import { Args, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { KpiCheck, KpiDifference } from './performance.entity.js';
import { PerformanceService } from './performance.service.js';
import { KpiRankingInput, KpiRankingLine, KpiTrendInput, KpiTrendPoint } from './performance.types.js';

const PERIOD =
  "A day (2026-12-07), ISO week (2026-W49), month (2026-12), quarter (2026-Q4) or year (2026), in the branch's time zone";

/** KPI rollups: rankings, trends and the recompute's checks, all read from the rollup tables. */
@Resolver()
export class PerformanceResolver {
  constructor(private readonly performance: PerformanceService) {}

  @RequirePermission('kpi:read')
  @Query(() => [KpiRankingLine], {
    description:
      'A KPI in a period, ranked: branches (managers: their branch; head office: every branch) or people within each branch (a sales rep: their own line)',
  })
  kpiRanking(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The KPI, the period and what to rank' }) input: KpiRankingInput,
  ) {
    return this.performance.ranking(ctx, input);
  }

  @RequirePermission('kpi:read')
  @Query(() => [KpiTrendPoint], {
    description: 'A KPI over the last N periods up to one, for the branches in scope, one branch or one person',
  })
  kpiTrend(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The KPI, the last period and how many, whose figures' }) input: KpiTrendInput,
  ) {
    return this.performance.trend(ctx, input);
  }

  @RequirePermission('kpi:overview')
  @Query(() => [KpiCheck], {
    description: 'The last recompute of every KPI for a period, per branch: when, and how many lines differed',
  })
  kpiChecks(
    @Ctx() ctx: RequestContext,
    @Args('period', { description: PERIOD }) period: string,
    @BranchIdArg('Only this branch')
    branchId?: string,
  ) {
    return this.performance.checks(ctx, period, branchId);
  }

  @RequirePermission('kpi:overview')
  @Query(() => [KpiDifference], {
    description: 'Rollup lines the recompute found different from the events for a period (repaired), newest first',
  })
  kpiDifferences(
    @Ctx() ctx: RequestContext,
    @Args('period', { description: PERIOD }) period: string,
    @BranchIdArg('Only this branch')
    branchId?: string,
  ) {
    return this.performance.differences(ctx, period, branchId);
  }
}
