import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import {
  AddMilestoneInput,
  CreateCampaignInput,
  CreateMarketingPlanInput,
  UpdateCampaignInput,
} from './dto/plans.input.js';
import { MarketingService } from './marketing.service.js';
import { Campaign, MarketingPlan, PlanMilestone } from './plans.entity.js';
import {
  CampaignConnection,
  CampaignEvaluationConnection,
  CampaignFilter,
  MarketingPlanConnection,
  ResearchPeriodFilter,
} from './plans.types.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };
const FIRST = { type: () => Int, nullable: true, defaultValue: 20 };

@Resolver(() => MarketingPlan)
export class MarketingPlansResolver {
  constructor(private readonly marketing: MarketingService) {}

  @RequirePermission('research:read')
  @Query(() => MarketingPlan, { nullable: true, description: 'A marketing plan you may see, or null' })
  marketingPlan(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the marketing plan' }, UuidPipe) id: string,
  ) {
    return this.marketing.plan(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => MarketingPlanConnection, { description: 'Marketing plans, latest period first; head office: all' })
  marketingPlans(
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
    return this.marketing.plans(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => MarketingPlan, {
    description: 'An annual, quarterly or monthly plan on the four Ps, with milestones',
  })
  createMarketingPlan(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new marketing plan holds' }) input: CreateMarketingPlanInput,
  ) {
    return this.marketing.createPlan(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => PlanMilestone, { description: 'Add a dated milestone within the plan period' })
  addPlanMilestone(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The plan, title and due day' }) input: AddMilestoneInput,
  ) {
    return this.marketing.addMilestone(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => PlanMilestone, { description: 'Mark a milestone done (today, branch time zone) or not done' })
  setPlanMilestoneDone(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the plan milestone' }, UuidPipe) id: string,
    @Args('done', { type: () => Boolean, description: 'True: done today (branch time zone); false: reopen' })
    done: boolean,
  ) {
    return this.marketing.setMilestoneDone(ctx, id, done);
  }

  @ResolveField(() => [PlanMilestone], { description: 'The milestones, by due day' })
  milestones(p: MarketingPlan, _args: unknown, { ctx }: GqlContext) {
    return this.marketing.milestonesLoader(ctx).load(`${p.branchId}:${p.id}`);
  }
}

@Resolver(() => Campaign)
export class CampaignsResolver {
  constructor(private readonly marketing: MarketingService) {}

  @RequirePermission('research:read')
  @Query(() => Campaign, { nullable: true, description: 'A campaign you may see, or null' })
  campaign(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the campaign' }, UuidPipe) id: string,
  ) {
    return this.marketing.campaign(ctx, id);
  }

  @RequirePermission('research:read')
  @Query(() => CampaignConnection, { description: 'Campaigns, latest start first; head office sees every branch' })
  campaigns(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => CampaignFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: CampaignFilter,
  ) {
    return this.marketing.campaigns(ctx, { first, after, filter });
  }

  @RequirePermission('research:read')
  @Query(() => CampaignEvaluationConnection, {
    description:
      'Post-campaign evaluation: cost per lead and per customer, revenue attributed (orders of the linked ' +
      'customers from the start to 90 days after the end). Managers and head office (every branch, one list)',
  })
  campaignEvaluations(
    @Ctx() ctx: RequestContext,
    @Args('first', { ...FIRST, description: 'Page size: 1 to 100 rows (default 20)' }) first: number,
    @Args('after', {
      nullable: true,
      description: 'Continue after this cursor (the endCursor of the previous page); omit for the first page',
    })
    after?: string,
    @Args('filter', {
      type: () => CampaignFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: CampaignFilter,
  ) {
    return this.marketing.evaluations(ctx, { first, after, filter });
  }

  @RequirePermission('research:write')
  @Mutation(() => Campaign, { description: 'Record a campaign: type, budget, spend and period' })
  createCampaign(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new campaign holds' }) input: CreateCampaignInput,
  ) {
    return this.marketing.createCampaign(ctx, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => Campaign, { description: 'Change spend, period, the counts attributed or the lessons' })
  updateCampaign(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the campaign' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateCampaignInput,
  ) {
    requireChange(input);
    return this.marketing.updateCampaign(ctx, id, input);
  }

  @RequirePermission('research:write')
  @Mutation(() => Campaign, { description: 'Attribute a customer of the branch to a campaign' })
  linkCampaignCustomer(
    @Ctx() ctx: RequestContext,
    @Args('campaignId', { ...ID_ARG, description: 'Id of the campaign' }, UuidPipe) campaignId: string,
    @Args('customerId', { ...ID_ARG, description: "Id of a customer of the campaign's branch" }, UuidPipe)
    customerId: string,
  ) {
    return this.marketing.linkCustomer(ctx, campaignId, customerId);
  }
}
