import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { VisitState } from './visit-state.js';

registerEnumType(VisitState, {
  name: 'VisitState',
  description: 'PLANNED -> DONE (the report is filed) or CANCELLED',
  valuesMap: {
    CANCELLED: { description: 'Cancelled, with a reason' },
    DONE: { description: 'Report filed' },
    PLANNED: { description: 'Booked, may change' },
  },
});

export enum AttendeeKind {
  MEMBER = 'MEMBER',
  CONTACT = 'CONTACT',
}
registerEnumType(AttendeeKind, {
  name: 'VisitAttendeeKind',
  description: 'One of our staff, or a customer contact',
  valuesMap: {
    CONTACT: { description: 'A contact person of the customer' },
    MEMBER: { description: 'One of our staff' },
  },
});

@ObjectType('Visit', { description: 'A customer visit (客户拜访): planned, then reported and reviewed' })
export class Visit {
  @Field(() => ID, { description: 'Stable id of the visit' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the visit belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' }) customerId: string;
  @Field(() => ID, { description: 'The representative who owns the visit' }) ownerId: string;
  @Field(() => GraphQLDate, { description: 'The business day of the visit (branch time zone)' }) plannedOn: string;
  @Field({ description: 'What the visit is for' }) purpose: string;
  @Field(() => VisitState, { description: 'Where the visit stands' }) state: VisitState;
  @Field({ description: 'The customer asked for this visit (an input of the effective-visit rule)' })
  requestedByCustomer: boolean;
  @Field(() => ID, { nullable: true, description: 'The proposal (quote) the visit follows' }) quoteId: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled; null unless CANCELLED' }) cancelReason:
    string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'The day it took place, from the report' })
  visitedOn: string | null;
  @Field(() => String, { nullable: true, description: 'What happened, from the report' }) reportSummary: string | null;
  @Field(() => String, { nullable: true, description: 'Needs the customer expressed, from the report' }) customerNeeds:
    string | null;
  @Field({ description: 'An urgent report tells the branch manager at once' }) urgent: boolean;
  @Field(() => Date, { nullable: true, description: 'When the report was filed; null before' }) reportedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'Id of the person who reported it (the person: reportedBy)' })
  reportedById: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'When the linked quote was sent, read at the report' })
  quoteSentOn: string | null;
  @Field({
    description:
      'Effective visit: done, asked for by the customer after a proposal was sent to them (signed or not); decided when the report is filed',
  })
  effective: boolean;
  @Field(() => [String], { description: 'Why the visit is not effective (empty when it is)' })
  notEffectiveBecause: string[];
  @Field(() => String, { nullable: true, description: 'The superior’s review comment' }) reviewComment: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the person who reviewed it (the person: reviewedBy)' })
  reviewedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When the superior reviewed it; null before' })
  reviewedAt: Date | null;
  @Field({ description: 'The superior has reviewed and acknowledged the report' }) acknowledged: boolean;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the visit was recorded' }) createdAt: Date;
  @Field({ description: 'When the visit last changed' }) updatedAt: Date;
}

@ObjectType('VisitConnection', {
  description: 'A page of visit rows: edges, pageInfo and totalCount (Relay connection)',
})
export class VisitConnection extends Connection(Visit, 'Visit') {}

@ObjectType('VisitAttendee', { description: 'Who takes part: one of our staff or a contact of the customer' })
export class VisitAttendee {
  @Field(() => ID, { description: 'Stable id of the visit attendee' }) id: string;
  @Field(() => AttendeeKind, { description: 'One of our staff, or a customer contact' }) kind: AttendeeKind;
  @Field(() => ID, { nullable: true, description: 'Id of the staff member (the person: member)' }) userId:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the contact (as an object: contact)' }) contactId:
    string | null;
  branchId: string;
  customerId: string;
}

@ObjectType('VisitTask', { description: 'A commitment made in a visit, followed up to done' })
export class VisitTask {
  @Field(() => ID, { description: 'Stable id of the visit task' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the visit task belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the visit it came from' }) visitId: string;
  @Field({ description: 'What is to be done' }) description: string;
  @Field(() => ID, { description: 'Id of the assignee (as an object: assignee)' }) assigneeId: string;
  @Field(() => GraphQLDate, { description: 'Business day (branch time zone)' }) dueOn: string;
  @Field({ description: 'Completed' }) done: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was completed; null while open' }) doneAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'Id of the person who did it (the person: doneBy)' }) doneById:
    string | null;
  @Field({ description: 'Not done and its due day has passed (branch time zone)' }) overdue: boolean;
  @Field(() => Date, { nullable: true, description: 'When the assignee is next reminded' })
  nextReminderAt: Date | null;
  @Field({ description: 'When the visit task was recorded' }) createdAt: Date;
}

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
