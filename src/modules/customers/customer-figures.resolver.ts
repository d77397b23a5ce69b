import { Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { refFieldsResolver } from '../branches/ref-fields.js';
import { CustomerFiguresService } from './customer-figures.service.js';
import { CustomerTierCount } from './customer-figures.types.js';

/** Head office's customer figures: customers per tier and overdue contacts, every branch in scope at once. */
@Resolver()
export class CustomerFiguresResolver {
  constructor(private readonly figures: CustomerFiguresService) {}

  @RequirePermission('customers:read')
  @Query(() => [CustomerTierCount], {
    description:
      'Active customers per branch and tier with how many are overdue for contact now, every branch in scope in ' +
      'one statement; a sales rep counts their own',
  })
  customerTierCounts(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.figures.tierCounts(ctx, branchId);
  }
}

export const CustomerTierCountRefs = refFieldsResolver(
  () => CustomerTierCount,
  [{ name: 'branch', kind: 'branch', description: 'The branch counted' }],
);
