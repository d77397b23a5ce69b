import { describe, expect, it } from '@jest/globals';
import { assessVisit } from './visit-effectiveness.js';
import { VisitState } from './visit-state.js';

const done = {
  state: VisitState.DONE,
  requestedByCustomer: true,
  quoteId: 'q',
  quoteSentOn: '2026-11-02',
  visitedOn: '2026-11-05',
};

describe('assessVisit', () => {
  it('a done visit the customer asked for after a quote was sent is effective', () => {
    expect(assessVisit(done)).toEqual({ effective: true, reasons: [] });
    expect(assessVisit({ ...done, quoteSentOn: '2026-11-05' }).effective).toBe(true);
  });

  it('a cold call is not effective, and says so', () => {
    const r = assessVisit({ ...done, requestedByCustomer: false });
    expect(r.effective).toBe(false);
    expect(r.reasons).toEqual(['the customer did not ask for the visit (a cold call is not effective)']);
  });

  it('no proposal, an unsent one, or one sent after the visit: not effective', () => {
    expect(assessVisit({ ...done, quoteId: null, quoteSentOn: null }).reasons).toEqual([
      'no proposal (quote) sent to the customer is linked',
    ]);
    expect(assessVisit({ ...done, quoteSentOn: null }).reasons[0]).toMatch(/had not been sent/);
    expect(assessVisit({ ...done, quoteSentOn: '2026-11-06' }).reasons).toEqual([
      'the linked quote was sent on 2026-11-06, after the visit on 2026-11-05',
    ]);
  });

  it('a planned visit is not effective yet; every missing part is named', () => {
    const r = assessVisit({
      state: VisitState.PLANNED,
      requestedByCustomer: false,
      quoteId: null,
      quoteSentOn: null,
      visitedOn: null,
    });
    expect(r).toEqual({
      effective: false,
      reasons: [
        'the visit has not taken place yet (PLANNED)',
        'the customer did not ask for the visit (a cold call is not effective)',
        'no proposal (quote) sent to the customer is linked',
      ],
    });
  });
});
