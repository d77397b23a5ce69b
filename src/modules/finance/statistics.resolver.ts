import { Args, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, GraphQLDate, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StatisticsPeriod } from './statistics.enums.js';
import { StatisticsService } from './statistics.service.js';
import { PurchaseStatisticConnection, PurchaseTotal } from './statistics.types.js';

const PERIOD = { type: () => StatisticsPeriod, description: 'Weeks or months' };
const FROM = { type: () => GraphQLDate, description: 'First business day counted' };
const TO = { type: () => GraphQLDate, description: 'Last business day counted (at most 3 years after from)' };

/**
 * Purchase/sales and target-customer statistics (a purchase: a contract signed; a target customer: the HIGH tier).
 * The same rows download as CSV or XLSX at /statistics/purchases.csv|.xlsx.
 */
@Resolver()
export class StatisticsResolver {
  constructor(private readonly statistics: StatisticsService) {}

  @RequirePermission('statistics:read')
  @Query(() => [PurchaseTotal], {
    description: 'Per period and branch: contracts signed, customers and amount, all and by target customers',
  })
  purchaseTotals(
    @Ctx() ctx: RequestContext,
    @Args('period', PERIOD) period: StatisticsPeriod,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @BranchIdArg('Only this branch (head office; omit for every branch in scope)') branchId?: string,
  ) {
    return this.statistics.totals(ctx, { period, from, to, branchId });
  }

  @RequirePermission('statistics:read')
  @Query(() => PurchaseStatisticConnection, {
    description: 'Per period, branch and customer: contracts signed and amount (targetOnly: target customers only)',
  })
  purchaseStatistics(
    @Ctx() ctx: RequestContext,
    @Args('period', PERIOD) period: StatisticsPeriod,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @BranchIdArg('Only this branch (head office; omit for every branch in scope)') branchId?: string,
    @Args('targetOnly', { nullable: true, defaultValue: false, description: 'Only target customers (HIGH tier)' })
    targetOnly?: boolean,
    @FirstArg() first?: number,
    @AfterArg() after?: string,
  ) {
    return this.statistics.page(ctx, { period, from, to, branchId, targetOnly }, { first, after });
  }
}
