import { InvalidStateError } from '@app/core';

/** Where a complaint (客户投诉) is: received, investigated, resolved, closed once the customer confirms the fix. */
export enum ComplaintState {
  RECEIVED = 'RECEIVED',
  INVESTIGATING = 'INVESTIGATING',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

export type ComplaintMove = 'START_INVESTIGATION' | 'RECORD_ROOT_CAUSE' | 'RESOLVE' | 'CONFIRM' | 'NOT_FIXED';

const S = ComplaintState;

/**
 * Starting the investigation is the response the deadline asks for; the root cause is recorded while
 * investigating (and is required to resolve); the customer's follow-up either confirms the fix (CLOSED)
 * or says it is not fixed, which reopens the investigation.
 */
export const COMPLAINT_MOVES: Readonly<Record<ComplaintMove, { from: readonly ComplaintState[]; to: ComplaintState }>> =
  {
    START_INVESTIGATION: { from: [S.RECEIVED], to: S.INVESTIGATING },
    RECORD_ROOT_CAUSE: { from: [S.INVESTIGATING], to: S.INVESTIGATING },
    RESOLVE: { from: [S.INVESTIGATING], to: S.RESOLVED },
    CONFIRM: { from: [S.RESOLVED], to: S.CLOSED },
    NOT_FIXED: { from: [S.RESOLVED], to: S.INVESTIGATING },
  };

const WHAT: Record<ComplaintMove, string> = {
  START_INVESTIGATION: 'start the investigation',
  RECORD_ROOT_CAUSE: 'record a root cause',
  RESOLVE: 'resolve',
  CONFIRM: 'confirm the fix',
  NOT_FIXED: 'report the fix as not working',
};

/** The target state, or INVALID_STATE naming the current state and what the move needs. */
export function complaintMove(from: ComplaintState, m: ComplaintMove): ComplaintState {
  const edge = COMPLAINT_MOVES[m];
  if (!edge.from.includes(from)) {
    throw new InvalidStateError(`Cannot ${WHAT[m]}: the complaint is ${from} (this needs ${edge.from.join(' or ')})`);
  }
  return edge.to;
}
