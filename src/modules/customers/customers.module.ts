import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ContactCadenceService } from './contact-cadence.service.js';
import { ContactLogsService } from './contact-logs.service.js';
import { ContactRemindersService } from './contact-reminders.service.js';
import { CustomerContactsService } from './customer-contacts.service.js';
import { CustomerFiguresResolver, CustomerTierCountRefs } from './customer-figures.resolver.js';
import { CustomerFiguresService } from './customer-figures.service.js';
import { CustomersJobs } from './customers.jobs.js';
import { CustomersResolver } from './customers.resolver.js';
import { CustomersService } from './customers.service.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';
import { TieringJobs } from './tiering.jobs.js';
import { TieringResolver } from './tiering.resolver.js';
import { TieringService } from './tiering.service.js';
import { CUSTOMER_REF_RESOLVERS } from './customer-refs.resolver.js';

describeConstraint('customers_branch_name_key', 'A customer with this name already exists in this branch');
describeConstraint('customers_branch_lead_key', 'This lead was already converted into a customer');
describeConstraint('leads_owner_fk', 'The owner must be a person of the lead’s branch');
describeConstraint('customers_account_manager_fk', 'The account manager must be a person of the customer’s branch');

@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [
    ContactCadenceService,
    CustomerContactsService,
    ContactLogsService,
    CustomersService,
    CustomersResolver,
    LeadsService,
    LeadsResolver,
    TieringService,
    TieringResolver,
    ...CUSTOMER_REF_RESOLVERS,
    CustomerFiguresService,
    CustomerFiguresResolver,
    CustomerTierCountRefs,
  ],
  exports: [CustomersService, LeadsService, TieringService, CustomerFiguresService],
})
export class CustomersModule {}

/** Worker side: the job handlers, without resolvers. */
@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [ContactRemindersService, CustomersJobs, TieringJobs],
})
export class CustomersWorkerModule {}
