import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../../branches/auth.decorators.js';
import { refFieldsResolver } from '../../branches/ref-fields.js';
import { Product, Vendor } from '../catalogue.entity.js';
import { CatalogueService } from '../catalogue.service.js';
import { VendorsService } from '../vendors.service.js';
import {
  CreateProcurementRequestInput,
  PlanProcurementInput,
  RecordSupplierOfferInput,
  RequestQuotationsInput,
} from './procurement.input.js';
import {
  ProcurementRequest,
  ProcurementRequestLine,
  SupplierOfferLine,
  SupplierQuotation,
} from './procurement.entity.js';
import {
  ProcurementComparisonLine,
  ProcurementComparisonOffer,
  ProcurementRequestConnection,
  ProcurementRequestFilter,
} from './procurement.types.js';
import { ProcurementRequestsService } from './procurement-requests.service.js';
import { SupplierQuotationsService } from './supplier-quotations.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the procurement request' };
const QUOTATION_ARG = { type: () => ID, description: 'Id of the request for quotation (one supplier)' };

@Resolver(() => ProcurementRequest)
export class ProcurementRequestsResolver {
  constructor(
    private readonly service: ProcurementRequestsService,
    private readonly sourcing: SupplierQuotationsService,
  ) {}

  @RequirePermission('procurement:read')
  @Query(() => ProcurementRequest, {
    nullable: true,
    description: 'One procurement request; null when unknown or out of reach',
  })
  procurementRequest(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('procurement:read')
  @Query(() => ProcurementRequestConnection, {
    description: 'Procurement requests of the branches you see, newest first',
  })
  procurementRequests(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', {
      type: () => ProcurementRequestFilter,
      nullable: true,
      description: 'Narrows the list; omit for all',
    })
    filter?: ProcurementRequestFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('procurement:read')
  @Query(() => [ProcurementComparisonLine], {
    description:
      'The suppliers’ offers for a procurement request side by side per line, cheapest first and marked ' +
      '(offers past their validity are shown, last, and never marked); NOT_FOUND for a request out of reach',
  })
  procurementComparison(@Ctx() ctx: RequestContext, @Args('requestId', ID_ARG, UuidPipe) requestId: string) {
    return this.sourcing.comparison(ctx, requestId);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => ProcurementRequest, {
    description:
      'Record a procurement request (the need: products, quantities, wanted-by day, reason): DRAFT, numbered',
  })
  createProcurementRequest(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The need' }) input: CreateProcurementRequestInput,
  ) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => ProcurementRequest, {
    description: 'DRAFT or PLANNED -> PLANNED: the plan (budget, day to order by, how it is sourced)',
  })
  planProcurementRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The plan' }) input: PlanProcurementInput,
  ) {
    return this.service.plan(ctx, id, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => [SupplierQuotation], {
    description:
      'PLANNED or SOURCING -> SOURCING: requests for quotation to several suppliers, one each; CONFLICT ' +
      'ALREADY_ASKED and no change when a supplier was asked before',
  })
  requestSupplierQuotations(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'Who is asked, and by when they answer' }) input: RequestQuotationsInput,
  ) {
    return this.sourcing.request(ctx, id, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => SupplierQuotation, {
    description:
      'A supplier’s offer per line (unit price, lead time, validity, terms), or its revision of the lines named; ' +
      'only while the request is SOURCING',
  })
  recordSupplierOffer(
    @Ctx() ctx: RequestContext,
    @Args('id', QUOTATION_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The offer' }) input: RecordSupplierOfferInput,
  ) {
    return this.sourcing.offer(ctx, id, input);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => SupplierQuotation, { description: 'REQUESTED -> DECLINED: the supplier will not quote' })
  declineSupplierQuotation(
    @Ctx() ctx: RequestContext,
    @Args('id', QUOTATION_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.sourcing.decline(ctx, id, reason);
  }

  @RequirePermission('procurement:write')
  @Mutation(() => ProcurementRequest, {
    description: 'Cancel a procurement request (DRAFT, PLANNED or SOURCING) while nothing of it is awarded',
  })
  cancelProcurementRequest(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('reason', { description: 'Why, 1 to 2000 characters' }) reason: string,
  ) {
    return this.service.cancel(ctx, id, reason);
  }

  @ResolveField(() => [ProcurementRequestLine], { description: 'What it needs, in position order' })
  lines(r: ProcurementRequest, _args: unknown, { ctx }: GqlContext) {
    return this.service.linesLoader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => [SupplierQuotation], { description: 'Its requests for quotation, in the order they were sent' })
  quotations(r: ProcurementRequest, _args: unknown, { ctx }: GqlContext) {
    return this.service.quotationsLoader(ctx).load(`${r.branchId}:${r.id}`);
  }
}

@Resolver(() => SupplierQuotation)
export class SupplierQuotationResolver {
  constructor(
    private readonly requests: ProcurementRequestsService,
    private readonly vendors: VendorsService,
  ) {}

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier asked' })
  supplier(q: SupplierQuotation, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(q.vendorId);
  }

  @ResolveField(() => [SupplierOfferLine], { description: 'Its offer per request line (empty until it offers)' })
  offerLines(q: SupplierQuotation, _args: unknown, { ctx }: GqlContext) {
    return this.requests.offerLinesLoader(ctx).load(`${q.branchId}:${q.id}`);
  }
}

@Resolver(() => ProcurementRequestLine)
export class ProcurementRequestLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product needed' })
  product(l: ProcurementRequestLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}

@Resolver(() => ProcurementComparisonLine)
export class ProcurementComparisonLineResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product needed' })
  product(l: ProcurementComparisonLine, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(l.productId);
  }
}

@Resolver(() => ProcurementComparisonOffer)
export class ProcurementComparisonOfferResolver {
  constructor(private readonly vendors: VendorsService) {}

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier offering' })
  supplier(o: ProcurementComparisonOffer, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(o.supplierId);
  }
}

/** Branches and people of the procurement types as objects (one batched loader each). */
export const PROCUREMENT_REF_RESOLVERS = [
  refFieldsResolver(
    () => ProcurementRequest,
    [
      { name: 'branch', kind: 'branch', description: 'The branch buying' },
      { name: 'buyer', kind: 'person', id: (r) => r.buyerId, description: 'The buyer who follows it' },
      { name: 'createdBy', kind: 'person', id: (r) => r.createdById, description: 'Who recorded it' },
    ],
  ),
  refFieldsResolver(
    () => SupplierQuotation,
    [{ name: 'createdBy', kind: 'person', id: (q) => q.createdById, description: 'Who sent it' }],
  ),
];

export const PROCUREMENT_RESOLVERS = [
  ProcurementRequestsResolver,
  SupplierQuotationResolver,
  ProcurementRequestLineResolver,
  ProcurementComparisonLineResolver,
  ProcurementComparisonOfferResolver,
  ...PROCUREMENT_REF_RESOLVERS,
];
