import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { BudgetCategory, ExpenseSource, ExpenseState, ReceptionState } from './budget.enums.js';

@Entity('budgets')
@ObjectType('Budget', { description: "The department's expense budget of one category for a period (部门预算)" })
export class Budget {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'The branch (the department)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the budget' }) id: string;
  @Column('text') @Field(() => BudgetCategory, { description: 'What it pays for' }) category: BudgetCategory;
  @Column('text') @Field({ description: 'Its name, e.g. "Travel 2027 Q1"' }) name: string;
  @Column('date', { name: 'period_start' })
  @Field(() => GraphQLDate, { description: 'First business day of the period' })
  periodStart: string;
  @Column('date', { name: 'period_end' })
  @Field(() => GraphQLDate, { description: 'Last business day of the period' })
  periodEnd: string;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The amount budgeted' })
  amount: string;
  @Column('numeric', { precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Sum of the RECORDED expenses against it' })
  spent: string;
  @Column('numeric', { name: 'approved_overrun', precision: 18, scale: 2, default: 0 })
  @Field(() => GraphQLDecimal, { description: 'Spending above the amount that approvals allowed' })
  approvedOverrun: string;
  @Column('uuid', { name: 'created_by' }) @Field(() => ID, { description: 'Who set it' }) createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was set' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('budget_expenses')
@ObjectType('BudgetExpense', { description: 'An expense against a budget (费用)' })
export class BudgetExpense {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the expense' }) id: string;
  @Column('uuid', { name: 'budget_id' })
  @Field(() => ID, { description: 'The budget it counts against' })
  budgetId: string;
  @Column('text') @Field(() => ExpenseSource, { description: 'Where it came from' }) source: ExpenseSource;
  @Column('uuid', { name: 'source_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The trip or reception it came from' })
  sourceId: string | null;
  @Column('text') @Field({ description: 'What was paid for' }) description: string;
  @Column('numeric', { precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'Amount, in the budget currency' })
  amount: string;
  @Column('date', { name: 'spent_on' })
  @Field(() => GraphQLDate, { description: 'Business day it was spent' })
  spentOn: string;
  @Column('text')
  @Field(() => ExpenseState, { description: 'Whether it counts against the budget' })
  state: ExpenseState;
  @Column('text', { name: 'over_reason', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it needed approval (what it went over)' })
  overReason: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request of an overrun' })
  approvalRequestId: string | null;
  @Column('uuid', { name: 'recorded_by' }) @Field(() => ID, { description: 'Who recorded it' }) recordedById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('customer_receptions')
@ObjectType('CustomerReception', {
  description: 'A visiting customer hosted within the reception standard and a budget set in advance (客户接待)',
})
export class CustomerReception {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the reception' }) id: string;
  @Column('uuid', { name: 'customer_id' }) @Field(() => ID, { description: 'The customer hosted' }) customerId: string;
  @Column('uuid', { name: 'host_id' }) @Field(() => ID, { description: 'Who hosts' }) hostId: string;
  @Column('uuid', { name: 'budget_id' })
  @Field(() => ID, { description: 'The budget it is paid from' })
  budgetId: string;
  @Column('date', { name: 'hosted_on' })
  @Field(() => GraphQLDate, { description: 'Business day of the reception' })
  hostedOn: string;
  @Column('integer') @Field(() => Int, { description: 'Guests hosted' }) guests: number;
  @Column('text') @Field({ description: 'Why the customer visits' }) purpose: string;
  @Column('numeric', { name: 'per_head_ceiling', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The standard per guest when it was planned' })
  perHeadCeiling: string;
  @Column('numeric', { name: 'planned_amount', precision: 18, scale: 2 })
  @Field(() => GraphQLDecimal, { description: 'The budget set in advance (within guests x the standard)' })
  plannedAmount: string;
  @Column('text') @Field(() => ReceptionState, { description: 'Where it stands' }) state: ReceptionState;
  @Column('numeric', { name: 'actual_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'What it cost (once hosted)' })
  actualAmount: string | null;
  @Column('uuid', { name: 'expense_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Its expense against the budget (once hosted)' })
  expenseId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was planned' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('reception_settings')
@ObjectType('ReceptionSettings', { description: "A branch's reception standard (接待标准)" })
export class ReceptionSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @Column('numeric', { name: 'per_head_ceiling', precision: 18, scale: 2, default: 300 })
  @Field(() => GraphQLDecimal, { description: 'The most a reception may cost per guest (default 300)' })
  perHeadCeiling: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Budgets = defineTable(Budget, { module: 'finance', noun: 'Budget' });
export const BudgetExpenses = defineTable(BudgetExpense, { module: 'finance', noun: 'BudgetExpense' });
export const CustomerReceptions = defineTable(CustomerReception, { module: 'finance', noun: 'CustomerReception' });
export const ReceptionSettingsRows = defineTable(ReceptionSettings, { module: 'finance', noun: 'ReceptionSettings' });
