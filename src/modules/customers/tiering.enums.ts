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

/** Why a purchase row counts (or takes off): a person's entry, an accepted delivery, a return, a correction. */
export enum PurchaseCause {
  MANUAL = 'MANUAL',
  ORDER_DELIVERED = 'ORDER_DELIVERED',
  RETURN = 'RETURN',
  CORRECTION = 'CORRECTION',
}
registerEnumType(PurchaseCause, {
  name: 'PurchaseCause',
  description: 'Why a purchase counts towards (or comes off) the customer’s tier',
  valuesMap: {
    MANUAL: { description: 'Typed in by a person (recordCustomerPurchase); positive' },
    ORDER_DELIVERED: { description: 'A shipment of an order the customer accepted (fulfillment); positive, once each' },
    RETURN: { description: 'Goods the customer returned, processed (fulfillment); negative, once per return' },
    CORRECTION: { description: 'A correction by a manager (correctCustomerPurchases); either sign' },
  },
});

/** The event a purchase row counts, once: none for a person's entry, else the shipment or the return. */
export type PurchaseSource = 'MANUAL' | 'ORDER' | 'SHIPMENT' | 'RETURN';
