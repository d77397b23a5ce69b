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
import { Type } from 'class-transformer';
import { ContactChannelEnum, CustomerTierEnum } from '../customer.types.js';

const NOT_BLANK = /\S/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,29}$/;
const PHONE_MSG = { message: 'must be a phone number of 5 to 30 digits, spaces, dashes or brackets' };

@InputType()
export class ContactInput {
  @Field() @Length(1, 100) @Matches(NOT_BLANK, { message: 'must not be blank' }) name: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) title?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() isPrimary?: boolean;
}

@InputType()
export class CreateCustomerInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;

  @Field() @Length(1, 200) @Matches(NOT_BLANK, { message: 'must not be blank' }) name: string;
  @Field(() => CustomerTierEnum) @IsEnum(CustomerTierEnum) tier: CustomerTierEnum;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) industry?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) region?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) notes?: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;

  @Field({ nullable: true, description: 'When an existing customer was last contacted (when importing)' })
  @IsOptional()
  @IsDate()
  lastContactAt?: Date;

  @Field(() => [ContactInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}

@InputType()
export class UpdateCustomerInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  name?: string;
  @Field(() => CustomerTierEnum, { nullable: true }) @IsOptional() @IsEnum(CustomerTierEnum) tier?: CustomerTierEnum;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) industry?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) region?: string;
  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) notes?: string;
  @Field(() => ID, { nullable: true, description: 'Reassign (branch manager or head office)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
}

@InputType()
export class AddContactInput extends ContactInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a customer id' }) customerId: string;
}

@InputType()
export class UpdateContactInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  name?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) title?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PHONE, PHONE_MSG) phone?: string;
  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isPrimary?: boolean;
}

@InputType()
export class LogContactInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a customer id' }) customerId: string;
  @Field(() => ID, { nullable: true, description: 'The person spoken to, if known' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contact id' })
  contactId?: string;
  @Field(() => ContactChannelEnum) @IsEnum(ContactChannelEnum) channel: ContactChannelEnum;
  @Field() @Length(1, 4000) @Matches(NOT_BLANK, { message: 'must not be blank' }) summary: string;
  @Field() @IsDate() occurredAt: Date;
}

@InputType()
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
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(366) contactCadenceMediumDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(366) contactCadenceLowDays?: number;
}
