import { registerEnumType } from '@nestjs/graphql';

/** Where a purchase order to the maker (设备采购单) is. */
export enum PurchaseOrderState {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  PLACED = 'PLACED',
  CONFIRMED = 'CONFIRMED',
  PARTLY_RECEIVED = 'PARTLY_RECEIVED',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PurchaseOrderState, {
  name: 'PurchaseOrderState',
  description: 'Where a purchase order to the maker is',
  valuesMap: {
    DRAFT: { description: 'Being prepared; submit it for finance’s review' },
    IN_REVIEW: { description: 'Finance reviews the contract and the purchase order (approval subject PURCHASE_ORDER)' },
    APPROVED: { description: 'Approved: it may be placed with the maker' },
    PLACED: { description: 'Sent to the maker, waiting for the maker’s confirmation' },
    CONFIRMED: { description: 'The maker confirmed it (date and reference); goods may be received' },
    PARTLY_RECEIVED: { description: 'Some of the goods were received into stock' },
    RECEIVED: { description: 'Every line was received in full' },
    CLOSED: { description: 'Done: nothing more is expected from the maker' },
    CANCELLED: { description: 'Cancelled (by hand, or rejected in review) before any goods came' },
  },
});
