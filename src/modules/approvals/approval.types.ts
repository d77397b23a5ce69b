import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { Role } from '../branches/roles.js';

export enum ApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ApprovalStatus, { name: 'ApprovalStatus' });

export enum ApprovalStepStatus {
  WAITING = 'WAITING',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ApprovalStepStatus, { name: 'ApprovalStepStatus' });

export enum ApproverKind {
  USER = 'USER',
  BRANCH_ROLE = 'BRANCH_ROLE',
  HQ_ROLE = 'HQ_ROLE',
  REQUESTER_MANAGER = 'REQUESTER_MANAGER',
}
registerEnumType(ApproverKind, { name: 'ApproverKind', description: 'Who a policy step waits for' });

export enum ApprovalAction {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  DELEGATED = 'DELEGATED',
  COMMENTED = 'COMMENTED',
  WITHDRAWN = 'WITHDRAWN',
  ESCALATED = 'ESCALATED',
  REMINDED = 'REMINDED',
  STALLED = 'STALLED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ApprovalAction, { name: 'ApprovalAction' });

@ObjectType()
export class ApproverRuleView {
  branchId: string;
  @Field(() => ApproverKind) kind: ApproverKind;
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
}

@ObjectType()
export class ApprovalPolicyStepView {
  @Field() name: string;
  @Field(() => ApproverRuleView) approver: ApproverRuleView;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step applies to amounts above this' })
  aboveAmount?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step is skipped for amounts above this' })
  upToAmount?: string | null;
  @Field(() => Float, { description: 'Working hours before the step escalates' }) slaHours: number;
}

@ObjectType()
export class ApprovalPolicy {
  @Field(() => ID, { nullable: true, description: 'Null while the branch uses the built-in default' }) id:
    string | null;
  branchId: string;
  @Field() subjectType: string;
  @Field(() => Int) version: number;
  @Field(() => [ApprovalPolicyStepView]) steps: ApprovalPolicyStepView[];
  @Field(() => [Int]) reminderPercents: number[];
  @Field(() => Int) maxEscalationLevel: number;
}

@ObjectType()
export class ApprovalApprover {
  branchId: string;
  @Field(() => ApproverKind) kind: ApproverKind;
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field(() => Role, { nullable: true }) role: Role | null;
  @Field({ description: 'POLICY, DELEGATION or ESCALATION' }) source: string;
  @Field(() => Int) level: number;
}

@ObjectType()
export class ApprovalStep {
  @Field(() => ID) id: string;
  branchId: string;
  requestId: string;
  @Field(() => Int) position: number;
  @Field() name: string;
  @Field(() => ApprovalStepStatus, { deprecationReason: 'Use state: one word for lifecycles across the schema' })
  status: ApprovalStepStatus;
  @Field(() => Float) slaHours: number;
  @Field(() => Date, { nullable: true })
  startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the SLA expires (working hours of the branch calendar)' })
  dueAt: Date | null;
  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
  @Field(() => ID, { nullable: true, deprecationReason: 'Use decider { id }: people are objects' })
  decidedBy: string | null;
  @Field(() => Int) escalationLevel: number;
  @Field(() => Date, { nullable: true })
  nextEscalationAt: Date | null;
}

@ObjectType()
export class ApprovalEvent {
  @Field(() => ID) id: string;
  branchId: string;
  @Field(() => ID, { nullable: true }) stepId: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Null when the worker did it',
    deprecationReason: 'Use actor { id }: people are objects',
  })
  actorId: string | null;
  @Field(() => ApprovalAction) action: ApprovalAction;
  @Field(() => Int, { nullable: true }) level: number | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field() at: Date;
}

@ObjectType()
export class ApprovalRequest {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field() subjectType: string;
  @Field(() => ID) subjectId: string;
  @Field() title: string;
  @Field(() => GraphQLDecimal, { nullable: true }) amount: string | null;
  @Field(() => String, { nullable: true })
  currency: string | null;
  @Field(() => ID) requesterId: string;
  @Field(() => ApprovalStatus, { deprecationReason: 'Use state: one word for lifecycles across the schema' })
  status: ApprovalStatus;
  @Field(() => Int, { nullable: true, description: 'Position of the step waiting now' }) currentPosition: number | null;
  @Field(() => Date, { nullable: true, description: 'Set when escalation ran out of levels' })
  stalledAt: Date | null;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
  @Field(() => Branch, { nullable: true }) branch?: Branch;
}

@ObjectType()
export class PendingApproval {
  @Field(() => ApprovalRequest) request: ApprovalRequest;
  @Field(() => ApprovalStep) step: ApprovalStep;
}

@ObjectType()
export class PendingApprovalConnection extends Connection(PendingApproval, 'PendingApproval') {}

@ObjectType()
export class ApprovalRequestConnection extends Connection(ApprovalRequest, 'ApprovalRequest') {}

@ObjectType({ description: 'Head office: waiting approvals of one branch' })
export class BranchApprovalSummary {
  @Field(() => Branch) branch: Branch;
  branchId: string;
  @Field(() => Int) pending: number;
  @Field(() => Int) stalled: number;
  @Field(() => Float, { nullable: true, description: 'Hours since the oldest pending request was submitted' })
  oldestPendingHours: number | null;
}

@ObjectType()
export class CalendarDay {
  @Field() day: string;
  @Field({ description: 'HOLIDAY or WORKDAY' }) kind: string;
  @Field() name: string;
}

@ObjectType({ description: 'Working calendar of a branch: approval SLAs count only these hours' })
export class BranchCalendar {
  @Field(() => ID) branchId: string;
  @Field() timeZone: string;
  @Field(() => [Int]) workDays: number[];
  @Field(() => Int) dayStartMinute: number;
  @Field(() => Int) dayEndMinute: number;
  @Field(() => [CalendarDay]) days: CalendarDay[];
}

@ObjectType({ description: 'Out of office: a colleague decides the giver’s approvals between two dates (inclusive)' })
export class ApprovalDelegation {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID, { description: 'Who is away' }) userId: string;
  @Field(() => ID, { description: 'Who decides in their place' }) delegateId: string;
  @Field(() => GraphQLDate, { description: 'First day, in the branch time zone' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day, in the branch time zone' }) endsOn: string;
  @Field() reason: string;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => ID, { nullable: true, deprecationReason: 'Use canceller { id }: people are objects' })
  cancelledBy: string | null;
  @Field({ description: 'Counts today (in the branch time zone) and is not cancelled' }) active: boolean;
  @Field() createdAt: Date;
}
