import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { CatalogueModule } from '../fulfillment/catalogue.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { OrderFromQuoteService } from './order-from-quote.service.js';
import { OrderShippingResolver } from './order-shipping.resolver.js';
import { OrderShippingService } from './order-shipping.service.js';
import { OrdersJobs } from './orders.jobs.js';
import { OrderLineResolver, OrdersResolver } from './orders.resolver.js';
import { OrdersService } from './orders.service.js';
import { ORDER_REF_RESOLVERS } from './order-refs.resolver.js';

describeConstraint('orders_customer_fk', 'The customer does not exist in this branch');
describeConstraint('orders_contract_fk', 'The contract does not exist in this branch');

/** Orders taken by phone, fax, e-mail or in person; registers the ORDER_WITHOUT_CONTRACT approval subject. */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule, ContractsModule, CatalogueModule],
  providers: [
    OrdersService,
    OrderFromQuoteService,
    OrderShippingService,
    OrdersResolver,
    OrderLineResolver,
    OrderShippingResolver,
    ...ORDER_REF_RESOLVERS,
  ],
  exports: [OrdersService, OrderShippingService],
})
export class OrdersModule {}

/** Worker side: the one-working-day rule's breach scan. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [OrdersJobs],
})
export class OrdersWorkerModule {}
