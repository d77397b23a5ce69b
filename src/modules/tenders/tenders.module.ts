import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { TenderFilesResolver } from './tender-files.resolver.js';
import { TenderFilesService } from './tender-files.service.js';
import { TendersJobs } from './tenders.jobs.js';
import { TendersResolver } from './tenders.resolver.js';
import { TendersService } from './tenders.service.js';
import { TENDER_REF_RESOLVERS } from './tender-refs.resolver.js';

describeConstraint('tender_documents_name_key', 'This tender already lists a document of that name');
describeConstraint('tenders_customer_fk', 'The customer does not exist in this branch');
describeConstraint('tenders_contract_fk', 'The contract does not exist in this branch');

/** Tenders (招投标) with their qualification documents. */
@Module({
  imports: [BranchesCoreModule, CustomersModule, ContractsModule, DocumentsModule],
  providers: [TendersService, TendersResolver, TenderFilesService, TenderFilesResolver, ...TENDER_REF_RESOLVERS],
  exports: [TendersService],
})
export class TendersModule {}

/** Worker side: the submission deadline reminders. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [TendersJobs],
})
export class TendersWorkerModule {}
