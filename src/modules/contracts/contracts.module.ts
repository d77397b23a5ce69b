import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { ContractSettingsResolver } from './contract-settings.resolver.js';
import { ContractSettingsService } from './contract-settings.service.js';
import { ContractSigningService } from './contract-signing.service.js';
import { ContractsResolver } from './contracts.resolver.js';
import { ContractsService } from './contracts.service.js';

describeConstraint('contracts_branch_number_key', 'This contract number is already taken in this branch');
describeConstraint('contract_versions_one_pending', 'An amendment of this contract is already waiting for approval');
describeConstraint('contracts_customer_fk', 'The customer does not exist in this branch');

/** Contracts; registers the CONTRACT and CONTRACT_AMENDMENT approval subjects at start. */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule],
  providers: [
    ContractsService,
    ContractSigningService,
    ContractSettingsService,
    ContractsResolver,
    ContractSettingsResolver,
  ],
  exports: [ContractsService],
})
export class ContractsModule {}
