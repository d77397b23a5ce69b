import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';

export enum QuotaMetric {
  VALID_LEADS = 'VALID_LEADS',
  PROPOSALS_SENT = 'PROPOSALS_SENT',
  EFFECTIVE_VISITS = 'EFFECTIVE_VISITS',
}
registerEnumType(QuotaMetric, {
  name: 'QuotaMetric',
  description: 'Valid leads collected and proposals (quotes) sent per ISO week; effective visits per month',
  valuesMap: {
    EFFECTIVE_VISITS: {
      description: 'Effective visits per month (the customer asked after showing interest in a proposal)',
    },
    PROPOSALS_SENT: { description: 'Quotes sent per ISO week' },
    VALID_LEADS: { description: 'Valid leads collected per ISO week' },
  },
});

export enum QuotaPeriodKind {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(QuotaPeriodKind, {
  name: 'QuotaPeriodKind',
  description: 'The length of a quota period',
  valuesMap: {
    MONTH: { description: 'A calendar month, e.g. 2026-11' },
    WEEK: { description: 'An ISO week, e.g. 2026-W48' },
  },
});

@ObjectType('QuotaAttainment', { description: 'One metric of one representative in the period' })
export class QuotaAttainment {
  @Field(() => QuotaMetric, { description: 'Which activity' }) metric: QuotaMetric;
  @Field(() => Int, { description: 'What the representative did in the period' }) actual: number;
  @Field(() => Int, { description: 'The branch’s target for the period' }) target: number;
  @Field({ description: 'Actual reached the target' }) attained: boolean;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Actual / target in percent (1 decimal); null for a 0 target',
  })
  percent: string | null;
}

@ObjectType('RepAttainment', { description: 'A sales representative’s activity quotas in a period' })
export class RepAttainment {
  @Field(() => ID, { description: 'Id of the branch the rep attainment belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the representative (the person: rep)' }) userId: string;
  @Field({ description: 'The period, e.g. 2026-W48 or 2026-11' }) period: string;
  @Field(() => QuotaPeriodKind, { description: 'Week or month' }) periodKind: QuotaPeriodKind;
  @Field(() => GraphQLDate, { description: 'First day (branch time zone)' }) from: string;
  @Field(() => GraphQLDate, { description: 'Last day (branch time zone)' }) to: string;
  @Field(() => [QuotaAttainment], { description: 'One line per metric that applies to the period' })
  metrics: QuotaAttainment[];
}

@ObjectType('RepAttainmentConnection', {
  description: 'A page of representatives’ quota attainment, in branch and representative order',
})
export class RepAttainmentConnection extends Connection(RepAttainment, 'RepAttainment') {}

@ObjectType('BranchQuotaMetric', { description: 'One metric over a branch’s representatives' })
export class BranchQuotaMetric {
  @Field(() => QuotaMetric, { description: 'Which activity' }) metric: QuotaMetric;
  @Field(() => Int, { description: 'Sum over the representatives' }) actual: number;
  @Field(() => Int, { description: 'Sum of their targets' }) target: number;
  @Field(() => Int, { description: 'Representatives who reached their target' }) repsOnTarget: number;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Actual over target of all representatives, in percent (2 decimals); null when the target is 0',
  })
  percent: string | null;
}

@ObjectType('BranchAttainment', { description: 'A branch’s activity quotas in a period, over its representatives' })
export class BranchAttainment {
  @Field(() => ID, { description: 'Id of the branch the branch attainment belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'The period, e.g. 2026-W48 or 2026-11' }) period: string;
  @Field(() => QuotaPeriodKind, { description: 'Week or month' }) periodKind: QuotaPeriodKind;
  @Field(() => Int, { description: 'Sales representatives of the branch' }) reps: number;
  @Field(() => [BranchQuotaMetric], { description: "One line per metric, over the branch's representatives" })
  metrics: BranchQuotaMetric[];
}

@InputType({ description: 'Conditions on quota attainment; all given must hold' })
export class AttainmentFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'One representative' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  userId?: string;
}

@InputType({ description: "A branch's activity targets, 0 to 1000 each; fields left out keep their value" })
export class UpdateActivityQuotaSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Valid leads each representative must collect per ISO week (default 10)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  validLeadsPerWeek?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Proposals (quotes) each representative must send per ISO week (default 10)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  proposalsPerWeek?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Effective visits each representative must make per month (default 6)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  effectiveVisitsPerMonth?: number;
}
