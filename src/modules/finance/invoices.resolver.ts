import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import {
  CreditInvoiceInput,
  IssueInvoiceInput,
  RequestDeliveryInvoiceInput,
  RequestInvoiceInput,
} from './dto/invoice.input.js';
import { DeliveryInvoicingService } from './delivery-invoicing.service.js';
import { InvoiceIssuingService } from './invoice-issuing.service.js';
import { Invoice, InvoiceLine } from './invoice.entity.js';
import { ContractInvoicing, InvoiceConnection, InvoiceFilter, ShipmentInvoicing } from './invoice.types.js';
import { InvoicesService } from './invoices.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID, description: 'Id of the invoice' };

/** Invoices (开票): the commercial side requests them, finance reviews, issues, delivers and credits them. */
@Resolver(() => Invoice)
export class InvoicesResolver {
  constructor(
    private readonly invoiceService: InvoicesService,
    private readonly issuing: InvoiceIssuingService,
    private readonly customersService: CustomersService,
    private readonly deliveries: DeliveryInvoicingService,
  ) {}

  @RequirePermission('invoices:read')
  @Query(() => Invoice, { nullable: true, description: 'An invoice or credit note you may see, or null' })
  invoice(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.invoiceService.findOne(ctx, id);
  }

  @RequirePermission('invoices:read')
  @Query(() => InvoiceConnection, {
    description:
      'Invoices and credit notes, newest first; head office every branch in one list (a rep: their requests)',
  })
  invoices(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => InvoiceFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: InvoiceFilter,
  ) {
    return this.invoiceService.list(ctx, { first, after, filter });
  }

  @RequirePermission('invoices:read')
  @Query(() => ContractInvoicing, {
    nullable: true,
    description: 'How much of a contract is invoiced and what may still be requested; null if you may not see it',
  })
  contractInvoicing(
    @Ctx() ctx: RequestContext,
    @Args('contractId', { type: () => ID, description: 'Id of the contract' }, UuidPipe) contractId: string,
  ) {
    return this.invoiceService.contractInvoicing(ctx, contractId);
  }

  @RequirePermission('invoices:request')
  @Mutation(() => Invoice, {
    description: 'Request an invoice on a contract (开票申请), up to what is still invoiceable; finance reviews it',
  })
  requestInvoice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contract, the lines and the type asked for' }) input: RequestInvoiceInput,
  ) {
    return this.invoiceService.request(ctx, input);
  }

  @RequirePermission('invoices:read')
  @Query(() => ShipmentInvoicing, {
    nullable: true,
    description: 'Per shipment line: delivered, returned, invoiced and still invoiceable; null if you may not see it',
  })
  shipmentInvoicing(
    @Ctx() ctx: RequestContext,
    @Args('shipmentId', { type: () => ID, description: 'Id of the shipment' }, UuidPipe) shipmentId: string,
  ) {
    return this.deliveries.shipmentInvoicing(ctx, shipmentId);
  }

  @RequirePermission('invoices:request')
  @Mutation(() => Invoice, {
    description:
      'Request an invoice from an ACCEPTED shipment: its lines at the order prices, never a quantity invoiced twice',
  })
  requestDeliveryInvoice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The shipment, optionally its lines and quantities, and the type asked for' })
    input: RequestDeliveryInvoiceInput,
  ) {
    return this.deliveries.request(ctx, input);
  }

  @RequirePermission('invoices:issue')
  @Mutation(() => Invoice, {
    description: 'APPROVED -> ISSUED: number (gap-free per branch and year), today, type and tax per line',
  })
  issueInvoice(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, UuidPipe) id: string,
    @Args('input', { description: 'Type and tax rates' }) input: IssueInvoiceInput,
  ) {
    return this.issuing.issue(ctx, id, input);
  }

  @RequirePermission('invoices:issue')
  @Mutation(() => Invoice, { description: 'ISSUED -> DELIVERED: handed or sent to the customer' })
  deliverInvoice(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.issuing.move(ctx, id, 'DELIVER');
  }

  @RequirePermission('invoices:issue')
  @Mutation(() => Invoice, { description: 'DELIVERED -> CONFIRMED: the customer confirmed receiving it' })
  confirmInvoice(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, UuidPipe) id: string) {
    return this.issuing.move(ctx, id, 'CONFIRM');
  }

  @RequirePermission('invoices:issue')
  @Mutation(() => Invoice, {
    description: 'Issue a red-letter invoice (credit note) against an issued invoice: at most what remains per line',
  })
  creditInvoice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The invoice, the reason and the amounts per line' }) input: CreditInvoiceInput,
  ) {
    return this.issuing.credit(ctx, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [InvoiceLine], { description: 'Its lines, in order' })
  lines(i: Invoice, _args: unknown, { ctx }: GqlContext) {
    return this.invoiceService.linesLoader(ctx).load(`${i.branchId}:${i.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer; null if you may not see them' })
  customer(i: Invoice, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${i.branchId}:${i.customerId}`);
  }
}
