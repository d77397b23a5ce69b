import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { AddPersonaInput, CreateSegmentInput, UpdatePersonaInput, UpdateSegmentInput } from './dto/segment.input.js';
import { MarketSegment, SegmentPersona } from './segment.entity.js';
import { MarketSegmentConnection, MarketSegmentFilter } from './segment.types.js';
import { SegmentsService } from './segments.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => MarketSegment)
export class SegmentsResolver {
  constructor(private readonly segments: SegmentsService) {}

  @RequirePermission('research:read')
  @Query(() => MarketSegment, { nullable: true, description: 'A target segment you may see, or null' })
  marketSegment(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the market segment' }, UuidPipe) id: string,
  ) {
    return this.segments.findOne(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => MarketSegmentConnection, {
    description: 'Target segments, best weighted score first; head office sees every branch in one list',
  })
  marketSegments(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => MarketSegmentFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: MarketSegmentFilter,
  ) {
    return this.segments.list(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => MarketSegment, { description: 'Define a target segment and score it' })
  createMarketSegment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new market segment holds' }) input: CreateSegmentInput,
  ) {
    return this.segments.create(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => MarketSegment, { description: 'Change, rescore or (un)focus a segment' })
  updateMarketSegment(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the market segment' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateSegmentInput,
  ) {
    requireChange(input);
    return this.segments.update(ctx, id, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => SegmentPersona, { description: 'Add a customer persona to a segment' })
  addSegmentPersona(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The segment and the persona' }) input: AddPersonaInput,
  ) {
    return this.segments.addPersona(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => SegmentPersona, { description: 'Change a persona' })
  updateSegmentPersona(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the segment persona' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdatePersonaInput,
  ) {
    requireChange(input);
    return this.segments.updatePersona(ctx, id, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [SegmentPersona], { description: 'The personas of the segment' })
  personas(s: MarketSegment, _args: unknown, { ctx }: GqlContext) {
    return this.segments.personasLoader(ctx).load(`${s.branchId}:${s.id}`);
  }
}
