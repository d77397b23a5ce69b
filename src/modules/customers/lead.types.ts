import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { Customer } from './customer.entity.js';
import { Lead } from './lead.entity.js';
import { LeadScreening, LeadSource, LeadState } from './lead.enums.js';

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

@ObjectType('LeadConnection', { description: 'A page of lead rows: edges, pageInfo and totalCount (Relay connection)' })
export class LeadConnection extends Connection(Lead, 'Lead') {}

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
