import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { PunchKind, PunchSource } from './attendance.enums.js';

@InputType({ description: 'Clocking in or out, now or at the instant a device recorded' })
export class ClockInput {
  @Field(() => PunchKind, { description: 'IN or OUT' }) @IsEnum(PunchKind) kind: PunchKind;
  @Field(() => PunchSource, {
    defaultValue: PunchSource.APP,
    description: 'DEVICE or APP (a MANUAL punch is a correction: requestAttendanceCorrection)',
  })
  @IsOptional()
  @IsEnum(PunchSource)
  source?: PunchSource;
  @Field(() => Date, {
    nullable: true,
    description: 'When (RFC 3339); omit for now. Within the last 24 hours, never in the future',
  })
  @IsOptional()
  at?: Date;
}

@InputType({ description: 'A forgotten or wrong punch, counted once the branch manager approves it' })
export class AttendanceCorrectionInput {
  @Field(() => PunchKind, { description: 'IN or OUT' }) @IsEnum(PunchKind) kind: PunchKind;
  @Field(() => Date, { description: 'When it should have been (RFC 3339), in the past' }) at: Date;
  @Field({ description: 'Why, for the approver (1 to 500 characters)' }) @Length(1, 500) note: string;
}

@InputType({ description: "A branch's attendance rules; name at least one" })
export class UpdateAttendanceSettingsInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, description: 'X, 0 to 240 minutes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  graceMinutes?: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The deduction per late or early within X, 0 or more' })
  @IsOptional()
  deduction?: string;
  @Field(() => Int, { nullable: true, description: 'N, 0 to 31' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31)
  warnAfterLates?: number;
}

@ObjectType('AttendanceDay', { description: 'One working day of a person in the statement' })
export class AttendanceDay {
  @Field(() => GraphQLDate, { description: "The branch's local day" }) day: string;
  @Field(() => Date, { nullable: true, description: 'First counted clock-in' }) clockIn: Date | null;
  @Field(() => Date, { nullable: true, description: 'Last counted clock-out' }) clockOut: Date | null;
  @Field(() => Int, { description: 'Minutes after the opening hour' }) lateMinutes: number;
  @Field(() => Int, { description: 'Minutes before the closing hour' }) earlyMinutes: number;
  @Field(() => GraphQLDecimal, { description: 'Absent: 0, 0.5 or 1 day' }) absent: string;
  @Field({ description: 'On approved leave: neither absent nor deducted' }) leave: boolean;
  @Field(() => GraphQLDecimal, { description: 'Deducted for the day' }) deduction: string;
}

@ObjectType('AttendanceStatement', { description: "A person's month of attendance (月度考勤)" })
export class AttendanceStatement {
  @Field(() => ID, { description: 'The person' }) personId: string;
  @Field(() => ID, { description: 'Their branch' }) branchId: string;
  @Field({ description: 'The month, e.g. 2026-11' }) month: string;
  @Field(() => Int, { description: 'Working days counted so far (up to yesterday, or today once clocked out)' })
  workingDays: number;
  @Field(() => Int, { description: 'Days not wholly absent' }) daysPresent: number;
  @Field(() => Int, { description: 'Late arrivals' }) lates: number;
  @Field(() => Int, { description: 'Early leaves' }) earlyLeaves: number;
  @Field(() => Int, { description: 'Working days on approved leave' }) leaveDays: number;
  @Field(() => GraphQLDecimal, { description: 'Days absent, in halves' }) absentDays: string;
  @Field(() => GraphQLDecimal, { description: 'Total deducted (the sum of the days)' }) deductions: string;
  @Field({ description: "ISO 4217 currency of the deductions (the branch's)" }) currency: string;
  @Field({ description: 'More late arrivals than the branch allows in a month' }) warning: boolean;
  @Field(() => [AttendanceDay], { description: 'Each working day counted' }) days: AttendanceDay[];
}
