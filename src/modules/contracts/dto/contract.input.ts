import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { SignatorySide } from '../contract.enums.js';

@InputType({ description: 'A fee outside the standard price list' })
export class ContractSpecialFeeInput {
  @Field({ description: 'What the fee is for, 1 to 200 characters' })
  @Length(1, 200)
  @NotBlank()
  description: string;
  @Field(() => GraphQLDecimal, {
    description: 'Positive, at most 2 decimals, in the contract currency, e.g. "1200.00"',
  })
  amount: string;
}

@InputType({ description: 'A contract application' })
export class CreateContractInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer, of the same branch' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field({ description: 'What the contract is about, as people refer to it' })
  @Length(1, 200)
  @NotBlank()
  title: string;
  @Field(() => GraphQLDecimal, { description: 'Contract value, in currency (the branch currency)' }) amount: string;
  @Field({ nullable: true, description: 'Defaults to the branch currency; no other is accepted' })
  @IsOptional()
  currency?: string;
  @Field(() => GraphQLDate, { description: 'First day of the term (business day, branch time zone)' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the term (business day, branch time zone)' }) endsOn: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ nullable: true, description: 'Terms that deviate from the standard (need their own prior approval)' })
  @IsOptional()
  @MaxLength(10000)
  specialTerms?: string;
  @Field({
    nullable: true,
    description: 'How the price departs from the standard price (e.g. "12 % below list"); needs SPECIAL_TERMS approval',
  })
  @IsOptional()
  @MaxLength(2000)
  nonStandardPrice?: string;
  @Field(() => [ContractSpecialFeeInput], {
    nullable: true,
    description: 'Up to 20 special fees; any needs SPECIAL_TERMS approval before signing',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContractSpecialFeeInput)
  specialFees?: ContractSpecialFeeInput[];
}

@InputType({ description: 'Changes to a DRAFT or NEGOTIATION contract; fields left out keep their value' })
export class UpdateContractInput {
  @Field({ nullable: true, description: 'What the contract is about, as people refer to it' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Contract value, in currency (the branch currency)' })
  @IsOptional()
  amount?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'First day of the term (business day, branch time zone)' })
  @IsOptional()
  startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Last day of the term (business day, branch time zone)' })
  @IsOptional()
  endsOn?: string;
  @Field({ nullable: true, description: 'Empty text removes the special terms' })
  @IsOptional()
  @MaxLength(10000)
  specialTerms?: string;
  @Field({ nullable: true, description: 'Empty text returns the contract to the standard price' })
  @IsOptional()
  @MaxLength(2000)
  nonStandardPrice?: string;
  @Field(() => [ContractSpecialFeeInput], {
    nullable: true,
    description: 'Replaces every special fee ([] removes them)',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContractSpecialFeeInput)
  specialFees?: ContractSpecialFeeInput[];
}

@InputType({ description: 'A negotiation round to record' })
export class NegotiationRoundInput {
  @Field(() => ID, { description: 'Id of the contract in NEGOTIATION' })
  @IsUUID('all', { message: 'must be a contract id' })
  contractId: string;
  @Field(() => GraphQLDate, { description: 'Business day of the round' }) heldOn: string;
  @Field({ description: 'Who negotiated for the customer' })
  @Length(1, 200)
  @NotBlank()
  counterpart: string;
  @Field({ description: 'The points discussed' }) @Length(1, 4000) @NotBlank() points: string;
  @Field({ description: 'What was agreed or left open' })
  @Length(1, 2000)
  @NotBlank()
  outcome: string;
}

@InputType({ description: 'An authorised representative who signs' })
export class SignatoryInput {
  @Field({ description: 'Full name' }) @Length(1, 100) @NotBlank() name: string;
  @Field(() => SignatorySide, { description: 'Our company or the customer' })
  @IsEnum(SignatorySide)
  side: SignatorySide;
}

@InputType({ description: 'The signing: signatories of both sides, the day and whether the original is in' })
export class SignContractInput {
  @Field(() => GraphQLDate, { description: 'The business day of signing (branch time zone); sets the number year' })
  signedOn: string;
  @Field(() => [SignatoryInput], { description: 'At least one for each side' })
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SignatoryInput)
  signatories: SignatoryInput[];
  @Field({ nullable: true, defaultValue: false, description: 'The signed original has been received (default false)' })
  @IsOptional()
  @IsBoolean()
  originalReceived?: boolean;
}

@InputType({
  description: 'New terms for a signed contract (a version that waits for approval); fields left out keep their value',
})
export class AmendContractInput {
  @Field(() => GraphQLDecimal, { nullable: true, description: 'New contract value' }) @IsOptional() amount?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'New first day of the term' })
  @IsOptional()
  startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'New last day of the term' }) @IsOptional() endsOn?: string;
  @Field({ nullable: true, description: 'New special terms' }) @IsOptional() @MaxLength(10000) specialTerms?: string;
  @Field({ description: 'Why the contract changes' }) @Length(1, 2000) @NotBlank() reason: string;
}

@InputType({
  description: 'Changes for the successor contract; by default the same terms and the next term of the same length',
})
export class RenewContractInput {
  @Field(() => GraphQLDate, { nullable: true, description: 'Defaults to the day after the current term ends' })
  @IsOptional()
  startsOn?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Defaults to a term as long as the current one' })
  @IsOptional()
  endsOn?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: "The successor's amount, if different" })
  @IsOptional()
  amount?: string;
  @Field({ nullable: true, description: "The successor's title, if different" })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  title?: string;
}

@InputType({ description: "A branch's contract settings; fields left out keep their value" })
export class UpdateContractSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ nullable: true, description: 'e.g. {BRANCH}-HT-{YYYY}-{NNNN}; unchanged when left out' })
  @IsOptional()
  @Length(1, 60)
  numberRule?: string;
  @Field(() => [Int], { nullable: true, description: '1 to 5 distinct days, each 1 to 366 (default 90, 30, 7)' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(366, { each: true })
  expiryReminderDays?: number[];
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Quote discount limit, 0 to 100 percent (default 10)' })
  @IsOptional()
  quoteDiscountLimitPercent?: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Days before a quote expires to remind its owner, 1 to 90 (default 3)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  quoteExpiryReminderDays?: number;
}
