import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { GraphQLDate } from '@app/graphql';
import { ObservationAspect } from '../competitor.types.js';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

@InputType()
export class CompetitorProfileInput {
  @Field({ nullable: true }) @IsOptional() @IsUrl({}, { message: 'must be a web address' }) website?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) product?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) price?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) channel?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) promotion?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) strengths?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) weaknesses?: string;
  @Field({ nullable: true, description: 'Our recommended response' }) @IsOptional() @MaxLength(4000) response?: string;
}

@InputType()
export class CreateCompetitorInput extends CompetitorProfileInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
}

@InputType()
export class UpdateCompetitorInput extends CompetitorProfileInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name?: string;
}

@InputType()
export class RecordObservationInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a competitor id' }) competitorId: string;
  @Field(() => GraphQLDate, { description: 'Not in the future (branch time zone)' }) observedOn: string;
  @Field(() => ObservationAspect) @IsEnum(ObservationAspect) aspect: ObservationAspect;
  @Field() @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) note: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) source?: string;
}
