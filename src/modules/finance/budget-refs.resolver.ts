import { refFieldsResolver } from '../branches/ref-fields.js';
import { Budget, BudgetExpense, CustomerReception } from './budget.entity.js';
import { BusinessTrip } from './trip.entity.js';

/** The branches and people of budgets, expenses, trips and receptions as objects (one batched loader each). */
export const BUDGET_REF_RESOLVERS = [
  refFieldsResolver(
    () => Budget,
    [
      { name: 'branch', kind: 'branch', description: 'The branch (the department) the budget belongs to' },
      { name: 'createdBy', kind: 'person', id: (b) => b.createdById, description: 'Who set the budget' },
    ],
  ),
  refFieldsResolver(
    () => BudgetExpense,
    [{ name: 'recordedBy', kind: 'person', id: (e) => e.recordedById, description: 'Who recorded the expense' }],
  ),
  refFieldsResolver(
    () => BusinessTrip,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the trip' },
      { name: 'traveller', kind: 'person', id: (t) => t.travellerId, description: 'Who travels' },
    ],
  ),
  refFieldsResolver(
    () => CustomerReception,
    [
      { name: 'branch', kind: 'branch', description: 'The branch that hosts' },
      { name: 'host', kind: 'person', id: (r) => r.hostId, description: 'Who hosts' },
    ],
  ),
];
