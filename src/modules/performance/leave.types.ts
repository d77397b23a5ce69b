import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLDate } from '@app/graphql';
import { LeaveKind } from './leave.entity.js';

@InputType({ description: "A person's leave of one kind for a year (the branch manager, or head office)" })
export class SetLeaveEntitlementInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'A person of the branch' })
  @IsUUID('all', { message: 'must be a user id' })
  personId: string;
  @Field(() => Int, { description: 'The year, 1900 to 2200' }) @IsInt() @Min(1900) @Max(2200) year: number;
  @Field(() => LeaveKind, { description: 'The kind of leave' }) @IsEnum(LeaveKind) kind: LeaveKind;
  @Field(() => Int, { description: 'Working days granted, 0 to 366; never below what is taken and held' })
  @IsInt()
  @Min(0)
  @Max(366)
  entitled: number;
}

@InputType({ description: 'Leave for yourself, asked for in advance' })
export class RequestLeaveInput {
  @Field(() => LeaveKind, { description: 'The kind of leave' }) @IsEnum(LeaveKind) kind: LeaveKind;
  @Field(() => GraphQLDate, { description: 'First day off, after today (the branch’s day)' }) firstDay: string;
  @Field(() => GraphQLDate, { description: 'Last day off, in the same year, at most 60 days after the first' })
  lastDay: string;
  @Field(() => String, { nullable: true, description: 'Why, for the approver (up to 500 characters)' })
  @IsOptional()
  @Length(0, 500)
  note?: string;
}
