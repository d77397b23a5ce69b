import { InvalidStateError } from '@app/core';

/** Where a customer visit (客户拜访) is: planned, then done (its report filed) or cancelled. */
export enum VisitState {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export type VisitTransition = 'FILE_REPORT' | 'CANCEL';

const S = VisitState;

/** Filing the report is what makes a visit DONE (a report is filed after every visit); only a planned visit is cancelled. */
export const VISIT_TRANSITIONS: Readonly<Record<VisitTransition, { from: readonly VisitState[]; to: VisitState }>> = {
  FILE_REPORT: { from: [S.PLANNED], to: S.DONE },
  CANCEL: { from: [S.PLANNED], to: S.CANCELLED },
};

/** The target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function visitTransition(from: VisitState, t: VisitTransition): VisitState {
  const edge = VISIT_TRANSITIONS[t];
  if (!edge.from.includes(from)) {
    throw new InvalidStateError(
      `A visit cannot move from ${from} to ${edge.to} (${t.toLowerCase().replace('_', ' ')} needs ${edge.from.join(' or ')})`,
    );
  }
  return edge.to;
}
