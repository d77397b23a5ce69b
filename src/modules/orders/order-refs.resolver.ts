import { refFieldsResolver } from '../branches/ref-fields.js';
import { Order } from './order.entity.js';

/** The branch and author of an order as objects (one batched loader each). */
export const ORDER_REF_RESOLVERS = [
  refFieldsResolver(
    () => Order,
    [
      { name: 'branch', kind: 'branch', description: 'The branch that took the order' },
      { name: 'createdBy', kind: 'person', id: (o) => o.createdById, description: 'Who recorded the order' },
    ],
  ),
];
