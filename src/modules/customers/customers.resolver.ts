import { Args, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { BadUserInputError, type RequestContext, requireChange } from '@app/core';
import {
  AfterArg,
  FirstArg,
  GraphQLDate,
  OptionalUuidPipe,
  Prefetched,
  selectedFields,
  UuidPipe,
  BranchIdArg,
} from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Branch, StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { ContactCadenceService } from './contact-cadence.service.js';
import { ContactLogsService } from './contact-logs.service.js';
import { CustomerContactsService } from './customer-contacts.service.js';
import type { PageContact } from './customer-page.js';
import { BranchSettings, ContactLog, Customer, CustomerContact } from './customer.entity.js';
import { CustomerConnection, CustomerFilter, CustomerOrder, HighValueCustomerFilter } from './customer.types.js';
import { CustomersService } from './customers.service.js';
import { Lead } from './lead.entity.js';
import { LeadsService } from './leads.service.js';
import {
  AddContactInput,
  CreateCustomerInput,
  LogContactInput,
  UpdateBranchSettingsInput,
  UpdateContactInput,
  UpdateCustomerInput,
} from './dto/customer.input.js';

/** The GraphQL context the API's context factory builds (app.module.ts). */
interface GqlContext {
  ctx: RequestContext;
}

/** Per request: what the customers list loaded ahead for the customers of its page. */
interface PagePrefetch {
  owner: Prefetched<Customer, StaffMember | null>;
  contacts: Prefetched<Customer, PageContact[]>;
  branch: Prefetched<Customer, Branch | null>;
}

const prefetched = (ctx: RequestContext): PagePrefetch =>
  ctx.loader('customers.pagePrefetch', () => ({
    owner: new Prefetched(),
    contacts: new Prefetched(),
    branch: new Prefetched(),
  }));

@Resolver(() => Customer)
export class CustomersResolver {
  constructor(
    private readonly customerService: CustomersService,
    private readonly branchService: BranchesService,
    private readonly leadService: LeadsService,
    private readonly contactService: CustomerContactsService,
    private readonly logService: ContactLogsService,
    private readonly cadenceService: ContactCadenceService,
  ) {}

  @RequirePermission('customers:read')
  @Query(() => Customer, { nullable: true, description: 'A customer you may see, or null' })
  customer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the customer' }, UuidPipe) id: string,
  ) {
    return this.customerService.findOne(ctx, id);
  }

  @RequirePermission('customers:read')
  @Query(() => CustomerConnection, { description: 'Customers you may see; a sales rep sees the ones they own' })
  async customers(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => CustomerFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: CustomerFilter,
    @Args('orderBy', {
      type: () => CustomerOrder,
      nullable: true,
      description: 'Sort order; the default is given by the list',
    })
    orderBy?: CustomerOrder,
  ) {
    const fields = selectedFields(info, ['edges', 'node']);
    const page = await this.customerService.list(
      ctx,
      { first, after, filter, orderBy },
      { owner: fields.has('owner'), contacts: fields.has('contacts') },
    );
    const customers = page.edges.map((e) => e.node);
    const p = prefetched(ctx);
    // Owners and contacts came with the page (one statement); the staff loader learns the owners too, so any
    // other field asking for the same person answers from memory.
    if (page.relations?.owners) {
      p.owner.set(customers, page.relations.owners);
      const staff = this.branchService.staffLoader(ctx);
      customers.forEach((c, i) => staff.prime(`${c.branchId}:${c.ownerId}`, page.relations!.owners![i]));
    }
    if (page.relations?.contacts) p.contacts.set(customers, page.relations.contacts);
    fields.delete('owner');
    fields.delete('contacts');
    await this.prefetch(ctx, customers, fields);
    return page;
  }

  /**
   * Loads the relations the operation selects on a page's customers before the page is returned, with the same
   * loaders (and so the same statements) the field resolvers would use. The field resolvers then answer
   * from memory, so graphql-js completes the 50 customers without a promise per customer and field.
   */
  private async prefetch(ctx: RequestContext, customers: Customer[], fields: Set<string>): Promise<void> {
    if (customers.length === 0) return;
    const p = prefetched(ctx);
    const jobs: Promise<void>[] = [];
    if (fields.has('owner')) {
      jobs.push(p.owner.fill(this.branchService.staffLoader(ctx), customers, (c) => `${c.branchId}:${c.ownerId}`));
    }
    if (fields.has('contacts')) {
      jobs.push(p.contacts.fill(this.contactService.contactsLoader(ctx), customers, (c) => `${c.branchId}:${c.id}`));
    }
    if (fields.has('branch') || fields.has('nextContactDueOn')) {
      jobs.push(p.branch.fill(this.branchService.branchLoader(ctx), customers, (c) => c.branchId));
    }
    await Promise.all(jobs);
  }

  @RequirePermission('customers:write')
  @Mutation(() => Customer, { description: "Record a customer; the first contact is due by the tier's cadence" })
  createCustomer(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new customer holds' }) input: CreateCustomerInput,
  ) {
    return this.customerService.create(ctx, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => Customer, { description: "Change a customer's details or tier" })
  updateCustomer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the customer' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateCustomerInput,
  ) {
    requireChange(input);
    return this.customerService.update(ctx, id, input);
  }

  @RequirePermission('customers:archive')
  @Mutation(() => Customer, { description: 'Archive a customer: it leaves lists and reminders, its history stays' })
  archiveCustomer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the customer' }, UuidPipe) id: string,
  ) {
    return this.customerService.archive(ctx, id);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact, {
    description: 'Add a contact person to a customer (a new primary one replaces the old)',
  })
  addCustomerContact(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contact person' }) input: AddContactInput,
  ) {
    return this.contactService.add(ctx, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact, { description: "Change a customer's contact person" })
  updateCustomerContact(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the customer contact' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateContactInput,
  ) {
    return this.contactService.update(ctx, id, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact, { description: 'Remove a contact that appears in no contact log' })
  removeCustomerContact(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'Id of the customer contact' }, UuidPipe) id: string,
  ) {
    return this.contactService.remove(ctx, id);
  }

  @RequirePermission('customers:write')
  @Mutation(() => ContactLog, { description: 'Record a contact; moves the next contact due date by the tier cadence' })
  logContact(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The contact: customer, channel, summary and when' }) input: LogContactInput,
  ) {
    return this.logService.logContact(ctx, input);
  }

  @RequirePermission('customers:assign')
  @Mutation(() => Customer, {
    description: 'Set (or, with null, clear) the dedicated account manager of a customer: a person of its branch',
  })
  setCustomerAccountManager(
    @Ctx() ctx: RequestContext,
    @Args('customerId', { type: () => ID, description: 'Id of the customer' }, UuidPipe) customerId: string,
    @Args(
      'accountManagerId',
      { type: () => ID, nullable: true, description: "Id of a person of the customer's branch; null clears it" },
      OptionalUuidPipe,
    )
    accountManagerId?: string,
  ) {
    return this.customerService.setAccountManager(ctx, customerId, accountManagerId ?? null);
  }

  @RequirePermission('customers:read')
  @Query(() => CustomerConnection, {
    description:
      'Active HIGH tier customers without an account manager, newest first; a sales rep sees their own, ' +
      'head office every branch in one list',
  })
  async highValueCustomersWithoutAccountManager(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => HighValueCustomerFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: HighValueCustomerFilter,
  ) {
    const page = await this.customerService.unmanagedHighValue(ctx, { first, after, filter });
    await this.prefetch(
      ctx,
      page.edges.map((e) => e.node),
      selectedFields(info, ['edges', 'node']),
    );
    return page;
  }

  @RequirePermission('customers:read')
  @Query(() => BranchSettings, { description: 'Contact cadence of a branch (head office names the branch)' })
  branchSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.cadenceService.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => BranchSettings, { description: "Change a branch's contact cadence per tier" })
  updateBranchSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateBranchSettingsInput,
  ) {
    return this.cadenceService.updateSettings(ctx, input);
  }

  // The field resolvers below take no parameter decorators, so @nestjs/graphql binds them as the graphql-js
  // resolver itself, (parent, args, context), instead of running Nest's context creator (param factories,
  // pipes) once per customer. Guards never run on field resolvers (fieldResolverEnhancers is empty): the
  // root field that returned the customer was already authorized by the guard.
  @ResolveField(() => Branch, { nullable: true, description: 'The branch the customer belongs to' })
  branch(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return prefetched(ctx).branch.get(c, () => this.branchService.branchLoader(ctx).load(c.branchId));
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person responsible for the customer' })
  owner(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return prefetched(ctx).owner.get(c, () => this.branchService.staffLoader(ctx).load(`${c.branchId}:${c.ownerId}`));
  }

  @ResolveField(() => [CustomerContact], { description: "The customer's contact people, primary first" })
  contacts(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return prefetched(ctx).contacts.get(c, () => this.contactService.contactsLoader(ctx).load(`${c.branchId}:${c.id}`));
  }

  @ResolveField(() => [ContactLog], { description: 'Most recent contacts first' })
  contactLogs(
    @Ctx() ctx: RequestContext,
    @Parent() c: Customer,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'Page size: 1 to 100 rows (default 10)' })
    first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw BadUserInputError.field('first', 'must be between 1 and 100');
    return this.logService.contactLogsLoader(ctx, first).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => GraphQLDate, { description: 'The business day (branch time zone) the next contact is due' })
  nextContactDueOn(c: Customer, _args: unknown, { ctx }: GqlContext) {
    const branch = prefetched(ctx).branch.get(c, () => this.branchService.branchLoader(ctx).load(c.branchId));
    return branch instanceof Promise
      ? branch.then((b) => this.cadenceService.dueOnIn(c, b))
      : this.cadenceService.dueOnIn(c, branch);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The dedicated account manager' })
  accountManager(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return c.accountManagerId ? this.branchService.staffLoader(ctx).load(`${c.branchId}:${c.accountManagerId}`) : null;
  }

  @ResolveField(() => Lead, {
    nullable: true,
    description: 'The lead this customer was converted from, with its history',
  })
  lead(c: Customer, _args: unknown, { ctx }: GqlContext) {
    return c.leadId ? this.leadService.byKeyLoader(ctx).load(`${c.branchId}:${c.leadId}`) : null;
  }

  @ResolveField(() => Boolean, {
    description: 'The next contact is overdue (its due time has passed): flag it to the owner',
  })
  contactOverdue(c: Customer) {
    return c.status === 'ACTIVE' && c.nextContactDueAt.getTime() <= Date.now();
  }
}
