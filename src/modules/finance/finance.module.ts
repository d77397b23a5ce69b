import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { ReceiptsResolver } from './receipts.resolver.js';
import { ReceiptsService } from './receipts.service.js';
import { ReceivablesResolver } from './receivables.resolver.js';
import { ReceivablesService } from './receivables.service.js';

describeConstraint('receipts_customer_fk', 'The customer does not exist in this branch');
describeConstraint('receipts_applied_range', 'A receipt cannot be applied beyond its amount');
describeConstraint('contract_instalments_paid_range', 'An instalment cannot be paid beyond its amount');

/** Finance (开票 / 回款 / 对账), first slice: receipts applied to contract instalments, receivables with ageing. */
@Module({
  imports: [BranchesCoreModule, CustomersModule, ContractsModule],
  providers: [ReceiptsService, ReceiptsResolver, ReceivablesService, ReceivablesResolver],
  exports: [ReceiptsService],
})
export class FinanceModule {}
