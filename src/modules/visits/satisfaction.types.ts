import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { SatisfactionSurvey } from './satisfaction.entity.js';
import { SatisfactionMethod } from './visit.enums.js';

/** The scripts (demo seed) name the method from here. */
export { SatisfactionMethod };

/** A calendar quarter, e.g. 2026-Q4. */
export const PERIOD = /^\d{4}-Q[1-4]$/;
const PERIOD_MSG = { message: 'must be a quarter such as 2026-Q4' };

@ObjectType('SatisfactionSurveyConnection', {
  description: 'A page of satisfaction survey rows: edges, pageInfo and totalCount (Relay connection)',
})
export class SatisfactionSurveyConnection extends Connection(SatisfactionSurvey, 'SatisfactionSurvey') {}

@ObjectType('BranchSatisfaction', { description: 'A branch’s satisfaction in one quarter' })
export class BranchSatisfaction {
  @Field(() => ID, { description: 'Id of the branch the branch satisfaction belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'The quarter, e.g. 2026-Q4' }) period: string;
  @Field(() => Int, { description: 'Customers scored' }) responses: number;
  @Field(() => GraphQLDecimal, { description: 'Mean score, exact to 2 decimals (computed in SQL numeric)' })
  average: string;
  @Field(() => Int, { description: 'Lowest score' }) lowest: number;
  @Field(() => Int, { description: 'Highest score' }) highest: number;
}

@InputType({ description: 'Conditions on satisfaction scores; all given must hold' })
export class SatisfactionFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field({ nullable: true, description: 'Only this quarter, e.g. 2026-Q4' })
  @IsOptional()
  @Matches(PERIOD, PERIOD_MSG)
  period?: string;
  @Field(() => SatisfactionMethod, { nullable: true, description: 'Only this method' })
  @IsOptional()
  @IsEnum(SatisfactionMethod)
  method?: SatisfactionMethod;
}

@InputType({ description: 'The quarters to average, and optionally the branch' })
export class SatisfactionAverageFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'First quarter, e.g. 2026-Q1' }) @Matches(PERIOD, PERIOD_MSG) from: string;
  @Field({ nullable: true, description: 'Last quarter; defaults to `from`' })
  @IsOptional()
  @Matches(PERIOD, PERIOD_MSG)
  to?: string;
}

@InputType({ description: 'A satisfaction score of a customer for a quarter' })
export class RecordSatisfactionInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field({ description: 'The quarter, e.g. 2026-Q4; one score per customer and quarter' })
  @Matches(PERIOD, PERIOD_MSG)
  period: string;
  @Field(() => Int, { description: '1 (very unhappy) to 10 (very happy)' }) @IsInt() @Min(1) @Max(10) score: number;
  @Field(() => SatisfactionMethod, { description: 'Survey or return visit' })
  @IsEnum(SatisfactionMethod)
  method: SatisfactionMethod;
  @Field({ nullable: true, description: "The customer's comment" })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  comment?: string;
  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Defaults to today; not in the future, not before the quarter',
  })
  @IsOptional()
  surveyedOn?: string;
}

@InputType({ description: 'Corrections to a score; fields left out keep their value' })
export class UpdateSatisfactionInput {
  @Field(() => Int, { nullable: true, description: '1 to 10' }) @IsOptional() @IsInt() @Min(1) @Max(10) score?: number;
  @Field(() => SatisfactionMethod, { nullable: true, description: 'Survey or return visit' })
  @IsOptional()
  @IsEnum(SatisfactionMethod)
  method?: SatisfactionMethod;
  @Field({ nullable: true, description: "The customer's comment" })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  comment?: string;
}
