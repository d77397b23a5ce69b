import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDecimal, NotBlank } from '@app/graphql';
import { Role } from '../../branches/roles.js';
import { ApproverKind } from '../approval.enums.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'Who a policy step waits for: kind, and the role or the person it needs' })
export class ApproverRuleInput {
  @Field(() => ApproverKind, {
    description: 'USER needs userId; BRANCH_ROLE and HQ_ROLE need role; REQUESTER_MANAGER needs neither',
  })
  @IsEnum(ApproverKind)
  kind: ApproverKind;
  @Field(() => Role, { nullable: true, description: 'For BRANCH_ROLE and HQ_ROLE' })
  @IsOptional()
  @IsIn(Object.values(Role))
  role?: Role;
  @Field(() => ID, { nullable: true, description: 'For USER' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  userId?: string;
}

@InputType({ description: 'One step of an approval policy' })
export class PolicyStepInput {
  @Field({ description: 'Shown to approvers and in the timeline, e.g. Finance review' })
  @Length(1, 100)
  @NotBlank()
  name: string;
  @Field(() => ApproverRuleInput, { description: 'Who the step waits for' })
  @ValidateNested()
  @Type(() => ApproverRuleInput)
  approver: ApproverRuleInput;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step applies to amounts above this' })
  @IsOptional()
  aboveAmount?: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step is skipped for amounts above this' })
  @IsOptional()
  upToAmount?: string;
  @Field(() => Float, { description: 'Working hours before the step escalates' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1000)
  slaHours: number;
}

@InputType({
  description: "A branch's complete policy for one subject type (a new version; running requests keep theirs)",
})
export class SetApprovalPolicyInput {
  @Field(() => ID, { nullable: true, description: 'Head office names the branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'The subject type this policy decides, e.g. CONTRACT' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'must be a subject type such as CONTRACT' })
  subjectType: string;
  @Field(() => [PolicyStepInput], { description: '1 to 10 steps, decided in this order' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PolicyStepInput)
  steps: PolicyStepInput[];
  @Field(() => [Int], { nullable: true, defaultValue: [50, 90], description: 'Remind approvers at these % of the SLA' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(99, { each: true })
  reminderPercents?: number[];
  @Field(() => Int, {
    nullable: true,
    defaultValue: 2,
    description: 'How many times an overdue step escalates before the request is stalled, 0 to 5 (default 2)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  maxEscalationLevel?: number;
}

@InputType({ description: 'A holiday or an adjusted working day' })
export class CalendarDayInput {
  @Field({ description: 'YYYY-MM-DD' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) day: string;
  @Field({ description: 'HOLIDAY or WORKDAY' }) @IsIn(['HOLIDAY', 'WORKDAY']) kind: 'HOLIDAY' | 'WORKDAY';
  @Field({ nullable: true, description: 'What the day is, e.g. Spring Festival' })
  @IsOptional()
  @MaxLength(100)
  name?: string;
}

@InputType({ description: "A branch's complete working calendar" })
export class SetBranchCalendarInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Head office: the branch meant; branch staff may leave it out (their own branch)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => [Int], { description: 'ISO weekdays worked, 1 = Monday' })
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workDays: number[];
  @Field(() => Int, { description: 'Minutes after midnight, e.g. 540 = 09:00' })
  @IsInt()
  @Min(0)
  @Max(1439)
  dayStartMinute: number;
  @Field(() => Int, { description: 'Minutes after midnight, e.g. 1080 = 18:00' })
  @IsInt()
  @Min(1)
  @Max(1440)
  dayEndMinute: number;
  @Field(() => [CalendarDayInput], { nullable: true, description: 'Replaces the holidays and extra working days' })
  @IsOptional()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayInput)
  days?: CalendarDayInput[];
}

@InputType({ description: 'Hand your approvals to a colleague for a period (out of office)' })
export class ApprovalDelegationInput {
  @Field(() => ID, { description: 'Id of the colleague who decides in your place' })
  @IsUUID('all', { message: 'must be a user id' })
  delegateId: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) startsOn: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) endsOn: string;
  @Field({ nullable: true, description: 'Why, e.g. business trip; shown to the colleague' })
  @IsOptional()
  @MaxLength(500)
  reason?: string;
}
