import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../../branches/auth.decorators.js';
import { refFieldsResolver } from '../../branches/ref-fields.js';
import { Product } from '../catalogue.entity.js';
import { CatalogueService } from '../catalogue.service.js';
import { Shipment, Shipments } from '../shipment.entity.js';
import { ReturnProcessingService } from './return-processing.service.js';
import { ReturnReportService } from './return-report.service.js';
import { GoodsReturn, GoodsReturnLine } from './return.entity.js';
import {
  BranchReturnsByReason,
  GoodsReturnConnection,
  GoodsReturnFilter,
  ProcessGoodsReturnInput,
  RequestGoodsReturnInput,
  ReturnCheckInput,
  ReturnsByReasonInput,
} from './return.types.js';
import { ReturnsService } from './returns.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the return' };

@Resolver(() => GoodsReturn)
export class ReturnsResolver {
  constructor(
    private readonly returns: ReturnsService,
    private readonly processing: ReturnProcessingService,
    private readonly report: ReturnReportService,
  ) {}

  @RequirePermission('returns:read')
  @Query(() => GoodsReturn, {
    nullable: true,
    description: 'One return or exchange; null when unknown or out of reach',
  })
  goodsReturn(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.returns.findOne(ctx, id);
  }

  @RequirePermission('returns:read')
  @Query(() => GoodsReturnConnection, {
    description: 'Returns and exchanges of the branches you see (a rep: of their own orders), newest first',
  })
  goodsReturns(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => GoodsReturnFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: GoodsReturnFilter,
  ) {
    return this.returns.list(ctx, { first, after, filter });
  }

  @RequirePermission('returns:report')
  @Query(() => [BranchReturnsByReason], {
    description: 'Head office: returns requested in a period per branch and reason, processed value (one statement)',
  })
  goodsReturnsByReason(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The period and, optionally, one branch' }) input: ReturnsByReasonInput,
  ) {
    return this.report.byReason(ctx, input);
  }

  @RequirePermission('returns:request')
  @Mutation(() => GoodsReturn, {
    description:
      'The customer asks to return or exchange goods of an ACCEPTED shipment; CONFLICT (OVER_RETURN) and no change ' +
      'when more would come back than the line delivered',
  })
  requestGoodsReturn(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The request' }) input: RequestGoodsReturnInput,
  ) {
    return this.returns.request(ctx, input);
  }

  @RequirePermission('returns:check')
  @Mutation(() => GoodsReturn, {
    description: 'REQUESTED -> GOODS_CHECKED: name, specification and quantity checked; a failed check rejects it',
  })
  checkGoodsReturn(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The result of the check' }) input: ReturnCheckInput,
  ) {
    return this.returns.checkGoods(ctx, id, input);
  }

  @RequirePermission('returns:check')
  @Mutation(() => GoodsReturn, {
    description: 'GOODS_CHECKED -> AUTHENTICATED: the maker confirmed the goods genuine; a failed check rejects it',
  })
  verifyGoodsReturnAuthenticity(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'What the maker said' }) input: ReturnCheckInput,
  ) {
    return this.returns.checkAuthenticity(ctx, id, input);
  }

  @RequirePermission('returns:check')
  @Mutation(() => GoodsReturn, {
    description: 'AUTHENTICATED -> PENDING_APPROVAL: the red-letter return note goes to leadership for approval',
  })
  submitGoodsReturnNote(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.returns.submitNote(ctx, id);
  }

  @RequirePermission('returns:process')
  @Mutation(() => GoodsReturn, {
    description:
      'APPROVED -> PROCESSED: goods back into stock (cause RETURN), the customer’s purchases reduced, finance told ' +
      'to credit; an exchange’s replacement shipment created and linked in the same transaction',
  })
  processGoodsReturn(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'Where the goods go back' }) input: ProcessGoodsReturnInput,
  ) {
    return this.processing.process(ctx, id, input);
  }

  @ResolveField(() => [GoodsReturnLine], { description: 'What comes back' })
  lines(r: GoodsReturn, _args: unknown, { ctx }: GqlContext) {
    return this.returns.linesLoader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => Shipment, { nullable: true, description: 'The accepted shipment the goods came with' })
  shipment(r: GoodsReturn, _args: unknown, { ctx }: GqlContext) {
    return Shipments.loader(ctx).load(`${r.branchId}:${r.shipmentId}`);
  }

  @ResolveField(() => Shipment, {
    nullable: true,
    description: 'A processed exchange: the replacement shipment, linked (null for a return or before processing)',
  })
  replacementShipment(r: GoodsReturn, _args: unknown, { ctx }: GqlContext) {
    return r.replacementShipmentId ? Shipments.loader(ctx).load(`${r.branchId}:${r.replacementShipmentId}`) : null;
  }
}

@Resolver(() => GoodsReturnLine)
export class GoodsReturnLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product returned' })
  product(l: GoodsReturnLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}

/** Branches and people of a return as objects (one batched loader each). */
export const RETURN_REF_RESOLVERS = [
  refFieldsResolver(
    () => GoodsReturn,
    [
      { name: 'branch', kind: 'branch', description: 'The branch the return belongs to' },
      { name: 'requestedBy', kind: 'person', id: (r) => r.requestedById, description: 'Who recorded the request' },
    ],
  ),
  refFieldsResolver(
    () => BranchReturnsByReason,
    [{ name: 'branch', kind: 'branch', description: 'The branch (code and name to show)' }],
  ),
];
