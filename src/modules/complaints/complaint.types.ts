import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '@app/graphql';
import { ComplaintState } from './complaint-state.js';

export enum ComplaintChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  VISIT = 'VISIT',
  WEB = 'WEB',
  LETTER = 'LETTER',
}

export enum ComplaintCategory {
  PRODUCT = 'PRODUCT',
  DELIVERY = 'DELIVERY',
  SERVICE = 'SERVICE',
  BILLING = 'BILLING',
  OTHER = 'OTHER',
}

export enum ComplaintSeverity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export enum ComplaintAction {
  RECEIVED = 'RECEIVED',
  INVESTIGATION_STARTED = 'INVESTIGATION_STARTED',
  ROOT_CAUSE_RECORDED = 'ROOT_CAUSE_RECORDED',
  RESOLVED = 'RESOLVED',
  CONFIRMED = 'CONFIRMED',
  NOT_FIXED = 'NOT_FIXED',
  ESCALATED = 'ESCALATED',
}

registerEnumType(ComplaintState, {
  name: 'ComplaintState',
  description: 'RECEIVED -> INVESTIGATING -> RESOLVED -> CLOSED (the customer confirmed); "not fixed" reopens',
  valuesMap: {
    CLOSED: { description: 'The customer confirmed the fix' },
    INVESTIGATING: { description: 'Answered; root cause being investigated' },
    RECEIVED: { description: 'Taken in, waiting for the response (escalated when late)' },
    RESOLVED: { description: "Fixed; waiting for the customer's confirmation" },
  },
});
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'How the complaint came in',
  valuesMap: {
    EMAIL: { description: 'By e-mail' },
    LETTER: { description: 'By letter' },
    PHONE: { description: 'By telephone' },
    VISIT: { description: 'In person, during a visit' },
    WEB: { description: 'Through the web site' },
  },
});
registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: 'What a complaint is about',
  valuesMap: {
    BILLING: { description: 'Invoices and payments' },
    DELIVERY: { description: 'Shipping and delivery' },
    OTHER: { description: 'Anything else' },
    PRODUCT: { description: 'Product quality or fitness' },
    SERVICE: { description: 'Service or staff behaviour' },
  },
});
registerEnumType(ComplaintSeverity, {
  name: 'ComplaintSeverity',
  description: 'Sets the response deadline (per-branch complaint settings)',
  valuesMap: {
    CRITICAL: { description: 'Critical: answer within the shortest window (default 4 hours)' },
    HIGH: { description: 'High (default 24 hours)' },
    LOW: { description: 'Low (default 120 hours)' },
    MEDIUM: { description: 'Medium (default 72 hours)' },
  },
});
registerEnumType(ComplaintAction, {
  name: 'ComplaintAction',
  description: 'A move on the complaint’s timeline',
  valuesMap: {
    CONFIRMED: { description: 'The customer confirmed the fix: closed' },
    ESCALATED: { description: 'The worker escalated it past its response deadline' },
    INVESTIGATION_STARTED: { description: 'The response: investigation started' },
    NOT_FIXED: { description: 'The customer said it is not fixed: investigation reopened' },
    RECEIVED: { description: 'Taken in' },
    RESOLVED: { description: 'Resolved, with the resolution' },
    ROOT_CAUSE_RECORDED: { description: 'Root cause recorded' },
  },
});

@ObjectType('Complaint', { description: 'A customer complaint (客户投诉)' })
export class Complaint {
  @Field(() => ID, { description: 'Stable id of the complaint' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the complaint belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' }) customerId: string;
  @Field(() => ID, { description: 'Who handles it; a sales rep sees the complaints they own' }) ownerId: string;
  @Field(() => ComplaintChannel, { description: 'How the complaint came in' }) channel: ComplaintChannel;
  @Field(() => ComplaintCategory, { description: 'What the complaint is about' }) category: ComplaintCategory;
  @Field(() => ComplaintSeverity, { description: 'How serious: sets the response window' }) severity: ComplaintSeverity;
  @Field({ description: "The customer's complaint, in their words" }) description: string;
  @Field(() => ComplaintState, { description: 'Where the complaint is in its handling' }) state: ComplaintState;
  @Field({ description: 'When it was taken in; the response deadline counts from here' }) receivedAt: Date;
  @Field({ description: 'By when the investigation must start (the response), from the severity' })
  responseDueAt: Date;
  @Field(() => Int, { description: 'The response window the complaint was received under, in hours' })
  responseHours: number;
  @Field({ description: 'Whether those hours count only the branch’s working time (its approval calendar)' })
  workingTime: boolean;
  @Field(() => Date, { nullable: true, description: 'When the investigation started' }) respondedAt: Date | null;
  @Field({ description: 'Not yet responded to and past its response deadline' }) overdue: boolean;
  @Field(() => String, { nullable: true, description: 'The root cause found by the investigation' }) rootCause:
    string | null;
  @Field(() => String, { nullable: true, description: 'What was done to fix it; null until RESOLVED' }) resolution:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null before' }) resolvedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the customer confirmed the fix' }) closedAt: Date | null;
  @Field(() => Int, { description: '0 none, 1 the branch manager, 2 head office' }) escalationLevel: number;
  @Field(() => Date, { nullable: true, description: 'When the next escalation falls due (only while RECEIVED)' })
  nextEscalationAt: Date | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the complaint was recorded' }) createdAt: Date;
  @Field({ description: 'When the complaint last changed' }) updatedAt: Date;
}

@ObjectType('ComplaintConnection', {
  description: 'A page of complaint rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ComplaintConnection extends Connection(Complaint, 'Complaint') {}

@ObjectType('ComplaintEvent', { description: 'One move on a complaint’s timeline' })
export class ComplaintEvent {
  @Field(() => ID, { description: 'Stable id of the complaint event' }) id: string;
  @Field(() => ComplaintAction, { description: 'What happened' }) action: ComplaintAction;
  @Field(() => ComplaintState, { nullable: true, description: 'State before; null for the intake' })
  fromState: ComplaintState | null;
  @Field(() => ComplaintState, { description: 'State after' }) toState: ComplaintState;
  @Field(() => Int, { nullable: true, description: 'The escalation level (ESCALATED only)' }) level: number | null;
  @Field(() => String, { nullable: true, description: 'Note given with it' }) note: string | null;
  @Field(() => ID, { nullable: true, description: 'Who made the move; null for the worker' }) actorId: string | null;
  @Field({ description: 'When it happened' }) at: Date;
  branchId: string;
  complaintId: string;
}

@ObjectType('ComplaintSettings', { description: 'A branch’s complaint rules: the response window per severity' })
export class ComplaintSettings {
  @Field(() => ID, { description: 'Id of the branch the complaint settings belongs to' }) branchId: string;
  @Field(() => Int, { description: 'Response window for CRITICAL complaints, in hours (default 4)' })
  criticalHours: number;
  @Field(() => Int, { description: 'Response window for HIGH complaints, in hours (default 24)' }) highHours: number;
  @Field(() => Int, { description: 'Response window for MEDIUM complaints, in hours (default 72)' })
  mediumHours: number;
  @Field(() => Int, { description: 'Response window for LOW complaints, in hours (default 120)' }) lowHours: number;
  @Field({ description: 'Count the hours in the branch’s working time (approval calendar) instead of the clock' })
  workingTime: boolean;
}

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
