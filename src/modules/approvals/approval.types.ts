import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLDecimal } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { Role } from '../branches/roles.js';
import { ApprovalRequest, ApprovalStep } from './approval.entity.js';
import { ApproverKind } from './approval.enums.js';

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
