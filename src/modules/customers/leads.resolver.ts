import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from './customer.entity.js';
import { CustomersService } from './customers.service.js';
import { ConvertLeadInput, CreateLeadInput, ScreenLeadInput, UpdateLeadInput } from './dto/lead.input.js';
import { Lead, LeadEvent } from './lead.entity.js';
import { ConvertLeadPayload, LeadConnection, LeadDuplicate, LeadFilter } from './lead.types.js';
import { LeadsService } from './leads.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Lead)
export class LeadsResolver {
  constructor(
    private readonly leadService: LeadsService,
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  @RequirePermission('leads:read')
  @Query(() => Lead, { nullable: true, description: 'A lead you may see, or null' })
  lead(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the lead' }, UuidPipe) id: string) {
    return this.leadService.findOne(ctx, id);
  }

  @RequirePermission('leads:read')
  @Query(() => LeadConnection, {
    description: 'Leads you may see, newest first; a sales rep sees the ones they own. Head office sees every branch',
  })
  leads(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => LeadFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: LeadFilter,
  ) {
    return this.leadService.list(ctx, { first, after, filter });
  }

  @RequirePermission('leads:write')
  @Mutation(() => Lead, { description: 'Record a lead; its `valid`, `missing` and `duplicates` say what it is worth' })
  createLead(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new lead holds' }) input: CreateLeadInput,
  ) {
    return this.leadService.create(ctx, input);
  }

  @RequirePermission('leads:write')
  @Mutation(() => Lead, { description: 'Change an OPEN lead; null clears a field' })
  updateLead(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the lead' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateLeadInput,
  ) {
    requireChange(input);
    return this.leadService.update(ctx, id, input);
  }

  @RequirePermission('leads:write')
  @Mutation(() => Lead, { description: 'Record the screening outcome of an OPEN lead (UNFIT needs a note)' })
  screenLead(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the lead' }, UuidPipe) id: string,
    @Args('input', { description: 'FIT or UNFIT, with a note' }) input: ScreenLeadInput,
  ) {
    return this.leadService.screen(ctx, id, input);
  }

  @RequirePermission('leads:write')
  @Mutation(() => LeadEvent, { description: 'Add a note to a lead’s timeline' })
  addLeadNote(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the lead' }, UuidPipe) id: string,
    @Args('note', { description: 'The note, up to 4,000 characters' }) note: string,
  ) {
    return this.leadService.addNote(ctx, id, note);
  }

  @RequirePermission('leads:write')
  @Mutation(() => ConvertLeadPayload, {
    description: 'Make a customer of a valid lead, once (a second conversion is a CONFLICT); the history stays',
  })
  convertLead(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the lead' }, UuidPipe) id: string,
    @Args('input', { type: () => ConvertLeadInput, nullable: true, description: 'Details for the new customer' })
    input?: ConvertLeadInput,
  ) {
    return this.leadService.convert(ctx, id, input ?? {});
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [LeadEvent], { description: 'What happened to the lead, oldest first' })
  timeline(l: Lead, _args: unknown, { ctx }: GqlContext) {
    return this.leadService.eventsLoader(ctx).load(`${l.branchId}:${l.id}`);
  }

  @ResolveField(() => [LeadDuplicate], {
    description: 'Leads of the same branch with the same phone (normalised) or e-mail (lower-cased)',
  })
  duplicates(l: Lead, _args: unknown, { ctx }: GqlContext) {
    return this.leadService.duplicatesLoader(ctx).load(l);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The representative responsible for the lead' })
  owner(l: Lead, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${l.branchId}:${l.ownerId}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer the lead became' })
  customer(l: Lead, _args: unknown, { ctx }: GqlContext) {
    return l.customerId ? this.customers.byKeyLoader(ctx).load(`${l.branchId}:${l.customerId}`) : null;
  }
}
