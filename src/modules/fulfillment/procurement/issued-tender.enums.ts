import { registerEnumType } from '@nestjs/graphql';

/** Where a tender the company issues (招标) is. */
export enum IssuedTenderState {
  DRAFT = 'DRAFT',
  ANNOUNCED = 'ANNOUNCED',
  EVALUATING = 'EVALUATING',
  AWARDED = 'AWARDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(IssuedTenderState, {
  name: 'IssuedTenderState',
  description: 'Where a tender the company issues (招标) is',
  valuesMap: {
    DRAFT: { description: 'Being prepared: scope, lines, documents, criteria, committee, suppliers' },
    ANNOUNCED: { description: 'Announced: sealed bids are received until the submission deadline' },
    EVALUATING: { description: 'Bids opened: the committee scores them' },
    AWARDED: { description: 'The chair chose the winner (its offer and purchase contract follow)' },
    FAILED: { description: 'Failed (流标): fewer than 3 valid bids, as the tender law expects' },
    CANCELLED: { description: 'Cancelled by the buyer' },
  },
});
