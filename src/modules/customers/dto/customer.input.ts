import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import { NotBlank } from '@app/graphql';
import { Type } from 'class-transformer';
import { ContactChannelEnum, CustomerTierEnum } from '../customer.enums.js';

const PHONE = /^\+?[0-9][0-9 ()-]{4,29}$/;
const PHONE_MSG = { message: 'must be a phone number of 5 to 30 digits, spaces, dashes or brackets' };

@InputType({ description: 'A contact person of a customer' })
export class ContactInput {
  @Field({ description: 'Full name' })
  @Length(1, 100)
  @NotBlank()
  name: string;
  @Field({ nullable: true, description: 'Job title' }) @IsOptional() @MaxLength(100) title?: string;
  @Field({ nullable: true, description: 'Direct telephone or mobile' })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  phone?: string;
  @Field({ nullable: true, description: 'E-mail' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Make this the main contact (default false)' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

@InputType({ description: 'A new customer record' })
export class CreateCustomerInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;

  @Field({ description: 'Company name' })
  @Length(1, 200)
  @NotBlank()
  name: string;
  @Field(() => CustomerTierEnum, {
    description: "Value tier from the trailing 12 months' purchases; sets the contact cadence",
  })
  @IsEnum(CustomerTierEnum)
  tier: CustomerTierEnum;
  @Field({ nullable: true, description: 'Industry, e.g. Logistics' }) @IsOptional() @MaxLength(100) industry?: string;
  @Field({ nullable: true, description: 'Region, e.g. East China' }) @IsOptional() @MaxLength(100) region?: string;
  @Field({ nullable: true, description: 'Company e-mail' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @Field({ nullable: true, description: 'Company telephone' }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true, description: 'Postal or site address' }) @IsOptional() @MaxLength(500) address?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;

  @Field({ nullable: true, description: 'When an existing customer was last contacted (when importing)' })
  @IsOptional()
  @IsDate()
  lastContactAt?: Date;

  @Field(() => [ContactInput], { nullable: true, description: 'Contact people, up to 50 (one primary)' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}

@InputType({
  description: 'Changes to a customer; fields left out keep their value (a new tier is a MANUAL tier change)',
})
export class UpdateCustomerInput {
  @Field({ nullable: true, description: 'Company name' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field(() => CustomerTierEnum, {
    nullable: true,
    description: "Value tier from the trailing 12 months' purchases; sets the contact cadence",
  })
  @IsOptional()
  @IsEnum(CustomerTierEnum)
  tier?: CustomerTierEnum;
  @Field({ nullable: true, description: 'Industry, e.g. Logistics' }) @IsOptional() @MaxLength(100) industry?: string;
  @Field({ nullable: true, description: 'Region, e.g. East China' }) @IsOptional() @MaxLength(100) region?: string;
  @Field({ nullable: true, description: 'Company e-mail' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
  @Field({ nullable: true, description: 'Company telephone' }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true, description: 'Postal or site address' }) @IsOptional() @MaxLength(500) address?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
  @Field(() => ID, { nullable: true, description: 'Reassign (branch manager or head office)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
}

@InputType({ description: 'A contact person to add to a customer' })
export class AddContactInput extends ContactInput {
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
}

@InputType({ description: 'Changes to a contact person; fields left out keep their value' })
export class UpdateContactInput {
  @Field({ nullable: true, description: 'Full name' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  name?: string;
  @Field({ nullable: true, description: 'Job title' }) @IsOptional() @MaxLength(100) title?: string;
  @Field({ nullable: true, description: 'Direct telephone or mobile' })
  @IsOptional()
  @Matches(PHONE, PHONE_MSG)
  phone?: string;
  @Field({ nullable: true, description: 'E-mail' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
  @Field({ nullable: true, description: 'Make this the main contact' }) @IsOptional() @IsBoolean() isPrimary?: boolean;
}

@InputType({ description: 'A contact with a customer to log' })
export class LogContactInput {
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ID, { nullable: true, description: 'The person spoken to, if known' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contact id' })
  contactId?: string;
  @Field(() => ContactChannelEnum, { description: 'How the customer was contacted' })
  @IsEnum(ContactChannelEnum)
  channel: ContactChannelEnum;
  @Field({ description: 'What was discussed' })
  @Length(1, 4000)
  @NotBlank()
  summary: string;
  @Field({
    description: 'When it took place (RFC 3339 with offset); moves the next contact due date by the tier cadence',
  })
  @IsDate()
  occurredAt: Date;
}

@InputType({ description: "A branch's contact cadence; fields left out keep their value" })
export class UpdateBranchSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, description: 'Days between contacts for HIGH tier customers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  contactCadenceHighDays?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Days between contacts for a MEDIUM-tier customer (default 15: twice a month, phone or video)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  contactCadenceMediumDays?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Days between contacts for a LOW-tier customer (default 30: monthly, e-mail or online)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  contactCadenceLowDays?: number;
}
