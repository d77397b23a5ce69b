import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { QuotasResolver } from './quotas.resolver.js';
import { QuotasService } from './quotas.service.js';
import { SatisfactionResolver } from './satisfaction.resolver.js';
import { SatisfactionService } from './satisfaction.service.js';
import { VisitTasksResolver } from './visit-tasks.resolver.js';
import { VisitTasksService } from './visit-tasks.service.js';
import { VisitsJobs } from './visits.jobs.js';
import { VisitAttendeeResolver, VisitsResolver } from './visits.resolver.js';
import { VisitFilesService } from './visit-files.service.js';
import { VisitsService } from './visits.service.js';
import { VISIT_REF_RESOLVERS } from './visit-refs.resolver.js';

describeConstraint('visits_customer_fk', 'The customer does not exist in this branch');
describeConstraint('visits_quote_fk', 'The quote does not exist in this branch');
describeConstraint(
  'satisfaction_surveys_customer_period_key',
  'This customer already has a satisfaction score for that quarter; correct it with updateSatisfaction',
);

/** Customer visits with their reports, reviews and follow-up tasks; satisfaction scores; activity quotas. */
@Module({
  imports: [BranchesCoreModule, CustomersModule, ContractsModule, DocumentsModule],
  providers: [
    VisitsService,
    VisitFilesService,
    VisitTasksService,
    VisitsResolver,
    VisitAttendeeResolver,
    VisitTasksResolver,
    SatisfactionService,
    SatisfactionResolver,
    QuotasService,
    QuotasResolver,
    ...VISIT_REF_RESOLVERS,
  ],
  exports: [VisitsService],
})
export class VisitsModule {}

/** Worker side: follow-up task reminders and urgent visit reports. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [VisitsJobs],
})
export class VisitsWorkerModule {}
