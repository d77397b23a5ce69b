import { registerEnumType } from '@nestjs/graphql';

/** Where an after-sales case (RMA) is: each open state is a step with its own time limit. */
export enum RmaState {
  REQUESTED = 'REQUESTED',
  ENGINEER_CONFIRMED = 'ENGINEER_CONFIRMED',
  CHECKED = 'CHECKED',
  AT_MAKER = 'AT_MAKER',
  RETURNED = 'RETURNED',
  RESOLVED = 'RESOLVED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RmaState, {
  name: 'RmaState',
  description: 'Where an after-sales case is (request -> engineer -> check -> maker -> returned -> confirmed)',
  valuesMap: {
    REQUESTED: { description: 'Requested by the customer; waiting for an engineer to confirm it' },
    ENGINEER_CONFIRMED: { description: 'An engineer confirmed the case; waiting for the technical check' },
    CHECKED: { description: 'Technically checked (result recorded); waiting to be sent to the maker' },
    AT_MAKER: { description: 'Sent to the maker for repair; waiting for it to come back' },
    RETURNED: { description: 'Returned to the customer; waiting for the customer to confirm the result' },
    RESOLVED: { description: 'The customer confirmed the result (final)' },
    CANCELLED: { description: 'Withdrawn or refused, with a reason (final)' },
  },
});
