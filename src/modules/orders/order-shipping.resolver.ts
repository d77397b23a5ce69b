import { Args, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { OrderShippingService } from './order-shipping.service.js';
import { BranchShippingTimes, ShippingBreachFilter, ShippingTimesInput } from './order-shipping.types.js';
import { OrderConnection } from './order.types.js';

/** The one-working-day shipping rule: breaches, and head office's signing-to-shipment figures per branch. */
@Resolver()
export class OrderShippingResolver {
  constructor(private readonly shipping: OrderShippingService) {}

  @RequirePermission('orders:read')
  @Query(() => OrderConnection, {
    description:
      'Orders that broke the one-working-day rule (first shipped after shipBy, or unshipped with shipBy passed), ' +
      'latest signed first: head office across its branches, branch staff their branch, a sales rep their own',
  })
  shippingBreaches(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => ShippingBreachFilter, nullable: true, description: 'Narrows the list' })
    filter?: ShippingBreachFilter,
  ) {
    return this.shipping.breaches(ctx, { first, after, filter });
  }

  @RequirePermission('shipping:report')
  @Query(() => [BranchShippingTimes], {
    description:
      'Per branch you oversee: signing-to-shipment hours (count, average, median) and breaches of the ' +
      'one-working-day rule for orders signed in the period, and the orders waiting for release now with their age',
  })
  signingToShipment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The period, and optionally one branch' }) input: ShippingTimesInput,
  ) {
    return this.shipping.times(ctx, input);
  }
}
