import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/core';
import { OptionalUuidPipe, BranchIdArg } from '@app/graphql';
import { Ctx, RequirePermission } from '../branches/auth.decorators.js';
import { AttendancePunch, AttendanceSettings } from './attendance.entity.js';
import { AttendanceService } from './attendance.service.js';
import {
  AttendanceCorrectionInput,
  AttendanceStatement,
  ClockInput,
  UpdateAttendanceSettingsInput,
} from './attendance.types.js';

/** Attendance: punches, corrections through the approval engine, the branch's rules, monthly statements. */
@Resolver()
export class AttendanceResolver {
  constructor(private readonly attendance: AttendanceService) {}

  @RequirePermission('attendance:clock')
  @Mutation(() => AttendancePunch, { description: 'Clock in or out (yourself), now or at a device’s recorded instant' })
  clock(@Ctx() ctx: RequestContext, @Args('input', { description: 'IN or OUT, the source, when' }) input: ClockInput) {
    return this.attendance.clock(ctx, input);
  }

  @RequirePermission('attendance:clock')
  @Mutation(() => AttendancePunch, {
    description: 'A manual punch of your own (forgotten or wrong), PENDING until the branch manager approves it',
  })
  requestAttendanceCorrection(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'IN or OUT, when, and why' }) input: AttendanceCorrectionInput,
  ) {
    return this.attendance.requestCorrection(ctx, input);
  }

  @RequirePermission('attendance:overview')
  @Query(() => AttendanceSettings, { description: "A branch's attendance rules (defaults until it sets its own)" })
  attendanceSettings(
    @Ctx() ctx: RequestContext,
    @BranchIdArg('The branch (head office names it)')
    branchId?: string,
  ) {
    return this.attendance.settings(ctx, branchId);
  }

  @RequirePermission('attendance:manage')
  @Mutation(() => AttendanceSettings, { description: "Changes a branch's attendance rules (audited)" })
  updateAttendanceSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The rules to change' }) input: UpdateAttendanceSettingsInput,
  ) {
    return this.attendance.updateSettings(ctx, input);
  }

  @RequirePermission('attendance:read')
  @Query(() => AttendanceStatement, {
    description: "A person's month: your own; your branch's people for a manager; everyone for head office",
  })
  attendanceStatement(
    @Ctx() ctx: RequestContext,
    @Args('month', { description: 'The month, e.g. 2026-11' }) month: string,
    @Args('personId', { type: () => ID, nullable: true, description: 'Whose (omit: yours)' }, OptionalUuidPipe)
    personId?: string,
  ) {
    return this.attendance.statement(ctx, month, personId);
  }
}
