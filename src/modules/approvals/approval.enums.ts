import { registerEnumType } from '@nestjs/graphql';

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
