import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ResearchDigestJobs } from './research-digest.jobs.js';
import { ResearchDigestsService } from './research-digests.service.js';
import { ResearchItemsService } from './research-items.service.js';
import { ResearchDigestsResolver, ResearchItemsResolver } from './research.resolver.js';

/** Market research (市场调研): industry tracking and the weekly digests. */
@Module({
  imports: [BranchesCoreModule],
  providers: [ResearchItemsService, ResearchDigestsService, ResearchItemsResolver, ResearchDigestsResolver],
  exports: [ResearchItemsService],
})
export class MarketResearchModule {}

/** Worker side: the weekly digest scan. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [ResearchDigestJobs],
})
export class MarketResearchWorkerModule {}
