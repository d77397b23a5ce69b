import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { ChannelSettingsService } from './channel-settings.service.js';
import { ChannelSettings, Partner, PartnerEvaluation } from './channel.entity.js';
import {
  PartnerEvaluationConnection,
  PartnerScorecard,
  PartnerScorecardFilter,
  RecordPartnerEvaluationInput,
  UpdateChannelSettingsInput,
} from './evaluation.types.js';
import { EvaluationsService } from './evaluations.service.js';
import { PartnersService } from './partners.service.js';

interface GqlContext {
  ctx: RequestContext;
}

@Resolver(() => PartnerEvaluation)
export class EvaluationsResolver {
  constructor(
    private readonly evaluationService: EvaluationsService,
    private readonly settingsService: ChannelSettingsService,
    private readonly partnerService: PartnersService,
  ) {}

  @RequirePermission('channels:read')
  @Query(() => ChannelSettings, { description: 'How a branch scores its partners (head office names the branch)' })
  channelSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.settingsService.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ChannelSettings, {
    description: 'Change the scoring: weights adding up to 1, a sales target above 0, cut-offs A > B > C',
  })
  updateChannelSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateChannelSettingsInput,
  ) {
    requireChange(input, 'setting', { ignore: ['branchId'], nullMeansUnset: true });
    return this.settingsService.update(ctx, input);
  }

  @RequirePermission('channels:evaluate')
  @Mutation(() => PartnerEvaluation, {
    description: 'Evaluate a partner for a quarter (once): the score and tier come from the branch’s settings',
  })
  recordPartnerEvaluation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The partner, period and scores' }) input: RecordPartnerEvaluationInput,
  ) {
    return this.evaluationService.record(ctx, input);
  }

  @RequirePermission('channels:read')
  @Query(() => PartnerScorecard, {
    nullable: true,
    description: 'A partner’s scorecard: score and tier per period with the change, oldest first; null if not visible',
  })
  partnerScorecard(
    @Ctx() ctx: RequestContext,
    @Args('partnerId', { type: () => ID, description: 'Id of the partner' }, UuidPipe) partnerId: string,
  ) {
    return this.evaluationService.scorecard(ctx, partnerId);
  }

  @RequirePermission('channels:read')
  @Query(() => PartnerEvaluationConnection, {
    description: 'Evaluations across the partners you may see, best score first; head office sees every branch',
  })
  partnerScorecards(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => PartnerScorecardFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: PartnerScorecardFilter,
  ) {
    return this.evaluationService.list(ctx, { first, after, filter });
  }

  @ResolveField(() => Partner, { nullable: true, description: 'The partner evaluated' })
  partner(e: PartnerEvaluation, _args: unknown, { ctx }: GqlContext) {
    return this.partnerService.byKeyLoader(ctx).load(`${e.branchId}:${e.partnerId}`);
  }
}
