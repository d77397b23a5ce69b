import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { CustomerTierEnum } from '../customer.enums.js';
import { LeadContactRole, LeadScreening, LeadSource } from '../lead.enums.js';

const PHONE = /^\+?[0-9][0-9 ()-]{4,29}$/;
const PHONE_MSG = { message: 'must be a phone number of 5 to 30 digits, spaces, dashes or brackets' };
const EMAIL_MSG = { message: 'must be an e-mail address' };

@InputType({ description: 'A new lead' })
export class CreateLeadInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => LeadSource, { description: 'Where the lead came from' }) @IsEnum(LeadSource) source: LeadSource;
  @Field({ description: 'The company the lead is about' })
  @Length(1, 200)
  @NotBlank()
  company: string;
  @Field({ nullable: true, description: 'The responsible person the lead names' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  contactName?: string;
  @Field(() => LeadContactRole, {
    nullable: true,
    description:
      'Role of the person named: a responsible person (manager, supervisor, staff in charge) makes the lead valid',
  })
  @IsOptional()
  @IsEnum(LeadContactRole)
  contactRole?: LeadContactRole;
  @Field({ nullable: true, description: "The person's mobile number" })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  mobile?: string;
  @Field({ nullable: true, description: 'WeChat or another messaging account' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  messagingAccount?: string;
  @Field({ nullable: true, description: "The person's direct e-mail" })
  @IsOptional()
  @IsEmail({}, EMAIL_MSG)
  @MaxLength(254)
  email?: string;
  @Field({ nullable: true, description: 'The company switchboard (not a direct contact)' })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  switchboard?: string;
  @Field({ nullable: true, description: 'A first note on the timeline' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  note?: string;
}

/** Every field optional: left out keeps the value, null clears it (company and source cannot be cleared). */
@InputType({ description: 'Changes to a lead; fields left out keep their value' })
export class UpdateLeadInput {
  @Field(() => LeadSource, { nullable: true, description: 'Where the lead came from' })
  @IsOptional()
  @IsEnum(LeadSource)
  source?: LeadSource;
  @Field({ nullable: true, description: 'The company the lead is about' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  company?: string;
  @Field(() => String, { nullable: true, description: 'The responsible person the lead names' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  contactName?: string | null;
  @Field(() => LeadContactRole, {
    nullable: true,
    description:
      'Role of the person named: a responsible person (manager, supervisor, staff in charge) makes the lead valid',
  })
  @IsOptional()
  @IsEnum(LeadContactRole)
  contactRole?: LeadContactRole | null;
  @Field(() => String, { nullable: true, description: "The person's mobile number" })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  mobile?: string | null;
  @Field(() => String, { nullable: true, description: 'WeChat or another messaging account' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  messagingAccount?: string | null;
  @Field(() => String, { nullable: true, description: "The person's direct e-mail" })
  @IsOptional()
  @IsEmail({}, EMAIL_MSG)
  @MaxLength(254)
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'The company switchboard (not a direct contact)' })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  switchboard?: string | null;
  @Field(() => ID, { nullable: true, description: 'Hand the lead to another person of its branch (managers)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
}

@InputType({ description: 'The screening result of a lead' })
export class ScreenLeadInput {
  @Field(() => LeadScreening, { description: 'FIT or UNFIT (PENDING puts it back to be screened)' })
  @IsEnum(LeadScreening)
  outcome: LeadScreening;
  @Field({ nullable: true, description: 'Why; required for UNFIT' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  note?: string;
}

@InputType({ description: 'Details for the customer made from the lead; the company and contact come from the lead' })
export class ConvertLeadInput {
  @Field({ nullable: true, description: 'The customer’s name; defaults to the lead’s company' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field(() => CustomerTierEnum, {
    nullable: true,
    description: 'Until purchases say otherwise (tiering); defaults to LOW',
  })
  @IsOptional()
  @IsEnum(CustomerTierEnum)
  tier?: CustomerTierEnum;
  @Field({ nullable: true, description: 'Customer industry' }) @IsOptional() @MaxLength(100) industry?: string;
  @Field({ nullable: true, description: 'Customer region' }) @IsOptional() @MaxLength(100) region?: string;
  @Field({ nullable: true, description: 'Customer address' }) @IsOptional() @MaxLength(500) address?: string;
}
