import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ResearchDigestJobs } from './research-digest.jobs.js';
import { ResearchDigestsService } from './research-digests.service.js';
import { ResearchItemsService } from './research-items.service.js';
import { ResearchDigestsResolver, ResearchItemsResolver } from './research.resolver.js';
import { CompetitorsResolver } from './competitors.resolver.js';
import { CompetitorsService } from './competitors.service.js';
import { SegmentsResolver } from './segments.resolver.js';
import { SegmentsService } from './segments.service.js';

describeConstraint('competitors_name_key', 'A competitor of this name is already profiled in this branch');
describeConstraint('market_segments_name_key', 'A segment of this name already exists in this branch');
describeConstraint('segment_personas_name_key', 'This segment already has a persona of that name');

/** Market research (市场调研): industry tracking, weekly digests, competitors, target segments and personas. */
@Module({
  imports: [BranchesCoreModule],
  providers: [
    ResearchItemsService,
    ResearchDigestsService,
    CompetitorsService,
    SegmentsService,
    ResearchItemsResolver,
    ResearchDigestsResolver,
    CompetitorsResolver,
    SegmentsResolver,
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
