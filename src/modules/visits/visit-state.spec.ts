import { describe, expect, it } from '@jest/globals';
import { VisitState, visitTransition } from './visit-state.js';

describe('visit state machine', () => {
  it('a planned visit is done by its report or cancelled', () => {
    expect(visitTransition(VisitState.PLANNED, 'FILE_REPORT')).toBe(VisitState.DONE);
    expect(visitTransition(VisitState.PLANNED, 'CANCEL')).toBe(VisitState.CANCELLED);
  });

  it('done and cancelled visits move no further', () => {
    expect(() => visitTransition(VisitState.DONE, 'CANCEL')).toThrow(/from DONE to CANCELLED/);
    expect(() => visitTransition(VisitState.CANCELLED, 'FILE_REPORT')).toThrow(/from CANCELLED to DONE/);
    expect(() => visitTransition(VisitState.DONE, 'FILE_REPORT')).toThrow(/from DONE to DONE/);
  });
});
