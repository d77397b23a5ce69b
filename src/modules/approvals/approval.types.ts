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
registerEnumType(ApprovalStatus, {
  name: 'ApprovalStatus',
  description: 'Where an approval request stands',
  valuesMap: {
    APPROVED: { description: 'Every step approved; the subject may go ahead' },
    PENDING: { description: 'A step waits for a decision' },
    REJECTED: { description: 'An approver rejected it; final' },
    RETURNED: { description: 'Sent back to the requester for changes; the subject may be submitted again' },
    WITHDRAWN: { description: 'The requester withdrew it' },
  },
});

export enum ApprovalStepStatus {
  WAITING = 'WAITING',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ApprovalStepStatus, {
  name: 'ApprovalStepStatus',
  description: 'Where one step of an approval request stands',
  valuesMap: {
    APPROVED: { description: 'Approved; the next step starts' },
    CANCELLED: { description: 'Not needed any more: the request was decided or withdrawn before this step' },
    PENDING: { description: 'Waiting for a decision now' },
    REJECTED: { description: 'Rejected; the request is rejected' },
    RETURNED: { description: 'Returned for changes; the request is returned' },
    WAITING: { description: 'Waiting for earlier steps' },
  },
});

export enum ApproverKind {
  USER = 'USER',
  BRANCH_ROLE = 'BRANCH_ROLE',
  HQ_ROLE = 'HQ_ROLE',
  REQUESTER_MANAGER = 'REQUESTER_MANAGER',
}
registerEnumType(ApproverKind, {
  name: 'ApproverKind',
  description: 'Who a policy step waits for',
  valuesMap: {
    BRANCH_ROLE: { description: "Every holder of a role in the request's branch" },
    HQ_ROLE: { description: "Every holder of a role at the organization's head office" },
    REQUESTER_MANAGER: {
      description: "The requester's superior (the branch manager; leadership for a branch manager)",
    },
    USER: { description: 'One named person (of the branch, or of head office in a head-office policy)' },
  },
});

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
registerEnumType(ApprovalAction, {
  name: 'ApprovalAction',
  description: "What happened on an approval request's timeline",
  valuesMap: {
    APPROVED: { description: 'An approver approved a step' },
    COMMENTED: { description: 'Someone involved added a comment' },
    COMPLETED: { description: 'The last step was approved: the request is approved' },
    DELEGATED: { description: 'An approver handed a step to a colleague' },
    ESCALATED: { description: "The worker escalated an overdue step to the approver's superior (level in level)" },
    REJECTED: { description: 'An approver rejected the request (reason in comment)' },
    REMINDED: { description: 'The worker reminded the approvers of a step nearing its SLA' },
    RETURNED: { description: 'An approver returned the request to the requester for changes' },
    STALLED: { description: 'Escalation ran out of levels: head office must act' },
    SUBMITTED: { description: 'The requester submitted the request' },
    WITHDRAWN: { description: 'The requester withdrew the request' },
  },
});

@ObjectType({ description: 'Who a policy step waits for' })
export class ApproverRuleView {
  branchId: string;
  @Field(() => ApproverKind, {
    description: "A named person, a branch role, a head-office role or the requester's superior",
  })
  kind: ApproverKind;
  @Field(() => Role, { nullable: true, description: 'The role for BRANCH_ROLE and HQ_ROLE; null otherwise' })
  role?: Role | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the named person for USER (the person: person); null otherwise',
  })
  userId?: string | null;
}

@ObjectType({ description: 'One step of an approval policy' })
export class ApprovalPolicyStepView {
  @Field({ description: 'Shown to approvers and in the timeline, e.g. Branch manager' }) name: string;
  @Field(() => ApproverRuleView, { description: 'Who the step waits for' }) approver: ApproverRuleView;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step applies to amounts above this' })
  aboveAmount?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The step is skipped for amounts above this' })
  upToAmount?: string | null;
  @Field(() => Float, { description: 'Working hours before the step escalates' }) slaHours: number;
}

