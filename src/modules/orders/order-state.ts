import { InvalidStateError } from '@app/core';

/** Where an order taken by phone, fax, e-mail or in person is (DOMAIN.md section 4). */
export enum OrderState {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  CONFIRMED = 'CONFIRMED',
  RELEASED = 'RELEASED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  CLOSED = 'CLOSED',
}

export type OrderTransition =
  | 'CONFIRM'
  | 'SUBMIT_FOR_APPROVAL'
  | 'APPROVAL_APPROVED'
  | 'APPROVAL_REJECTED'
  | 'APPROVAL_RETURNED'
  | 'APPROVAL_WITHDRAWN'
  | 'RELEASE'
  | 'CANCEL'
  | 'CLOSE';

const S = OrderState;

/**
 * The allowed moves. CONFIRM is for an order backed by a signed contract of its customer, and
 * SUBMIT_FOR_APPROVAL for one without; APPROVED is set only by the approval engine's decision.
 * RELEASE (for shipment) leaves only APPROVED or CONFIRMED: there is no other way to RELEASED.
 * A returned or withdrawn request reopens the DRAFT; a rejected one ends the order. CLOSE ends a RELEASED order whose
 * goods are all shipped, delivered and accepted (fulfillment decides when).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderTransition, { from: readonly OrderState[]; to: OrderState }>> = {
  CONFIRM: { from: [S.DRAFT], to: S.CONFIRMED },
  SUBMIT_FOR_APPROVAL: { from: [S.DRAFT], to: S.PENDING_APPROVAL },
  APPROVAL_APPROVED: { from: [S.PENDING_APPROVAL], to: S.APPROVED },
  APPROVAL_REJECTED: { from: [S.PENDING_APPROVAL], to: S.REJECTED },
  APPROVAL_RETURNED: { from: [S.PENDING_APPROVAL], to: S.DRAFT },
  APPROVAL_WITHDRAWN: { from: [S.PENDING_APPROVAL], to: S.DRAFT },
  RELEASE: { from: [S.APPROVED, S.CONFIRMED], to: S.RELEASED },
  CANCEL: { from: [S.DRAFT, S.PENDING_APPROVAL, S.APPROVED, S.CONFIRMED], to: S.CANCELLED },
  CLOSE: { from: [S.RELEASED], to: S.CLOSED },
};

/** The target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function orderTransition(from: OrderState, t: OrderTransition): OrderState {
  const edge = ORDER_TRANSITIONS[t];
  if (!edge.from.includes(from)) {
    throw new InvalidStateError(
      `An order cannot move from ${from} to ${edge.to} (${t.toLowerCase().replace(/_/g, ' ')} needs ${edge.from.join(' or ')})`,
    );
  }
  return edge.to;
}
