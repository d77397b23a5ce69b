import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { QuotasService } from './quotas.service.js';
import { ActivityQuotaSettings } from './quota.entity.js';
import {
  AttainmentFilter,
  BranchAttainment,
  RepAttainment,
  RepAttainmentConnection,
  UpdateActivityQuotaSettingsInput,
} from './quota.types.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => RepAttainment)
export class QuotasResolver {
  constructor(
    private readonly quotas: QuotasService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('quotas:read')
  @Query(() => RepAttainmentConnection, {
    description:
      'Activity quota attainment per sales representative for an ISO week (2026-W48: valid leads, proposals sent) or a month (2026-11: effective visits), a page at a time in branch and representative order; a rep gets their own',
  })
  repAttainment(
    @Ctx() ctx: RequestContext,
    @Args('period', { description: "An ISO week (2026-W48) or a month (2026-11), in the branch's time zone" })
    period: string,
    @Args('filter', {
      type: () => AttainmentFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: AttainmentFilter,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: 20,
      description: 'Page size, 1 to 100 representatives',
    })
    first?: number,
    @Args('after', { nullable: true, description: 'The endCursor of the previous page' }) after?: string,
  ) {
    return this.quotas.repAttainment(ctx, period, { first, after, filter });
  }

  @RequirePermission('quotas:overview')
  @Query(() => [BranchAttainment], {
    description:
      'Activity quota attainment per branch over its representatives; head office: every branch in one query',
  })
  branchAttainment(
    @Ctx() ctx: RequestContext,
    @Args('period', { description: "An ISO week (2026-W48) or a month (2026-11), in the branch's time zone" })
    period: string,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.quotas.branchAttainment(ctx, period, branchId);
  }

  @RequirePermission('quotas:read')
  @Query(() => ActivityQuotaSettings, { description: 'A branch’s activity targets (defaults 10, 10, 6)' })
  activityQuotaSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.quotas.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ActivityQuotaSettings, { description: 'Change a branch’s activity targets' })
  updateActivityQuotaSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateActivityQuotaSettingsInput,
  ) {
    requireChange(input, 'target', { ignore: ['branchId'], nullMeansUnset: true });
    return this.quotas.updateSettings(ctx, input);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The representative' })
  rep(a: RepAttainment, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${a.branchId}:${a.userId}`);
  }
}
