import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLDate, NotBlank } from '@app/graphql';

@InputType({ description: 'A visit to book' })
export class PlanVisitInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; a sales rep always owns what they plan' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => GraphQLDate, { description: 'Today or later, branch time zone' }) plannedOn: string;
  @Field({ description: 'What the visit is for' }) @Length(1, 500) @NotBlank() purpose: string;
  @Field({ nullable: true, defaultValue: false, description: 'The customer asked for the visit' })
  @IsOptional()
  @IsBoolean()
  requestedByCustomer?: boolean;
  @Field(() => ID, { nullable: true, description: 'The quote (proposal) of this customer the visit follows' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a quote id' })
  quoteId?: string;
  @Field(() => [ID], { nullable: true, description: 'Staff of the branch who attend' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  memberIds?: string[];
  @Field(() => [ID], { nullable: true, description: 'Contacts of the customer who attend' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be contact ids' })
  contactIds?: string[];
}

@InputType({ description: 'Changes to a PLANNED visit; fields left out keep their value' })
export class UpdateVisitInput {
  @Field(() => GraphQLDate, { nullable: true, description: 'The business day of the visit (branch time zone)' })
  @IsOptional()
  plannedOn?: string;
  @Field({ nullable: true, description: 'What the visit is for' })
  @IsOptional()
  @Length(1, 500)
  @NotBlank()
  purpose?: string;
  @Field({ nullable: true, description: 'The customer asked for this visit (an input of the effective-visit rule)' })
  @IsOptional()
  @IsBoolean()
  requestedByCustomer?: boolean;
  @Field(() => ID, { nullable: true, description: 'The proposal (quote) the visit follows' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a quote id' })
  quoteId?: string;
  @Field(() => [ID], { nullable: true, description: 'Replaces the staff attending' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  memberIds?: string[];
  @Field(() => [ID], { nullable: true, description: 'Replaces the customer contacts attending' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be contact ids' })
  contactIds?: string[];
}

@InputType({ description: 'A commitment made in a visit: it becomes a follow-up task' })
export class CommitmentInput {
  @Field({ description: 'What was promised' }) @Length(1, 1000) @NotBlank() description: string;
  @Field(() => GraphQLDate, { description: 'Today or later, branch time zone' }) dueOn: string;
  @Field(() => ID, { nullable: true, description: 'Defaults to the visit’s owner' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  assigneeId?: string;
}

@InputType({ description: 'The report filed after a visit' })
export class VisitReportInput {
  @Field(() => GraphQLDate, { nullable: true, description: 'Defaults to today; not in the future' })
  @IsOptional()
  visitedOn?: string;
  @Field({ description: 'What happened' }) @Length(1, 4000) @NotBlank() summary: string;
  @Field({ nullable: true, description: 'Needs the customer expressed' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  customerNeeds?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Tells the branch manager at once' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
  @Field({ nullable: true, description: 'Correct whether the customer asked for the visit' })
  @IsOptional()
  @IsBoolean()
  requestedByCustomer?: boolean;
  @Field(() => ID, { nullable: true, description: 'Link the proposal (quote) the visit followed' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a quote id' })
  quoteId?: string;
  @Field(() => [ID], {
    nullable: true,
    description: 'Files of the report (photos, the customer’s signed visit sheet), uploaded with POST /files first',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be file ids' })
  fileIds?: string[];
  @Field(() => [CommitmentInput], { nullable: true, description: 'Each becomes a follow-up task' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CommitmentInput)
  commitments?: CommitmentInput[];
}

@InputType({ description: 'Changes to a follow-up task; fields left out keep their value' })
export class UpdateVisitTaskInput {
  @Field({ nullable: true, description: 'What is to be done' })
  @IsOptional()
  @Length(1, 1000)
  @NotBlank()
  description?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Today or later; moves the reminders' })
  @IsOptional()
  dueOn?: string;
  @Field(() => ID, { nullable: true, description: "Id of the new assignee: the visit's owner or a manager" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  assigneeId?: string;
}
