import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import { StockCount, StockCountLine } from './stock-count.entity.js';
import {
  OpenStockCountInput,
  RecordStockCountInput,
  StockCountConnection,
  StockCountFilter,
} from './stock-count.types.js';
import { StockCountsService } from './stock-counts.service.js';
import { WarehouseLocation } from './stock.entity.js';
import { StockService } from './stock.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the count' };

@Resolver(() => StockCount)
export class StockCountsResolver {
  constructor(
    private readonly counts: StockCountsService,
    private readonly stock: StockService,
  ) {}

  @RequirePermission('stock:read')
  @Query(() => StockCount, { nullable: true, description: 'One stock count; null when unknown or out of reach' })
  stockCount(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.counts.findOne(ctx, id);
  }

  @RequirePermission('stock:read')
  @Query(() => StockCountConnection, { description: 'Stock counts of the branches you see, newest first' })
  stockCounts(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => StockCountFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: StockCountFilter,
  ) {
    return this.counts.list(ctx, { first, after, filter });
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockCount, {
    description: 'Open a count of a location: the book quantities on hand now are its basis; one open per location',
  })
  openStockCount(@Ctx() ctx: RequestContext, @Args('input', { description: 'Where' }) input: OpenStockCountInput) {
    return this.counts.open(ctx, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockCount, {
    description: 'Record counted quantities of an OPEN count (a reason for each difference from the book)',
  })
  recordStockCount(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'What was counted' }) input: RecordStockCountInput,
  ) {
    return this.counts.record(ctx, id, input);
  }

  @RequirePermission('stock:write')
  @Mutation(() => StockCount, {
    description:
      'Close a count: differences (counted - book at opening) are posted as COUNT_ADJUSTMENT movements on top of ' +
      'what moved since, after the branch manager approves them when they exceed the threshold (subject STOCK_COUNT)',
  })
  closeStockCount(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.counts.close(ctx, id);
  }

  @ResolveField(() => [StockCountLine], { description: 'Every product of the count, by product id' })
  lines(c: StockCount, _args: unknown, { ctx }: GqlContext) {
    return this.counts.linesLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => WarehouseLocation, { nullable: true, description: 'The location counted' })
  location(c: StockCount, _args: unknown, { ctx }: GqlContext) {
    return this.stock.locationLoader(ctx).load(`${c.branchId}:${c.locationId}`);
  }
}

@Resolver(() => StockCountLine)
export class StockCountLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product' })
  product(l: StockCountLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}
