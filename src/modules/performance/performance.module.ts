import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { AttendanceResolver } from './attendance.resolver.js';
import { AttendanceService } from './attendance.service.js';
import { LeaveResolver } from './leave.resolver.js';
import { LeaveService } from './leave.service.js';
import { KpiTargetsResolver } from './kpi-targets.resolver.js';
import { KpiTargetsService } from './kpi-targets.service.js';
import { PERFORMANCE_REF_RESOLVERS } from './performance-refs.resolver.js';
import { PerformanceJobs } from './performance.jobs.js';
import { PerformanceResolver } from './performance.resolver.js';
import { PerformanceService } from './performance.service.js';

/** Performance (绩效): KPI rollups kept from the modules' domain events; rankings and trends for head office. */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule],
  providers: [
    AttendanceService,
    AttendanceResolver,
    LeaveService,
    LeaveResolver,
    PerformanceService,
    PerformanceResolver,
    KpiTargetsService,
    KpiTargetsResolver,
    ...PERFORMANCE_REF_RESOLVERS,
  ],
  exports: [PerformanceService],
})
export class PerformanceModule {}

/** Worker side: the third worker, domain events into the rollups exactly once, and the scheduled recompute. */
@Module({ providers: [PerformanceJobs] })
export class PerformanceWorkerModule {}
