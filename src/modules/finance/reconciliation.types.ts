import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Connection, GraphQLDate, NotBlank } from '@app/graphql';
import { ReconciliationStatement } from './reconciliation.entity.js';
import { StatementCadence, StatementState } from './reconciliation.enums.js';

@ObjectType('ReconciliationStatementConnection', {
  description: 'A page of reconciliation statements, latest period first (Relay connection)',
})
export class ReconciliationStatementConnection extends Connection(ReconciliationStatement, 'ReconciliationStatement') {}

@InputType({ description: 'Conditions on the reconciliation statements list; all given must hold' })
export class ReconciliationStatementFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this customer’s statements' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this partner’s (monthly) statements' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId?: string;
  @Field(() => StatementCadence, { nullable: true, description: 'Only half-yearly or only monthly statements' })
  @IsOptional()
  @IsEnum(StatementCadence)
  cadence?: StatementCadence;
  @Field(() => StatementState, { nullable: true, description: 'Only statements in this state' })
  @IsOptional()
  @IsEnum(StatementState)
  state?: StatementState;
  @Field(() => GraphQLDate, { nullable: true, description: 'Only the period ending on this day' })
  @IsOptional()
  periodEnd?: string;
}

@InputType({ description: 'One line the customer disputes, with their reason' })
export class StatementLineDisputeInput {
  @Field(() => ID, { description: 'Id of a line of the statement' })
  @IsUUID('all', { message: 'must be a statement line id' })
  lineId: string;
  @Field({ description: 'The customer’s reason (1 to 1000 characters)' })
  @NotBlank()
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: 'The customer’s dispute of a SENT statement, line by line' })
export class DisputeStatementInput {
  @Field(() => ID, { description: 'Id of the statement' })
  @IsUUID('all', { message: 'must be a statement id' })
  statementId: string;
  @Field(() => [StatementLineDisputeInput], { description: 'The disputed lines, each once, with a reason' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StatementLineDisputeInput)
  lines: StatementLineDisputeInput[];
}
