import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLDate, NotBlank } from '@app/graphql';
import { RiskCategory } from '../contract.enums.js';

const SCORE = { message: 'must be a whole number from 1 to 5' };

@InputType({ description: 'How a risk is answered: all three parts together' })
export class RiskResponseInput {
  @Field({ description: 'What is done about the risk, 1 to 4000 characters' })
  @Length(1, 4000)
  @NotBlank()
  mitigation: string;
  @Field(() => ID, { description: 'The person of the contract’s branch who answers for the response' })
  @IsUUID('all', { message: 'must be a user id' })
  ownerId: string;
  @Field(() => GraphQLDate, { description: 'When the response is due (a business day of the branch)' })
  dueOn: string;
}

@InputType({ description: 'A risk identified on a contract' })
export class AddContractRiskInput {
  @Field(() => ID, { description: 'The contract the risk belongs to' })
  @IsUUID('all', { message: 'must be a contract id' })
  contractId: string;
  @Field({ description: 'What could go wrong, 1 to 2000 characters' })
  @Length(1, 2000)
  @NotBlank()
  description: string;
  @Field(() => RiskCategory, { description: 'The kind of risk' }) @IsEnum(RiskCategory) category: RiskCategory;
  @Field(() => Int, { description: 'How likely, 1 (rare) to 5 (almost certain)' })
  @IsInt(SCORE)
  @Min(1, SCORE)
  @Max(5, SCORE)
  probability: number;
  @Field(() => Int, { description: 'How severe, 1 (negligible) to 5 (severe)' })
  @IsInt(SCORE)
  @Min(1, SCORE)
  @Max(5, SCORE)
  impact: number;
  @Field(() => RiskResponseInput, { nullable: true, description: 'The response, if already decided' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskResponseInput)
  response?: RiskResponseInput;
}

@InputType({ description: 'Changes to a contract risk; fields left out stay as they are' })
export class UpdateContractRiskInput {
  @Field({ nullable: true, description: 'What could go wrong, 1 to 2000 characters' })
  @IsOptional()
  @Length(1, 2000)
  @NotBlank()
  description?: string;
  @Field(() => RiskCategory, { nullable: true, description: 'The kind of risk' })
  @IsOptional()
  @IsEnum(RiskCategory)
  category?: RiskCategory;
  @Field(() => Int, { nullable: true, description: 'How likely, 1 to 5' })
  @IsOptional()
  @IsInt(SCORE)
  @Min(1, SCORE)
  @Max(5, SCORE)
  probability?: number;
  @Field(() => Int, { nullable: true, description: 'How severe, 1 to 5' })
  @IsOptional()
  @IsInt(SCORE)
  @Min(1, SCORE)
  @Max(5, SCORE)
  impact?: number;
  @Field(() => RiskResponseInput, { nullable: true, description: 'The response (replaces the one recorded)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskResponseInput)
  response?: RiskResponseInput;
}
