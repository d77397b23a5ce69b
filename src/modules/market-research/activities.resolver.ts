import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import {
  CreateDemandSurveyInput,
  CreateResearchEventInput,
  RecordSurveyResponseInput,
  SurveyFindingsInput,
} from './dto/plans.input.js';
import { DemandSurvey, ResearchEvent, SurveyResponse } from './plans.entity.js';
import { DemandSurveyConnection, ResearchEventConnection, ResearchPeriodFilter } from './plans.types.js';
import { ResearchActivitiesService } from './research-activities.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };
const FIRST = { type: () => Int, nullable: true, defaultValue: 20 };

@Resolver(() => ResearchEvent)
export class ResearchEventsResolver {
  constructor(
    private readonly activities: ResearchActivitiesService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('research:read')
  @Query(() => ResearchEventConnection, {
    description: 'Events attended, latest first; head office sees every branch in one list',
  })
  researchEvents(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => ResearchPeriodFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ResearchPeriodFilter,
  ) {
    return this.activities.events(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => ResearchEvent, { description: 'Record a conference, forum or trade show attended' })
  createResearchEvent(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new research event holds' }) input: CreateResearchEventInput,
  ) {
    return this.activities.createEvent(ctx, input);
  }

  @ResolveField(() => [StaffMember], { description: 'The staff who attended' })
  async attendees(e: ResearchEvent, _args: unknown, { ctx }: GqlContext) {
    const staff = await this.branches.staffLoader(ctx).loadMany(e.attendeeIds.map((a) => `${e.branchId}:${a}`));
    return staff.filter((s) => s && !(s instanceof Error));
  }
}

@Resolver(() => DemandSurvey)
export class DemandSurveysResolver {
  constructor(private readonly activities: ResearchActivitiesService) {}

  @RequirePermission('research:read')
  @Query(() => DemandSurvey, { nullable: true, description: 'A demand survey you may see, or null' })
  demandSurvey(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the demand survey' }, UuidPipe) id: string,
  ) {
    return this.activities.survey(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => DemandSurveyConnection, { description: 'Demand surveys, latest first; head office sees every branch' })
  demandSurveys(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => ResearchPeriodFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ResearchPeriodFilter,
  ) {
    return this.activities.surveys(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => DemandSurvey, { description: 'Plan a demand survey: goal, method and period' })
  createDemandSurvey(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new demand survey holds' }) input: CreateDemandSurveyInput,
  ) {
    return this.activities.createSurvey(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => SurveyResponse, { description: 'Record a response, within the survey period' })
  recordSurveyResponse(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The survey, respondent and answers' }) input: RecordSurveyResponseInput,
  ) {
    return this.activities.recordResponse(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => DemandSurvey, { description: 'File the findings report (once, after at least one response)' })
  reportSurveyFindings(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the demand survey' }, UuidPipe) id: string,
    @Args('input', { description: 'Potential demand, preferences and pain points' }) input: SurveyFindingsInput,
  ) {
    return this.activities.reportFindings(ctx, id, input);
  }

  @ResolveField(() => [SurveyResponse], { description: 'The responses, by day' })
  responses(s: DemandSurvey, _args: unknown, { ctx }: GqlContext) {
    return this.activities.responsesLoader(ctx).load(`${s.branchId}:${s.id}`);
  }
}
