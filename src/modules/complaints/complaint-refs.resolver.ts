import { refFieldsResolver } from '../branches/ref-fields.js';
import { Complaint, ComplaintEvent } from './complaint.entity.js';
import { ComplaintCount } from './complaint.types.js';

/** Branches and people of the complaint types as objects (one batched loader each). */
export const COMPLAINT_REF_RESOLVERS = [
  refFieldsResolver(
    () => Complaint,
    [
      { name: 'branch', kind: 'branch', description: 'The branch that received the complaint' },
      { name: 'createdBy', kind: 'person', id: (c) => c.createdById, description: 'Who took the complaint in' },
    ],
  ),
  refFieldsResolver(
    () => ComplaintEvent,
    [
      {
        name: 'actor',
        kind: 'person',
        id: (e) => e.actorId,
        description: 'Who made the move; null when the worker did it (an escalation)',
      },
    ],
  ),
  refFieldsResolver(
    () => ComplaintCount,
    [{ name: 'branch', kind: 'branch', description: 'The branch this count is for (code and name to show)' }],
  ),
];
