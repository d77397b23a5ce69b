import { VisitState } from './visit-state.js';

/** What decides whether a visit counts as effective (DOMAIN.md section 2, 客户拜访). */
export interface EffectivenessInputs {
  state: VisitState;
  requestedByCustomer: boolean;
  quoteId: string | null;
  /** The day (branch time zone, YYYY-MM-DD) the linked quote was sent, as read when the report was filed. */
  quoteSentOn: string | null;
  /** The day the visit took place (YYYY-MM-DD), once its report is filed. */
  visitedOn: string | null;
}

export interface Effectiveness {
  effective: boolean;
  /** Why it is not effective (empty when it is): each missing part, in words a rep can act on. */
  reasons: string[];
}

/**
 * An effective visit is one the customer asked for after showing interest in a proposal (a quote
 * sent to them), signed or not; a cold call is not one. Decided when the report is filed, so the
 * stored flag (and the quotas that count it) never change afterwards.
 */
export function assessVisit(v: EffectivenessInputs): Effectiveness {
  const reasons: string[] = [];
  if (v.state !== VisitState.DONE) reasons.push(`the visit has not taken place yet (${v.state})`);
  if (!v.requestedByCustomer) reasons.push('the customer did not ask for the visit (a cold call is not effective)');
  if (!v.quoteId) {
    reasons.push('no proposal (quote) sent to the customer is linked');
  } else if (v.state === VisitState.DONE) {
    if (!v.quoteSentOn) reasons.push('the linked quote had not been sent to the customer when the report was filed');
    else if (v.visitedOn && v.quoteSentOn > v.visitedOn) {
      reasons.push(`the linked quote was sent on ${v.quoteSentOn}, after the visit on ${v.visitedOn}`);
    }
  }
  return { effective: reasons.length === 0, reasons };
}
