import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate } from '@app/graphql';

export enum LeaveKind {
  ANNUAL = 'ANNUAL',
  SICK = 'SICK',
  PERSONAL = 'PERSONAL',
}

export enum LeaveState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(LeaveKind, {
  name: 'LeaveKind',
  description: 'A kind of leave with its own balance',
  valuesMap: {
    ANNUAL: { description: 'Annual leave (年假)' },
    SICK: { description: 'Sick leave (病假)' },
    PERSONAL: { description: 'Personal leave (事假)' },
  },
});
registerEnumType(LeaveState, {
  name: 'LeaveState',
  description: 'Where a leave request stands',
  valuesMap: {
    PENDING: { description: 'Waiting for approval; its days are held on the balance' },
    APPROVED: { description: 'Approved: its days are taken' },
    REJECTED: { description: 'Refused (or returned): its days are free again' },
  },
});

@Entity('leave_balances')
@ObjectType('LeaveBalance', { description: "A person's leave of one kind in a year (假期余额)" })
export class LeaveBalance {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Whose' }) personId: string;
  @Column('integer') @Field(() => Int, { description: 'The year' }) year: number;
  @Column('text') @Field(() => LeaveKind, { description: 'The kind of leave' }) kind: LeaveKind;
  @Column('integer') @Field(() => Int, { description: 'Working days granted for the year' }) entitled: number;
  @Column('integer', { default: 0 }) @Field(() => Int, { description: 'Days of approved leave' }) taken: number;
  @Column('integer', { default: 0 }) @Field(() => Int, { description: 'Days held by pending requests' }) held: number;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('leave_requests')
@ObjectType('LeaveRequest', { description: 'Leave asked for in advance, decided by the approval engine (请假)' })
export class LeaveRequest {
  @PrimaryColumn('uuid', { name: 'branch_id' }) @Field(() => ID, { description: 'The branch' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id' }) id: string;
  @Column('uuid', { name: 'person_id' }) @Field(() => ID, { description: 'Whose' }) personId: string;
  @Column('uuid', { name: 'balance_id' }) balanceId: string;
  @Column('text') @Field(() => LeaveKind, { description: 'The kind of leave' }) kind: LeaveKind;
  @Column('date', { name: 'first_day' }) @Field(() => GraphQLDate, { description: 'First day off' }) firstDay: string;
  @Column('date', { name: 'last_day' }) @Field(() => GraphQLDate, { description: 'Last day off' }) lastDay: string;
  @Column('integer') @Field(() => Int, { description: 'Working days it takes' }) days: number;
  @Column('text') @Field(() => LeaveState, { description: 'Where it stands' }) state: LeaveState;
  @Column('text', { nullable: true }) @Field(() => String, { nullable: true, description: 'Why' }) note: string | null;
  @Column('uuid', { name: 'approval_request_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The approval request' })
  approvalRequestId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When it was asked for' })
  createdAt: Date;
}

export const LeaveBalances = defineTable(LeaveBalance, { module: 'performance', noun: 'LeaveBalance' });
export const LeaveRequests = defineTable(LeaveRequest, { module: 'performance', noun: 'LeaveRequest' });
