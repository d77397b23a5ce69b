import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { ApprovalRequest } from '../approvals/approval.entity.js';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { Contract } from './contract.entity.js';
import { ContractFromQuoteInput, CreateQuoteInput, UpdateQuoteInput } from './dto/quote.input.js';
import { QuoteLifecycleService } from './quote-lifecycle.service.js';
import { Quote, QuoteLine } from './quote.entity.js';
import { QuoteConnection, QuoteFilter } from './quote.types.js';
import { QuotesService } from './quotes.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Quote)
export class QuotesResolver {
  constructor(
    private readonly quoteService: QuotesService,
    private readonly lifecycle: QuoteLifecycleService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
  ) {}

  @RequirePermission('contracts:read')
  @Query(() => Quote, { nullable: true, description: 'A quote you may see, or null' })
  quote(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the quote' }, UuidPipe) id: string) {
    return this.quoteService.findOne(ctx, id);
  }

  @RequirePermission('contracts:read')
  @Query(() => QuoteConnection, { description: 'Quotes you may see, newest first; a sales rep sees the ones they own' })
  quotes(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => QuoteFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: QuoteFilter,
  ) {
    return this.quoteService.list(ctx, { first, after, filter });
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'A quote with its lines, in DRAFT' })
  createQuote(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new quote holds' }) input: CreateQuoteInput,
  ) {
    return this.quoteService.create(ctx, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'Change a DRAFT or APPROVED quote (an approved one goes back to DRAFT)' })
  updateQuote(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the quote' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateQuoteInput,
  ) {
    requireChange(input);
    return this.quoteService.update(ctx, id, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'DRAFT -> PENDING_APPROVAL, for a discount beyond the branch limit' })
  submitQuoteForApproval(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the DRAFT quote' }, UuidPipe) id: string,
  ) {
    return this.lifecycle.submitForApproval(ctx, id);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'DRAFT (within the limit) or APPROVED -> SENT' })
  sendQuote(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the quote' }, UuidPipe) id: string,
  ) {
    return this.lifecycle.send(ctx, id);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'SENT -> ACCEPTED, on or before validUntil' })
  acceptQuote(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the quote' }, UuidPipe) id: string,
  ) {
    return this.lifecycle.accept(ctx, id);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Quote, { description: 'SENT -> DECLINED, with the customer’s reason' })
  declineQuote(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the quote' }, UuidPipe) id: string,
    @Args('reason', { description: "The customer's reason (required)" }) reason: string,
  ) {
    return this.lifecycle.decline(ctx, id, reason);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'A DRAFT contract from an ACCEPTED quote; one per quote' })
  createContractFromQuote(
    @Ctx() ctx: RequestContext,
    @Args('quoteId', { ...ID_ARG, description: 'Id of the ACCEPTED quote' }, UuidPipe) quoteId: string,
    @Args('input', { description: 'What the new contract holds' }) input: ContractFromQuoteInput,
  ) {
    return this.lifecycle.createContract(ctx, quoteId, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [QuoteLine], { description: 'In position order' })
  lines(q: Quote, _args: unknown, { ctx }: GqlContext) {
    return this.quoteService.linesLoader(ctx).load(`${q.branchId}:${q.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer; null if you may not see them' })
  customer(q: Quote, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${q.branchId}:${q.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person responsible for the quote' })
  owner(q: Quote, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${q.branchId}:${q.ownerId}`);
  }

  @ResolveField(() => ApprovalRequest, { nullable: true, description: 'The latest approval request of the quote' })
  approvalRequest(q: Quote, _args: unknown, { ctx }: GqlContext) {
    return q.approvalRequestId ? this.quoteService.requestLoader(ctx).load(q.approvalRequestId) : null;
  }
}

/** The link from a contract back to the quote it was created from. */
@Resolver(() => Contract)
export class ContractQuoteResolver {
  constructor(private readonly quoteService: QuotesService) {}

  @ResolveField(() => Quote, { nullable: true, description: 'The accepted quote this contract was created from' })
  quote(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.quoteService.byContractLoader(ctx).load(`${c.branchId}:${c.id}`);
  }
}
