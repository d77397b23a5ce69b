import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { ApplyForTripInput, BusinessTripConnection, BusinessTripFilter, ClaimTripInput } from './budget.types.js';
import { BusinessTrip, TripReceipt } from './trip.entity.js';
import { TripsService } from './trips.service.js';

interface GqlContext {
  ctx: RequestContext;
}

/** Business trips: applied for and approved before, claimed with receipts after. */
@Resolver(() => BusinessTrip)
export class TripsResolver {
  constructor(private readonly trips: TripsService) {}

  @RequirePermission('trips:read')
  @Query(() => BusinessTrip, {
    nullable: true,
    description: 'A trip you may see (yours; finance and managers: the branch’s), or null',
  })
  businessTrip(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the trip' }, UuidPipe) id: string,
  ) {
    return this.trips.findOne(ctx, id);
  }

  @RequirePermission('trips:read')
  @Query(() => BusinessTripConnection, { description: 'Trips you may see, newest first' })
  businessTrips(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => BusinessTripFilter, nullable: true, description: 'Narrows the list' })
    filter?: BusinessTripFilter,
  ) {
    return this.trips.list(ctx, { first, after, filter });
  }

  @RequirePermission('trips:apply')
  @Mutation(() => BusinessTrip, {
    description: 'Applies for your own trip before it starts; the branch manager approves',
  })
  applyForTrip(@Ctx() ctx: RequestContext, @Args('input', { description: 'The trip' }) input: ApplyForTripInput) {
    return this.trips.apply(ctx, input);
  }

  @RequirePermission('trips:apply')
  @Mutation(() => BusinessTrip, {
    description: 'Claims an APPROVED trip with its receipts; above the amount approved the claim waits for approval',
  })
  claimTrip(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The trip and its receipts' }) input: ClaimTripInput,
  ) {
    return this.trips.claim(ctx, input);
  }

  @ResolveField(() => [TripReceipt], { description: 'The receipts claimed, in order' })
  receipts(t: BusinessTrip, _args: unknown, { ctx }: GqlContext) {
    return this.trips.receiptsLoader(ctx).load(`${t.branchId}:${t.id}`);
  }
}
