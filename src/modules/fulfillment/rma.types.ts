import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Rma } from './rma.entity.js';
import { RmaState } from './rma.enums.js';

@ObjectType('RmaConnection', { description: 'A page of RMAs, newest first (Relay connection)' })
export class RmaConnection extends Connection(Rma, 'Rma') {}

@InputType({ description: 'Conditions on the RMA list; all given must hold' })
export class RmaFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the RMAs of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => RmaState, { nullable: true, description: 'Only RMAs in this state' })
  @IsOptional()
  @IsEnum(RmaState)
  state?: RmaState;
  @Field({ nullable: true, description: 'true: only those past their step’s limit; false: only those within it' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@ObjectType('OpenRmaAge', { description: 'Open RMAs of one branch in one step, by age since the request' })
export class OpenRmaAge {
  @Field(() => ID, { description: 'Id of the branch (its code and name: branch)' }) branchId: string;
  @Field(() => RmaState, { description: 'The step they wait in' }) state: RmaState;
  @Field(() => Int, { description: 'How many are open in this step' }) open: number;
  @Field(() => Int, { description: 'How many of them are past the step’s limit' }) overdue: number;
  @Field(() => Int, { description: 'Requested less than 1 day ago' }) underOneDay: number;
  @Field(() => Int, { description: 'Requested 1 to 3 days ago' }) oneToThreeDays: number;
  @Field(() => Int, { description: 'Requested 3 to 7 days ago' }) threeToSevenDays: number;
  @Field(() => Int, { description: 'Requested more than 7 days ago' }) overSevenDays: number;
  @Field(() => GraphQLDecimal, { description: 'Average age since the request, in hours' }) averageAgeHours: string;
  @Field(() => GraphQLDecimal, { description: 'Age of the oldest, in hours' }) oldestAgeHours: string;
}
