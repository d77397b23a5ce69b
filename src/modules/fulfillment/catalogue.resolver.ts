import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { BranchProductPrice, Product, Vendor, VendorProduct } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import { CreateProductInput, SetBranchPriceInput, UpdateProductInput } from './dto/catalogue.input.js';
import { ProductConnection, ProductFilter } from './fulfillment.types.js';
import { VendorsService } from './vendors.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Product)
export class CatalogueResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly vendors: VendorsService,
  ) {}

  @RequirePermission('catalogue:read')
  @Query(() => Product, { nullable: true, description: "A product of your organization's catalogue, or null" })
  product(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the product' }, UuidPipe) id: string,
  ) {
    return this.catalogue.product(ctx, id);
  }

  @RequirePermission('catalogue:read')
  @Query(() => ProductConnection, { description: "Your organization's product catalogue, by code" })
  products(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => ProductFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: ProductFilter,
  ) {
    return this.catalogue.list(ctx, { first, after, filter });
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Product, { description: 'Head office: add a product to the catalogue of every branch' })
  createProduct(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The new product' }) input: CreateProductInput,
  ) {
    return this.catalogue.create(ctx, input);
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Product, { description: 'Head office: change a product (prices, maker, retire it)' })
  updateProduct(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the product' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateProductInput,
  ) {
    return this.catalogue.update(ctx, id, input);
  }

  @RequirePermission('catalogue:price')
  @Mutation(() => Product, { description: "Set (or with a null price remove) a branch's own price of a product" })
  setBranchPrice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Branch, product and price' }) input: SetBranchPriceInput,
  ) {
    return this.catalogue.setBranchPrice(ctx, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => Vendor, { nullable: true, description: 'The maker; null when none is recorded' })
  maker(p: Product, _args: unknown, { ctx }: GqlContext) {
    return p.makerId ? this.vendors.vendorLoader(ctx).load(p.makerId) : null;
  }

  @ResolveField(() => [BranchProductPrice], { description: 'Branch prices set in the branches you see' })
  branchPrices(p: Product, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.branchPricesLoader(ctx).load(p.id);
  }

  @ResolveField(() => [VendorProduct], { description: 'Who supplies it, on what terms' })
  suppliers(p: Product, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.suppliesLoader(ctx, 'product').load(p.id);
  }
}
