import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { PURCHASE_ORDER_MOVES, purchaseOrderMove, type PurchaseOrderMove } from './purchase-order-state.js';
import { PurchaseOrderState } from './purchase-order.enums.js';

const ALL = Object.values(PurchaseOrderState);
const MOVES = Object.keys(PURCHASE_ORDER_MOVES) as PurchaseOrderMove[];

function attempt(from: PurchaseOrderState, m: PurchaseOrderMove): string {
  try {
    return purchaseOrderMove(from, m);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('purchase order state machine', () => {
  it('PLACED is reached only from APPROVED, and APPROVED only by finance’s review', () => {
    const into = (to: PurchaseOrderState) =>
      ALL.flatMap((from) => MOVES.filter((m) => attempt(from, m) === to).map((m) => `${from}:${m}`));
    expect(into(PurchaseOrderState.PLACED)).toEqual(['APPROVED:PLACE']);
    expect(into(PurchaseOrderState.APPROVED)).toEqual(['IN_REVIEW:REVIEW_APPROVED']);
  });

  it('goods come in only after the maker confirmed, and a PO with goods is never cancelled', () => {
    for (const from of ALL) {
      const ok = attempt(from, 'RECEIVE_PART') === PurchaseOrderState.PARTLY_RECEIVED;
      expect([from, ok]).toEqual([from, from === 'CONFIRMED' || from === 'PARTLY_RECEIVED']);
    }
    for (const from of [
      PurchaseOrderState.PARTLY_RECEIVED,
      PurchaseOrderState.RECEIVED,
      PurchaseOrderState.IN_REVIEW,
    ]) {
      expect(attempt(from, 'CANCEL')).toMatch(new RegExp(`^INVALID_STATE: .*from ${from} to CANCELLED`));
    }
  });

  it('CLOSED and CANCELLED are final', () => {
    for (const m of MOVES) {
      expect(attempt(PurchaseOrderState.CLOSED, m)).toMatch(/^INVALID_STATE: A purchase order cannot move from CLOSED/);
      expect(attempt(PurchaseOrderState.CANCELLED, m)).toMatch(/^INVALID_STATE/);
    }
  });
});
