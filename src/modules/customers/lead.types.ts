import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { Customer } from './customer.types.js';

export enum LeadSource {
  RESEARCH = 'RESEARCH',
  TRADE_SHOW = 'TRADE_SHOW',
  REFERRAL = 'REFERRAL',
  WEB = 'WEB',
  PARTNER = 'PARTNER',
}
registerEnumType(LeadSource, { name: 'LeadSource', description: 'Where the lead came from' });

export enum LeadContactRole {
  MANAGER = 'MANAGER',
  SUPERVISOR = 'SUPERVISOR',
  STAFF_IN_CHARGE = 'STAFF_IN_CHARGE',
  OTHER = 'OTHER',
}
registerEnumType(LeadContactRole, {
  name: 'LeadContactRole',
  description: 'What the named person is at the company; OTHER (a receptionist, say) is not a responsible person',
});

export enum LeadScreening {
  PENDING = 'PENDING',
  FIT = 'FIT',
  UNFIT = 'UNFIT',
}
registerEnumType(LeadScreening, { name: 'LeadScreening', description: 'Screened for fit before first contact' });

export enum LeadState {
  OPEN = 'OPEN',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadState, { name: 'LeadState' });

export enum LeadRequirement {
  CONTACT_NAME = 'CONTACT_NAME',
  RESPONSIBLE_ROLE = 'RESPONSIBLE_ROLE',
  DIRECT_CONTACT = 'DIRECT_CONTACT',
}
registerEnumType(LeadRequirement, {
  name: 'LeadRequirement',
  description:
    'What a valid lead needs: a named person (CONTACT_NAME) who is a manager, supervisor or staff in charge ' +
    '(RESPONSIBLE_ROLE), reachable directly by mobile, messaging account or e-mail (DIRECT_CONTACT; a ' +
    'switchboard number is not one)',
});

export enum LeadMatch {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
}
registerEnumType(LeadMatch, { name: 'LeadMatch', description: 'What two leads of a branch share' });

export enum LeadEventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SCREENED = 'SCREENED',
  REASSIGNED = 'REASSIGNED',
  NOTE = 'NOTE',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadEventKind, { name: 'LeadEventKind' });

@ObjectType('Lead', { description: 'A prospective customer, until it is converted into one' })
export class Lead {
  @Field(() => ID, { description: 'Stable id of the lead' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the lead belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => LeadSource) source: LeadSource;
  @Field() company: string;
  @Field(() => String, { nullable: true, description: 'The responsible person the lead names' })
  contactName: string | null;
  @Field(() => LeadContactRole, { nullable: true }) contactRole: LeadContactRole | null;
  @Field(() => String, { nullable: true }) mobile: string | null;
  @Field(() => String, { nullable: true, description: 'WeChat or another messaging account' })
  messagingAccount: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The company switchboard (not a direct contact)' })
  switchboard: string | null;
  @Field({ description: 'A named responsible person with a direct contact (DOMAIN.md); kept by the database' })
  valid: boolean;
  @Field(() => [LeadRequirement], { description: 'Why the lead is not valid: empty when it is' })
  missing: LeadRequirement[];
  @Field(() => LeadScreening) screening: LeadScreening;
  @Field(() => String, { nullable: true }) screeningNote: string | null;
  @Field(() => Date, { nullable: true }) screenedAt: Date | null;
  @Field(() => LeadState) state: LeadState;
  @Field(() => ID, { nullable: true, description: 'The customer the lead was converted into' })
  customerId: string | null;
  @Field(() => Date, { nullable: true }) convertedAt: Date | null;
  @Field(() => ID, { description: 'Id of the owner (the object itself: owner)' }) ownerId: string;
  @Field(() => ID, { description: 'Id of the created by (the object itself: createdBy)' }) createdById: string;
  @Field({ description: 'When the lead was recorded' }) createdAt: Date;
  @Field({ description: 'When the lead last changed' }) updatedAt: Date;
  /** Keys the duplicate check compares (not in the API: the numbers as written are). */
  mobileKey: string | null;
}

@ObjectType('LeadConnection', { description: 'A page of lead rows: edges, pageInfo and totalCount (Relay connection)' })
export class LeadConnection extends Connection(Lead, 'Lead') {}

@ObjectType('LeadEvent', { description: 'One entry of a lead’s timeline; kept after conversion' })
export class LeadEvent {
  @Field(() => ID, { description: 'Stable id of the lead event' }) id: string;
  branchId: string;
  @Field(() => LeadEventKind) kind: LeadEventKind;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID, { description: 'Id of the actor (the object itself: actor)' }) actorId: string;
  @Field({ description: 'When the lead event was recorded' }) createdAt: Date;
}

@ObjectType('LeadDuplicate', {
  description:
    'Another lead of the same branch with the same phone or e-mail. `lead` is null when it belongs to a ' +
    'colleague you may not see: you learn that it exists, nothing more',
})
export class LeadDuplicate {
  @Field(() => [LeadMatch]) matchedOn: LeadMatch[];
  @Field(() => Lead, { nullable: true }) lead: Lead | null;
  @Field() message: string;
}

@InputType()
export class LeadFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => LeadSource, { nullable: true }) @IsOptional() @IsEnum(LeadSource) source?: LeadSource;
  @Field(() => LeadScreening, { nullable: true }) @IsOptional() @IsEnum(LeadScreening) screening?: LeadScreening;
  @Field(() => LeadState, { nullable: true }) @IsOptional() @IsEnum(LeadState) state?: LeadState;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() valid?: boolean;
}

@ObjectType('ConvertLeadPayload')
export class ConvertLeadPayload {
  @Field(() => Lead, { description: 'The lead, now CONVERTED, with its timeline' }) lead: Lead;
  @Field(() => Customer, { description: 'The new customer; its `lead` points back' }) customer: Customer;
}
