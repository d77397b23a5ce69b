import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { ComplaintState } from './complaint-state.js';
import { ComplaintAction, ComplaintCategory, ComplaintChannel, ComplaintSeverity } from './complaint.enums.js';

/** Unanswered and past its deadline, in SQL (the row alias optional). */
export const OVERDUE_SQL = (t = '') => `(${t}state = 'RECEIVED' AND ${t}response_due_at <= now())`;

@Entity('complaint_settings')
@ObjectType('ComplaintSettings', { description: 'A branch’s complaint rules: the response window per severity' })
export class ComplaintSettings {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the complaint settings belongs to' })
  branchId: string;
  @Column('integer', { name: 'critical_hours', default: 4 })
  @Field(() => Int, { description: 'Response window for CRITICAL complaints, in hours (default 4)' })
  criticalHours: number;
  @Column('integer', { name: 'high_hours', default: 24 })
  @Field(() => Int, { description: 'Response window for HIGH complaints, in hours (default 24)' })
  highHours: number;
  @Column('integer', { name: 'medium_hours', default: 72 })
  @Field(() => Int, { description: 'Response window for MEDIUM complaints, in hours (default 72)' })
  mediumHours: number;
  @Column('integer', { name: 'low_hours', default: 120 })
  @Field(() => Int, { description: 'Response window for LOW complaints, in hours (default 120)' })
  lowHours: number;
  @Column('boolean', { name: 'working_time', default: false })
  @Field({ description: 'Count the hours in the branch’s working time (approval calendar) instead of the clock' })
  workingTime: boolean;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('complaints')
@ObjectType('Complaint', { description: 'A customer complaint (客户投诉)' })
export class Complaint {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the complaint belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the complaint' }) id: string;
  @Column('uuid', { name: 'customer_id' })
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' })
  customerId: string;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Who handles it; a sales rep sees the complaints they own' })
  ownerId: string;
  @Column('text')
  @Field(() => ComplaintChannel, { description: 'How the complaint came in' })
  channel: ComplaintChannel;
  @Column('text')
  @Field(() => ComplaintCategory, { description: 'What the complaint is about' })
  category: ComplaintCategory;
  @Column('text')
  @Field(() => ComplaintSeverity, { description: 'How serious: sets the response window' })
  severity: ComplaintSeverity;
  @Column('text') @Field({ description: "The customer's complaint, in their words" }) description: string;
  @Column('text', { default: 'RECEIVED' })
  @Field(() => ComplaintState, { description: 'Where the complaint is in its handling' })
  state: ComplaintState;
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  @Field({ description: 'When it was taken in; the response deadline counts from here' })
  receivedAt: Date;
  @Column('integer', { name: 'response_hours' })
  @Field(() => Int, { description: 'The response window the complaint was received under, in hours' })
  responseHours: number;
  @Column('boolean', { name: 'working_time' })
  @Field({ description: 'Whether those hours count only the branch’s working time (its approval calendar)' })
  workingTime: boolean;
  @Column('timestamptz', { name: 'response_due_at' })
  @Field({ description: 'By when the investigation must start (the response), from the severity' })
  responseDueAt: Date;
  @Column('timestamptz', { name: 'responded_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the investigation started' })
  respondedAt: Date | null;
  @VirtualColumn('boolean', { query: (t) => OVERDUE_SQL(`${t}.`) })
  @Field({ description: 'Not yet responded to and past its response deadline' })
  overdue: boolean;
  @Column('text', { name: 'root_cause', nullable: true })
  @Field(() => String, { nullable: true, description: 'The root cause found by the investigation' })
  rootCause: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What was done to fix it; null until RESOLVED' })
  resolution: string | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null before' })
  resolvedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer confirmed the fix' })
  closedAt: Date | null;
  @Column('smallint', { name: 'escalation_level', default: 0 })
  @Field(() => Int, { description: '0 none, 1 the branch manager, 2 head office' })
  escalationLevel: number;
  @Column('timestamptz', { name: 'next_escalation_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the next escalation falls due (only while RECEIVED)' })
  nextEscalationAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the complaint was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the complaint last changed' })
  updatedAt: Date;
}

@Entity('complaint_events')
@ObjectType('ComplaintEvent', { description: 'One move on a complaint’s timeline' })
export class ComplaintEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the complaint event' }) id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @Column('text') @Field(() => ComplaintAction, { description: 'What happened' }) action: ComplaintAction;
  @Column('text', { name: 'from_state', nullable: true })
  @Field(() => ComplaintState, { nullable: true, description: 'State before; null for the intake' })
  fromState: ComplaintState | null;
  @Column('text', { name: 'to_state' })
  @Field(() => ComplaintState, { description: 'State after' })
  toState: ComplaintState;
  @Column('smallint', { nullable: true })
  @Field(() => Int, { nullable: true, description: 'The escalation level (ESCALATED only)' })
  level: number | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Note given with it' })
  note: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who made the move; null for the worker' })
  actorId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) @Field({ description: 'When it happened' }) at: Date;
  /** Insertion order within the same instant (timeline order: at, seq). */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
}

export const ComplaintSettingsTable = defineTable(ComplaintSettings, {
  module: 'complaints',
  noun: 'ComplaintSettings',
});
export const Complaints = defineTable(Complaint, { module: 'complaints', noun: 'Complaint' });
export const ComplaintEvents = defineTable(ComplaintEvent, { module: 'complaints', noun: 'ComplaintEvent' });
