import { refFieldsResolver } from '../branches/ref-fields.js';
import {
  ApprovalApprover,
  ApprovalDelegation,
  ApprovalEvent,
  ApprovalRequest,
  ApprovalStep,
} from './approval.entity.js';
import { ApprovalStatus, ApprovalStepStatus } from './approval.enums.js';
import { ApproverRuleView } from './approval.types.js';

/** People and branches of the approval types as objects, and `state` for the lifecycle (one loader each). */
export const APPROVAL_REF_RESOLVERS = [
  refFieldsResolver(
    () => ApprovalEvent,
    [
      {
        name: 'actor',
        kind: 'person',
        id: (e) => e.actorId,
        description: 'Who did it; null when the worker did it (a reminder, an escalation, a stall)',
      },
    ],
  ),
  refFieldsResolver(
    () => ApprovalStep,
    [
      {
        name: 'decider',
        kind: 'person',
        id: (s) => s.decidedBy,
        description: 'Who approved, rejected or returned the step; null while it waits',
      },
      {
        name: 'state',
        kind: 'value',
        type: () => ApprovalStepStatus,
        value: (s) => s.status,
        description: 'Where the step is: WAITING for earlier steps, PENDING a decision, or decided',
      },
    ],
  ),
  refFieldsResolver(
    () => ApprovalRequest,
    [
      { name: 'requester', kind: 'person', id: (r) => r.requesterId, description: 'Who submitted the request' },
      {
        name: 'state',
        kind: 'value',
        type: () => ApprovalStatus,
        value: (r) => r.status,
        description: 'PENDING while a step waits; then the outcome: APPROVED, REJECTED, RETURNED or WITHDRAWN',
      },
    ],
  ),
  refFieldsResolver(
    () => ApprovalDelegation,
    [
      { name: 'branch', kind: 'branch', description: 'The branch whose approvals are handed over' },
      {
        name: 'delegator',
        kind: 'person',
        id: (d) => d.userId,
        description: 'Who is away and hands over their approvals',
      },
      { name: 'delegate', kind: 'person', id: (d) => d.delegateId, description: 'Who decides in their place' },
      {
        name: 'canceller',
        kind: 'person',
        id: (d) => d.cancelledBy,
        description: 'Who ended the delegation early; null unless cancelled',
      },
    ],
  ),
  refFieldsResolver(
    () => ApprovalApprover,
    [
      {
        name: 'person',
        kind: 'person',
        id: (a) => a.userId,
        description: 'The named approver; null when the step waits for a role (see role)',
      },
    ],
  ),
  refFieldsResolver(
    () => ApproverRuleView,
    [
      {
        name: 'person',
        kind: 'person',
        id: (a) => a.userId,
        description: 'The named person a USER step waits for; null for role-based steps',
      },
    ],
  ),
];
