import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { PartnerKind, PartnerStatus } from '../channel.enums.js';

@InputType({ description: 'A contact person of a partner (a phone or an e-mail required)' })
export class PartnerContactInput {
  @Field({ description: 'Full name' }) @Length(1, 200) @NotBlank() name: string;
  @Field({ nullable: true, description: 'Job title' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  title?: string;
  @Field({ nullable: true, description: 'A phone or an e-mail is needed to reach the person' })
  @IsOptional()
  @Length(3, 50)
  @Matches(/^\+?[0-9 ()-]{3,50}$/, { message: 'must be a phone number (digits, spaces, + ( ) -)' })
  phone?: string;
  @Field({ nullable: true, description: 'E-mail' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Make this the main contact (default false)' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}

@InputType({ description: 'A contact person to add to a partner' })
export class AddPartnerContactInput extends PartnerContactInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
}

@InputType({ description: 'A new channel partner' })
export class CreatePartnerInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => PartnerKind, { description: 'Kind of channel' }) @IsEnum(PartnerKind) kind: PartnerKind;
  @Field({ description: "Partner's company name, unique in the branch" })
  @Length(1, 200)
  @NotBlank()
  name: string;
  @Field({ description: 'The region the partner works in' })
  @Length(1, 100)
  @NotBlank()
  region: string;
  @Field(() => PartnerStatus, { nullable: true, description: 'Where the relationship starts; defaults to CANDIDATE' })
  @IsOptional()
  @IsEnum(PartnerStatus)
  state?: PartnerStatus;
  @Field(() => PartnerStatus, {
    nullable: true,
    description: 'Defaults to CANDIDATE',
    deprecationReason: 'Use state: one word for lifecycles across the schema',
  })
  @IsOptional()
  @IsEnum(PartnerStatus)
  status?: PartnerStatus;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The customer record of the branch under which the partner buys (ordered, invoiced and paid)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => [PartnerContactInput], {
    nullable: true,
    description: 'Contact persons, the primary one first, then by name',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactInput)
  contacts?: PartnerContactInput[];
}

@InputType({ description: 'Changes to a partner; fields left out keep their value' })
export class UpdatePartnerInput {
  @Field(() => PartnerKind, { nullable: true, description: 'Kind of channel' })
  @IsOptional()
  @IsEnum(PartnerKind)
  kind?: PartnerKind;
  @Field({ nullable: true, description: "Partner's company name, unique in the branch" })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field({ nullable: true, description: 'The region the partner works in' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  region?: string;
  @Field(() => PartnerStatus, { nullable: true, description: 'Move the relationship to this state' })
  @IsOptional()
  @IsEnum(PartnerStatus)
  state?: PartnerStatus;
  @Field(() => PartnerStatus, {
    nullable: true,
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  @IsOptional()
  @IsEnum(PartnerStatus)
  status?: PartnerStatus;
  @Field(() => ID, { nullable: true, description: 'Hand the partner to another member (not by a sales rep)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The customer record under which the partner buys from now on (one partner per customer record)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
}

@InputType({ description: 'A signed cooperation agreement with a partner' })
export class CreatePartnerAgreementInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field(() => GraphQLDate, { description: 'First day of the agreement' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'The last day of the term' }) endsOn: string;
  @Field({ description: 'Where the partner may sell' })
  @Length(1, 500)
  @NotBlank()
  territory: string;
  @Field({ description: 'The cooperation terms agreed' }) @Length(1, 4000) @NotBlank() terms: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      'Rebate in percent (0 to 100, at most 4 decimals) of the net invoiced amount of each month in the term',
  })
  @IsOptional()
  rebateRate?: string;
}

@InputType({ description: 'Changes to an ACTIVE agreement; fields left out keep their value' })
export class UpdatePartnerAgreementInput {
  @Field(() => GraphQLDate, { nullable: true, description: 'First day of the agreement' })
  @IsOptional()
  startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'A new end moves the reminders' })
  @IsOptional()
  endsOn?: string;
  @Field({ nullable: true, description: 'Where the partner may sell' })
  @IsOptional()
  @Length(1, 500)
  @NotBlank()
  territory?: string;
  @Field({ nullable: true, description: 'The cooperation terms' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  terms?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'A new rebate in percent (0 to 100, at most 4 decimals) for the months not yet stated',
  })
  @IsOptional()
  rebateRate?: string;
}
