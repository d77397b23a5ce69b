import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import { CreateShipmentInput, DeliveryReceiptInput, ShipmentEventInput } from './dto/shipment.input.js';
import { Shipment, ShipmentEvent, ShipmentLine } from './shipment.entity.js';
import { OrderLineShipping, ShipmentConnection, ShipmentFilter } from './shipment.types.js';
import { ShipmentDeliveryService } from './shipment-delivery.service.js';
import { ShipmentsService } from './shipments.service.js';
import { WarehouseLocation } from './stock.entity.js';
import { StockService } from './stock.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the shipment' };

@Resolver(() => Shipment)
export class ShipmentsResolver {
  constructor(
    private readonly service: ShipmentsService,
    private readonly delivery: ShipmentDeliveryService,
    private readonly stock: StockService,
  ) {}

  @RequirePermission('shipments:read')
  @Query(() => Shipment, { nullable: true, description: 'One shipment; null when unknown or out of reach' })
  shipment(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('shipments:read')
  @Query(() => ShipmentConnection, { description: 'Shipments of the branches you see, newest first' })
  shipments(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => ShipmentFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: ShipmentFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('shipments:read')
  @Query(() => [OrderLineShipping], { description: 'Per line of an order: ordered, shipped and still to ship' })
  orderShipping(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => ID, description: 'Id of the order' }, UuidPipe) orderId: string,
  ) {
    return this.service.progress(ctx, orderId);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, {
    description:
      'Ship all or part of a RELEASED order; CONFLICT (OVER_SHIPMENT, INSUFFICIENT_STOCK) and no change when it cannot',
  })
  createShipment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The shipment' }) input: CreateShipmentInput,
  ) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, { description: 'Record that a shipment left, is in transit or was delivered' })
  recordShipmentEvent(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The new status and when' }) input: ShipmentEventInput,
  ) {
    return this.service.record(ctx, id, input);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, {
    description: 'DELIVERED -> RECEIPT_SIGNED: the customer’s signed delivery receipt (who, when, the scan)',
  })
  recordDeliveryReceipt(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The signed receipt' }) input: DeliveryReceiptInput,
  ) {
    return this.delivery.recordReceipt(ctx, id, input);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, {
    description:
      'RECEIPT_SIGNED -> ACCEPTED: the customer accepted the goods; the order closes when every line is shipped and ' +
      'every shipment accepted',
  })
  acceptShipment(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.delivery.accept(ctx, id);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, { description: 'RECEIPT_SIGNED -> REJECTED: the customer rejected the goods, with why' })
  rejectShipment(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why the customer rejected them (required)' }) reason: string,
  ) {
    return this.delivery.reject(ctx, id, reason);
  }

  @RequirePermission('shipments:write')
  @Mutation(() => Shipment, { description: 'Cancel a shipment before it left (PREPARED); its stock goes back' })
  cancelShipment(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.service.cancel(ctx, id, reason);
  }

  @ResolveField(() => [ShipmentLine], { description: 'What it carries' })
  lines(s: Shipment, _args: unknown, { ctx }: GqlContext) {
    return this.service.linesLoader(ctx).load(`${s.branchId}:${s.id}`);
  }

  @ResolveField(() => [ShipmentEvent], { description: 'Its status changes, oldest first' })
  events(s: Shipment, _args: unknown, { ctx }: GqlContext) {
    return this.service.eventsLoader(ctx).load(`${s.branchId}:${s.id}`);
  }

  @ResolveField(() => WarehouseLocation, { nullable: true, description: 'FROM_STOCK: where the goods were issued' })
  location(s: Shipment, _args: unknown, { ctx }: GqlContext) {
    return s.locationId ? this.stock.locationLoader(ctx).load(`${s.branchId}:${s.locationId}`) : null;
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product shipped' })
  product(l: ShipmentLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}
