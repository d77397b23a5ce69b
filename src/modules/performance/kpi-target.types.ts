import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLDecimal } from '@app/graphql';
import { Kpi, KpiMeasure, KpiPeriodKind, KpiRankBy } from './kpi.enums.js';

const PERIOD_HELP = "a month (2026-12), a quarter (2026-Q4) or a year (2026), in the branch's time zone";
const MEASURE_HELP =
  'AMOUNT for the money KPIs (QUOTES_SENT, CONTRACTS_SIGNED, SALES_AMOUNT, GROSS_PROFIT, COLLECTIONS), COUNT otherwise, unless given (never AVERAGE)';

@InputType({ description: "A branch's target for a KPI in a period (head office)" })
export class SetKpiTargetInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it, or narrows with X-Branch-Id)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Kpi, { description: 'The KPI' }) @IsEnum(Kpi) kpi: Kpi;
  @Field(() => KpiMeasure, { nullable: true, description: `What the target counts: ${MEASURE_HELP}` })
  @IsOptional()
  @IsEnum(KpiMeasure)
  measure?: KpiMeasure;
  @Field({ description: `The period: ${PERIOD_HELP}` }) @Length(1, 20) period: string;
  @Field(() => GraphQLDecimal, {
    description: "The target, above zero: an amount (at most 2 decimals, the branch's currency) or a whole count",
  })
  target: string;
}

@InputType({ description: "A person's share of their branch's target (the branch manager)" })
export class SplitKpiTargetInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it); a manager: their own' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Kpi, { description: 'The KPI' }) @IsEnum(Kpi) kpi: Kpi;
  @Field(() => KpiMeasure, { nullable: true, description: `The branch target's measure: ${MEASURE_HELP}` })
  @IsOptional()
  @IsEnum(KpiMeasure)
  measure?: KpiMeasure;
  @Field({ description: `The period of the branch target: ${PERIOD_HELP}` }) @Length(1, 20) period: string;
  @Field(() => ID, { description: 'A person of the branch' })
  @IsUUID('all', { message: 'must be a user id' })
  personId: string;
  @Field(() => GraphQLDecimal, {
    description: "The person's target, 0 or more; all shares together never exceed the branch's target",
  })
  target: string;
}

@InputType({ description: 'Attainment of a KPI against its targets in a period' })
export class KpiAttainmentInput {
  @Field(() => Kpi, { description: 'The KPI' }) @IsEnum(Kpi) kpi: Kpi;
  @Field(() => KpiMeasure, { nullable: true, description: `The targets' measure: ${MEASURE_HELP}` })
  @IsOptional()
  @IsEnum(KpiMeasure)
  measure?: KpiMeasure;
  @Field({ description: `The period: ${PERIOD_HELP}` }) @Length(1, 20) period: string;
  @Field(() => KpiRankBy, { defaultValue: KpiRankBy.BRANCH, description: 'Branches, or people within each branch' })
  @IsOptional()
  @IsEnum(KpiRankBy)
  by?: KpiRankBy;
  @Field(() => ID, { nullable: true, description: 'Only this branch; omit for every branch in scope' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}

@ObjectType('KpiAttainmentLine', { description: 'A branch or a person: actual against target in a period, ranked' })
export class KpiAttainmentLine {
  @Field(() => Int, {
    description: '1 for the highest attainment; no target ranks last; per branch when ranking people',
  })
  rank: number;
  @Field(() => ID, { description: 'The branch (for a person: their branch)' }) branchId: string;
  @Field(() => ID, { nullable: true, description: 'The person; null on a branch line' }) personId: string | null;
  @Field({ description: "The branch's name, or the person's" }) name: string;
  @Field(() => Kpi, { description: 'The KPI' }) kpi: Kpi;
  @Field(() => KpiMeasure, { description: 'Count or amount' }) measure: KpiMeasure;
  @Field({ description: 'The period, e.g. 2026-Q4' }) period: string;
  @Field(() => KpiPeriodKind, { description: 'MONTH, QUARTER or YEAR' }) periodKind: KpiPeriodKind;
  @Field(() => GraphQLDecimal, { description: 'What the rollups hold for the period (count, or amount)' })
  actual: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The target; null when none is set' })
  target: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'On a branch line: the shares of its target split over people so far (null without a target)',
  })
  allocated: string | null;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Actual / target as an exact decimal rounded half up to 4 places (1.0000 = 100 %); null without a target',
  })
  attainment: string | null;
  @Field(() => String, {
    nullable: true,
    description: "ISO 4217 currency of an AMOUNT line (the branch's); null for COUNT",
  })
  currency: string | null;
}
