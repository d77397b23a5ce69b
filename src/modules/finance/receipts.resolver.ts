import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { ApplyReceiptInput, RecordReceiptInput } from './dto/receipt.input.js';
import { Receipt, ReceiptApplication } from './receipt.entity.js';
import { ReceiptConnection, ReceiptFilter } from './receipt.types.js';
import { ReceiptsService } from './receipts.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

/** Receipts (回款): finance records, applies and reverses them; overseers read them. */
@Resolver(() => Receipt)
export class ReceiptsResolver {
  constructor(
    private readonly receiptService: ReceiptsService,
    private readonly customersService: CustomersService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('receipts:read')
  @Query(() => Receipt, { nullable: true, description: 'A receipt you may see, or null' })
  receipt(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the receipt' }, UuidPipe) id: string,
  ) {
    return this.receiptService.findOne(ctx, id);
  }

  @RequirePermission('receipts:read')
  @Query(() => ReceiptConnection, {
    description: 'Receipts, newest received first; head office every branch in one list',
  })
  receipts(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ReceiptFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ReceiptFilter,
  ) {
    return this.receiptService.list(ctx, { first, after, filter });
  }

  @RequirePermission('receipts:write')
  @Mutation(() => Receipt, {
    description: 'Record money received from a customer, optionally applying it to their instalments at once',
  })
  recordReceipt(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Payer, kind, amount, day received, reference, and any applications' })
    input: RecordReceiptInput,
  ) {
    return this.receiptService.record(ctx, input);
  }

  @RequirePermission('receipts:write')
  @Mutation(() => Receipt, {
    description: 'Apply a RECORDED receipt’s unapplied balance to instalments of the payer’s contracts',
  })
  applyReceipt(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The receipt and the instalments with amounts' }) input: ApplyReceiptInput,
  ) {
    return this.receiptService.apply(ctx, input);
  }

  @RequirePermission('receipts:write')
  @Mutation(() => Receipt, {
    description:
      'RECORDED -> REVERSED: a receipt recorded in error; its applications come off the instalments (audited)',
  })
  reverseReceipt(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the receipt' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why it is reversed (1 to 1000 characters)' }) reason: string,
  ) {
    return this.receiptService.reverse(ctx, id, reason);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [ReceiptApplication], { description: 'Where it was applied, oldest first (reversed ones too)' })
  applications(r: Receipt, _args: unknown, { ctx }: GqlContext) {
    return this.receiptService.applicationsLoader(ctx).load(`${r.branchId}:${r.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The paying customer; null if you may not see them' })
  customer(r: Receipt, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${r.branchId}:${r.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who recorded it' })
  recordedBy(r: Receipt, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${r.branchId}:${r.recordedById}`);
  }
}
