import { registerEnumType } from '@nestjs/graphql';

export enum TierChangeReason {
  QUARTERLY = 'QUARTERLY',
  LARGE_CHANGE = 'LARGE_CHANGE',
  MANUAL = 'MANUAL',
}
registerEnumType(TierChangeReason, {
  name: 'TierChangeReason',
  description: 'The quarterly re-tiering, a purchase that was a large change, or a person setting the tier',
  valuesMap: {
    LARGE_CHANGE: { description: 'A large purchase re-tiered the customer at once' },
    MANUAL: { description: 'Set by hand (updateCustomer)' },
    QUARTERLY: { description: 'The quarterly re-tiering' },
  },
});
