import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { SatisfactionService } from './satisfaction.service.js';
import { SatisfactionSurvey } from './satisfaction.entity.js';
import {
  BranchSatisfaction,
  RecordSatisfactionInput,
  SatisfactionAverageFilter,
  SatisfactionFilter,
  SatisfactionSurveyConnection,
  UpdateSatisfactionInput,
} from './satisfaction.types.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => SatisfactionSurvey)
export class SatisfactionResolver {
  constructor(
    private readonly satisfaction: SatisfactionService,
    private readonly customersService: CustomersService,
  ) {}

  @RequirePermission('satisfaction:read')
  @Query(() => SatisfactionSurveyConnection, {
    description:
      'Satisfaction scores, newest first; a sales rep sees those of the customers they own. Head office sees every branch in one list',
  })
  satisfactionSurveys(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => SatisfactionFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: SatisfactionFilter,
  ) {
    return this.satisfaction.list(ctx, { first, after, filter });
  }

  @RequirePermission('satisfaction:report')
  @Query(() => [BranchSatisfaction], {
    description: 'Average satisfaction per branch and quarter; head office gets every branch in one query',
  })
  satisfactionAverages(
    @Ctx() ctx: RequestContext,
    @Args('filter', {
      type: () => SatisfactionAverageFilter,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter: SatisfactionAverageFilter,
  ) {
    return this.satisfaction.averages(ctx, filter);
  }

  @RequirePermission('satisfaction:write')
  @Mutation(() => SatisfactionSurvey, { description: 'Record a customer’s score for a quarter (one per quarter)' })
  recordSatisfaction(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The customer, quarter, score and method' }) input: RecordSatisfactionInput,
  ) {
    return this.satisfaction.record(ctx, input);
  }

  @RequirePermission('satisfaction:write')
  @Mutation(() => SatisfactionSurvey, { description: 'Correct a recorded score, its method or comment' })
  updateSatisfaction(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the satisfaction score' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateSatisfactionInput,
  ) {
    requireChange(input, 'field', { nullMeansUnset: true });
    return this.satisfaction.update(ctx, id, input);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer scored; null if you may not see them' })
  customer(s: SatisfactionSurvey, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${s.branchId}:${s.customerId}`);
  }
}
