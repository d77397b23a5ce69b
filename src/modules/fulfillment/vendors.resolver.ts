import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product, Vendor, VendorContact, VendorProduct } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import {
  AddVendorContactInput,
  CreateVendorInput,
  SetVendorProductInput,
  UpdateVendorInput,
} from './dto/catalogue.input.js';
import { VendorConnection, VendorFilter } from './fulfillment.types.js';
import { VendorsService } from './vendors.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Vendor)
export class VendorsResolver {
  constructor(private readonly vendorService: VendorsService) {}

  @RequirePermission('catalogue:read')
  @Query(() => Vendor, { nullable: true, description: 'A maker or supplier of your organization, or null' })
  vendor(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the vendor' }, UuidPipe) id: string) {
    return this.vendorService.vendor(ctx, id);
  }

  @RequirePermission('catalogue:read')
  @Query(() => VendorConnection, { description: "Your organization's makers and suppliers, by code" })
  vendors(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => VendorFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: VendorFilter,
  ) {
    return this.vendorService.list(ctx, { first, after, filter });
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Vendor, { description: 'Head office: record a maker or supplier' })
  createVendor(@Ctx() ctx: RequestContext, @Args('input', { description: 'The new vendor' }) input: CreateVendorInput) {
    return this.vendorService.create(ctx, input);
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Vendor, { description: 'Head office: change a maker or supplier' })
  updateVendor(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the vendor' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateVendorInput,
  ) {
    return this.vendorService.update(ctx, id, input);
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Vendor, { description: 'Head office: add a contact person to a vendor' })
  addVendorContact(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contact' }) input: AddVendorContactInput,
  ) {
    return this.vendorService.addContact(ctx, input);
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Vendor, { description: 'Head office: record that a supplier supplies a product, with its terms' })
  setVendorProduct(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Supplier, product and terms' }) input: SetVendorProductInput,
  ) {
    return this.vendorService.setSupply(ctx, input);
  }

  @RequirePermission('catalogue:write')
  @Mutation(() => Vendor, { description: 'Head office: the supplier no longer supplies the product' })
  removeVendorProduct(
    @Ctx() ctx: RequestContext,
    @Args('vendorId', { ...ID_ARG, description: 'Id of the supplier' }, UuidPipe) vendorId: string,
    @Args('productId', { ...ID_ARG, description: 'Id of the product' }, UuidPipe) productId: string,
  ) {
    return this.vendorService.removeSupply(ctx, vendorId, productId);
  }

  @ResolveField(() => [VendorContact], { description: 'People to talk to, oldest first' })
  contacts(v: Vendor, _args: unknown, { ctx }: GqlContext) {
    return this.vendorService.contactsLoader(ctx).load(v.id);
  }

  @ResolveField(() => [VendorProduct], { description: 'What it supplies, with its terms' })
  supplies(v: Vendor, _args: unknown, { ctx }: GqlContext) {
    return this.vendorService.suppliesLoader(ctx, 'vendor').load(v.id);
  }
}

@Resolver(() => VendorProduct)
export class VendorProductResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly vendors: VendorsService,
  ) {}

  @ResolveField(() => Product, { nullable: true, description: 'The product supplied' })
  product(vp: VendorProduct, _args: unknown, { ctx }: GqlContext) {
    return this.catalogue.productLoader(ctx).load(vp.productId);
  }

  @ResolveField(() => Vendor, { nullable: true, description: 'The supplier' })
  vendor(vp: VendorProduct, _args: unknown, { ctx }: GqlContext) {
    return this.vendors.vendorLoader(ctx).load(vp.vendorId);
  }
}
