import { InvalidStateError } from '@app/core';

/** Where a tender (招投标) is: prepared, the bid submitted, then the result (DOMAIN.md section 4). */
export enum TenderState {
  PREPARING = 'PREPARING',
  SUBMITTED = 'SUBMITTED',
  WON = 'WON',
  LOST = 'LOST',
  WITHDRAWN = 'WITHDRAWN',
  CANCELLED = 'CANCELLED',
}

export type TenderTransition = 'SUBMIT' | 'WIN' | 'LOSE' | 'WITHDRAW' | 'CANCEL';

const S = TenderState;

/**
 * SUBMIT needs every required document ready (checked by the service); WIN and LOSE record the
 * evaluation's result; WITHDRAW is our decision not to (or no longer) bid; CANCEL is the issuer
 * calling the tender off.
 */
export const TENDER_TRANSITIONS: Readonly<Record<TenderTransition, { from: readonly TenderState[]; to: TenderState }>> =
  {
    SUBMIT: { from: [S.PREPARING], to: S.SUBMITTED },
    WIN: { from: [S.SUBMITTED], to: S.WON },
    LOSE: { from: [S.SUBMITTED], to: S.LOST },
    WITHDRAW: { from: [S.PREPARING, S.SUBMITTED], to: S.WITHDRAWN },
    CANCEL: { from: [S.PREPARING, S.SUBMITTED], to: S.CANCELLED },
  };

/** States whose deposit has come to its end (returned or kept). */
export const CLOSED_STATES: readonly TenderState[] = [S.WON, S.LOST, S.WITHDRAWN, S.CANCELLED];

/** The target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function tenderTransition(from: TenderState, t: TenderTransition): TenderState {
  const edge = TENDER_TRANSITIONS[t];
  if (!edge.from.includes(from)) {
    throw new InvalidStateError(
      `A tender cannot move from ${from} to ${edge.to} (${t.toLowerCase()} needs ${edge.from.join(' or ')})`,
    );
  }
  return edge.to;
}
