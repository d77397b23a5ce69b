import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { TenderState } from './tender-state.js';
import './tender.enums.js';

@Entity('tenders')
@ObjectType('Tender', { description: 'A tender (招投标) the branch bids for' })
export class Tender {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the tender belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the tender' }) id: string;
  @Column('text') @Field({ description: 'The project tendered' }) project: string;
  @Column('text') @Field({ description: 'Who issues the tender' }) issuer: string;
  @Column('uuid', { name: 'customer_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Id of the customer (as an object: customer)' })
  customerId: string | null;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('timestamptz', { name: 'submission_deadline' })
  @Field({ description: 'Bids must be in by then; the owner is reminded 7 days, 1 day before and on the day' })
  submissionDeadline: Date;
  @Column('timestamptz', { name: 'opening_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the bids are opened' })
  openingAt: Date | null;
  @Column('text', { name: 'opening_place', nullable: true })
  @Field(() => String, { nullable: true, description: 'Where bids are opened' })
  openingPlace: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Scope of supply' })
  scope: string | null;
  @Column('numeric', { name: 'bid_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Our bid, in currency; required to submit' })
  bidAmount: string | null;
  @Column('character', { length: 3 })
  @Field({ description: 'ISO 4217 currency (the branch currency)' })
  currency: string;
  @Column('numeric', { name: 'deposit_amount', precision: 18, scale: 2, nullable: true })
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  depositAmount: string | null;
  @Column('boolean', { name: 'deposit_returned', default: false })
  @Field({ description: 'The bid deposit came back' })
  depositReturned: boolean;
  @Column('text', { default: 'PREPARING' })
  @Field(() => TenderState, { description: 'Where the tender is' })
  state: TenderState;
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When our bid was submitted; null before' })
  submittedAt: Date | null;
  @Column('text', { name: 'result_notes', nullable: true })
  @Field(() => String, { nullable: true, description: 'The evaluation’s result, or why we withdrew' })
  resultNotes: string | null;
  @Column('text', { name: 'winner_name', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who won, when we lost' })
  winnerName: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The contract a won tender led to' })
  contractId: string | null;
  /** The threshold (days before the deadline's day) of the next reminder; null when none is due. */
  @Column('smallint', { name: 'reminder_days', nullable: true }) reminderDays: number | null;
  @Column('timestamptz', { name: 'next_reminder_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the owner is next reminded of the deadline' })
  nextReminderAt: Date | null;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the tender was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the tender last changed' })
  updatedAt: Date;
}

@Entity('tender_documents')
@ObjectType('TenderDocument', { description: 'A qualification file the bid needs' })
export class TenderDocument {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the tender document' }) id: string;
  @Column('uuid', { name: 'tender_id' }) @Field(() => ID, { description: 'Id of the tender' }) tenderId: string;
  @Column('text') @Field({ description: 'Which document, e.g. Business licence' }) name: string;
  @Column('boolean', { default: true })
  @Field({ description: 'Submitting needs every required document ready' })
  required: boolean;
  @Column('boolean', { default: false }) @Field({ description: 'Ready for the bid' }) ready: boolean;
  @Column('date', { name: 'due_on', nullable: true })
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it must be ready' })
  dueOn: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const Tenders = defineTable(Tender, { module: 'tenders', noun: 'Tender' });
export const TenderDocuments = defineTable(TenderDocument, { module: 'tenders', noun: 'TenderDocument' });
