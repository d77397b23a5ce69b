import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { BadUserInputError, addDays } from '@app/core';
import { GraphQLDate } from './scalars.js';

/** The longest period a head-office figure covers, in days. */
export const MAX_PERIOD_DAYS = 366;

/** A period of business days, read in each branch's own time zone, and optionally one branch. */
@InputType({
  description: 'A period of business days (each branch’s own time zone), and optionally one branch',
})
export class BranchPeriodInput {
  @Field(() => GraphQLDate, { description: 'First business day, inclusive' }) from: string;
  @Field(() => GraphQLDate, { description: `Last business day, inclusive; at most ${MAX_PERIOD_DAYS} days after from` })
  to: string;
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch (branch staff see their own)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

/** Refuses a period that ends before it starts or is longer than MAX_PERIOD_DAYS, naming `to`. */
export function checkPeriod(input: { from: string; to: string }, field = 'to'): void {
  if (input.to < input.from) throw BadUserInputError.field(field, 'must not be before from');
  if (addDays(input.from, MAX_PERIOD_DAYS) <= input.to) {
    throw BadUserInputError.field(field, `the period is at most ${MAX_PERIOD_DAYS} days`);
  }
}

/**
 * SQL: `column` (an instant) falls on a business day from `from` to `to` (date placeholders) in the time zone
 * `zone` (an SQL expression, e.g. a joined scope_branches' time_zone): two bounds, so an index range.
 */
export const inPeriodSql = (column: string, from: string, to: string, zone: string): string =>
  `${column} >= ${from}::timestamp AT TIME ZONE ${zone} AND ${column} < (${to} + 1)::timestamp AT TIME ZONE ${zone}`;
