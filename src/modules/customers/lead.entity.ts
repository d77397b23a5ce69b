import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { LeadContactRole, LeadEventKind, LeadRequirement, LeadScreening, LeadSource, LeadState } from './lead.enums.js';

@Entity('leads')
@ObjectType('Lead', { description: 'A prospective customer, until it is converted into one' })
export class Lead {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the lead belongs to (its code and name: branch)' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the lead' }) id: string;
  @Column('text') @Field(() => LeadSource, { description: 'Where the lead came from' }) source: LeadSource;
  @Column('text') @Field({ description: 'The company the lead is about' }) company: string;
  @Column('text', { name: 'contact_name', nullable: true })
  @Field(() => String, { nullable: true, description: 'The responsible person the lead names' })
  contactName: string | null;
  @Column('text', { name: 'contact_role', nullable: true })
  @Field(() => LeadContactRole, {
    nullable: true,
    description:
      'Role of the person named: a responsible person (manager, supervisor, staff in charge) makes the lead valid',
  })
  contactRole: LeadContactRole | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The person's mobile number" })
  mobile: string | null;
  @Column('text', { name: 'messaging_account', nullable: true })
  @Field(() => String, { nullable: true, description: 'WeChat or another messaging account' })
  messagingAccount: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The person's direct e-mail" })
  email: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The company switchboard (not a direct contact)' })
  switchboard: string | null;
  /** Keys the duplicate check compares (not in the API: the numbers as written are). */
  @Column('text', { name: 'mobile_key', nullable: true }) mobileKey: string | null;
  @Column('text', { name: 'switchboard_key', nullable: true }) switchboardKey: string | null;
  /** Kept by the leads_validity trigger from the columns above. */
  @Column('boolean', { default: false })
  @Field({ description: 'A named responsible person with a direct contact (DOMAIN.md); kept by the database' })
  valid: boolean;
  @Column('text', { array: true, default: '{}' })
  @Field(() => [LeadRequirement], { description: 'Why the lead is not valid: empty when it is' })
  missing: LeadRequirement[];
  @Column('text', { default: 'PENDING' })
  @Field(() => LeadScreening, { description: 'Fit check before first contact' })
  screening: LeadScreening;
  @Column('text', { name: 'screening_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was judged fit or unfit' })
  screeningNote: string | null;
  @Column('timestamptz', { name: 'screened_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was screened; null before' })
  screenedAt: Date | null;
  @Column('uuid', { name: 'screened_by', nullable: true }) screenedById: string | null;
  @Column('text', { default: 'OPEN' })
  @Field(() => LeadState, { description: 'OPEN, or CONVERTED into a customer' })
  state: LeadState;
  @Column('uuid', { name: 'customer_id', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The customer the lead was converted into' })
  customerId: string | null;
  @Column('timestamptz', { name: 'converted_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it became a customer; null before' })
  convertedAt: Date | null;
  @Column('uuid', { name: 'owner_id' })
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' })
  ownerId: string;
  @Column('uuid', { name: 'created_by' })
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' })
  createdById: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  @Field({ description: 'When the lead was recorded' })
  createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  @Field({ description: 'When the lead last changed' })
  updatedAt: Date;
}

@Entity('lead_events')
@ObjectType('LeadEvent', { description: 'One entry of a lead’s timeline; kept after conversion' })
export class LeadEvent {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the lead event' }) id: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('text') @Field(() => LeadEventKind, { description: 'What happened' }) kind: LeadEventKind;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The note or reason given' })
  note: string | null;
  @Column('uuid', { name: 'actor_id' })
  @Field(() => ID, { description: 'Id of the actor (as an object: actor)' })
  actorId: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'clock_timestamp()' })
  @Field({ description: 'When the lead event was recorded' })
  createdAt: Date;
}

export const Leads = defineTable(Lead, { module: 'customers', noun: 'Lead' });
export const LeadEvents = defineTable(LeadEvent, { module: 'customers', noun: 'LeadEvent' });
