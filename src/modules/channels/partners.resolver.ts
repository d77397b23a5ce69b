import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import {
  AddPartnerContactInput,
  CreatePartnerAgreementInput,
  CreatePartnerInput,
  UpdatePartnerAgreementInput,
  UpdatePartnerInput,
} from './dto/partner.input.js';
import { Partner, PartnerAgreement, PartnerContact } from './channel.entity.js';
import { PartnerKind, PartnerStatus } from './channel.enums.js';
import { PartnerAgreementsService } from './partner-agreements.service.js';
import { PartnerConnection, PartnerFilter, PartnerTierCount } from './partner.types.js';
import { PartnersService } from './partners.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Partner)
export class PartnersResolver {
  constructor(
    private readonly partnerService: PartnersService,
    private readonly agreementService: PartnerAgreementsService,
    private readonly branches: BranchesService,
  ) {}

  @RequirePermission('channels:read')
  @Query(() => Partner, { nullable: true, description: 'A partner you may see, or null' })
  partner(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner' }, UuidPipe) id: string,
  ) {
    return this.partnerService.findOne(ctx, id);
  }

  @RequirePermission('channels:read')
  @Query(() => PartnerConnection, {
    description: 'Partners you may see, by name; a sales rep sees the ones they own. Head office sees every branch',
  })
  partners(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => PartnerFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: PartnerFilter,
  ) {
    return this.partnerService.list(ctx, { first, after, filter });
  }

  @RequirePermission('channels:read')
  @Query(() => [PartnerTierCount], {
    description: 'Partners counted by branch and tier (null tier: not evaluated yet), every branch in scope at once',
  })
  partnerCountsByTier(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
    @Args('kind', { type: () => PartnerKind, nullable: true, description: 'Count only this kind of channel' })
    kind?: PartnerKind,
    @Args('state', { type: () => PartnerStatus, nullable: true, description: 'Count only partners in this state' })
    state?: PartnerStatus,
    @Args('status', {
      type: () => PartnerStatus,
      nullable: true,
      description: 'The same as state, under its old name',
      deprecationReason: 'Use state: one word for lifecycles across the schema',
    })
    status?: PartnerStatus,
  ) {
    return this.partnerService.countsByBranchAndTier(ctx, { branchId, kind, status: state ?? status });
  }

  @RequirePermission('channels:write')
  @Mutation(() => Partner, { description: 'Record a partner (a candidate unless a status is given)' })
  createPartner(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new partner holds' }) input: CreatePartnerInput,
  ) {
    return this.partnerService.create(ctx, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => Partner, { description: 'Change a partner; only a manager hands it to another owner' })
  updatePartner(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdatePartnerInput,
  ) {
    requireChange(input);
    return this.partnerService.update(ctx, id, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerContact, { description: 'Add a contact person; a new primary one replaces the old' })
  addPartnerContact(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contact person' }) input: AddPartnerContactInput,
  ) {
    return this.partnerService.addContact(ctx, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerAgreement, {
    description: 'Record a signed agreement; its owner is reminded 60, 30 and 7 days before it ends',
  })
  createPartnerAgreement(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new partner agreement holds' }) input: CreatePartnerAgreementInput,
  ) {
    return this.agreementService.create(ctx, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerAgreement, { description: 'Change an ACTIVE agreement; a new end moves the reminders' })
  updatePartnerAgreement(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner agreement' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdatePartnerAgreementInput,
  ) {
    requireChange(input);
    return this.agreementService.update(ctx, id, input);
  }

  @RequirePermission('channels:write')
  @Mutation(() => PartnerAgreement, { description: 'End an ACTIVE agreement early, with the reason' })
  terminatePartnerAgreement(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the partner agreement' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why it ends early (required)' }) reason: string,
  ) {
    return this.agreementService.terminate(ctx, id, reason);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [PartnerContact], { description: 'Contact persons, the primary one first, then by name' })
  contacts(p: Partner, _args: unknown, { ctx }: GqlContext) {
    return this.partnerService.contactsLoader(ctx).load(`${p.branchId}:${p.id}`);
  }

  @ResolveField(() => [PartnerAgreement], { description: 'Agreements, the latest end first' })
  agreements(p: Partner, _args: unknown, { ctx }: GqlContext) {
    return this.agreementService.agreementsLoader(ctx).load(`${p.branchId}:${p.id}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'Who manages the partner' })
  owner(p: Partner, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${p.branchId}:${p.ownerId}`);
  }
}
