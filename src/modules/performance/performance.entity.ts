import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Kpi, KpiPeriodKind } from './kpi.enums.js';

/** One counted event: the processed-events ledger (its key makes an event count once) and the recompute's source. */
@Entity('kpi_events')
export class KpiEventRecord {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') kpi: Kpi;
  @PrimaryColumn('uuid', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('date') day: string;
  @Column('numeric', { precision: 18, scale: 2, nullable: true }) amount: string | null;
  /** What it adds to the count: 1; -1 takes one back (a reversal); 0 corrects the amount only (a revised score). */
  @Column('smallint', { default: 1 }) n: number;
  /** The outbox row (job) that brought it. */
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

/**
 * A correction (a return, a credit note) of a sale that has not counted yet: it counts when the sale does (the
 * record `ofId`'s event of the same KPI), for the person that counted for, on the later of the two days.
 */
@Entity('kpi_waiting')
export class KpiWaitingEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') kpi: Kpi;
  @PrimaryColumn('uuid', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'of_id' }) ofId: string;
  @Column('date') day: string;
  @Column('numeric', { precision: 18, scale: 2, nullable: true }) amount: string | null;
  @Column('smallint') n: number;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

/** A KPI of one person in one period (day, ISO week, month, quarter, year); branch figures are their sums. */
@Entity('kpi_rollups')
export class KpiRollup {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') kpi: Kpi;
  @PrimaryColumn('text', { name: 'period_kind' }) periodKind: KpiPeriodKind;
  @PrimaryColumn('date', { name: 'period_start' }) periodStart: string;
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;
  @Column('integer') count: number;
  @Column('numeric', { precision: 18, scale: 2, default: 0 }) amount: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * A KPI of one branch in one period of a week or longer: the sum of its people's kpi_rollups lines, written in the
 * same statement as theirs, so head office reads one line per branch (no DAY lines: see BRANCH_PERIOD_KINDS).
 */
@Entity('kpi_branch_rollups')
export class KpiBranchRollup {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('text') kpi: Kpi;
  @PrimaryColumn('text', { name: 'period_kind' }) periodKind: KpiPeriodKind;
  @PrimaryColumn('date', { name: 'period_start' }) periodStart: string;
  @Column('integer') count: number;
  @Column('numeric', { precision: 18, scale: 2, default: 0 }) amount: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('kpi_checks')
@ObjectType('KpiCheck', { description: 'The last recompute of a KPI for a period in a branch, and what it found' })
export class KpiCheck {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'The branch checked' })
  branchId: string;
  @PrimaryColumn('text') @Field(() => Kpi, { description: 'The KPI checked' }) kpi: Kpi;
  @PrimaryColumn('text', { name: 'period_kind' })
  @Field(() => KpiPeriodKind, { description: 'The kind of period checked' })
  periodKind: KpiPeriodKind;
  @PrimaryColumn('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First day of the period checked' })
  periodStart: string;
  @Column('timestamptz', { name: 'checked_at', default: () => 'now()' })
  @Field({ description: 'When the rollups were last rebuilt from the events and compared' })
  checkedAt: Date;
  @Column('integer', { default: 0 })
  @Field(() => Int, {
    description: 'Rollup lines that differed from the rebuild at that check (repaired); 0 is the goal',
  })
  differences: number;
}

@Entity('kpi_differences')
@ObjectType('KpiDifference', {
  description: 'A rollup line the recompute found different from the events (and repaired)',
})
export class KpiDifference {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the finding' }) id: string;
  @Column('text') @Field(() => Kpi, { description: 'The KPI' }) kpi: Kpi;
  @Column('text', { name: 'period_kind' })
  @Field(() => KpiPeriodKind, { description: 'The kind of period' })
  periodKind: KpiPeriodKind;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First day of the period' })
  periodStart: string;
  @Column('uuid', { name: 'person_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: "Whose line it was; none for the branch's own line (week or longer)",
  })
  personId: string | null;
  @Column('integer', { name: 'expected_count' })
  @Field(() => Int, { description: 'The count rebuilt from the events' })
  expectedCount: number;
  @Column('numeric', { name: 'expected_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The amount rebuilt from the events' })
  expectedAmount: string;
  @Column('integer', { name: 'found_count' })
  @Field(() => Int, { description: 'The count the rollup held' })
  foundCount: number;
  @Column('numeric', { name: 'found_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The amount the rollup held' })
  foundAmount: string;
  @Column('timestamptz', { name: 'found_at', default: () => 'now()' })
  @Field({ description: 'When the recompute found it' })
  foundAt: Date;
}

/** When a branch's recent periods are rebuilt and compared next (the recompute scan claims due rows). */
@Entity('kpi_check_due')
export class KpiCheckDue {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @Column('timestamptz', { name: 'due_at', default: () => 'now()' }) dueAt: Date;
}

export const KpiEvents = defineTable(KpiEventRecord, { module: 'performance', noun: 'KpiEvent' });
export const KpiWaitingEvents = defineTable(KpiWaitingEvent, { module: 'performance', noun: 'KpiWaitingEvent' });
export const KpiRollups = defineTable(KpiRollup, { module: 'performance', noun: 'KpiRollup' });
export const KpiBranchRollups = defineTable(KpiBranchRollup, { module: 'performance', noun: 'KpiBranchRollup' });
export const KpiChecks = defineTable(KpiCheck, { module: 'performance', noun: 'KpiCheck' });
export const KpiDifferences = defineTable(KpiDifference, { module: 'performance', noun: 'KpiDifference' });
export const KpiChecksDue = defineTable(KpiCheckDue, { module: 'performance', noun: 'KpiCheckDue' });