@ObjectType({
  description: 'How a branch decides one subject type: ordered steps with approvers, amount bands and SLAs',
})
export class ApprovalPolicy {
  @Field(() => ID, { nullable: true, description: 'Null while the branch uses the built-in default' }) id:
    string | null;
  branchId: string;
  @Field({ description: 'What the policy decides, e.g. CONTRACT, QUOTE, ORDER_WITHOUT_CONTRACT, SPECIAL_TERMS' })
  subjectType: string;
  @Field(() => Int, {
    description:
      'Increases with every change; 0 while the built-in default applies. Running requests keep the version they started with',
  })
  version: number;
  @Field(() => [ApprovalPolicyStepView], {
    description: 'The steps in order; a step whose amount band excludes the request is skipped',
  })
  steps: ApprovalPolicyStepView[];
  @Field(() => [Int], {
    description: "Approvers are reminded when these percentages of a step's SLA have passed (default 50 and 90)",
  })
  reminderPercents: number[];
  @Field(() => Int, {
    description: 'How many times an overdue step is escalated to a superior before the request is marked stalled',
  })
  maxEscalationLevel: number;
}

@ObjectType({ description: 'One person or role that may decide a step, and why (policy, delegation or escalation)' })
export class ApprovalApprover {
  branchId: string;
  @Field(() => ApproverKind, { description: 'Whether a named person or the holders of a role decide' })
  kind: ApproverKind;
  @Field(() => ID, { nullable: true, description: 'Id of the named approver (the person: person); null for a role' })
  userId: string | null;
  @Field(() => Role, {
    nullable: true,
    description: 'The role whose holders may decide (BRANCH_ROLE, HQ_ROLE); null for a named person',
  })
  role: Role | null;
  @Field({ description: 'POLICY, DELEGATION or ESCALATION' }) source: string;
  @Field(() => Int, { description: '0 from the policy; 1, 2, ... for each escalation that added this approver' })
  level: number;
}

@ObjectType({ description: 'One step of an approval request: who may decide, by when, and the decision' })
export class ApprovalStep {
  @Field(() => ID, { description: 'Stable id of the approval step' }) id: string;
  branchId: string;
  requestId: string;
  @Field(() => Int, { description: '1 for the first step; steps are decided in this order' }) position: number;
  @Field({ description: "The step's name from the policy, e.g. Leadership" }) name: string;
  @Field(() => ApprovalStepStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ApprovalStepStatus;
  @Field(() => Float, { description: 'Working hours (branch calendar) the approvers have before the step escalates' })
  slaHours: number;
  @Field(() => Date, {
    nullable: true,
    description: 'When the step began waiting for a decision; null while earlier steps are open',
  })
  startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the SLA expires (working hours of the branch calendar)' })
  dueAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the step was decided; null while it waits' })
  decidedAt: Date | null;
  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Use decider { id }: people are objects',
    description: 'Id of who decided the step',
  })
  decidedBy: string | null;
  @Field(() => Int, { description: 'How many times the step has been escalated (0: never)' }) escalationLevel: number;
  @Field(() => Date, {
    nullable: true,
    description: 'When the worker escalates the step if still undecided; null once decided or stalled',
  })
  nextEscalationAt: Date | null;
}

@ObjectType({ description: "One entry of an approval request's timeline (who did what, when)" })
export class ApprovalEvent {
  @Field(() => ID, { description: 'Stable id of the approval event' }) id: string;
  branchId: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the step concerned; null for request-wide entries (submitted, withdrawn, completed)',
  })
  stepId: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Null when the worker did it',
    deprecationReason: 'Use actor { id }: people are objects',
  })
  actorId: string | null;
  @Field(() => ApprovalAction, { description: 'What happened' }) action: ApprovalAction;
  @Field(() => Int, {
    nullable: true,
    description: 'The escalation level or reminder number, for ESCALATED, STALLED and REMINDED',
  })
  level: number | null;
  @Field(() => String, { nullable: true, description: 'The comment, reason or note given with it' }) comment:
    string | null;
  @Field({ description: 'When it happened' }) at: Date;
}

