import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { TenderResult } from '../tender.types.js';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

@InputType()
export class TenderDocumentInput {
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
  @Field({ nullable: true, defaultValue: true, description: 'Submitting needs every required document ready' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
  @Field(() => GraphQLDate, { nullable: true }) @IsOptional() dueOn?: string;
}

@InputType()
export class AddTenderDocumentInput extends TenderDocumentInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a tender id' }) tenderId: string;
}

@InputType()
export class CreateTenderInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) project: string;
  @Field({ description: 'Who issues the tender' }) @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) issuer: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they create' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field({ description: 'When the bid must be in; must be in the future' }) submissionDeadline: Date;
  @Field({ nullable: true, description: 'When the bids are opened' }) @IsOptional() openingAt?: Date;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) openingPlace?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) scope?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() bidAmount?: string;
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

@InputType()
export class UpdateTenderInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) project?: string;
  @Field({ nullable: true, description: 'Who issues the tender' })
  @IsOptional()
  @Length(1, 200)
  @Matches(NOT_BLANK, BLANK_MSG)
  issuer?: string;
  @Field({ nullable: true }) @IsOptional() submissionDeadline?: Date;
  @Field({ nullable: true, description: 'When the bids are opened' }) @IsOptional() openingAt?: Date;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) openingPlace?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) scope?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() bidAmount?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  @IsOptional()
  depositAmount?: string;
}

@InputType()
export class TenderResultInput {
  @Field(() => TenderResult) @IsEnum(TenderResult) result: TenderResult;
  @Field({ nullable: true }) @IsOptional() @Length(1, 2000) @Matches(NOT_BLANK, BLANK_MSG) notes?: string;
  @Field({ nullable: true, description: 'Who won (only when LOST)' })
  @IsOptional()
  @Length(1, 200)
  @Matches(NOT_BLANK, BLANK_MSG)
  winnerName?: string;
  @Field(() => ID, { nullable: true, description: 'The contract the won tender led to (only when WON)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contract id' })
  contractId?: string;
}
