import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';
import { WorkPlanChangeState, WorkPlanKind, WorkPlanState } from './plan.enums.js';

@Entity('work_plans')
@ObjectType('WorkPlan', { description: "A person's yearly, monthly, weekly or daily work plan (工作计划)" })
export class WorkPlan {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Whose plan' }) personId: string;
  @Column('text') @Field(() => WorkPlanKind, { description: 'Its span' }) kind: WorkPlanKind;
  @Column('text') @Field({ description: 'The period: 2026, 2026-12, 2026-W49 or 2026-12-07' }) period: string;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First day of the period' })
  periodStart: string;
  @Column('text') @Field({ description: 'The title' }) title: string;
  @Column('text') @Field({ description: 'The plan' }) content: string;
  @Column('text', { default: WorkPlanState.DRAFT })
  @Field(() => WorkPlanState, { description: 'Draft or approved' })
  state: WorkPlanState;
  @Column('integer', { default: 1 })
  @Field(() => Int, { description: '1, then one more for each approved change' })
  version: number;
  @Column('uuid', { name: 'approved_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who approved it' })
  approvedBy: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was approved' })
  approvedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was written' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('work_plan_changes')
@ObjectType('WorkPlanChange', { description: 'A change to an approved work plan, for leadership to approve' })
export class WorkPlanChange {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'plan_id' }) @Field(() => ID, { description: 'The plan' }) planId: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: "The plan's owner" }) personId: string;
  @Column('text') @Field({ description: 'The plan as it would read' }) content: string;
  @Column('text') @Field({ description: 'Why' }) reason: string;
  @Column('text', { default: WorkPlanChangeState.PENDING })
  @Field(() => WorkPlanChangeState, { description: 'Where it stands' })
  state: WorkPlanChangeState;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When leadership decided' })
  decidedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was proposed' })
  createdAt: Date;
}

export const WorkPlans = defineTable(WorkPlan, { module: 'performance', noun: 'WorkPlan' });
export const WorkPlanChanges = defineTable(WorkPlanChange, { module: 'performance', noun: 'WorkPlanChange' });
