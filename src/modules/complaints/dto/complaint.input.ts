import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity } from '../complaint.types.js';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

@InputType()
export class CreateComplaintInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a customer id' }) customerId: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they take in' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ComplaintChannel) @IsEnum(ComplaintChannel) channel: ComplaintChannel;
  @Field(() => ComplaintCategory) @IsEnum(ComplaintCategory) category: ComplaintCategory;
  @Field(() => ComplaintSeverity) @IsEnum(ComplaintSeverity) severity: ComplaintSeverity;
  @Field() @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) description: string;
}

@InputType()
export class ResolveComplaintInput {
  @Field({ description: 'What was done for the customer' })
  @Length(1, 4000)
  @Matches(NOT_BLANK, BLANK_MSG)
  resolution: string;
  @Field({ nullable: true, description: 'The root cause, unless already recorded' })
  @IsOptional()
  @Length(1, 4000)
  @Matches(NOT_BLANK, BLANK_MSG)
  rootCause?: string;
}

@InputType()
export class ComplaintFollowUpInput {
  @Field({ description: 'The customer confirms the fix (CLOSED) or says it is not fixed (back to INVESTIGATING)' })
  @IsBoolean()
  confirmed: boolean;
  @Field({ nullable: true, description: 'What the customer said; required when not fixed' })
  @IsOptional()
  @Length(1, 4000)
  @Matches(NOT_BLANK, BLANK_MSG)
  note?: string;
}

const HOURS = { message: 'must be whole hours from 1 to 2160 (90 days)' };

@InputType()
export class UpdateComplaintSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  criticalHours?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt(HOURS) @Min(1, HOURS) @Max(2160, HOURS) highHours?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  mediumHours?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt(HOURS) @Min(1, HOURS) @Max(2160, HOURS) lowHours?: number;
  @Field({
    nullable: true,
    description: 'Count the hours in the branch’s working time (approval calendar) instead of the clock',
  })
  @IsOptional()
  @IsBoolean()
  workingTime?: boolean;
}
