import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Kpi, KpiMeasure, KpiPeriodKind } from './kpi.enums.js';

@Entity('kpi_targets')
@ObjectType('KpiTarget', {
  description: "A branch's target for a KPI in a month, quarter or year, set by head office (目标)",
})
export class KpiTarget {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the target' }) id: string;
  @Column('text') @Field(() => Kpi, { description: 'The KPI' }) kpi: Kpi;
  @Column('text')
  @Field(() => KpiMeasure, { description: 'What is counted against the target: the count, or the amount' })
  measure: KpiMeasure;
  @Column('text', { name: 'period_kind' })
  @Field(() => KpiPeriodKind, { description: 'MONTH, QUARTER or YEAR' })
  periodKind: KpiPeriodKind;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First day of the period' })
  periodStart: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: "The target: a count, or an amount in the branch's currency" })
  target: string;
  @Column('uuid', { name: 'set_by' }) @Field(() => ID, { description: 'Who set it last' }) setBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it was set last' })
  updatedAt: Date;
}

@Entity('kpi_target_splits')
@ObjectType('KpiTargetSplit', {
  description: "A person's share of their branch's target, set by the branch manager (目标分解)",
})
export class KpiTargetSplit {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the split' }) id: string;
  @Column('uuid', { name: 'target_id' })
  @Field(() => ID, { description: 'The branch target it is a share of' })
  targetId: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Whose share' }) personId: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: "The person's target (0 takes their share back)" })
  target: string;
  @Column('uuid', { name: 'set_by' }) @Field(() => ID, { description: 'Who set it last' }) setBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When it was set last' })
  updatedAt: Date;
}

export const KpiTargets = defineTable(KpiTarget, { module: 'performance', noun: 'KpiTarget' });
export const KpiTargetSplits = defineTable(KpiTargetSplit, { module: 'performance', noun: 'KpiTargetSplit' });
