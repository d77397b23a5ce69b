import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import {
  AdjustStockInput,
  CreateWarehouseLocationInput,
  IssueStockInput,
  ReceiveStockInput,
} from './dto/stock.input.js';
import {
  BranchStockValue,
  StockLevelConnection,
  StockLevelFilter,
  StockMovementConnection,
  StockMovementFilter,
  WarehouseLocationConnection,
} from './fulfillment.types.js';
import { StockLevel, StockMovement, WarehouseLocation } from './stock.entity.js';
import { StockService } from './stock.service.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => StockLevel)
export class StockResolver {
  constructor(
    private readonly stock: StockService,
    private readonly catalogue: CatalogueService,
  ) {}

  @RequirePermission('stock:read')
  @Query(() => WarehouseLocationConnection, { description: 'Warehouse locations of the branches you see, by code' })
  warehouseLocations(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @BranchIdArg('Head office: narrow to one branch; branch staff see their own') branchId?: string,
  ) {
    return this.stock.locations(ctx, { first, after, branchId });
  }

  @RequirePermission('stock:read')
  @Query(() => StockLevelConnection, { description: 'Stock on hand per product and location, in the branches you see' })
  stockLevels(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => StockLevelFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: StockLevelFilter,
  ) {
    return this.stock.levels(ctx, { first, after, filter });
  }

  @RequirePermission('stock:read')
  @Query(() => StockMovementConnection, { description: 'Every movement of a product, newest first' })
  stockMovements(
    @Ctx() ctx: RequestContext,
    @Args('productId', { type: () => ID, description: 'Id of the product' }, UuidPipe) productId: string,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => StockMovementFilter, nullable: true, description: 'Narrows the list' })
    filter?: StockMovementFilter,
  ) {
    return this.stock.movements(ctx, productId, { first, after, filter });
  }

  @RequirePermission('stock:value')
  @Query(() => [BranchStockValue], {
    description: 'Stock valued at cost price per branch and currency, every branch you see in one statement',
  })
  stockValues(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('Head office: narrow to one branch; branch staff see their own') branchId?: string,
  ) {
    return this.stock.values(ctx, branchId);
  }

  @RequirePermission('stock:locations')
  @Mutation(() => WarehouseLocation, { description: 'Set up a place to keep stock in a branch' })
  createWarehouseLocation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The new location' }) input: CreateWarehouseLocationInput,
  ) {
    return this.stock.createLocation(ctx, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockLevel, { description: 'Goods in (purchase receipt or return): the stock level after it' })
  receiveStock(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What came in, where' }) input: ReceiveStockInput,
  ) {
    return this.stock.receive(ctx, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockLevel, {
    description: 'Goods out for a shipment; CONFLICT (INSUFFICIENT_STOCK) and no change when not enough is on hand',
  })
  issueStock(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What goes out, from where' }) input: IssueStockInput,
  ) {
    return this.stock.issue(ctx, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockLevel, { description: 'Record a stock count; the difference becomes a COUNT_ADJUSTMENT' })
  adjustStock(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What was counted, where' }) input: AdjustStockInput,
  ) {
    return this.stock.adjust(ctx, input);
  }

  @ResolveField(() => Product, { nullable: true, description: 'The product' })
  product(l: StockLevel, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }

  @ResolveField(() => WarehouseLocation, { nullable: true, description: 'The location' })
  location(l: StockLevel, _args: unknown, { ctx }: GqlContext) {
    return this.stock.locationLoader(ctx).load(`${l.branchId}:${l.locationId}`);
  }
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  constructor(
    private readonly stock: StockService,
    private readonly catalogue: CatalogueService,
  ) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product' })
  product(m: StockMovement, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(m.productId);
  }

  @ResolveField(() => WarehouseLocation, { nullable: true, description: 'The location' })
  location(m: StockMovement, _args: unknown, { ctx }: GqlContext) {
    return this.stock.locationLoader(ctx).load(`${m.branchId}:${m.locationId}`);
  }
}
