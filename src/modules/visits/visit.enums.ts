import { registerEnumType } from '@nestjs/graphql';
import { VisitState } from './visit-state.js';

registerEnumType(VisitState, {
  name: 'VisitState',
  description: 'PLANNED -> DONE (the report is filed) or CANCELLED',
  valuesMap: {
    CANCELLED: { description: 'Cancelled, with a reason' },
    DONE: { description: 'Report filed' },
    PLANNED: { description: 'Booked, may change' },
  },
});

export { VisitState };

export enum AttendeeKind {
  MEMBER = 'MEMBER',
  CONTACT = 'CONTACT',
}
registerEnumType(AttendeeKind, {
  name: 'VisitAttendeeKind',
  description: 'One of our staff, or a customer contact',
  valuesMap: {
    CONTACT: { description: 'A contact person of the customer' },
    MEMBER: { description: 'One of our staff' },
  },
});

export enum SatisfactionMethod {
  SURVEY = 'SURVEY',
  RETURN_VISIT = 'RETURN_VISIT',
}
registerEnumType(SatisfactionMethod, {
  name: 'SatisfactionMethod',
  description: 'A survey, or a return visit',
  valuesMap: {
    RETURN_VISIT: { description: 'Asked during a return visit' },
    SURVEY: { description: 'A periodic survey' },
  },
});
