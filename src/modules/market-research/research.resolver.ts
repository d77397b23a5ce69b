import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { CreateResearchItemInput, UpdateResearchItemInput, UpdateResearchSettingsInput } from './dto/research.input.js';
import { ResearchDigestsService } from './research-digests.service.js';
import { ResearchItemsService } from './research-items.service.js';
import { ResearchDigest, ResearchDigestItem, ResearchItem, ResearchSettings } from './research.entity.js';
import {
  ResearchDigestConnection,
  ResearchDigestFilter,
  ResearchItemConnection,
  ResearchItemFilter,
} from './research.types.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };
const FIRST = { type: () => Int, nullable: true, defaultValue: 20 };

@Resolver(() => ResearchItem)
export class ResearchItemsResolver {
  constructor(private readonly items: ResearchItemsService) {}

  @RequirePermission('research:read')
  @Query(() => ResearchItem, { nullable: true, description: 'A news, policy or regulation item you may see, or null' })
  researchItem(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the research item' }, UuidPipe) id: string,
  ) {
    return this.items.findOne(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => ResearchItemConnection, {
    description:
      'Industry news, policy and regulation items, newest publication first, filtered by kind, tag, dates and ' +
      'relevance. Head office sees every branch in one list',
  })
  researchItems(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => ResearchItemFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ResearchItemFilter,
  ) {
    return this.items.list(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => ResearchItem, { description: 'Log an industry news, policy or regulation item' })
  createResearchItem(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new research item holds' }) input: CreateResearchItemInput,
  ) {
    return this.items.create(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => ResearchItem, { description: 'Change an item (a sales rep: only the ones they logged)' })
  updateResearchItem(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the research item' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateResearchItemInput,
  ) {
    requireChange(input);
    return this.items.update(ctx, id, input);
  }
}

@Resolver(() => ResearchDigest)
export class ResearchDigestsResolver {
  constructor(private readonly digests: ResearchDigestsService) {}

  @RequirePermission('research:read')
  @Query(() => ResearchDigestConnection, {
    description: 'Past weekly research digests with their items, latest week first; head office sees every branch',
  })
  researchDigests(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => ResearchDigestFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ResearchDigestFilter,
  ) {
    return this.digests.list(ctx, { first, after, filter });
  }

  @RequirePermission('research:read')
  @Query(() => ResearchDigest, { nullable: true, description: 'A weekly digest you may see, or null' })
  researchDigest(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the research digest' }, UuidPipe) id: string,
  ) {
    return this.digests.findOne(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => ResearchSettings, { description: 'Market research rules of a branch (head office names the branch)' })
  researchSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.digests.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ResearchSettings, { description: 'Change the market research rules of a branch' })
  updateResearchSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateResearchSettingsInput,
  ) {
    requireChange(input, 'setting', { ignore: ['branchId'], nullMeansUnset: true });
    return this.digests.updateSettings(ctx, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [ResearchDigestItem], { description: 'The top items of the week, by rank' })
  items(d: ResearchDigest, _args: unknown, { ctx }: GqlContext) {
    return this.digests.itemsLoader(ctx).load(`${d.branchId}:${d.id}`);
  }
}
