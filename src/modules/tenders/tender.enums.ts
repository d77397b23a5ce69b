import { registerEnumType } from '@nestjs/graphql';
import { TenderState } from './tender-state.js';

export enum TenderResult {
  WON = 'WON',
  LOST = 'LOST',
}

registerEnumType(TenderState, {
  name: 'TenderState',
  description: 'PREPARING -> SUBMITTED -> WON or LOST; WITHDRAWN (our decision) or CANCELLED (the issuer’s)',
  valuesMap: {
    CANCELLED: { description: 'Cancelled by the issuer' },
    LOST: { description: 'Another bidder won' },
    PREPARING: { description: 'Bid being prepared (reminders before the deadline)' },
    SUBMITTED: { description: 'Bid submitted, waiting for the result' },
    WITHDRAWN: { description: 'We withdrew' },
    WON: { description: 'We won' },
  },
});
registerEnumType(TenderResult, {
  name: 'TenderResult',
  description: 'How a tender ended for us',
  valuesMap: {
    LOST: { description: 'Another bidder won' },
    WON: { description: 'We won' },
  },
});
