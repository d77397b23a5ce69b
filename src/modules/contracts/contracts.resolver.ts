import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { ApprovalRequest } from '../approvals/approval.entity.js';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { ContractAmendmentsService } from './contract-amendments.service.js';
import { ContractReviewsService, carriesSpecialTerms } from './contract-reviews.service.js';
import { ContractSigningService } from './contract-signing.service.js';
import { Contract, ContractEvent, ContractVersion, NegotiationRound } from './contract.entity.js';
import { ContractConnection, ContractFieldChange, ContractFilter, ContractOrder } from './contract.types.js';
import { ContractsService } from './contracts.service.js';
import {
  AmendContractInput,
  CreateContractInput,
  NegotiationRoundInput,
  RenewContractInput,
  SignContractInput,
  UpdateContractInput,
} from './dto/contract.input.js';

interface GqlContext {
  ctx: RequestContext;
}

const key = (c: Contract) => `${c.branchId}:${c.id}`;

@Resolver(() => Contract)
export class ContractsResolver {
  constructor(
    private readonly contractService: ContractsService,
    private readonly signing: ContractSigningService,
    private readonly amendments: ContractAmendmentsService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
    private readonly reviews: ContractReviewsService,
  ) {}

  @RequirePermission('contracts:read')
  @Query(() => Contract, { nullable: true, description: 'A contract you may see, or null' })
  contract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
  ) {
    return this.contractService.findOne(ctx, id);
  }

  @RequirePermission('contracts:read')
  @Query(() => ContractConnection, { description: 'Contracts you may see; a sales rep sees the ones they own' })
  contracts(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ContractFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ContractFilter,
    @Args('orderBy', {
      type: () => ContractOrder,
      nullable: true,
      description: 'Sort order; the default is given by the list',
    })
    orderBy?: ContractOrder,
  ) {
    return this.contractService.list(ctx, { first, after, filter, orderBy });
  }

  @RequirePermission('contracts:read')
  @Query(() => [ContractFieldChange], { description: 'Field-level differences between two versions of a contract' })
  contractVersionDiff(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract field change' }, UuidPipe) id: string,
    @Args('from', { type: () => Int, description: 'Version number to compare from' }) from: number,
    @Args('to', { type: () => Int, description: 'Version number to compare to' }) to: number,
  ) {
    return this.amendments.versionDiff(ctx, id, from, to);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'Apply for a contract: it starts in DRAFT' })
  createContract(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new contract holds' }) input: CreateContractInput,
  ) {
    return this.contractService.create(ctx, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'Change the terms in DRAFT or NEGOTIATION' })
  updateContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateContractInput,
  ) {
    requireChange(input);
    return this.contractService.update(ctx, id, input);
  }

  @RequirePermission('contracts:assign')
  @Mutation(() => Contract, {
    description: 'Hand an open contract to another person of its branch (managers); the new owner is notified',
  })
  reassignContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args(
      'ownerId',
      { type: () => ID, description: "Id of the new owner, a person of the contract's branch" },
      UuidPipe,
    )
    ownerId: string,
  ) {
    return this.contractService.reassign(ctx, id, ownerId);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, {
    description:
      'DRAFT -> LEGAL_REVIEW: opens a LEGAL_REVIEW approval request for the branch legal reviewer. Their approval (approveStep) moves the contract to NEGOTIATION; returned, rejected or withdrawn it goes back to DRAFT',
  })
  moveContractToLegalReview(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The contract' }, UuidPipe) id: string,
  ) {
    return this.reviews.submitForLegalReview(ctx, id);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, {
    description:
      'Ask for the prior approval of the special terms, non-standard price and special fees (a SPECIAL_TERMS request, before signing); changing them later voids it',
  })
  submitSpecialTermsForApproval(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The contract' }, UuidPipe) id: string,
  ) {
    return this.reviews.submitSpecialTerms(ctx, id);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => NegotiationRound, { description: 'Record a negotiation round (in NEGOTIATION)' })
  recordNegotiationRound(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The round: day, counterpart, points and outcome' }) input: NegotiationRoundInput,
  ) {
    return this.contractService.recordRound(ctx, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'NEGOTIATION -> APPROVAL: opens an approval request (by amount)' })
  submitContractForApproval(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract in NEGOTIATION' }, UuidPipe) id: string,
  ) {
    return this.signing.submitForApproval(ctx, id);
  }

  @RequirePermission('contracts:sign')
  @Mutation(() => Contract, { description: 'APPROVED -> SIGNED: numbers the contract' })
  signContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args('input', { description: 'Signatories of both sides, signing day and the original' }) input: SignContractInput,
  ) {
    return this.signing.sign(ctx, id, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'SIGNED -> ACTIVE: performance starts' })
  activateContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
  ) {
    return this.contractService.step(ctx, id, 'ACTIVATE');
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'ACTIVE -> COMPLETED' })
  completeContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
  ) {
    return this.contractService.step(ctx, id, 'COMPLETE');
  }

  @RequirePermission('contracts:sign')
  @Mutation(() => Contract, { description: 'SIGNED or ACTIVE -> TERMINATED, with the reason' })
  terminateContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why the contract ends early (required)' }) reason: string,
  ) {
    return this.contractService.terminate(ctx, id, reason);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'Propose new terms for a signed contract: a new version, approved again' })
  amendContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args('input', { description: 'The new terms and the reason' }) input: AmendContractInput,
  ) {
    return this.amendments.amend(ctx, id, input);
  }

  @RequirePermission('contracts:write')
  @Mutation(() => Contract, { description: 'Create the successor of a contract in DRAFT, copying its terms' })
  renewContract(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the contract' }, UuidPipe) id: string,
    @Args('input', {
      type: () => RenewContractInput,
      nullable: true,
      description: 'Changes for the successor; omit to keep the same terms',
    })
    input?: RenewContractInput,
  ) {
    return this.signing.renew(ctx, id, input ?? {});
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => Boolean, {
    description:
      'True when the contract carries special terms, a non-standard price or special fees: signing then needs an APPROVED SPECIAL_TERMS request on the current content',
  })
  carriesSpecialTerms(c: Contract) {
    return carriesSpecialTerms(c);
  }

  @ResolveField(() => Customer, {
    nullable: true,
    description: "The customer; null if you may not see them (a sales rep and a colleague's customer)",
  })
  customer(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${c.branchId}:${c.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person responsible for the contract' })
  owner(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${c.branchId}:${c.ownerId}`);
  }

  @ResolveField(() => [ContractVersion], { description: 'Signed and amended versions, oldest first' })
  versions(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.contractService.versionsLoader(ctx).load(key(c));
  }

  @ResolveField(() => [NegotiationRound], { description: 'Negotiation rounds, in order' })
  negotiationRounds(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.contractService.roundsLoader(ctx).load(key(c));
  }

  @ResolveField(() => [ContractEvent], { description: 'Every move and change, oldest first' })
  timeline(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return this.contractService.timelineLoader(ctx).load(key(c));
  }

  @ResolveField(() => ApprovalRequest, { nullable: true, description: 'The latest approval request of the contract' })
  approvalRequest(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return c.approvalRequestId ? this.signing.requestLoader(ctx).load(c.approvalRequestId) : null;
  }

  @ResolveField(() => ApprovalRequest, {
    nullable: true,
    description: 'The latest legal review request (steps, comments and who decided are on it)',
  })
  legalReview(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return c.legalReviewRequestId ? this.signing.requestLoader(ctx).load(c.legalReviewRequestId) : null;
  }

  @ResolveField(() => ApprovalRequest, {
    nullable: true,
    description: 'The latest SPECIAL_TERMS approval request of the current special terms, price and fees',
  })
  specialTermsApproval(c: Contract, _args: unknown, { ctx }: GqlContext) {
    return c.specialTermsRequestId ? this.signing.requestLoader(ctx).load(c.specialTermsRequestId) : null;
  }
}
