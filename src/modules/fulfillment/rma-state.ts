import { InvalidStateError } from '@app/core';
import { RmaState } from './rma.enums.js';

const S = RmaState;

/** The one way forward from each step (the flow of DOMAIN.md section 5); any open case may be cancelled. */
export const RMA_NEXT: Readonly<Record<RmaState, RmaState | null>> = {
  REQUESTED: S.ENGINEER_CONFIRMED,
  ENGINEER_CONFIRMED: S.CHECKED,
  CHECKED: S.AT_MAKER,
  AT_MAKER: S.RETURNED,
  RETURNED: S.RESOLVED,
  RESOLVED: null,
  CANCELLED: null,
};

/** The open steps, in flow order: each has a time limit in the branch's settings. */
export const OPEN_RMA_STATES: readonly RmaState[] = [
  S.REQUESTED,
  S.ENGINEER_CONFIRMED,
  S.CHECKED,
  S.AT_MAKER,
  S.RETURNED,
];

/** `to`, when the move is allowed; INVALID_STATE naming both states otherwise. */
export function rmaMove(from: RmaState, to: RmaState): RmaState {
  const next = RMA_NEXT[from];
  if (next === null) throw new InvalidStateError(`An RMA cannot move from ${from} to ${to}: ${from} is final`);
  if (to !== next && to !== S.CANCELLED) {
    throw new InvalidStateError(
      `An RMA cannot move from ${from} to ${to}: from ${from} it may go to ${next} or CANCELLED`,
    );
  }
  return to;
}
