import { registerEnumType } from '@nestjs/graphql';
import { QuoteState } from './quote-state.js';

export enum QuoteLineKind {
  PRODUCT = 'PRODUCT',
  SERVICE = 'SERVICE',
}

registerEnumType(QuoteState, {
  name: 'QuoteState',
  description: 'Where a quote is: beyond the branch discount limit it is approved before it is sent',
  valuesMap: {
    ACCEPTED: { description: 'The customer accepted (on or before validUntil); may become a contract' },
    APPROVED: { description: 'Beyond the discount limit and approved; may be sent' },
    DECLINED: { description: 'The customer declined, with a reason' },
    DRAFT: { description: 'Being written; terms and lines may change' },
    EXPIRED: { description: 'Sent but not answered by validUntil (set by the worker)' },
    PENDING_APPROVAL: { description: "Beyond the branch's discount limit: waiting for approval" },
    SENT: { description: 'Sent to the customer, waiting for the answer' },
  },
});
registerEnumType(QuoteLineKind, {
  name: 'QuoteLineKind',
  description: 'What a quote line offers',
  valuesMap: {
    PRODUCT: { description: 'Goods' },
    SERVICE: { description: 'A service (installation, training, maintenance, ...)' },
  },
});
