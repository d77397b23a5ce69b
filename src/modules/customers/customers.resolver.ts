import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BadUserInputError, type RequestContext } from '@app/core';
import { GraphQLDate, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { Branch, StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from './customers.service.js';
import {
  BranchSettings,
  ContactLog,
  Customer,
  CustomerConnection,
  CustomerContact,
  CustomerFilter,
  CustomerOrder,
} from './customer.types.js';
import {
  AddContactInput,
  CreateCustomerInput,
  LogContactInput,
  UpdateBranchSettingsInput,
  UpdateContactInput,
  UpdateCustomerInput,
} from './dto/customer.input.js';

@Resolver(() => Customer)
export class CustomersResolver {
  constructor(
    private readonly customerService: CustomersService,
    private readonly branchService: BranchesService,
  ) {}

  @RequirePermission('customers:read')
  @Query(() => Customer, { nullable: true, description: 'A customer you may see, or null' })
  customer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string) {
    return this.customerService.findOne(ctx, id);
  }

  @RequirePermission('customers:read')
  @Query(() => CustomerConnection, { description: 'Customers you may see; a sales rep sees the ones they own' })
  customers(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { type: () => CustomerFilter, nullable: true }) filter?: CustomerFilter,
    @Args('orderBy', { type: () => CustomerOrder, nullable: true }) orderBy?: CustomerOrder,
  ) {
    return this.customerService.list(ctx, { first, after, filter, orderBy });
  }

  @RequirePermission('customers:write')
  @Mutation(() => Customer)
  createCustomer(@Ctx() ctx: RequestContext, @Args('input') input: CreateCustomerInput) {
    return this.customerService.create(ctx, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => Customer)
  updateCustomer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('input') input: UpdateCustomerInput,
  ) {
    if (Object.values(input).every((v) => v === undefined)) {
      throw BadUserInputError.field('input', 'name at least one field to change');
    }
    return this.customerService.update(ctx, id, input);
  }

  @RequirePermission('customers:archive')
  @Mutation(() => Customer, { description: 'Archive a customer: it leaves lists and reminders, its history stays' })
  archiveCustomer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string) {
    return this.customerService.archive(ctx, id);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact)
  addCustomerContact(@Ctx() ctx: RequestContext, @Args('input') input: AddContactInput) {
    return this.customerService.addContact(ctx, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact)
  updateCustomerContact(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('input') input: UpdateContactInput,
  ) {
    return this.customerService.updateContact(ctx, id, input);
  }

  @RequirePermission('customers:write')
  @Mutation(() => CustomerContact, { description: 'Remove a contact that appears in no contact log' })
  removeCustomerContact(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string) {
    return this.customerService.removeContact(ctx, id);
  }

  @RequirePermission('customers:write')
  @Mutation(() => ContactLog, { description: 'Record a contact; moves the next contact due date by the tier cadence' })
  logContact(@Ctx() ctx: RequestContext, @Args('input') input: LogContactInput) {
    return this.customerService.logContact(ctx, input);
  }

  @RequirePermission('customers:read')
  @Query(() => BranchSettings, { description: 'Contact cadence of a branch (head office names the branch)' })
  branchSettings(
    @Ctx() ctx: RequestContext,
    @Args('branchId', { type: () => ID, nullable: true }, UuidPipe) branchId?: string,
  ) {
    return this.customerService.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => BranchSettings)
  updateBranchSettings(@Ctx() ctx: RequestContext, @Args('input') input: UpdateBranchSettingsInput) {
    return this.customerService.updateSettings(ctx, input);
  }

  @ResolveField(() => Branch, { nullable: true })
  branch(@Ctx() ctx: RequestContext, @Parent() c: Customer) {
    return this.branchService.branchLoader(ctx).load(c.branchId);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person responsible for the customer' })
  owner(@Ctx() ctx: RequestContext, @Parent() c: Customer) {
    return this.branchService.staffLoader(ctx).load(`${c.branchId}:${c.ownerId}`);
  }

  @ResolveField(() => [CustomerContact])
  contacts(@Ctx() ctx: RequestContext, @Parent() c: Customer) {
    return this.customerService.contactsLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => [ContactLog], { description: 'Most recent contacts first' })
  contactLogs(
    @Ctx() ctx: RequestContext,
    @Parent() c: Customer,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw BadUserInputError.field('first', 'must be between 1 and 100');
    return this.customerService.contactLogsLoader(ctx, first).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => GraphQLDate, { description: 'The business day (branch time zone) the next contact is due' })
  nextContactDueOn(@Ctx() ctx: RequestContext, @Parent() c: Customer) {
    return this.customerService.dueOn(ctx, c);
  }

  @ResolveField(() => Boolean)
  contactOverdue(@Parent() c: Customer) {
    return c.status === 'ACTIVE' && c.nextContactDueAt.getTime() <= Date.now();
  }
}
