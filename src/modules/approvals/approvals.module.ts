import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { APPROVAL_REF_RESOLVERS } from './approval-refs.resolver.js';
import { ApprovalSubjects } from './approval-subjects.js';
import { ApprovalCycleTimesService } from './approval-cycle-times.service.js';
import { ApprovalCycleTimeRefs, ApprovalFiguresResolver } from './approval-figures.resolver.js';
import { ApprovalDecisionsService } from './approval-decisions.service.js';
import { ApprovalDelegationsService } from './approval-delegations.service.js';
import { ApprovalDueWork } from './approval-due-work.js';
import { ApprovalFlow } from './approval-flow.js';
import { ApprovalNoticesJobs } from './approval-notices.jobs.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalLoaders } from './approval.loaders.js';
import { ApprovalsJobs } from './approvals.jobs.js';
import {
  ApprovalPolicyResolver,
  ApprovalStepResolver,
  ApprovalsResolver,
  BranchApprovalSummaryResolver,
} from './approvals.resolver.js';
import { ApprovalsService } from './approvals.service.js';

describeConstraint('approval_requests_open_subject', 'This subject is already waiting for approval');

/** The engine's core: the service and the subject registry, for subject modules to import. */
@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [
    ApprovalsService,
    ApprovalDecisionsService,
    ApprovalDelegationsService,
    ApprovalFlow,
    ApprovalLoaders,
    ApprovalSettingsService,
    ApprovalSubjects,
  ],
  exports: [
    ApprovalsService,
    ApprovalDecisionsService,
    ApprovalDelegationsService,
    ApprovalFlow,
    ApprovalLoaders,
    ApprovalSettingsService,
    ApprovalSubjects,
  ],
})
export class ApprovalsCoreModule {}

@Module({
  imports: [ApprovalsCoreModule, BranchesCoreModule],
  providers: [
    ApprovalsResolver,
    ApprovalStepResolver,
    ApprovalPolicyResolver,
    BranchApprovalSummaryResolver,
    ...APPROVAL_REF_RESOLVERS,
    ApprovalCycleTimesService,
    ApprovalFiguresResolver,
    ApprovalCycleTimeRefs,
  ],
})
export class ApprovalsModule {}

/** Worker side: reminders, escalation and step notifications. */
@Module({
  imports: [ApprovalsCoreModule, NotificationsCoreModule],
  providers: [ApprovalsJobs, ApprovalDueWork, ApprovalNoticesJobs],
})
export class ApprovalsWorkerModule {}
