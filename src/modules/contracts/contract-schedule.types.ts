import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { ContractState } from './contract-state.js';

export enum InstalmentKind {
  PREPAYMENT = 'PREPAYMENT',
  PROGRESS = 'PROGRESS',
  FINAL = 'FINAL',
}
registerEnumType(InstalmentKind, {
  name: 'InstalmentKind',
  description: 'What an instalment pays for, by when in the contract it falls due',
  valuesMap: {
    FINAL: { description: 'Final payment after acceptance' },
    PREPAYMENT: { description: 'Prepayment before work starts' },
    PROGRESS: { description: 'Progress payment during performance' },
  },
});

export enum InstalmentStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  WAIVED = 'WAIVED',
}
registerEnumType(InstalmentStatus, {
  name: 'InstalmentStatus',
  description: 'OVERDUE: the worker marks a PENDING instalment the day after it was due (branch time zone)',
  valuesMap: {
    OVERDUE: { description: 'Not paid by its due day (set by the worker the day after)' },
    PAID: { description: 'Paid (paidOn says when)' },
    PENDING: { description: 'Due on dueOn, not paid yet' },
    WAIVED: { description: 'Will not be collected; no longer counts against the contract amount' },
  },
});

export enum MilestoneStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'Where a delivery milestone stands',
  valuesMap: {
    CANCELLED: { description: 'No longer needed' },
    DONE: { description: 'Done (doneOn says when)' },
    OVERDUE: { description: 'Not done by its due day (set by the worker the day after)' },
    PENDING: { description: 'Open, due on dueOn' },
  },
});

@ObjectType('ContractInstalment', { description: 'One payment of a contract’s payment schedule' })
export class ContractInstalment {
  @Field(() => ID, { description: 'Stable id of the contract instalment' }) id: string;
  @Field(() => ID, { description: 'Id of the contract the instalment belongs to' }) contractId: string;
  @Field(() => InstalmentKind, {
    description: 'Prepayment before work starts, progress payment, or final payment after acceptance',
  })
  kind: InstalmentKind;
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' }) dueOn: string;
  @Field(() => GraphQLDecimal, {
    description:
      'Amount due, in the contract currency; all instalments not waived add up to at most the contract amount',
  })
  amount: string;
  @Field({ description: 'The contract currency' }) currency: string;
  @Field(() => InstalmentStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: InstalmentStatus;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day the payment arrived; null until paid' })
  paidOn: string | null;
  @Field({ description: 'When the contract instalment was recorded' }) createdAt: Date;
  @Field({ description: 'When the contract instalment last changed' }) updatedAt: Date;
  branchId: string;
}

@ObjectType('ContractMilestone', { description: 'A delivery obligation of a contract' })
export class ContractMilestone {
  @Field(() => ID, { description: 'Stable id of the contract milestone' }) id: string;
  @Field(() => ID, { description: 'Id of the contract the milestone belongs to' }) contractId: string;
  @Field({ description: 'What is to be delivered or achieved, e.g. Installation complete' }) title: string;
  @Field(() => GraphQLDate, { description: 'Business day in the branch time zone' }) dueOn: string;
  @Field(() => MilestoneStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: MilestoneStatus;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it was done; null until done' }) doneOn:
    string | null;
  @Field({ description: 'When the contract milestone was recorded' }) createdAt: Date;
  @Field({ description: 'When the contract milestone last changed' }) updatedAt: Date;
  branchId: string;
}

@ObjectType('ContractValueRow', { description: 'Contracts of one branch, state and month, with their total value' })
export class ContractValueRow {
  @Field(() => Branch, { description: 'The branch counted' }) branch: Branch;
  @Field(() => ContractState, { description: "The contracts' current state" }) state: ContractState;
  @Field({ description: 'YYYY-MM of the signing day (of the application day while unsigned), branch time zone' })
  month: string;
  @Field(() => Int, { description: 'How many contracts' }) count: number;
  @Field(() => GraphQLDecimal, { description: "Sum of the contracts' amounts, in currency" }) amount: string;
  @Field({ description: 'ISO 4217 currency of amount (the branch currency)' }) currency: string;
}
