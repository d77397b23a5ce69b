import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product, Vendor } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import {
  ConfirmPurchaseOrderInput,
  CreatePurchaseOrderInput,
  ReceivePurchaseOrderInput,
} from './dto/purchase-order.input.js';
import { PurchaseOrder, PurchaseOrderLine } from './purchase-order.entity.js';
import { PurchaseOrderConnection, PurchaseOrderFilter } from './purchase-order.types.js';
import { PurchaseOrdersService } from './purchase-orders.service.js';
import { PurchaseReceiptsService } from './purchase-receipts.service.js';
import { VendorsService } from './vendors.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the purchase order' };

@Resolver(() => PurchaseOrder)
export class PurchaseOrdersResolver {
  constructor(
    private readonly service: PurchaseOrdersService,
    private readonly receipts: PurchaseReceiptsService,
    private readonly vendors: VendorsService,
  ) {}

  @RequirePermission('purchase-orders:read')
  @Query(() => PurchaseOrder, { nullable: true, description: 'One purchase order; null when unknown or out of reach' })
  purchaseOrder(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('purchase-orders:read')
  @Query(() => PurchaseOrderConnection, { description: 'Purchase orders of the branches you see, newest first' })
  purchaseOrders(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => PurchaseOrderFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: PurchaseOrderFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, {
    description:
      'Draw up a purchase order to the maker for a binding sales order (DRAFT, numbered); CONFLICT OVER_PURCHASE and ' +
      'no change when a line asks more than the order line still needs',
  })
  createPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The purchase order' }) input: CreatePurchaseOrderInput,
  ) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, { description: 'DRAFT -> IN_REVIEW: finance reviews contract and purchase order' })
  submitPurchaseOrder(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.submit(ctx, id);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, { description: 'APPROVED -> PLACED: the purchase order is sent to the maker' })
  placePurchaseOrder(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.place(ctx, id);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, { description: 'PLACED -> CONFIRMED: the maker’s confirmation (date, reference)' })
  confirmPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The maker’s confirmation' }) input: ConfirmPurchaseOrderInput,
  ) {
    return this.receipts.confirm(ctx, id, input);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, {
    description:
      'Goods of a CONFIRMED purchase order received into stock (PURCHASE_RECEIPT movements); PARTLY_RECEIVED or ' +
      'RECEIVED; CONFLICT OVER_RECEIPT and no change beyond what was ordered',
  })
  receivePurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'Where the goods go and how many per line' }) input: ReceivePurchaseOrderInput,
  ) {
    return this.receipts.receive(ctx, id, input);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, { description: 'RECEIVED (or PARTLY_RECEIVED, short-closed) -> CLOSED' })
  closePurchaseOrder(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.receipts.close(ctx, id);
  }

  @RequirePermission('purchase-orders:write')
  @Mutation(() => PurchaseOrder, { description: 'Cancel a purchase order before any goods came (not while IN_REVIEW)' })
  cancelPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.receipts.cancel(ctx, id, reason);
  }

  @ResolveField(() => [PurchaseOrderLine], { description: 'What it buys, in position order' })
  lines(p: PurchaseOrder, _args: unknown, { ctx }: GqlContext) {
    return this.service.linesLoader(ctx).load(`${p.branchId}:${p.id}`);
  }

  @ResolveField(() => Vendor, { nullable: true, description: 'The maker it is placed with' })
  maker(p: PurchaseOrder, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(p.makerId);
  }
}

@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product bought' })
  product(l: PurchaseOrderLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}
