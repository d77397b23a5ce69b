import { Module } from '@nestjs/common';
import { PerformanceJobs } from './performance.jobs.js';
import { PerformanceResolver } from './performance.resolver.js';
import { PerformanceService } from './performance.service.js';

/** Performance (绩效): KPI rollups kept from the modules' domain events; rankings and trends for head office. */
@Module({
  providers: [PerformanceService, PerformanceResolver],
  exports: [PerformanceService],
})
export class PerformanceModule {}

/** Worker side: the third worker, domain events into the rollups exactly once, and the scheduled recompute. */
@Module({ providers: [PerformanceJobs] })
export class PerformanceWorkerModule {}
