import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { AppraisalJobs } from './appraisal.jobs.js';
import { AppraisalResolver } from './appraisal.resolver.js';
import { AppraisalService } from './appraisal.service.js';
import { MeetingJobs } from './meeting.jobs.js';
import { MeetingResolver } from './meeting.resolver.js';
import { MeetingService } from './meeting.service.js';
import { PlanResolver } from './plan.resolver.js';
import { PlanService } from './plan.service.js';
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
    AppraisalService,
    AppraisalResolver,
    MeetingService,
    MeetingResolver,
    PlanService,
    PlanResolver,
  ],
  exports: [PerformanceService],
})
export class PerformanceModule {}

/** Worker side: the third worker, domain events into the rollups exactly once, and the scheduled recompute. */
@Module({
  imports: [ApprovalsCoreModule, NotificationsCoreModule],
  providers: [PerformanceJobs, AppraisalJobs, MeetingJobs],
})
export class PerformanceWorkerModule {}
