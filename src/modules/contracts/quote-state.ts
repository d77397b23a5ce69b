import { InvalidStateError } from '@app/core';

/** Where a quote is (DOMAIN.md section 4: a quote that deviates from the standard price needs approval). */
export enum QuoteState {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}

export type QuoteTransition =
  | 'SUBMIT_FOR_APPROVAL'
  | 'APPROVAL_APPROVED'
  | 'APPROVAL_RETURNED'
  | 'APPROVAL_REJECTED'
  | 'APPROVAL_WITHDRAWN'
  | 'APPROVAL_INVALIDATED'
  | 'SEND'
  | 'ACCEPT'
  | 'DECLINE'
  | 'EXPIRE';

const S = QuoteState;

/**
 * The allowed transitions. A quote within the branch's discount limit is sent from DRAFT; one beyond
 * it goes through PENDING_APPROVAL to APPROVED first (only the approval engine's decision sets
 * APPROVED, and the send gate checks the request too). Every way out of an approval that is not
 * APPROVED leads back to DRAFT, and so does an edit of an approved quote (the approval was for the
 * old terms). Only the worker expires a SENT quote, the day after its validity date.
 */
export const QUOTE_TRANSITIONS: Readonly<Record<QuoteTransition, { from: readonly QuoteState[]; to: QuoteState }>> = {
  SUBMIT_FOR_APPROVAL: { from: [S.DRAFT], to: S.PENDING_APPROVAL },
  APPROVAL_APPROVED: { from: [S.PENDING_APPROVAL], to: S.APPROVED },
  APPROVAL_RETURNED: { from: [S.PENDING_APPROVAL], to: S.DRAFT },
  APPROVAL_REJECTED: { from: [S.PENDING_APPROVAL], to: S.DRAFT },
  APPROVAL_WITHDRAWN: { from: [S.PENDING_APPROVAL], to: S.DRAFT },
  APPROVAL_INVALIDATED: { from: [S.APPROVED], to: S.DRAFT },
  SEND: { from: [S.DRAFT, S.APPROVED], to: S.SENT },
  ACCEPT: { from: [S.SENT], to: S.ACCEPTED },
  DECLINE: { from: [S.SENT], to: S.DECLINED },
  EXPIRE: { from: [S.SENT], to: S.EXPIRED },
};

/** States in which the terms and lines may change (an edit in APPROVED sends the quote back to DRAFT). */
export const QUOTE_EDITABLE_STATES: readonly QuoteState[] = [S.DRAFT, S.APPROVED];

export function nextQuoteState(from: QuoteState, t: QuoteTransition): QuoteState | null {
  const def = QUOTE_TRANSITIONS[t];
  return def.from.includes(from) ? def.to : null;
}

/** Guard: the target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function quoteTransition(from: QuoteState, t: QuoteTransition): QuoteState {
  const to = nextQuoteState(from, t);
  if (to === null) {
    const def = QUOTE_TRANSITIONS[t];
    throw new InvalidStateError(
      `A quote cannot move from ${from} to ${def.to} (${t.toLowerCase().replace(/_/g, ' ')} needs ${def.from.join(' or ')})`,
    );
  }
  return to;
}
