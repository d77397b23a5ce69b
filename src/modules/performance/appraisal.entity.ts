import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Kpi } from './kpi.enums.js';
import { AppraisalCycleKind, AppraisalOutcome, AppraisalState } from './appraisal.enums.js';

const LIST = { from: (v: unknown) => v ?? [], to: (v: unknown) => v };

@Entity('appraisal_settings')
@ObjectType('AppraisalSettings', {
  description: "A branch's appraisal dimension weights in percent, summing to 100 (考核权重)",
})
export class AppraisalSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @Column('numeric', { name: 'results_weight', precision: 5, scale: 2, default: 60 })
  @Field(() => GraphQLDecimal, { description: 'Results (sales, market expansion, satisfaction), default 60' })
  resultsWeight: string;
  @Column('numeric', { name: 'attitude_weight', precision: 5, scale: 2, default: 20 })
  @Field(() => GraphQLDecimal, { description: 'Attitude (responsibility, initiative, execution), default 20' })
  attitudeWeight: string;
  @Column('numeric', { name: 'teamwork_weight', precision: 5, scale: 2, default: 20 })
  @Field(() => GraphQLDecimal, { description: 'Teamwork, default 20' })
  teamworkWeight: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('appraisal_cycles')
@ObjectType('AppraisalCycle', { description: "A month's or a year's appraisal round of a branch" })
export class AppraisalCycle {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('text') @Field(() => AppraisalCycleKind, { description: 'Monthly or annual' }) kind: AppraisalCycleKind;
  @Column('text') @Field({ description: 'The period appraised: 2026-11 or 2026' }) period: string;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First day of the period' })
  periodStart: string;
  @Column('date', { name: 'period_end' })
  @Field(() => GraphQLDate, { description: 'The day after the period' })
  periodEnd: string;
  @Column('date', { name: 'opened_on' })
  @Field(() => GraphQLDate, { description: "The branch's day the worker opened it" })
  openedOn: string;
  @Column('numeric', { name: 'results_weight', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Results weight, as the branch had it when the cycle opened' })
  resultsWeight: string;
  @Column('numeric', { name: 'attitude_weight', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Attitude weight, as the branch had it when the cycle opened' })
  attitudeWeight: string;
  @Column('numeric', { name: 'teamwork_weight', precision: 5, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Teamwork weight, as the branch had it when the cycle opened' })
  teamworkWeight: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was opened' })
  createdAt: Date;
}

@ObjectType('AppraisalKpiResult', { description: 'A KPI of the person in the appraised period, from the rollups' })
export class AppraisalKpiResult {
  @Field(() => Kpi, { description: 'The KPI' }) kpi: Kpi;
  @Field(() => Int, { description: 'How many' }) count: number;
  @Field(() => GraphQLDecimal, { description: 'The amount, where the KPI has one (branch currency)' }) amount: string;
}

@Entity('appraisals')
@ObjectType('Appraisal', { description: "One person's appraisal in a cycle (绩效考核)" })
export class Appraisal {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'cycle_id' }) @Field(() => ID, { description: 'The cycle' }) cycleId: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Who is appraised' }) personId: string;
  @Column('text', { name: 'person_role' })
  @Field({ description: 'Their role when the cycle opened (a branch manager is scored by head office)' })
  personRole: string;
  @Column('text', { default: AppraisalState.SELF_ASSESSMENT })
  @Field(() => AppraisalState, { description: 'Where it stands' })
  state: AppraisalState;
  @Column('text', { name: 'self_assessment', nullable: true })
  @Field(() => String, { nullable: true, description: 'The self-assessment (自评)' })
  selfAssessment: string | null;
  @Column('timestamptz', { name: 'self_assessed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was handed in' })
  selfAssessedAt: Date | null;
  @Column('numeric', { name: 'results_score', precision: 5, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: "The head's score for results, 0 to 100" })
  resultsScore: string | null;
  @Column('numeric', { name: 'attitude_score', precision: 5, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: "The head's score for attitude, 0 to 100" })
  attitudeScore: string | null;
  @Column('numeric', { name: 'teamwork_score', precision: 5, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: "The head's score for teamwork, 0 to 100" })
  teamworkScore: string | null;
  @Column('numeric', { name: 'total_score', precision: 9, scale: 6, nullable: true })
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: "The weighted sum of the scores with the cycle's weights, exact (up to 6 decimals)",
  })
  totalScore: string | null;
  @Column('text', { name: 'head_comment', nullable: true })
  @Field(() => String, { nullable: true, description: "The head's comments" })
  headComment: string | null;
  @Column('uuid', { name: 'scored_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who scored' })
  scoredBy: string | null;
  @Column('timestamptz', { name: 'scored_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was scored' })
  scoredAt: Date | null;
  @Column('jsonb', { name: 'kpi_results', default: () => `'[]'`, transformer: LIST })
  @Field(() => [AppraisalKpiResult], {
    description: "The person's KPIs in the period from the rollups, refreshed at each step until HR's check",
  })
  kpiResults: AppraisalKpiResult[];
  @Column('text', { nullable: true })
  @Field(() => AppraisalOutcome, { nullable: true, description: 'The outcome HR recorded' })
  outcome: AppraisalOutcome | null;
  @Column('text', { name: 'hr_note', nullable: true })
  @Field(() => String, { nullable: true, description: "HR's note on the check" })
  hrNote: string | null;
  @Column('uuid', { name: 'checked_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who checked for HR' })
  checkedBy: string | null;
  @Column('timestamptz', { name: 'checked_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When HR checked' })
  checkedAt: Date | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: "Leadership's approval request" })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When leadership approved' })
  approvedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was opened' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** When the worker next looks at a branch's cycles. */
@Entity('appraisal_due')
export class AppraisalDue {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('timestamptz', { name: 'due_at', default: () => 'now()' }) dueAt: Date;
}

export const AppraisalSettingsTable = defineTable(AppraisalSettings, {
  module: 'performance',
  noun: 'AppraisalSettings',
});
export const AppraisalCycles = defineTable(AppraisalCycle, { module: 'performance', noun: 'AppraisalCycle' });
export const Appraisals = defineTable(Appraisal, { module: 'performance', noun: 'Appraisal' });
export const AppraisalsDue = defineTable(AppraisalDue, { module: 'performance', noun: 'AppraisalDue' });
