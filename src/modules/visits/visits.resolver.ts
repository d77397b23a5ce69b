import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type RequestContext, requireChange } from '@app/core';
import { AfterArg, FirstArg, UuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { StaffMember } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customer, CustomerContact } from '../customers/customer.types.js';
import { CustomersService } from '../customers/customers.service.js';
import { PlanVisitInput, UpdateVisitInput, VisitReportInput } from './dto/visit.input.js';
import { StoredFile } from '../documents/file.entity.js';
import { VisitFilesService } from './visit-files.service.js';
import { VisitTasksService } from './visit-tasks.service.js';
import { assessVisit } from './visit-effectiveness.js';
import { Visit, VisitAttendee, VisitTask } from './visit.entity.js';
import { AttendeeKind } from './visit.enums.js';
import { VisitConnection, VisitFilter } from './visit.types.js';
import { VisitsService } from './visits.service.js';

interface GqlContext {
  ctx: RequestContext;
}

const ID_ARG = { type: () => ID };

@Resolver(() => Visit)
export class VisitsResolver {
  constructor(
    private readonly visitService: VisitsService,
    private readonly taskService: VisitTasksService,
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
    private readonly visitFiles: VisitFilesService,
  ) {}

  @RequirePermission('visits:read')
  @Query(() => Visit, { nullable: true, description: 'A visit you may see, or null' })
  visit(@Ctx() ctx: RequestContext, @Args('id', { ...ID_ARG, description: 'Id of the visit' }, UuidPipe) id: string) {
    return this.visitService.findOne(ctx, id);
  }

  @RequirePermission('visits:read')
  @Query(() => VisitConnection, {
    description:
      'Customer visits by planned day (earliest first); a sales rep sees the ones they own. Head office sees every branch in one list',
  })
  visits(
    @Ctx() ctx: RequestContext,
    @FirstArg()
    first: number,
    @AfterArg()
    after?: string,
    @Args('filter', {
      type: () => VisitFilter,
      nullable: true,
      description: 'Narrows the list: every condition given must hold; omit for everything you may see',
    })
    filter?: VisitFilter,
  ) {
    return this.visitService.list(ctx, { first, after, filter });
  }

  @RequirePermission('visits:write')
  @Mutation(() => Visit, { description: 'Plan a visit of a customer (booked by phone first): it starts PLANNED' })
  planVisit(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The customer, day, purpose and attendees' }) input: PlanVisitInput,
  ) {
    return this.visitService.plan(ctx, input);
  }

  @RequirePermission('visits:write')
  @Mutation(() => Visit, { description: 'Change a PLANNED visit: day, purpose, attendees, effective-visit inputs' })
  updateVisit(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit' }, UuidPipe) id: string,
    @Args('input', { description: 'The fields to change; those left out keep their value' }) input: UpdateVisitInput,
  ) {
    requireChange(input, 'field', { nullMeansUnset: true });
    return this.visitService.update(ctx, id, input);
  }

  @RequirePermission('visits:write')
  @Mutation(() => Visit, { description: 'PLANNED -> CANCELLED, with the reason' })
  cancelVisit(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit' }, UuidPipe) id: string,
    @Args('reason', { description: 'Why (required)' }) reason: string,
  ) {
    return this.visitService.cancel(ctx, id, reason);
  }

  @RequirePermission('visits:write')
  @Mutation(() => Visit, {
    description:
      'PLANNED -> DONE: the visit report (summary, needs, commitments as follow-up tasks); decides the effective flag; urgent tells the branch manager at once',
  })
  fileVisitReport(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit (PLANNED)' }, UuidPipe) id: string,
    @Args('input', { description: 'The report, with commitments that become follow-up tasks' }) input: VisitReportInput,
  ) {
    return this.visitService.fileReport(ctx, id, input);
  }

  @RequirePermission('visits:review')
  @Mutation(() => Visit, { description: 'The superior reviews a filed report: comment and acknowledgement' })
  reviewVisit(
    @Ctx() ctx: RequestContext,
    @Args('id', { ...ID_ARG, description: 'Id of the visit' }, UuidPipe) id: string,
    @Args('comment', { description: "The superior's comment (required)" }) comment: string,
  ) {
    return this.visitService.review(ctx, id, comment);
  }

  // Field resolvers without parameter decorators: graphql-js calls them directly (see customers.resolver.ts).
  @ResolveField(() => [String], { description: 'Why the visit is not effective (empty when it is)' })
  notEffectiveBecause(v: Visit) {
    // The stored `effective` is what quotas count; the database's CHECK keeps it equal to this rule.
    return assessVisit(v).reasons;
  }

  @ResolveField(() => Boolean, { description: 'The superior has reviewed and acknowledged the report' })
  acknowledged(v: Visit) {
    return v.reviewedAt !== null;
  }

  @ResolveField(() => [StoredFile], {
    description: 'Files of the report, oldest first (download: GET /files/<id> or fileLink)',
  })
  reportFiles(v: Visit, _args: unknown, { ctx }: GqlContext) {
    return this.visitFiles.reportFilesLoader(ctx).load(`${v.branchId}:${v.id}`);
  }

  @ResolveField(() => [VisitAttendee], { description: 'Staff first, then the customer’s contacts' })
  attendees(v: Visit, _args: unknown, { ctx }: GqlContext) {
    return this.visitService.attendeesLoader(ctx).load(`${v.branchId}:${v.id}`);
  }

  @ResolveField(() => [VisitTask], { description: 'The follow-up tasks from the report’s commitments' })
  tasks(v: Visit, _args: unknown, { ctx }: GqlContext) {
    return this.taskService.byVisitLoader(ctx).load(`${v.branchId}:${v.id}`);
  }

  @ResolveField(() => Customer, { nullable: true, description: 'The customer visited; null if you may not see them' })
  customer(v: Visit, _args: unknown, { ctx }: GqlContext) {
    return this.customersService.byKeyLoader(ctx).load(`${v.branchId}:${v.customerId}`);
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'The representative making the visit' })
  owner(v: Visit, _args: unknown, { ctx }: GqlContext) {
    return this.branches.staffLoader(ctx).load(`${v.branchId}:${v.ownerId}`);
  }
}

@Resolver(() => VisitAttendee)
export class VisitAttendeeResolver {
  constructor(
    private readonly branches: BranchesService,
    private readonly customersService: CustomersService,
  ) {}

  @ResolveField(() => AttendeeKind, { description: 'One of our staff, or a customer contact' })
  kind(a: VisitAttendee) {
    return a.userId ? AttendeeKind.MEMBER : AttendeeKind.CONTACT;
  }

  @ResolveField(() => StaffMember, { nullable: true, description: 'When the attendee is one of our staff' })
  member(a: VisitAttendee, _args: unknown, { ctx }: GqlContext) {
    return a.userId ? this.branches.staffLoader(ctx).load(`${a.branchId}:${a.userId}`) : null;
  }

  @ResolveField(() => CustomerContact, { nullable: true, description: 'When the attendee is a customer contact' })
  async contact(a: VisitAttendee, _args: unknown, { ctx }: GqlContext) {
    if (!a.contactId) return null;
    const contacts = await this.customersService.contactsLoader(ctx).load(`${a.branchId}:${a.customerId}`);
    return contacts.find((c) => c.id === a.contactId) ?? null;
  }
}
