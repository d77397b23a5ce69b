import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { AddTenderDocumentInput, CreateTenderInput, TenderResultInput, UpdateTenderInput } from './dto/tender.input.js';
import { Tender, TenderDocument } from './tender.entity.js';
import { TenderConnection, TenderFilter } from './tender.types.js';
import { TendersService } from './tenders.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Tender)
export class TendersResolver {
  constructor(
    private readonly tenderService: TendersService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
  ) {}

  @RequirePermission('tenders:read')
  @Query(() => Tender, { nullable: true, description: 'A tender you may see, or null' })
  tender(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the tender' }, UuidPipe) id: string) {
    return this.tenderService.findOne(ctx, id);
  }

  @RequirePermission('tenders:read')
  @Query(() => TenderConnection, {
    description:
      'Tenders you may see, by submission deadline (soonest first); a sales rep sees the ones they own. ' +
      'Head office sees every branch in one list',
  })
  tenders(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => TenderFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: TenderFilter,
  ) {
    return this.tenderService.list(ctx, { first, after, filter });
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'Record a tender to bid for: it starts PREPARING' })
  createTender(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new tender holds' }) input: CreateTenderInput,
  ) {
    return this.tenderService.create(ctx, input);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'Change a PREPARING tender; a new deadline moves the reminders' })
  updateTender(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the tender' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateTenderInput,
  ) {
    requireChange(input);
    return this.tenderService.update(ctx, id, input);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => TenderDocument, { description: 'Add a qualification document to a PREPARING tender' })
  addTenderDocument(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The document' }) input: AddTenderDocumentInput,
  ) {
    return this.tenderService.addDocument(ctx, input);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => TenderDocument, { description: 'Mark a qualification document ready (or not yet)' })
  setTenderDocumentReady(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the tender document' }, UuidPipe) id: string,
    @Args('ready', { type: () => Boolean, description: 'True when ready, false to reopen' }) ready: boolean,
  ) {
    return this.tenderService.setDocumentReady(ctx, id, ready);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'PREPARING -> SUBMITTED: needs a bid amount and every required document' })
  submitTender(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the tender' }, UuidPipe) id: string,
  ) {
    return this.tenderService.submit(ctx, id);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'SUBMITTED -> WON or LOST, with notes, the winner or the contract' })
  recordTenderResult(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the SUBMITTED tender' }, UuidPipe) id: string,
    @Args('input', { description: 'WON or LOST, with notes' }) input: TenderResultInput,
  ) {
    return this.tenderService.recordResult(ctx, id, input);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'Link the contract a WON tender led to' })
  linkTenderContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the WON tender' }, UuidPipe) id: string,
    @Args('contractId', { ...ID_ARG, description: 'Id of the contract the won tender led to' }, UuidPipe)
    contractId: string,
  ) {
    return this.tenderService.linkContract(ctx, id, contractId);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'PREPARING or SUBMITTED -> WITHDRAWN: we do not (or no longer) bid' })
  withdrawTender(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the tender' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why we withdraw (required)' }) reason: string,
  ) {
    return this.tenderService.withdraw(ctx, id, reason);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'PREPARING or SUBMITTED -> CANCELLED: the issuer called the tender off' })
  cancelTender(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the tender' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why the issuer cancelled (required)' }) reason: string,
  ) {
    return this.tenderService.cancel(ctx, id, reason);
  }

  @RequirePermission('tenders:write')
  @Mutation(() => Tender, { description: 'The bid deposit came back (once the tender is decided)' })
  markTenderDepositReturned(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the decided tender' }, UuidPipe) id: string,
  ) {
    return this.tenderService.markDepositReturned(ctx, id);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [TenderDocument], { description: 'The qualification documents, in the order added' })
  documents(t: Tender, _args: unknown, { ctx }: GqlContext) {
    return this.tenderService.documentsLoader(ctx).load(`${t.branchId}:${t.id}`);
  }

  @ResolveField(() => Customer, {
    nullable: true,
    description: 'The customer issuing it; null if none or not visible to you',
  })
  customer(t: Tender, _args: unknown, { ctx }: GqlContext) {
    return t.customerId ? this.customersService.byKeyLoader(ctx).load(`${t.branchId}:${t.customerId}`) : null;
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person preparing the bid' })
  owner(t: Tender, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${t.branchId}:${t.ownerId}`);
  }
}
