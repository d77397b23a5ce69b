import { registerEnumType } from '@nestjs/graphql';

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
