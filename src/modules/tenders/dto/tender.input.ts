import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { TenderResult } from '../tender.enums.js';

@InputType({ description: 'A qualification document the bid needs' })
export class TenderDocumentInput {
  @Field({ description: 'Which document, e.g. Business licence' })
  @Length(1, 200)
  @NotBlank()
  name: string;
  @Field({ nullable: true, defaultValue: true, description: 'Submitting needs every required document ready' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it must be ready' })
  @IsOptional()
  dueOn?: string;
}

@InputType({ description: 'A qualification document the bid needs' })
export class AddTenderDocumentInput extends TenderDocumentInput {
  @Field(() => ID, { description: 'Id of the PREPARING tender' })
  @IsUUID('all', { message: 'must be a tender id' })
  tenderId: string;
}

@InputType({ description: 'A tender the branch bids for' })
export class CreateTenderInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'The project tendered' }) @Length(1, 200) @NotBlank() project: string;
  @Field({ description: 'Who issues the tender' }) @Length(1, 200) @NotBlank() issuer: string;
  @Field(() => ID, { nullable: true, description: 'Id of the customer issuing it, if one of ours' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ description: 'When the bid must be in; must be in the future' }) submissionDeadline: Date;
  @Field({ nullable: true, description: 'When the bids are opened' }) @IsOptional() openingAt?: Date;
  @Field({ nullable: true, description: 'Where bids are opened' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  openingPlace?: string;
  @Field({ nullable: true, description: 'Scope of supply' }) @IsOptional() @MaxLength(4000) scope?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Our bid, in currency; required to submit' })
  @IsOptional()
  bidAmount?: string;
  @Field({ nullable: true, description: 'Defaults to the branch currency; no other is accepted' })
  @IsOptional()
  currency?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  @IsOptional()
  depositAmount?: string;
  @Field(() => [TenderDocumentInput], { nullable: true, description: 'The qualification files the bid needs' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TenderDocumentInput)
  documents?: TenderDocumentInput[];
}

@InputType({ description: 'Changes to a PREPARING tender; fields left out keep their value' })
export class UpdateTenderInput {
  @Field({ nullable: true, description: 'The project tendered' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  project?: string;
  @Field({ nullable: true, description: 'Who issues the tender' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  issuer?: string;
  @Field({
    nullable: true,
    description: 'Bids must be in by then; the owner is reminded 7 days, 1 day before and on the day',
  })
  @IsOptional()
  submissionDeadline?: Date;
  @Field({ nullable: true, description: 'When the bids are opened' }) @IsOptional() openingAt?: Date;
  @Field({ nullable: true, description: 'Where bids are opened' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  openingPlace?: string;
  @Field({ nullable: true, description: 'Scope of supply' }) @IsOptional() @MaxLength(4000) scope?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Our bid, in currency; required to submit' })
  @IsOptional()
  bidAmount?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  @IsOptional()
  depositAmount?: string;
}

@InputType({ description: 'The outcome of a tender' })
export class TenderResultInput {
  @Field(() => TenderResult, { description: 'WON or LOST' }) @IsEnum(TenderResult) result: TenderResult;
  @Field({ nullable: true, description: 'Notes, e.g. the winning price' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  notes?: string;
  @Field({ nullable: true, description: 'Who won (only when LOST)' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  winnerName?: string;
  @Field(() => ID, { nullable: true, description: 'The contract the won tender led to (only when WON)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
}
