import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ComplaintSettingsService } from './complaint-settings.service.js';
import { ComplaintsJobs } from './complaints.jobs.js';
import { ComplaintsResolver } from './complaints.resolver.js';
import { ComplaintsService } from './complaints.service.js';
import { COMPLAINT_REF_RESOLVERS } from './complaint-refs.resolver.js';

describeConstraint('complaints_customer_fk', 'The customer does not exist in this branch');
describeConstraint('complaints_owner_fk', 'The owner is not a person of this branch');

/** Customer complaints (客户投诉): intake, deadlines, investigation, resolution, follow-up. */
@Module({
  imports: [BranchesCoreModule, CustomersModule, ApprovalsCoreModule],
  providers: [ComplaintsService, ComplaintSettingsService, ComplaintsResolver, ...COMPLAINT_REF_RESOLVERS],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}

/** Worker side: escalation of unanswered complaints (the branch calendar comes from the approval engine). */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, NotificationsCoreModule],
  providers: [ComplaintSettingsService, ComplaintsJobs],
})
export class ComplaintsWorkerModule {}
