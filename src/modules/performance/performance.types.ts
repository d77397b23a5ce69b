import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Kpi, KpiMeasure, KpiPeriodKind, KpiRankBy } from './kpi.enums.js';

const PERIOD_HELP =
  "2026-12-07 (day), 2026-W49 (ISO week), 2026-12 (month), 2026-Q4 or 2026, in the branch's time zone";

@InputType({ description: 'Which KPI, period and population to rank' })
export class KpiRankingInput {
  @Field(() => Kpi, { description: 'The KPI' }) @IsEnum(Kpi) kpi: Kpi;
  @Field({ description: `The period: ${PERIOD_HELP}` }) @Length(1, 20) period: string;
  @Field(() => KpiRankBy, { defaultValue: KpiRankBy.BRANCH, description: 'Branches, or people within each branch' })
  @IsOptional()
  @IsEnum(KpiRankBy)
  by?: KpiRankBy;
  @Field(() => KpiMeasure, {
    defaultValue: KpiMeasure.COUNT,
    description: 'Order by count, amount (money KPIs) or average (KPIs with an amount, e.g. SATISFACTION)',
  })
  @IsOptional()
  @IsEnum(KpiMeasure)
  measure?: KpiMeasure;
  @Field(() => ID, { nullable: true, description: 'Only this branch (people of one branch); omit for all in scope' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@InputType({ description: 'A KPI over the last periods up to one' })
export class KpiTrendInput {
  @Field(() => Kpi, { description: 'The KPI' }) @IsEnum(Kpi) kpi: Kpi;
  @Field({ description: `The last period of the trend: ${PERIOD_HELP}` }) @Length(1, 20) period: string;
  @Field(() => Int, { defaultValue: 12, description: 'How many periods, 1 to 60, ending with `period`' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  periods?: number;
  @Field(() => ID, { nullable: true, description: 'Only this branch; omit for every branch in scope together' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => KpiMeasure, {
    defaultValue: KpiMeasure.COUNT,
    description: 'The measure the growth rates compare: COUNT, AMOUNT (money KPIs) or AVERAGE (KPIs with an amount)',
  })
  @IsOptional()
  @IsEnum(KpiMeasure)
  measure?: KpiMeasure;
  @Field(() => ID, { nullable: true, description: 'Only this person (a sales rep: only themselves)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  personId?: string;
}

@ObjectType('KpiRankingLine', { description: 'A branch or a person with their KPI figure and rank in a period' })
export class KpiRankingLine {
  @Field(() => Int, { description: '1 for the best; equal figures share a rank (per branch when ranking people)' })
  rank: number;
  @Field(() => ID, { description: 'The branch (for a person: their branch)' }) branchId: string;
  @Field(() => ID, { nullable: true, description: 'The person; null on a branch line' }) personId: string | null;
  @Field({ description: "The branch's name, or the person's" }) name: string;
  @Field(() => Kpi, { description: 'The KPI' }) kpi: Kpi;
  @Field({ description: 'The period, as given' }) period: string;
  @Field(() => KpiPeriodKind, { description: 'The kind of period' }) periodKind: KpiPeriodKind;
  @Field(() => KpiMeasure, { description: 'The measure ranked and compared by the growth rates' })
  measure: KpiMeasure;
  @Field(() => Int, { description: 'How many in the period (collections: applications less reversals)' })
  count: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The money (null for KPIs without an amount)' })
  amount: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Amount per item, half-up to 2 decimals: the average score for SATISFACTION (its sum of scores over their ' +
      'count), the average amount for money KPIs; null for KPIs without an amount or with nothing counted',
  })
  average: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Growth of the measure on the period before, in percent (2 decimals, half-up): (this - before) / |before| x 100; ' +
      'null when the period before is zero or has nothing',
  })
  growthOnPrevious: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Growth of the measure on the same period a year before (same day, ISO week number, month, quarter or year), ' +
      'in percent (2 decimals, half-up); null when that period is zero, has nothing or does not exist (29 February, week 53)',
  })
  growthOnLastYear: string | null;
  @Field({ description: "ISO 4217 currency of the amount (the branch's)" }) currency: string;
}

@ObjectType('KpiTrendPoint', { description: 'A KPI in one period of a trend' })
export class KpiTrendPoint {
  @Field({ description: 'The period, e.g. 2026-W49' }) period: string;
  @Field(() => KpiPeriodKind, { description: 'The kind of period' }) periodKind: KpiPeriodKind;
  @Field(() => GraphQLDate, { description: 'First day' }) from: string;
  @Field(() => GraphQLDate, { description: 'Last day' }) to: string;
  @Field(() => KpiMeasure, { description: 'The measure ranked and compared by the growth rates' })
  measure: KpiMeasure;
  @Field(() => Int, { description: 'How many in the period (collections: applications less reversals)' })
  count: number;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The money (null for KPIs without an amount)' })
  amount: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Amount per item, half-up to 2 decimals: the average score for SATISFACTION (its sum of scores over their ' +
      'count), the average amount for money KPIs; null for KPIs without an amount or with nothing counted',
  })
  average: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Growth of the measure on the period before, in percent (2 decimals, half-up): (this - before) / |before| x 100; ' +
      'null when the period before is zero or has nothing',
  })
  growthOnPrevious: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Growth of the measure on the same period a year before (same day, ISO week number, month, quarter or year), ' +
      'in percent (2 decimals, half-up); null when that period is zero, has nothing or does not exist (29 February, week 53)',
  })
  growthOnLastYear: string | null;
}
