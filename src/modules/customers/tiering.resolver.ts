import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError, type RequestContext } from '@app/core';
import { AfterArg, FirstArg, GraphQLDecimal, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Customer } from './customer.entity.js';
import { PurchaseCause } from './tiering.enums.js';
import { TieringService } from './tiering.service.js';
import { CustomerPurchase, CustomerTierChange, TieringSettings } from './tiering.entity.js';
import {
  CorrectPurchasesInput,
  CustomerTierChangeConnection,
  RecordPurchaseInput,
  RecordPurchasePayload,
  TierChangeFilter,
  UpdateTieringSettingsInput,
} from './tiering.types.js';

interface GqlContext {
  ctx: RequestContext;
}

/** Tiering: purchases, settings, history; and the tier fields of Customer. */
@Resolver(() => Customer)
export class TieringResolver {
  constructor(private readonly tiering: TieringService) {}

  @RequirePermission('customers:write')
  @Mutation(() => RecordPurchasePayload, {
    description: 'Record a purchase of a customer; a large change (branch rule) re-tiers the customer at once',
  })
  recordCustomerPurchase(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The purchase' }) input: RecordPurchaseInput,
  ) {
    return this.tiering.recordPurchase(ctx, { ...input, source: 'MANUAL', cause: PurchaseCause.MANUAL });
  }

  @RequirePermission('purchases:correct')
  @Mutation(() => RecordPurchasePayload, {
    description:
      'Correct a customer’s purchases by a signed amount (cause CORRECTION); a large change re-tiers at once',
  })
  correctCustomerPurchases(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The correction' }) input: CorrectPurchasesInput,
  ) {
    return this.tiering.recordPurchase(ctx, { ...input, source: 'MANUAL', cause: PurchaseCause.CORRECTION });
  }

  @RequirePermission('customers:read')
  @Query(() => TieringSettings, { description: 'Tier thresholds of a branch (head office names the branch)' })
  tieringSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.tiering.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => TieringSettings, { description: 'Change the tier thresholds or the large-change rule of a branch' })
  updateTieringSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateTieringSettingsInput,
  ) {
    return this.tiering.updateSettings(ctx, input);
  }

  @RequirePermission('customers:read')
  @Query(() => CustomerTierChangeConnection, {
    description: 'Tier changes, newest first, of customers you may see; head office across branches in one list',
  })
  customerTierChanges(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => TierChangeFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: TierChangeFilter,
  ) {
    return this.tiering.changes(ctx, { first, after, filter });
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [CustomerTierChange], { description: 'How the tier changed and why, newest first' })
  tierHistory(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return this.tiering.historyLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => GraphQLDecimal, {
    description: 'Purchases of the trailing 12 months to today (branch time zone): what the tier is based on',
  })
  purchasesLast12Months(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return this.tiering.trailingTotalLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => [CustomerPurchase], { description: 'Most recent purchases first' })
  purchases(
    @Ctx() ctx: RequestContext,
    @Parent() c: Customer,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'Page size: 1 to 100 rows (default 10)' })
    first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw BadUserInputError.field('first', 'must be between 1 and 100');
    }
    return this.tiering.purchasesLoader(ctx, first).load(`${c.branchId}:${c.id}`);
  }
}
