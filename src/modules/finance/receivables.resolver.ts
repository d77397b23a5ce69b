import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, GraphQLDate, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { ReceivableGrouping } from './receipt.enums.js';
import { InvoicedReceivableConnection } from './invoice.types.js';
import { BranchReceivable, Receivable, ReceivableConnection, ReceivableFilter } from './receipt.types.js';
import { ReceivablesService } from './receivables.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const AS_OF = {
  type: () => GraphQLDate,
  nullable: true,
  description: 'The business day to age at (days past due counted to it); omit for each branch’s today',
};

/** Receivables with ageing per customer, contract and branch. */
@Resolver(() => Receivable)
export class ReceivablesResolver {
  constructor(
    private readonly receivableService: ReceivablesService,
    private readonly customersService: CustomersService,
  ) {}

  @RequirePermission('receivables:read')
  @Query(() => ReceivableConnection, {
    description:
      'What customers owe on their contracts’ payment schedules, aged 0-30, 31-60, 61-90 and over 90 days past ' +
      'due, by branch and customer (or contract); head office every branch in one statement',
  })
  receivables(
    @Ctx() ctx: RequestContext,
    @Args('by', {
      type: () => ReceivableGrouping,
      defaultValue: ReceivableGrouping.CUSTOMER,
      description: 'One row per customer (default) or per contract',
    })
    by: ReceivableGrouping,
    @Args('asOf', AS_OF) asOf: string | undefined,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ReceivableFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ReceivableFilter,
  ) {
    return this.receivableService.list(ctx, { by, asOf: asOf ?? undefined, filter, first, after });
  }

  @RequirePermission('receivables:read')
  @Query(() => InvoicedReceivableConnection, {
    description:
      'What customers owe on their invoices: invoiced - credited - received = receivable, by branch and customer ' +
      '(or contract); head office every branch in one statement',
  })
  invoicedReceivables(
    @Ctx() ctx: RequestContext,
    @Args('by', {
      type: () => ReceivableGrouping,
      defaultValue: ReceivableGrouping.CUSTOMER,
      description: 'One row per customer (default) or per contract',
    })
    by: ReceivableGrouping,
    @Args('asOf', {
      type: () => GraphQLDate,
      nullable: true,
      description: 'What stood at the close of this business day (issued and received up to it); omit for now',
    })
    asOf: string | undefined,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ReceivableFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ReceivableFilter,
  ) {
    return this.receivableService.invoiced(ctx, { by, asOf: asOf ?? undefined, filter, first, after });
  }

  @RequirePermission('receivables:read')
  @Query(() => [BranchReceivable], {
    description: 'Each branch’s receivables, aged, one row per branch (head office: all its branches in one statement)',
  })
  branchReceivables(
    @Ctx() ctx: RequestContext,
    @Args('asOf', AS_OF) asOf: string | undefined,
    @BranchIdArg('Head office: only this branch')
    branchId?: string,
  ) {
    return this.receivableService.byBranch(ctx, { asOf: asOf ?? undefined, branchId });
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer; null if you may not see them' })
  customer(r: Receivable, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${r.branchId}:${r.customerId}`);
  }
}
