import { registerEnumType } from '@nestjs/graphql';
import { OrderState } from './order-state.js';

export enum OrderChannel {
  PHONE = 'PHONE',
  FAX = 'FAX',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
}

registerEnumType(OrderState, {
  name: 'OrderState',
  description:
    'DRAFT -> CONFIRMED (contract-backed) or PENDING_APPROVAL -> APPROVED; then RELEASED for shipment; CLOSED when ' +
    'all is delivered and accepted',
  valuesMap: {
    APPROVED: { description: 'Approved (without a contract); may be released' },
    CANCELLED: { description: 'Cancelled, with a reason' },
    CLOSED: { description: 'Every line shipped, delivered and accepted by the customer; final' },
    CONFIRMED: { description: 'Backed by a signed contract; may be released' },
    DRAFT: { description: 'Being recorded; may change' },
    PENDING_APPROVAL: { description: 'No contract: waiting for the manager and leadership' },
    REJECTED: { description: 'Refused by an approver; final' },
    RELEASED: { description: 'Released for shipment' },
  },
});
registerEnumType(OrderChannel, {
  name: 'OrderChannel',
  description: 'How the order was taken',
  valuesMap: {
    EMAIL: { description: 'By e-mail' },
    FAX: { description: 'By fax' },
    IN_PERSON: { description: 'In person' },
    PHONE: { description: 'By telephone' },
  },
});
