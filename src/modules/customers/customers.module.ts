import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { CustomersJobs } from './customers.jobs.js';
import { CustomersResolver } from './customers.resolver.js';
import { CustomersService } from './customers.service.js';

describeConstraint('customers_branch_name_key', 'A customer with this name already exists in this branch');

@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [CustomersService, CustomersResolver],
  exports: [CustomersService],
})
export class CustomersModule {}

/** Worker side: the job handlers, without resolvers. */
@Module({
  imports: [BranchesCoreModule, NotificationsCoreModule],
  providers: [CustomersService, CustomersJobs],
})
export class CustomersWorkerModule {}
