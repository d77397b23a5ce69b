import { refFieldsResolver } from '../branches/ref-fields.js';
import { ContactLog, Customer } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';
import { Lead, LeadEvent } from './lead.entity.js';
import { CustomerTierChange } from './tiering.entity.js';

/** Branches and people of the customer and lead types as objects, and `state` for the customer's lifecycle. */
export const CUSTOMER_REF_RESOLVERS = [
  refFieldsResolver(
    () => Customer,
    [
      {
        name: 'state',
        kind: 'value',
        type: () => CustomerStatusEnum,
        value: (c) => c.status,
        description: 'ACTIVE customers are worked and reminded; ARCHIVED ones are kept for the record only',
      },
    ],
  ),
  refFieldsResolver(
    () => ContactLog,
    [{ name: 'loggedBy', kind: 'person', id: (l) => l.loggedById, description: 'Who made (and logged) the contact' }],
  ),
  refFieldsResolver(
    () => CustomerTierChange,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the customer' },
      {
        name: 'changedBy',
        kind: 'person',
        id: (c) => c.changedById,
        description: 'Who set the tier by hand (MANUAL); null when the rules did it (QUARTERLY, LARGE_CHANGE)',
      },
    ],
  ),
  refFieldsResolver(
    () => Lead,
    [
      { name: 'branch', kind: 'branch', description: 'The branch the lead belongs to' },
      { name: 'createdBy', kind: 'person', id: (l) => l.createdById, description: 'Who recorded the lead' },
    ],
  ),
  refFieldsResolver(
    () => LeadEvent,
    [{ name: 'actor', kind: 'person', id: (e) => e.actorId, description: 'Who did it' }],
  ),
];
