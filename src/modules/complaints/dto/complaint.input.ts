import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity } from '../complaint.enums.js';

@InputType({ description: 'A complaint to take in' })
export class CreateComplaintInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they take in' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ComplaintChannel, { description: 'How the complaint came in' })
  @IsEnum(ComplaintChannel)
  channel: ComplaintChannel;
  @Field(() => ComplaintCategory, { description: 'What the complaint is about' })
  @IsEnum(ComplaintCategory)
  category: ComplaintCategory;
  @Field(() => ComplaintSeverity, { description: 'How serious: sets the response window' })
  @IsEnum(ComplaintSeverity)
  severity: ComplaintSeverity;
  @Field({ description: "The customer's complaint, in their words" })
  @Length(1, 4000)
  @NotBlank()
  description: string;
}

@InputType({ description: 'How the complaint was resolved' })
export class ResolveComplaintInput {
  @Field({ description: 'What was done for the customer' })
  @Length(1, 4000)
  @NotBlank()
  resolution: string;
  @Field({ nullable: true, description: 'The root cause, unless already recorded' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  rootCause?: string;
}

@InputType({ description: "The customer's answer after the resolution" })
export class ComplaintFollowUpInput {
  @Field({ description: 'The customer confirms the fix (CLOSED) or says it is not fixed (back to INVESTIGATING)' })
  @IsBoolean()
  confirmed: boolean;
  @Field({ nullable: true, description: 'What the customer said; required when not fixed' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  note?: string;
}

const HOURS = { message: 'must be whole hours from 1 to 2160 (90 days)' };

@InputType({ description: "A branch's complaint response windows; fields left out keep their value" })
export class UpdateComplaintSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Int, { nullable: true, description: 'Response window for CRITICAL complaints, in hours (default 4)' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  criticalHours?: number;
  @Field(() => Int, { nullable: true, description: 'Response window for HIGH complaints, in hours (default 24)' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  highHours?: number;
  @Field(() => Int, { nullable: true, description: 'Response window for MEDIUM complaints, in hours (default 72)' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  mediumHours?: number;
  @Field(() => Int, { nullable: true, description: 'Response window for LOW complaints, in hours (default 120)' })
  @IsOptional()
  @IsInt(HOURS)
  @Min(1, HOURS)
  @Max(2160, HOURS)
  lowHours?: number;
  @Field({
    nullable: true,
    description: 'Count the hours in the branch’s working time (approval calendar) instead of the clock',
  })
  @IsOptional()
  @IsBoolean()
  workingTime?: boolean;
}
