import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { ContractState } from './contract-state.js';

export enum InstalmentKind {
  PREPAYMENT = 'PREPAYMENT',
  PROGRESS = 'PROGRESS',
  FINAL = 'FINAL',
}
registerEnumType(InstalmentKind, { name: 'InstalmentKind' });

export enum InstalmentStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  WAIVED = 'WAIVED',
}
registerEnumType(InstalmentStatus, {
  name: 'InstalmentStatus',
  description: 'OVERDUE: the worker marks a PENDING instalment the day after it was due (branch time zone)',
});

export enum MilestoneStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MilestoneStatus, { name: 'MilestoneStatus' });

@ObjectType('ContractInstalment', { description: 'One payment of a contract’s payment schedule' })
export class ContractInstalment {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field(() => InstalmentKind) kind: InstalmentKind;
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' }) dueOn: string;
  @Field(() => GraphQLDecimal) amount: string;
  @Field({ description: 'The contract currency' }) currency: string;
  @Field(() => InstalmentStatus, { deprecationReason: 'Use state: one word for lifecycles across the schema' })
  status: InstalmentStatus;
  @Field(() => GraphQLDate, { nullable: true }) paidOn: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  branchId: string;
}

@ObjectType('ContractMilestone', { description: 'A delivery obligation of a contract' })
export class ContractMilestone {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field() title: string;
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' }) dueOn: string;
  @Field(() => MilestoneStatus, { deprecationReason: 'Use state: one word for lifecycles across the schema' })
  status: MilestoneStatus;
  @Field(() => GraphQLDate, { nullable: true }) doneOn: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  branchId: string;
}

@ObjectType('ContractValueRow', { description: 'Contracts of one branch, state and month, with their total value' })
export class ContractValueRow {
  @Field(() => Branch) branch: Branch;
  @Field(() => ContractState) state: ContractState;
  @Field({ description: 'YYYY-MM of the signing day (of the application day while unsigned), branch time zone' })
  month: string;
  @Field(() => Int) count: number;
  @Field(() => GraphQLDecimal) amount: string;
  @Field() currency: string;
}
