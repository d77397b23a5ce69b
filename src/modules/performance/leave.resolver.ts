import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { OptionalUuidPipe } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { LeaveBalance, LeaveRequest } from './leave.entity.js';
import { LeaveService } from './leave.service.js';
import { RequestLeaveInput, SetLeaveEntitlementInput } from './leave.types.js';

/** Leave: balances per person, year and kind; requests in advance decided by the approval engine. */
@Resolver()
export class LeaveResolver {
  constructor(private readonly leave: LeaveService) {}

  @RequirePermission('attendance:manage')
  @Mutation(() => LeaveBalance, {
    description: "Sets a person's leave of one kind for a year (audited); never below what is taken and held",
  })
  setLeaveEntitlement(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The person, year, kind and days' }) input: SetLeaveEntitlementInput,
  ) {
    return this.leave.setEntitlement(ctx, input);
  }

  @RequirePermission('attendance:clock')
  @Mutation(() => LeaveRequest, {
    description: 'Asks for leave in advance; its working days are held on your balance until the manager decides',
  })
  requestLeave(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The kind and the days' }) input: RequestLeaveInput,
  ) {
    return this.leave.request(ctx, input);
  }

  @RequirePermission('attendance:read')
  @Query(() => [LeaveBalance], {
    description:
      "A person's leave balances for a year: yours; your branch's people for a manager; everyone for head office",
  })
  leaveBalances(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int, description: 'The year' }) year: number,
    @Args('personId', { type: () => ID, nullable: true, description: 'Whose (omit: yours)' }, OptionalUuidPipe)
    personId?: string,
  ) {
    return this.leave.balances(ctx, year, personId);
  }
}
