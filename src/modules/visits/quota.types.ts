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
});

export enum QuotaPeriodKind {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(QuotaPeriodKind, { name: 'QuotaPeriodKind' });

@ObjectType('QuotaAttainment', { description: 'One metric of one representative in the period' })
export class QuotaAttainment {
  @Field(() => QuotaMetric) metric: QuotaMetric;
  @Field(() => Int) actual: number;
  @Field(() => Int, { description: 'The branch’s target for the period' }) target: number;
  @Field() attained: boolean;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'actual / target in percent (1 decimal); null for a 0 target',
  })
  percent: string | null;
}

@ObjectType('RepAttainment', { description: 'A sales representative’s activity quotas in a period' })
export class RepAttainment {
  @Field(() => ID, { description: 'Id of the branch the rep attainment belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID) userId: string;
  @Field() period: string;
  @Field(() => QuotaPeriodKind) periodKind: QuotaPeriodKind;
  @Field(() => GraphQLDate, { description: 'First day (branch time zone)' }) from: string;
  @Field(() => GraphQLDate, { description: 'Last day (branch time zone)' }) to: string;
  @Field(() => [QuotaAttainment]) metrics: QuotaAttainment[];
}

@ObjectType('RepAttainmentConnection', {
  description: 'A page of representatives’ quota attainment, in branch and representative order',
})
export class RepAttainmentConnection extends Connection(RepAttainment, 'RepAttainment') {}

@ObjectType('BranchQuotaMetric', { description: 'One metric over a branch’s representatives' })
export class BranchQuotaMetric {
  @Field(() => QuotaMetric) metric: QuotaMetric;
  @Field(() => Int, { description: 'Sum over the representatives' }) actual: number;
  @Field(() => Int, { description: 'Sum of their targets' }) target: number;
  @Field(() => Int) repsOnTarget: number;
  @Field(() => GraphQLDecimal, { nullable: true }) percent: string | null;
}

@ObjectType('BranchAttainment', { description: 'A branch’s activity quotas in a period, over its representatives' })
export class BranchAttainment {
  @Field(() => ID, { description: 'Id of the branch the branch attainment belongs to (its code and name: branch)' })
  branchId: string;
  @Field() period: string;
  @Field(() => QuotaPeriodKind) periodKind: QuotaPeriodKind;
  @Field(() => Int, { description: 'Sales representatives of the branch' }) reps: number;
  @Field(() => [BranchQuotaMetric]) metrics: BranchQuotaMetric[];
}

@ObjectType('ActivityQuotaSettings', { description: 'A branch’s activity targets per representative' })
export class ActivityQuotaSettings {
  @Field(() => ID, { description: 'Id of the branch the activity quota settings belongs to' }) branchId: string;
  @Field(() => Int) validLeadsPerWeek: number;
  @Field(() => Int) proposalsPerWeek: number;
  @Field(() => Int) effectiveVisitsPerMonth: number;
}

@InputType()
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

@InputType()
export class UpdateActivityQuotaSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) validLeadsPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) proposalsPerWeek?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1000) effectiveVisitsPerMonth?: number;
}
