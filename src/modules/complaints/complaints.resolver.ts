import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { Complaint, ComplaintEvent, ComplaintSettings } from './complaint.entity.js';
import { ComplaintConnection, ComplaintCount, ComplaintCountFilter, ComplaintFilter } from './complaint.types.js';
import { ComplaintsService } from './complaints.service.js';
import {
  ComplaintFollowUpInput,
  CreateComplaintInput,
  ResolveComplaintInput,
  UpdateComplaintSettingsInput,
} from './dto/complaint.input.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Complaint)
export class ComplaintsResolver {
  constructor(
    private readonly complaintService: ComplaintsService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
  ) {}

  @RequirePermission('complaints:read')
  @Query(() => Complaint, { nullable: true, description: 'A complaint you may see, or null' })
  complaint(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the complaint' }, UuidPipe) id: string,
  ) {
    return this.complaintService.findOne(ctx, id);
  }

  @RequirePermission('complaints:read')
  @Query(() => ComplaintConnection, {
    description:
      'Complaints you may see, newest first; a sales rep sees the ones they own, a manager the branch, ' +
      'head office every branch in one list',
  })
  complaints(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => ComplaintFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ComplaintFilter,
  ) {
    return this.complaintService.list(ctx, { first, after, filter });
  }

  @RequirePermission('complaints:read')
  @Query(() => [ComplaintCount], {
    description: 'Complaints per branch, state and severity, with how many are overdue (one query for all branches)',
  })
  complaintCounts(
    @Ctx() ctx: RequestContext,
    @Args('filter', {
      type: () => ComplaintCountFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: ComplaintCountFilter,
  ) {
    return this.complaintService.counts(ctx, filter);
  }

  @RequirePermission('complaints:read')
  @Query(() => ComplaintSettings, { description: 'Complaint rules of a branch (head office names the branch)' })
  complaintSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg()
    branchId?: string,
  ) {
    return this.complaintService.settings.settings(ctx, branchId);
  }

  @RequirePermission('settings:manage')
  @Mutation(() => ComplaintSettings, { description: 'Change the response windows; new complaints use them' })
  updateComplaintSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The fields to change; those left out keep their value' })
    input: UpdateComplaintSettingsInput,
  ) {
    requireChange(input, 'setting', { ignore: ['branchId'], nullMeansUnset: true });
    return this.complaintService.settings.update(ctx, input);
  }

  @RequirePermission('complaints:write')
  @Mutation(() => Complaint, { description: 'Take in a complaint: it starts RECEIVED with its response deadline' })
  createComplaint(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'What the new complaint holds' }) input: CreateComplaintInput,
  ) {
    return this.complaintService.create(ctx, input);
  }

  @RequirePermission('complaints:write')
  @Mutation(() => Complaint, { description: 'RECEIVED -> INVESTIGATING: the response; stops the escalation' })
  startComplaintInvestigation(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the RECEIVED complaint' }, UuidPipe) id: string,
    @Args('note', { nullable: true, description: 'Optional note for the timeline' }) note?: string,
  ) {
    return this.complaintService.startInvestigation(ctx, id, note);
  }

  @RequirePermission('complaints:write')
  @Mutation(() => Complaint, { description: 'Record (or correct) the root cause while INVESTIGATING' })
  recordComplaintRootCause(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the complaint under investigation' }, UuidPipe) id: string,
    @Args('rootCause', { description: 'The root cause found' }) rootCause: string,
  ) {
    return this.complaintService.recordRootCause(ctx, id, rootCause);
  }

  @RequirePermission('complaints:resolve')
  @Mutation(() => Complaint, { description: 'INVESTIGATING -> RESOLVED, with the resolution (and the root cause)' })
  resolveComplaint(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the complaint' }, UuidPipe) id: string,
    @Args('input', { description: 'The resolution (the root cause must be recorded)' }) input: ResolveComplaintInput,
  ) {
    return this.complaintService.resolve(ctx, id, input);
  }

  @RequirePermission('complaints:resolve')
  @Mutation(() => Complaint, {
    description: 'The customer’s follow-up on a RESOLVED complaint: confirmed -> CLOSED, not fixed -> INVESTIGATING',
  })
  recordComplaintFollowUp(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the RESOLVED complaint' }, UuidPipe) id: string,
    @Args('input', { description: "The customer's confirmation, or a note why it is not fixed" })
    input: ComplaintFollowUpInput,
  ) {
    return this.complaintService.followUp(ctx, id, input);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [ComplaintEvent], { description: 'Every move, oldest first' })
  timeline(c: Complaint, _args: unknown, { ctx }: GqlContext) {
    return this.complaintService.timelineLoader(ctx).load(`${c.branchId}:${c.id}`);
  }

  @ResolveField(() => Customer, {
    nullable: true,
    description: 'The customer who complained; null if you may not see them',
  })
  customer(c: Complaint, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${c.branchId}:${c.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The person handling the complaint' })
  owner(c: Complaint, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${c.branchId}:${c.ownerId}`);
  }
}
