import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError, type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { CompetitorsService } from './competitors.service.js';
import { Competitor, CompetitorObservation } from './competitor.entity.js';
import { CompetitorComparison, CompetitorConnection, CompetitorFilter } from './competitor.types.js';
import { CreateCompetitorInput, RecordObservationInput, UpdateCompetitorInput } from './dto/competitor.input.js';

const ID_ARG = { type: () => ID };

@Resolver(() => Competitor)
export class CompetitorsResolver {
  constructor(private readonly competitorService: CompetitorsService) {}

  @RequirePermission('research:read')
  @Query(() => Competitor, { nullable: true, description: 'A competitor you may see, or null' })
  competitor(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the competitor' }, UuidPipe) id: string,
  ) {
    return this.competitorService.findOne(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => CompetitorConnection, { description: 'Competitors by name; head office sees every branch' })
  competitors(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => CompetitorFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: CompetitorFilter,
  ) {
    return this.competitorService.list(ctx, { first, after, filter });
  }

  @RequirePermission('research:read')
  @Query(() => [CompetitorComparison], {
    description:
      'Two to ten competitors side by side, in the order given: the four Ps, strengths and weaknesses, our ' +
      'response, and the latest observation per P',
  })
  competitorComparison(
    @Ctx() ctx: RequestContext,
    @Args('ids', { type: () => [ID], description: '2 to 10 competitor ids, compared in this order' }) ids: string[],
  ) {
    ids.forEach((id, i) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        throw BadUserInputError.field(`ids[${i}]`, 'must be a competitor id');
      }
    });
    return this.competitorService.compare(ctx, ids);
  }

  @RequirePermission('research:write')
  @Mutation(() => Competitor, { description: 'Profile a competitor on product, price, channel and promotion' })
  createCompetitor(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new competitor holds' }) input: CreateCompetitorInput,
  ) {
    return this.competitorService.create(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => Competitor, { description: 'Change a competitor’s profile' })
  updateCompetitor(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the competitor' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateCompetitorInput,
  ) {
    requireChange(input);
    return this.competitorService.update(ctx, id, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => CompetitorObservation, { description: 'Record something seen of a competitor on a day' })
  recordCompetitorObservation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The competitor, aspect, day and note' }) input: RecordObservationInput,
  ) {
    return this.competitorService.recordObservation(ctx, input);
  }

  @ResolveField(() => [CompetitorObservation], { description: 'The latest observations, newest first' })
  observations(
    @Ctx() ctx: RequestContext,
    @Parent() c: Competitor,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'Page size: 1 to 100 rows (default 10)' })
    first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw BadUserInputError.field('first', 'must be between 1 and 100');
    }
    return this.competitorService.observationsLoader(ctx, first).load(`${c.branchId}:${c.id}`);
  }
}
