import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ResearchDigestJobs } from './research-digest.jobs.js';
import { ResearchDigestsService } from './research-digests.service.js';
import { ResearchItemsService } from './research-items.service.js';
import { ResearchDigestsResolver, ResearchItemsResolver } from './research.resolver.js';
import { CompetitorsResolver } from './competitors.resolver.js';
import { CompetitorsService } from './competitors.service.js';
import { SegmentsResolver } from './segments.resolver.js';
import { SegmentsService } from './segments.service.js';
import { DemandSurveysResolver, ResearchEventsResolver } from './activities.resolver.js';
import { CampaignsResolver, MarketingPlansResolver } from './marketing.resolver.js';
import { MarketingService } from './marketing.service.js';
import { ResearchActivitiesService } from './research-activities.service.js';
import { RESEARCH_REF_RESOLVERS } from './research-refs.resolver.js';

describeConstraint('competitors_name_key', 'A competitor of this name is already profiled in this branch');
describeConstraint('market_segments_name_key', 'A segment of this name already exists in this branch');
describeConstraint('segment_personas_name_key', 'This segment already has a persona of that name');
describeConstraint('marketing_plans_period_key', 'This branch already has a plan of that kind for that period');
describeConstraint('campaign_customers_key', 'This customer is already attributed to the campaign');

/** Market research (市场调研): industry tracking, weekly digests, competitors, target segments and personas. */
@Module({
  imports: [BranchesCoreModule, CustomersModule],
  providers: [
    ResearchItemsService,
    ResearchDigestsService,
    CompetitorsService,
    SegmentsService,
    ResearchItemsResolver,
    ResearchDigestsResolver,
    CompetitorsResolver,
    SegmentsResolver,
    ResearchActivitiesService,
    MarketingService,
    ResearchEventsResolver,
    DemandSurveysResolver,
    MarketingPlansResolver,
    CampaignsResolver,
    ...RESEARCH_REF_RESOLVERS,
  ],
  exports: [ResearchItemsService],
})
export class MarketResearchModule {}

/** Worker side: the weekly digest scan. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [ResearchDigestJobs],
})
export class MarketResearchWorkerModule {}
