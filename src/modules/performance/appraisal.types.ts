import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { AppraisalCycleKind, AppraisalOutcome, AppraisalState } from './appraisal.enums.js';

const SCORE_HELP = '0 to 100 with at most 2 decimals, e.g. "72.50"';

@InputType({ description: "A branch's appraisal weights: three percentages with at most 2 decimals summing to 100" })
export class UpdateAppraisalSettingsInput {
  @Field(() => ID, { nullable: true, description: 'The branch (head office names it)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: `Results weight, ${SCORE_HELP}` }) @Length(1, 6) resultsWeight: string;
  @Field({ description: `Attitude weight, ${SCORE_HELP}` }) @Length(1, 6) attitudeWeight: string;
  @Field({ description: `Teamwork weight, ${SCORE_HELP}` }) @Length(1, 6) teamworkWeight: string;
}

@InputType({ description: 'Your own self-assessment of an appraisal' })
export class SelfAssessAppraisalInput {
  @Field(() => ID, { description: 'Your appraisal' }) @IsUUID('all', { message: 'must be an appraisal id' }) id: string;
  @Field({ description: 'What you did and how, 1 to 4000 characters' })
  @NotBlank()
  @Length(1, 4000)
  selfAssessment: string;
}

@InputType({ description: "The department head's scores and comments (head office's for a branch manager)" })
export class ScoreAppraisalInput {
  @Field(() => ID, { description: 'The appraisal' }) @IsUUID('all', { message: 'must be an appraisal id' }) id: string;
  @Field({ description: `Results (sales, market expansion, satisfaction), ${SCORE_HELP}` })
  @Length(1, 6)
  resultsScore: string;
  @Field({ description: `Attitude (responsibility, initiative, execution), ${SCORE_HELP}` })
  @Length(1, 6)
  attitudeScore: string;
  @Field({ description: `Teamwork, ${SCORE_HELP}` }) @Length(1, 6) teamworkScore: string;
  @Field({ description: 'Comments, 1 to 4000 characters' }) @NotBlank() @Length(1, 4000) comment: string;
}

@InputType({ description: "HR's check: the outcome to record, sent on to leadership for approval" })
export class CheckAppraisalInput {
  @Field(() => ID, { description: 'The appraisal' }) @IsUUID('all', { message: 'must be an appraisal id' }) id: string;
  @Field(() => AppraisalOutcome, { description: 'What it leads to' })
  @IsEnum(AppraisalOutcome)
  outcome: AppraisalOutcome;
  @Field(() => String, { nullable: true, description: 'A note for leadership, up to 2000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'HR returns an appraisal to the department head, saying why' })
export class ReturnAppraisalInput {
  @Field(() => ID, { description: 'The appraisal' }) @IsUUID('all', { message: 'must be an appraisal id' }) id: string;
  @Field({ description: 'Why, 1 to 2000 characters' }) @NotBlank() @Length(1, 2000) note: string;
}

@InputType({ description: 'Which appraisals: those you may see, narrowed' })
export class AppraisalFilter {
  @Field(() => ID, { nullable: true, description: 'Only this cycle' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a cycle id' })
  cycleId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  personId?: string;
  @Field(() => AppraisalState, { nullable: true, description: 'Only in this state' })
  @IsOptional()
  @IsEnum(AppraisalState)
  state?: AppraisalState;
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most this many, newest first (1 to 200)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}

@InputType({ description: 'Which cycles' })
export class AppraisalCycleFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (default: every branch in scope)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => AppraisalCycleKind, { nullable: true, description: 'Only monthly or annual' })
  @IsOptional()
  @IsEnum(AppraisalCycleKind)
  kind?: AppraisalCycleKind;
  @Field(() => Int, { nullable: true, defaultValue: 24, description: 'At most this many, newest first (1 to 100)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;
}
