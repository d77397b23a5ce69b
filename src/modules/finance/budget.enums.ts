import { registerEnumType } from '@nestjs/graphql';

export enum BudgetCategory {
  GENERAL = 'GENERAL',
  TRAVEL = 'TRAVEL',
  RECEPTION = 'RECEPTION',
  MARKETING = 'MARKETING',
}

export enum ExpenseSource {
  MANUAL = 'MANUAL',
  TRIP = 'TRIP',
  RECEPTION = 'RECEPTION',
}

export enum ExpenseState {
  RECORDED = 'RECORDED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
}

export enum TripState {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CLAIMED = 'CLAIMED',
}

export enum ReceptionState {
  PLANNED = 'PLANNED',
  HOSTED = 'HOSTED',
}

registerEnumType(BudgetCategory, {
  name: 'BudgetCategory',
  description: 'What a budget of the department (the branch) pays for',
  valuesMap: {
    GENERAL: { description: 'Day-to-day expenses of the department (部门费用)' },
    TRAVEL: { description: 'Business trips (差旅费)' },
    RECEPTION: { description: 'Customer receptions and inspection visits (业务招待费)' },
    MARKETING: { description: 'Campaigns, trade shows, materials (市场费用)' },
  },
});
registerEnumType(ExpenseSource, {
  name: 'ExpenseSource',
  description: 'Where an expense against a budget came from',
  valuesMap: {
    MANUAL: { description: 'Recorded by finance or the department head' },
    TRIP: { description: 'The claim of a business trip' },
    RECEPTION: { description: 'What a customer reception cost' },
  },
});
registerEnumType(ExpenseState, {
  name: 'ExpenseState',
  description: 'Whether an expense counts against its budget',
  valuesMap: {
    RECORDED: { description: 'Counted in the budget’s spent amount' },
    PENDING: {
      description:
        'Over what was allowed (the budget left, the approved trip, the planned reception): waits for approval',
    },
    REJECTED: { description: 'The overrun was refused: it counts nowhere' },
  },
});
registerEnumType(TripState, {
  name: 'TripState',
  description: 'Where a business trip stands (出差)',
  valuesMap: {
    REQUESTED: { description: 'Applied for; waits for approval before it starts' },
    APPROVED: { description: 'Approved: the traveller may go, and claims after' },
    REJECTED: { description: 'Refused (or returned or withdrawn)' },
    CLAIMED: { description: 'Expenses claimed with receipts; the claim is an expense against the budget' },
  },
});
registerEnumType(ReceptionState, {
  name: 'ReceptionState',
  description: 'Where a customer reception stands (接待)',
  valuesMap: {
    PLANNED: { description: 'Planned with a budget set in advance, within the standard' },
    HOSTED: { description: 'Hosted: what it cost is an expense against the budget' },
  },
});
