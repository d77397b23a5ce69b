import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { RMA_NEXT, rmaMove } from './rma-state.js';
import { RmaState } from './rma.enums.js';

const ALL = Object.values(RmaState);

function attempt(from: RmaState, to: RmaState): string {
  try {
    return rmaMove(from, to);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('RMA steps', () => {
  it('go one way, one step at a time, from the request to the customer’s confirmation', () => {
    const path = [RmaState.REQUESTED];
    while (RMA_NEXT[path[path.length - 1]]) path.push(RMA_NEXT[path[path.length - 1]]!);
    expect(path).toEqual(['REQUESTED', 'ENGINEER_CONFIRMED', 'CHECKED', 'AT_MAKER', 'RETURNED', 'RESOLVED']);
    for (const from of ALL)
      for (const to of ALL) {
        const allowed = RMA_NEXT[from] !== null && (to === RMA_NEXT[from] || to === RmaState.CANCELLED);
        const r = attempt(from, to);
        expect([from, to, r === to]).toEqual([from, to, allowed]);
        if (!allowed) expect(r).toMatch(new RegExp(`^INVALID_STATE: An RMA cannot move from ${from} to ${to}`));
      }
  });
});
