import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { ComplaintState } from './complaint-state.js';
import { Complaint } from './complaint.entity.js';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity } from './complaint.enums.js';

@ObjectType('ComplaintConnection', {
  description: 'A page of complaint rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ComplaintConnection extends Connection(Complaint, 'Complaint') {}

@ObjectType('ComplaintCount', { description: 'Complaints of one branch in one state and severity' })
export class ComplaintCount {
  @Field(() => ID, { description: 'Id of the branch the complaint count belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ComplaintState, { description: 'Their state' }) state: ComplaintState;
  @Field(() => ComplaintSeverity, { description: 'Their severity' }) severity: ComplaintSeverity;
  @Field(() => Int, { description: 'How many complaints' }) count: number;
  @Field(() => Int, { description: 'Of those, not responded to and past their deadline' }) overdue: number;
}

@InputType({ description: 'Conditions on the complaints list; all given must hold' })
export class ComplaintFilter {
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
  @Field(() => ComplaintState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(ComplaintState)
  state?: ComplaintState;
  @Field(() => ComplaintSeverity, { nullable: true, description: 'Only this severity' })
  @IsOptional()
  @IsEnum(ComplaintSeverity)
  severity?: ComplaintSeverity;
  @Field(() => ComplaintCategory, { nullable: true, description: 'Only this category' })
  @IsOptional()
  @IsEnum(ComplaintCategory)
  category?: ComplaintCategory;
  @Field(() => ComplaintChannel, { nullable: true, description: 'Only complaints received this way' })
  @IsOptional()
  @IsEnum(ComplaintChannel)
  channel?: ComplaintChannel;
  @Field({ nullable: true, description: 'true: only overdue ones; false: none of them' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@InputType({ description: 'Conditions on complaint counts' })
export class ComplaintCountFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
}
