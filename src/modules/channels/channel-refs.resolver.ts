import { refFieldsResolver } from '../branches/ref-fields.js';
import {
  Partner,
  PartnerAgreement,
  PartnerDispute,
  PartnerEndUser,
  PartnerEvaluation,
  PartnerSupportRecord,
} from './channel.entity.js';
import { AgreementStatus, PartnerStatus } from './channel.enums.js';

/** Branches and people of the channel types as objects, and `state` for lifecycles. */
export const CHANNEL_REF_RESOLVERS = [
  refFieldsResolver(
    () => Partner,
    [
      { name: 'branch', kind: 'branch', description: 'The branch the partner works with' },
      { name: 'createdBy', kind: 'person', id: (p) => p.createdById, description: 'Who recorded the partner' },
      {
        name: 'state',
        kind: 'value',
        type: () => PartnerStatus,
        value: (p) => p.status,
        description: 'Where the relationship stands: CANDIDATE, NEGOTIATING, ACTIVE, SUSPENDED or ENDED',
      },
    ],
  ),
  refFieldsResolver(
    () => PartnerAgreement,
    [
      {
        name: 'state',
        kind: 'value',
        type: () => AgreementStatus,
        value: (a) => a.status,
        description: 'ACTIVE until the day after its last day (then EXPIRED, by the worker) or until TERMINATED early',
      },
    ],
  ),
  refFieldsResolver(
    () => PartnerDispute,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the partner' },
      { name: 'createdBy', kind: 'person', id: (d) => d.createdById, description: 'Who logged the dispute' },
      {
        name: 'handler',
        kind: 'person',
        id: (d) => d.handlerId,
        description: 'Who handles the dispute; null if no one yet',
      },
    ],
  ),
  refFieldsResolver(
    () => PartnerEndUser,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the partner' },
      { name: 'recordedBy', kind: 'person', id: (u) => u.recordedById, description: 'Who recorded the end user' },
    ],
  ),
  refFieldsResolver(
    () => PartnerEvaluation,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the partner' },
      { name: 'evaluatedBy', kind: 'person', id: (e) => e.evaluatedById, description: 'Who scored the partner' },
    ],
  ),
  refFieldsResolver(
    () => PartnerSupportRecord,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the partner' },
      { name: 'recordedBy', kind: 'person', id: (r) => r.recordedById, description: 'Who recorded the support' },
    ],
  ),
];
