import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { BUDGET_REF_RESOLVERS } from './budget-refs.resolver.js';
import { BudgetReceptionsResolver } from './budget-receptions.resolver.js';
import { BudgetReceptionsService } from './budget-receptions.service.js';
import { BudgetsResolver } from './budgets.resolver.js';
import { BudgetsService } from './budgets.service.js';
import { TripsResolver } from './trips.resolver.js';
import { TripsService } from './trips.service.js';

describeConstraint('budgets_within', 'A budget cannot be spent beyond its amount and approved overrun');
describeConstraint('budgets_once', 'The branch already has a budget of this category starting that day');
describeConstraint('budget_expenses_source', 'This trip or reception is already claimed');
describeConstraint('business_trips_traveller_fk', 'The traveller is not a person of the branch');
describeConstraint('customer_receptions_customer_fk', 'The customer does not exist in this branch');

/**
 * Finance, budgets (issue 12): the department's budgets and expenses, business trips, customer receptions. A module
 * of its own beside FinanceModule (same bounded context, own providers), so the two finance slices land apart.
 */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule],
  providers: [
    BudgetsService,
    BudgetsResolver,
    TripsService,
    TripsResolver,
    BudgetReceptionsService,
    BudgetReceptionsResolver,
    ...BUDGET_REF_RESOLVERS,
  ],
  exports: [BudgetsService],
})
export class BudgetsModule {}
