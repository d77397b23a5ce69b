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
registerEnumType(LeadSource, {
  name: 'LeadSource',
  description: 'Where the lead came from',
  valuesMap: {
    PARTNER: { description: 'From a channel partner' },
    REFERRAL: { description: 'Referred by a customer or acquaintance' },
    RESEARCH: { description: 'From market research' },
    TRADE_SHOW: { description: 'From a trade show or event' },
    WEB: { description: 'From the web site or online' },
  },
});

export enum LeadContactRole {
  MANAGER = 'MANAGER',
  SUPERVISOR = 'SUPERVISOR',
  STAFF_IN_CHARGE = 'STAFF_IN_CHARGE',
  OTHER = 'OTHER',
}
registerEnumType(LeadContactRole, {
  name: 'LeadContactRole',
  description: 'What the named person is at the company; OTHER (a receptionist, say) is not a responsible person',
  valuesMap: {
    MANAGER: { description: 'A manager: a responsible person' },
    OTHER: { description: 'Someone else: not a responsible person, the lead is not valid' },
    STAFF_IN_CHARGE: { description: 'The staff member in charge: a responsible person' },
    SUPERVISOR: { description: 'A supervisor: a responsible person' },
  },
});

export enum LeadScreening {
  PENDING = 'PENDING',
  FIT = 'FIT',
  UNFIT = 'UNFIT',
}
registerEnumType(LeadScreening, {
  name: 'LeadScreening',
  description: 'Screened for fit before first contact',
  valuesMap: {
    FIT: { description: 'Worth contacting' },
    PENDING: { description: 'Not screened yet' },
    UNFIT: { description: 'Not worth contacting; cannot be converted' },
  },
});

export enum LeadState {
  OPEN = 'OPEN',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadState, {
  name: 'LeadState',
  description: 'Where a lead stands',
  valuesMap: {
    CONVERTED: { description: 'Became a customer' },
    OPEN: { description: 'Being worked' },
  },
});

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
  valuesMap: {
    CONTACT_NAME: { description: "The person's name is missing" },
    DIRECT_CONTACT: { description: 'No mobile, messaging account or e-mail (a switchboard does not count)' },
    RESPONSIBLE_ROLE: { description: 'The person is not a manager, supervisor or staff in charge' },
  },
});

export enum LeadMatch {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
}
registerEnumType(LeadMatch, {
  name: 'LeadMatch',
  description: 'What two leads of a branch share',
  valuesMap: {
    EMAIL: { description: 'Same e-mail (case-insensitive)' },
    PHONE: { description: 'Same phone number (compared by digits, country code included)' },
  },
});

export enum LeadEventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SCREENED = 'SCREENED',
  REASSIGNED = 'REASSIGNED',
  NOTE = 'NOTE',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadEventKind, {
  name: 'LeadEventKind',
  description: 'What happened to a lead',
  valuesMap: {
    CONVERTED: { description: 'Converted into a customer' },
    CREATED: { description: 'Recorded' },
    NOTE: { description: 'A note was added' },
    REASSIGNED: { description: 'Handed to another owner' },
    SCREENED: { description: 'Screened fit or unfit' },
    UPDATED: { description: 'Details changed' },
  },
});

@ObjectType('Lead', { description: 'A prospective customer, until it is converted into one' })
export class Lead {
  @Field(() => ID, { description: 'Stable id of the lead' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the lead belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => LeadSource, { description: 'Where the lead came from' }) source: LeadSource;
  @Field({ description: 'The company the lead is about' }) company: string;
  @Field(() => String, { nullable: true, description: 'The responsible person the lead names' })
  contactName: string | null;
  @Field(() => LeadContactRole, {
    nullable: true,
    description:
      'Role of the person named: a responsible person (manager, supervisor, staff in charge) makes the lead valid',
  })
  contactRole: LeadContactRole | null;
  @Field(() => String, { nullable: true, description: "The person's mobile number" }) mobile: string | null;
  @Field(() => String, { nullable: true, description: 'WeChat or another messaging account' })
  messagingAccount: string | null;
  @Field(() => String, { nullable: true, description: "The person's direct e-mail" }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The company switchboard (not a direct contact)' })
  switchboard: string | null;
  @Field({ description: 'A named responsible person with a direct contact (DOMAIN.md); kept by the database' })
  valid: boolean;
  @Field(() => [LeadRequirement], { description: 'Why the lead is not valid: empty when it is' })
  missing: LeadRequirement[];
  @Field(() => LeadScreening, { description: 'Fit check before first contact' }) screening: LeadScreening;
  @Field(() => String, { nullable: true, description: 'Why it was judged fit or unfit' }) screeningNote: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was screened; null before' }) screenedAt: Date | null;
  @Field(() => LeadState, { description: 'OPEN, or CONVERTED into a customer' }) state: LeadState;
  @Field(() => ID, { nullable: true, description: 'The customer the lead was converted into' })
  customerId: string | null;
  @Field(() => Date, { nullable: true, description: 'When it became a customer; null before' })
  convertedAt: Date | null;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
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
  @Field(() => LeadEventKind, { description: 'What happened' }) kind: LeadEventKind;
  @Field(() => String, { nullable: true, description: 'The note or reason given' }) note: string | null;
  @Field(() => ID, { description: 'Id of the actor (as an object: actor)' }) actorId: string;
  @Field({ description: 'When the lead event was recorded' }) createdAt: Date;
}

@ObjectType('LeadDuplicate', {
  description:
    'Another lead of the same branch with the same phone or e-mail. `lead` is null when it belongs to a ' +
    'colleague you may not see: you learn that it exists, nothing more',
})
export class LeadDuplicate {
  @Field(() => [LeadMatch], { description: 'What matched: the phone, the e-mail or both' }) matchedOn: LeadMatch[];
  @Field(() => Lead, {
    nullable: true,
    description: 'The other lead; null when a colleague holds it and you may not see it',
  })
  lead: Lead | null;
  @Field({ description: 'What to do about it, for people' }) message: string;
}

@InputType({ description: 'Conditions on the leads list; all given must hold' })
export class LeadFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => LeadSource, { nullable: true, description: 'Only leads from this source' })
  @IsOptional()
  @IsEnum(LeadSource)
  source?: LeadSource;
  @Field(() => LeadScreening, { nullable: true, description: 'Only leads with this screening result' })
  @IsOptional()
  @IsEnum(LeadScreening)
  screening?: LeadScreening;
  @Field(() => LeadState, { nullable: true, description: 'Only OPEN or only CONVERTED leads' })
  @IsOptional()
  @IsEnum(LeadState)
  state?: LeadState;
  @Field({ nullable: true, description: 'Only valid (true) or only invalid (false) leads' })
  @IsOptional()
  @IsBoolean()
  valid?: boolean;
}

@ObjectType('ConvertLeadPayload', {
  description: 'The result of converting a lead: the lead (CONVERTED) and the customer made from it',
})
export class ConvertLeadPayload {
  @Field(() => Lead, { description: 'The lead, now CONVERTED, with its timeline' }) lead: Lead;
  @Field(() => Customer, { description: 'The new customer; its `lead` points back' }) customer: Customer;
}
