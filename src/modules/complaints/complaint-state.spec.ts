import { describe, expect, it } from '@jest/globals';
import { InvalidStateError } from '@app/core';
import { COMPLAINT_MOVES, ComplaintState, complaintMove, type ComplaintMove } from './complaint-state.js';

describe('complaint state machine', () => {
  it('follows RECEIVED -> INVESTIGATING -> RESOLVED -> CLOSED, and NOT_FIXED reopens', () => {
    expect(complaintMove(ComplaintState.RECEIVED, 'START_INVESTIGATION')).toBe(ComplaintState.INVESTIGATING);
    expect(complaintMove(ComplaintState.INVESTIGATING, 'RECORD_ROOT_CAUSE')).toBe(ComplaintState.INVESTIGATING);
    expect(complaintMove(ComplaintState.INVESTIGATING, 'RESOLVE')).toBe(ComplaintState.RESOLVED);
    expect(complaintMove(ComplaintState.RESOLVED, 'CONFIRM')).toBe(ComplaintState.CLOSED);
    expect(complaintMove(ComplaintState.RESOLVED, 'NOT_FIXED')).toBe(ComplaintState.INVESTIGATING);
  });

  it('refuses every other move with INVALID_STATE naming the current state', () => {
    let refused = 0;
    for (const from of Object.values(ComplaintState)) {
      for (const m of Object.keys(COMPLAINT_MOVES) as ComplaintMove[]) {
        if (COMPLAINT_MOVES[m].from.includes(from)) continue;
        expect(() => complaintMove(from, m)).toThrow(InvalidStateError);
        expect(() => complaintMove(from, m)).toThrow(new RegExp(`the complaint is ${from}`));
        refused++;
      }
    }
    // 4 states x 5 moves, 5 allowed edges.
    expect(refused).toBe(15);
    expect(() => complaintMove(ComplaintState.CLOSED, 'NOT_FIXED')).toThrow(/Cannot report the fix/);
  });
});
