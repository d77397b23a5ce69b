import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { Visit, VisitTask } from './visit.entity.js';
import { VisitState } from './visit.enums.js';

@ObjectType('VisitConnection', {
  description: 'A page of visit rows: edges, pageInfo and totalCount (Relay connection)',
})
export class VisitConnection extends Connection(Visit, 'Visit') {}

@ObjectType('VisitTaskConnection', {
  description: 'A page of visit task rows: edges, pageInfo and totalCount (Relay connection)',
})
export class VisitTaskConnection extends Connection(VisitTask, 'VisitTask') {}

@InputType({ description: 'Conditions on the visits list; all given must hold' })
export class VisitFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => VisitState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(VisitState)
  state?: VisitState;
  @Field({ nullable: true, description: 'Only effective (true) or only not effective (false) visits' })
  @IsOptional()
  @IsBoolean()
  effective?: boolean;
  @Field(() => GraphQLDate, { nullable: true, description: 'Planned on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Planned on or before' }) @IsOptional() to?: string;
}

@InputType({ description: 'Conditions on follow-up tasks; all given must hold' })
export class VisitTaskFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only tasks given to this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  assigneeId?: string;
  @Field(() => ID, { nullable: true, description: 'Only tasks of this visit' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a visit id' })
  visitId?: string;
  @Field({ nullable: true, description: 'true: not done yet; false: done' }) @IsOptional() @IsBoolean() open?: boolean;
}
