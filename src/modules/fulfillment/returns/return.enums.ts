import { registerEnumType } from '@nestjs/graphql';

/** A return takes goods back; an exchange takes them back and sends replacements. */
export enum GoodsReturnKind {
  RETURN = 'RETURN',
  EXCHANGE = 'EXCHANGE',
}

registerEnumType(GoodsReturnKind, {
  name: 'GoodsReturnKind',
  description: 'A return (goods back, purchases reduced) or an exchange (a return plus a replacement shipment)',
  valuesMap: {
    RETURN: { description: 'The goods come back; the customer is credited' },
    EXCHANGE: { description: 'The goods come back and replacements ship, linked to the return' },
  },
});

/** Why the customer returns the goods (head office counts returns by these). */
export enum ReturnReason {
  DEFECTIVE = 'DEFECTIVE',
  WRONG_ITEM = 'WRONG_ITEM',
  DAMAGED_IN_TRANSIT = 'DAMAGED_IN_TRANSIT',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  CHANGED_MIND = 'CHANGED_MIND',
  OTHER = 'OTHER',
}

registerEnumType(ReturnReason, {
  name: 'ReturnReason',
  description: 'Why the customer returns the goods',
  valuesMap: {
    DEFECTIVE: { description: 'Does not work, or fails in use' },
    WRONG_ITEM: { description: 'Not the product, model or specification ordered' },
    DAMAGED_IN_TRANSIT: { description: 'Arrived damaged' },
    NOT_AS_DESCRIBED: { description: 'Differs from the quote or the contract' },
    CHANGED_MIND: { description: 'The customer no longer wants it' },
    OTHER: { description: 'Anything else (the description says what)' },
  },
});

/**
 * REQUESTED -> GOODS_CHECKED -> AUTHENTICATED -> PENDING_APPROVAL -> APPROVED -> PROCESSED; a failed check or a
 * rejected note ends in REJECTED; a note returned or withdrawn in approval goes back to AUTHENTICATED.
 */
export enum GoodsReturnStatus {
  REQUESTED = 'REQUESTED',
  GOODS_CHECKED = 'GOODS_CHECKED',
  AUTHENTICATED = 'AUTHENTICATED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  PROCESSED = 'PROCESSED',
  REJECTED = 'REJECTED',
}

registerEnumType(GoodsReturnStatus, {
  name: 'GoodsReturnStatus',
  description: 'REQUESTED -> GOODS_CHECKED -> AUTHENTICATED -> PENDING_APPROVAL -> APPROVED -> PROCESSED, or REJECTED',
  valuesMap: {
    REQUESTED: { description: 'The customer asked; nothing checked yet' },
    GOODS_CHECKED: { description: 'Product name, specification and quantity checked against the shipment' },
    AUTHENTICATED: { description: 'The maker confirmed the goods are genuine; the return note may go to leadership' },
    PENDING_APPROVAL: { description: 'The red-letter return note waits for leadership' },
    APPROVED: { description: 'Leadership approved the note; the back office processes it' },
    PROCESSED: { description: 'Stock back in, purchases reduced, finance told to credit; final' },
    REJECTED: { description: 'A check failed or leadership rejected the note; final' },
  },
});
