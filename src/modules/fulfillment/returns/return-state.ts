import { InvalidStateError } from '@app/core';
import { GoodsReturnStatus } from './return.enums.js';

const S = GoodsReturnStatus;

/** The moves of a return, one per step of DOMAIN.md section 5; APPROVED and its undo are the approval engine's. */
export const RETURN_MOVES: Readonly<Record<GoodsReturnStatus, readonly GoodsReturnStatus[]>> = {
  REQUESTED: [S.GOODS_CHECKED, S.REJECTED],
  GOODS_CHECKED: [S.AUTHENTICATED, S.REJECTED],
  AUTHENTICATED: [S.PENDING_APPROVAL, S.REJECTED],
  PENDING_APPROVAL: [S.APPROVED, S.AUTHENTICATED, S.REJECTED],
  APPROVED: [S.PROCESSED],
  PROCESSED: [],
  REJECTED: [],
};

/** `to`, when the move is allowed; INVALID_STATE naming both states otherwise. */
export function returnMove(from: GoodsReturnStatus, to: GoodsReturnStatus): GoodsReturnStatus {
  const allowed = RETURN_MOVES[from];
  if (!allowed.includes(to)) {
    const next = allowed.length ? `from ${from} it may go to ${allowed.join(' or ')}` : `${from} is final`;
    throw new InvalidStateError(`A return cannot move from ${from} to ${to}: ${next}`);
  }
  return to;
}
