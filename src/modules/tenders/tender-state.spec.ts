import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { TENDER_TRANSITIONS, TenderState, tenderTransition, type TenderTransition } from './tender-state.js';

function attempt(from: TenderState, t: TenderTransition): string {
  try {
    return tenderTransition(from, t);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('tender state machine', () => {
  it.each<[TenderState, TenderTransition, string]>([
    [TenderState.PREPARING, 'SUBMIT', 'SUBMITTED'],
    [TenderState.SUBMITTED, 'WIN', 'WON'],
    [TenderState.SUBMITTED, 'LOSE', 'LOST'],
    [TenderState.PREPARING, 'WITHDRAW', 'WITHDRAWN'],
    [TenderState.SUBMITTED, 'CANCEL', 'CANCELLED'],
    [TenderState.PREPARING, 'WIN', 'INVALID_STATE: A tender cannot move from PREPARING to WON (win needs SUBMITTED)'],
    [
      TenderState.SUBMITTED,
      'SUBMIT',
      'INVALID_STATE: A tender cannot move from SUBMITTED to SUBMITTED (submit needs PREPARING)',
    ],
  ])('%s --%s--> %s', (from, t, want) => expect(attempt(from, t)).toBe(want));

  it('WON, LOST, WITHDRAWN and CANCELLED are terminal', () => {
    for (const from of [TenderState.WON, TenderState.LOST, TenderState.WITHDRAWN, TenderState.CANCELLED]) {
      for (const t of Object.keys(TENDER_TRANSITIONS) as TenderTransition[]) {
        expect(attempt(from, t)).toMatch(/^INVALID_STATE/);
      }
    }
  });
});
