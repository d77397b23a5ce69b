import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Product, Vendor } from './catalogue.entity.js';
import { CatalogueService } from './catalogue.service.js';
import { CreateRmaInput, MoveRmaInput, UpdateRmaSettingsInput } from './dto/rma.input.js';
import { Rma, RmaSettings } from './rma.entity.js';
import { OpenRmaAge, RmaConnection, RmaFilter } from './rma.types.js';
import { RmaSettingsService } from './rma-settings.service.js';
import { RmasService } from './rmas.service.js';
import { VendorsService } from './vendors.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the RMA' };

@Resolver(() => Rma)
export class RmaResolver {
  constructor(
    private readonly service: RmasService,
    private readonly settings: RmaSettingsService,
    private readonly catalogue: CatalogueService,
    private readonly vendors: VendorsService,
  ) {}

  @RequirePermission('rma:read')
  @Query(() => Rma, { nullable: true, description: 'One RMA; null when unknown or out of reach' })
  rma(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.service.findOne(ctx, id);
  }

  @RequirePermission('rma:read')
  @Query(() => RmaConnection, {
    description: 'RMAs of the branches (and, for a rep, the customers) you see, newest first',
  })
  rmas(
    @Ctx() ctx: RequestContext,
    @FirstArg() first: number,
    @AfterArg() after?: string,
    @Args('filter', { type: () => RmaFilter, nullable: true, description: 'Narrows the list; omit for all' })
    filter?: RmaFilter,
  ) {
    return this.service.list(ctx, { first, after, filter });
  }

  @RequirePermission('rma:report')
  @Query(() => [OpenRmaAge], {
    description: 'Head office: open RMAs per branch and step by age, and how many are late (one statement)',
  })
  openRmasByAge(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('Head office: the branch; others: omit (their own)') branchId?: string,
  ) {
    return this.service.openByAge(ctx, branchId);
  }

  @RequirePermission('rma:read')
  @Query(() => RmaSettings, { description: 'A branch’s RMA time limits per step (the defaults until it sets its own)' })
  rmaSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('Head office: the branch; others: omit (their own)') branchId?: string,
  ) {
    return this.settings.settings(ctx, branchId);
  }

  @RequirePermission('rma:write')
  @Mutation(() => Rma, { description: 'Record a customer’s after-sales request (REQUESTED, with its time limit)' })
  createRma(@Ctx() ctx: RequestContext, @Args('input', { description: 'The request' }) input: CreateRmaInput) {
    return this.service.create(ctx, input);
  }

  @RequirePermission('rma:write')
  @Mutation(() => Rma, {
    description: 'Move an RMA to its next step (or CANCELLED), stamped; INVALID_STATE naming both states otherwise',
  })
  moveRma(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'The next step and what it records' }) input: MoveRmaInput,
  ) {
    return this.service.move(ctx, id, input);
  }

  @RequirePermission('rma:settings')
  @Mutation(() => RmaSettings, { description: 'Change a branch’s RMA time limits (for steps entered from now on)' })
  updateRmaSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The limits to change' }) input: UpdateRmaSettingsInput,
  ) {
    return this.settings.update(ctx, input);
  }

  @ResolveField(() => Product, { nullable: true, description: 'The catalogue product concerned' })
  product(r: Rma, _args: unknown, { ctx }: GqlContext) {
    return r.productId ? this.catalogue.productLoader(ctx).load(r.productId) : null;
  }

  @ResolveField(() => Vendor, { nullable: true, description: 'The maker it was sent to' })
  maker(r: Rma, _args: unknown, { ctx }: GqlContext) {
    return r.makerId ? this.vendors.vendorLoader(ctx).load(r.makerId) : null;
  }
}
