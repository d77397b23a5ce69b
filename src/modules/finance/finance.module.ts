import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { FulfillmentModule } from '../fulfillment/fulfillment.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { DeliveryInvoicingService } from './delivery-invoicing.service.js';
import { InvoiceIssuingService } from './invoice-issuing.service.js';
import { InvoicesResolver } from './invoices.resolver.js';
import { InvoicesService } from './invoices.service.js';
import { ReceiptsResolver } from './receipts.resolver.js';
import { ReceiptsService } from './receipts.service.js';
import { ReceivablesResolver } from './receivables.resolver.js';
import { ReceivablesService } from './receivables.service.js';

describeConstraint('receipts_customer_fk', 'The customer does not exist in this branch');
describeConstraint('receipts_applied_range', 'A receipt cannot be applied beyond its amount');
describeConstraint('invoices_customer_fk', 'The customer does not exist in this branch');
describeConstraint('invoices_credited_range', 'An invoice cannot be credited beyond its amount');
describeConstraint('invoice_lines_credited_range', 'An invoice line cannot be credited beyond its amount');
describeConstraint('invoice_lines_credited_quantity_range', 'An invoice line cannot give back more than it billed');
describeConstraint('contract_instalments_paid_range', 'An instalment cannot be paid beyond its amount');

/**
 * Finance (开票 / 回款 / 对账): receipts applied to contract instalments, receivables with ageing; invoice requests
 * reviewed through the approval engine, issued invoices and credit notes, invoice-based receivables.
 */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule, ContractsModule, OrdersModule, FulfillmentModule],
  providers: [
    ReceiptsService,
    ReceiptsResolver,
    ReceivablesService,
    ReceivablesResolver,
    InvoicesService,
    InvoiceIssuingService,
    DeliveryInvoicingService,
    InvoicesResolver,
  ],
  exports: [ReceiptsService],
})
export class FinanceModule {}
