import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { APPROVAL_REF_RESOLVERS } from './approval-refs.resolver.js';
import { ApprovalSubjects } from './approval-subjects.js';
import { ApprovalsJobs } from './approvals.jobs.js';
import { ApprovalStepResolver, ApprovalsResolver, BranchApprovalSummaryResolver } from './approvals.resolver.js';
import { ApprovalSettingsService } from './approval-settings.service.js';
import { ApprovalsService } from './approvals.service.js';

describeConstraint('approval_requests_open_subject', 'This subject is already waiting for approval');

/** The engine's core: the service and the subject registry, for subject modules to import. */
@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [ApprovalsService, ApprovalSettingsService, ApprovalSubjects],
  exports: [ApprovalsService, ApprovalSettingsService, ApprovalSubjects],
})
export class ApprovalsCoreModule {}

@Module({
  imports: [ApprovalsCoreModule, BranchesCoreModule],
  providers: [ApprovalsResolver, ApprovalStepResolver, BranchApprovalSummaryResolver, ...APPROVAL_REF_RESOLVERS],
})
export class ApprovalsModule {}

/** Worker side: reminders, escalation and step notifications. */
@Module({
  imports: [ApprovalsCoreModule, NotificationsCoreModule],
  providers: [ApprovalsJobs],
})
export class ApprovalsWorkerModule {}
