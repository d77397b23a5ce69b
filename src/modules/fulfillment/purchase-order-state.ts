import { PurchaseOrderState } from './purchase-order.enums.js';
import { transitionGuard, type Moves } from './transitions.js';

const S = PurchaseOrderState;

/** The moves of a purchase order, and the states each may start from. */
export type PurchaseOrderMove =
  | 'SUBMIT'
  | 'REVIEW_APPROVED'
  | 'REVIEW_RETURNED'
  | 'REVIEW_REJECTED'
  | 'PLACE'
  | 'CONFIRM'
  | 'RECEIVE_PART'
  | 'RECEIVE_ALL'
  | 'CLOSE'
  | 'CANCEL';

/**
 * Finance reviews before the PO is placed (APPROVED only through the approval engine); goods come in only after the
 * maker confirmed; a PO closes once received (in full, or short-closed after a part); it is cancelled only before any
 * goods came. A rejected review cancels it, a returned or withdrawn one reopens the DRAFT.
 */
export const PURCHASE_ORDER_MOVES: Moves<PurchaseOrderState, PurchaseOrderMove> = {
  SUBMIT: { from: [S.DRAFT], to: S.IN_REVIEW },
  REVIEW_APPROVED: { from: [S.IN_REVIEW], to: S.APPROVED },
  REVIEW_RETURNED: { from: [S.IN_REVIEW], to: S.DRAFT },
  REVIEW_REJECTED: { from: [S.IN_REVIEW], to: S.CANCELLED },
  PLACE: { from: [S.APPROVED], to: S.PLACED },
  CONFIRM: { from: [S.PLACED], to: S.CONFIRMED },
  RECEIVE_PART: { from: [S.CONFIRMED, S.PARTLY_RECEIVED], to: S.PARTLY_RECEIVED },
  RECEIVE_ALL: { from: [S.CONFIRMED, S.PARTLY_RECEIVED], to: S.RECEIVED },
  CLOSE: { from: [S.PARTLY_RECEIVED, S.RECEIVED], to: S.CLOSED },
  CANCEL: { from: [S.DRAFT, S.APPROVED, S.PLACED, S.CONFIRMED], to: S.CANCELLED },
};

/** The target state, or INVALID_STATE naming the current state and the one that was wanted. */
export const purchaseOrderMove = transitionGuard('A purchase order', PURCHASE_ORDER_MOVES);
