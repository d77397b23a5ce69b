import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CatalogueModule } from '../fulfillment/catalogue.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { ContractAmendmentsService } from './contract-amendments.service.js';
import { ContractLinesService } from './contract-lines.service.js';
import { CONTRACT_LINE_RESOLVERS } from './contract-lines.resolver.js';
import { ContractReportsService } from './contract-reports.service.js';
import { ContractPurchasesService } from './contract-purchases.service.js';
import { ContractReviewsService } from './contract-reviews.service.js';
import { ContractOriginalsService } from './contract-originals.service.js';
import { ContractRisksResolver } from './contract-risks.resolver.js';
import { ContractRisksService } from './contract-risks.service.js';
import { ContractSchedulesResolver } from './contract-schedules.resolver.js';
import { ContractSchedulesService } from './contract-schedules.service.js';
import { ContractsJobs } from './contracts.jobs.js';
import { ContractSettingsResolver } from './contract-settings.resolver.js';
import { ContractSettingsService } from './contract-settings.service.js';
import { ContractSigningService } from './contract-signing.service.js';
import { ContractsResolver } from './contracts.resolver.js';
import { ContractsService } from './contracts.service.js';
import { InstalmentPaymentsService } from './instalment-payments.service.js';
import { BranchPipelineRefs, PipelineResolver } from './pipeline.resolver.js';
import { PipelineService } from './pipeline.service.js';
import { QuoteLifecycleService } from './quote-lifecycle.service.js';
import { QuotesJobs } from './quotes.jobs.js';
import { ContractQuoteResolver, QuotesResolver } from './quotes.resolver.js';
import { QuotesService } from './quotes.service.js';
import { CONTRACT_REF_RESOLVERS } from './contract-refs.resolver.js';

describeConstraint('contracts_branch_number_key', 'This contract number is already taken in this branch');
describeConstraint('contract_versions_one_pending', 'An amendment of this contract is already waiting for approval');
describeConstraint('contracts_customer_fk', 'The customer does not exist in this branch');
describeConstraint('quotes_contract_key', 'A contract was already created from this quote');

/** Contracts and quotes; registers the CONTRACT, CONTRACT_AMENDMENT, LEGAL_REVIEW, SPECIAL_TERMS and QUOTE approval subjects at start. */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule, DocumentsModule, CatalogueModule],
  providers: [
    ContractsService,
    ContractLinesService,
    ...CONTRACT_LINE_RESOLVERS,
    ContractOriginalsService,
    ContractSigningService,
    ContractAmendmentsService,
    ContractReviewsService,
    ContractRisksService,
    ContractRisksResolver,
    ContractSettingsService,
    ContractsResolver,
    ContractSettingsResolver,
    ContractSchedulesService,
    ContractReportsService,
    ContractPurchasesService,
    ContractSchedulesResolver,
    InstalmentPaymentsService,
    QuotesService,
    QuoteLifecycleService,
    QuotesResolver,
    ContractQuoteResolver,
    ...CONTRACT_REF_RESOLVERS,
    PipelineService,
    PipelineResolver,
    BranchPipelineRefs,
  ],
  // QuotesService: visits link the proposal a visit followed (the effective-visit rule).
  // InstalmentPaymentsService: finance pays receipts onto instalments and reads the schedule's balances.
  // ContractPurchasesService: finance's purchase statistics (contracts by the day they were signed).
  // ContractLinesService: orders draw the contract's lines down (and give back).
  exports: [ContractsService, QuotesService, InstalmentPaymentsService, ContractPurchasesService, ContractLinesService],
})
export class ContractsModule {}

/** Worker side: the contract reminders (due instalments and milestones, end of term, the monthly original check) and quote expiry. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [ContractsJobs, QuotesJobs],
})
export class ContractsWorkerModule {}
