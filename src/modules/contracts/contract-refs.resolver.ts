import { refFieldsResolver } from '../branches/ref-fields.js';
import { ContractInstalment, ContractMilestone, InstalmentStatus, MilestoneStatus } from './contract-schedule.types.js';
import { Contract, ContractEvent, ContractVersion, ContractVersionStatus, NegotiationRound } from './contract.types.js';
import { ContractRisk } from './contract-risk.types.js';
import { Quote } from './quote.entity.js';

/** Branches and people of the contract and quote types as objects, and `state` for lifecycles. */
export const CONTRACT_REF_RESOLVERS = [
  refFieldsResolver(
    () => Contract,
    [
      { name: 'branch', kind: 'branch', description: 'The branch the contract belongs to' },
      {
        name: 'createdBy',
        kind: 'person',
        id: (c) => c.createdById,
        description: 'Who drafted the contract application',
      },
    ],
  ),
  refFieldsResolver(
    () => ContractEvent,
    [
      {
        name: 'actor',
        kind: 'person',
        id: (e) => e.actorId,
        description: 'Who made the change; null when the worker or the approval engine did it',
      },
    ],
  ),
  refFieldsResolver(
    () => ContractVersion,
    [
      {
        name: 'createdBy',
        kind: 'person',
        id: (v) => v.createdById,
        description: 'Who proposed this version of the terms',
      },
      {
        name: 'state',
        kind: 'value',
        type: () => ContractVersionStatus,
        value: (v) => v.status,
        description:
          'PENDING approval, EFFECTIVE (the contract’s terms), or REJECTED, RETURNED or WITHDRAWN (never in force)',
      },
    ],
  ),
  refFieldsResolver(
    () => ContractRisk,
    [
      { name: 'createdBy', kind: 'person', id: (r) => r.createdById, description: 'Who identified the risk' },
      {
        name: 'responseOwner',
        kind: 'person',
        id: (r) => r.responseOwnerId,
        description: 'Who answers for the response; null while unanswered',
      },
    ],
  ),
  refFieldsResolver(
    () => NegotiationRound,
    [{ name: 'recordedBy', kind: 'person', id: (r) => r.recordedById, description: 'Who logged the round' }],
  ),
  refFieldsResolver(
    () => ContractInstalment,
    [
      {
        name: 'state',
        kind: 'value',
        type: () => InstalmentStatus,
        value: (i) => i.status,
        description: 'Whether the instalment is still due, paid, overdue (after its due day) or waived',
      },
    ],
  ),
  refFieldsResolver(
    () => ContractMilestone,
    [
      {
        name: 'state',
        kind: 'value',
        type: () => MilestoneStatus,
        value: (m) => m.status,
        description: 'Whether the milestone is still open, done, overdue (after its due day) or cancelled',
      },
    ],
  ),
  refFieldsResolver(
    () => Quote,
    [
      { name: 'branch', kind: 'branch', description: 'The branch that issued the quote' },
      { name: 'createdBy', kind: 'person', id: (q) => q.createdById, description: 'Who wrote the quote' },
    ],
  ),
];
