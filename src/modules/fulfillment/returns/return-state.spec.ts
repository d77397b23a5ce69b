import { describe, expect, it } from '@jest/globals';
import { RETURN_MOVES, returnMove } from './return-state.js';
import { GoodsReturnStatus as S } from './return.enums.js';

describe('returnMove', () => {
  it('walks request -> checks -> approval -> processed', () => {
    const path = [S.REQUESTED, S.GOODS_CHECKED, S.AUTHENTICATED, S.PENDING_APPROVAL, S.APPROVED, S.PROCESSED];
    for (let i = 1; i < path.length; i++) expect(returnMove(path[i - 1], path[i])).toBe(path[i]);
  });

  it('refuses skipping a check, and anything from a final state, naming both states', () => {
    expect(() => returnMove(S.REQUESTED, S.AUTHENTICATED)).toThrow(/from REQUESTED to AUTHENTICATED/);
    expect(() => returnMove(S.GOODS_CHECKED, S.PENDING_APPROVAL)).toThrow(/GOODS_CHECKED.*PENDING_APPROVAL/);
    expect(() => returnMove(S.PROCESSED, S.REJECTED)).toThrow(/PROCESSED is final/);
    expect(() => returnMove(S.APPROVED, S.REJECTED)).toThrow(/from APPROVED it may go to PROCESSED/);
  });

  it('lets nothing leave the final states', () => {
    expect(RETURN_MOVES[S.PROCESSED]).toEqual([]);
    expect(RETURN_MOVES[S.REJECTED]).toEqual([]);
  });
});