@ObjectType({
  description: 'A request for a decision on a subject (contract, quote, order, ...), decided step by step',
})
export class ApprovalRequest {
  @Field(() => ID, { description: 'Stable id of the approval request' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the approval request belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'What is decided, e.g. CONTRACT, CONTRACT_AMENDMENT, QUOTE, ORDER_WITHOUT_CONTRACT' })
  subjectType: string;
  @Field(() => ID, { description: 'Id of the subject in its own module (e.g. the contract id for CONTRACT)' })
  subjectId: string;
  @Field({ description: 'What the approvers see, e.g. the contract title' }) title: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description:
      "The amount decided on, in currency; null for subjects without an amount. Chooses the policy's amount bands",
  })
  amount: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of amount (the branch currency)' })
  currency: string | null;
  @Field(() => ID, { description: 'Id of who submitted the request (the person: requester)' }) requesterId: string;
  @Field(() => ApprovalStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ApprovalStatus;
  @Field(() => Int, { nullable: true, description: 'Position of the step waiting now' }) currentPosition: number | null;
  @Field(() => Date, { nullable: true, description: 'Set when escalation ran out of levels' })
  stalledAt: Date | null;
  @Field({ description: 'When the request was submitted' }) submittedAt: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the request was approved, rejected, returned or withdrawn; null while pending',
  })
  decidedAt: Date | null;
  @Field(() => Branch, { nullable: true, description: 'The branch the request belongs to' }) branch?: Branch;
}

@ObjectType({ description: 'A step waiting for you, with its request' })
export class PendingApproval {
  @Field(() => ApprovalRequest, { description: 'The request the step belongs to' }) request: ApprovalRequest;
  @Field(() => ApprovalStep, { description: 'The step you may decide' }) step: ApprovalStep;
}

@ObjectType({ description: 'A page of pending approval rows: edges, pageInfo and totalCount (Relay connection)' })
export class PendingApprovalConnection extends Connection(PendingApproval, 'PendingApproval') {}

@ObjectType({ description: 'A page of approval request rows: edges, pageInfo and totalCount (Relay connection)' })
export class ApprovalRequestConnection extends Connection(ApprovalRequest, 'ApprovalRequest') {}

@ObjectType({ description: 'Head office: waiting approvals of one branch' })
export class BranchApprovalSummary {
  @Field(() => Branch, { description: 'The branch summed up' }) branch: Branch;
  branchId: string;
  @Field(() => Int, { description: 'Requests of the branch waiting for a decision' }) pending: number;
  @Field(() => Int, { description: 'Pending requests whose escalation ran out of levels' }) stalled: number;
  @Field(() => Float, { nullable: true, description: 'Hours since the oldest pending request was submitted' })
  oldestPendingHours: number | null;
}

@ObjectType({ description: 'A holiday or an adjusted working day of a branch calendar' })
export class CalendarDay {
  @Field({ description: 'The day, YYYY-MM-DD' }) day: string;
  @Field({ description: 'HOLIDAY or WORKDAY' }) kind: string;
  @Field({ description: 'What the day is, e.g. National Day' }) name: string;
}

@ObjectType({ description: 'Working calendar of a branch: approval SLAs count only these hours' })
export class BranchCalendar {
  @Field(() => ID, { description: 'Id of the branch the branch calendar belongs to' }) branchId: string;
  @Field({ description: "IANA time zone the calendar counts in (the branch's)" }) timeZone: string;
  @Field(() => [Int], { description: 'ISO weekdays worked, 1 = Monday ... 7 = Sunday' }) workDays: number[];
  @Field(() => Int, { description: 'Start of the working day in minutes after midnight, branch time (540 = 09:00)' })
  dayStartMinute: number;
  @Field(() => Int, { description: 'End of the working day in minutes after midnight, branch time (1080 = 18:00)' })
  dayEndMinute: number;
  @Field(() => [CalendarDay], {
    description: 'Exceptions to workDays: holidays, and weekend days worked instead (调休)',
  })
  days: CalendarDay[];
}

@ObjectType({ description: 'Out of office: a colleague decides the giver’s approvals between two dates (inclusive)' })
export class ApprovalDelegation {
  @Field(() => ID, { description: 'Stable id of the approval delegation' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the approval delegation belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Who is away' }) userId: string;
  @Field(() => ID, { description: 'Who decides in their place' }) delegateId: string;
  @Field(() => GraphQLDate, { description: 'First day, in the branch time zone' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day, in the branch time zone' }) endsOn: string;
  @Field({ description: 'Why (e.g. business trip, leave), shown to the delegate' }) reason: string;
  @Field(() => Date, { nullable: true, description: 'When it was ended early; null unless cancelled' })
  cancelledAt: Date | null;
  @Field(() => ID, {
    nullable: true,
    deprecationReason: 'Use canceller { id }: people are objects',
    description: 'Id of who ended it early',
  })
  cancelledBy: string | null;
  @Field({ description: 'Counts today (in the branch time zone) and is not cancelled' }) active: boolean;
  @Field({ description: 'When the approval delegation was recorded' }) createdAt: Date;
}
