import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { ORDER_TRANSITIONS, OrderState, orderTransition, type OrderTransition } from './order-state.js';

const ALL = Object.values(OrderState);
const MOVES = Object.keys(ORDER_TRANSITIONS) as OrderTransition[];

function attempt(from: OrderState, t: OrderTransition): string {
  try {
    return orderTransition(from, t);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('order state machine', () => {
  it('RELEASED is reached only from APPROVED or CONFIRMED, by RELEASE', () => {
    const into = [];
    for (const from of ALL)
      for (const t of MOVES) if (attempt(from, t) === OrderState.RELEASED) into.push(`${from}:${t}`);
    expect(into.sort()).toEqual(['APPROVED:RELEASE', 'CONFIRMED:RELEASE']);
  });

  it('APPROVED is reached only by the approval decision from PENDING_APPROVAL', () => {
    const into = [];
    for (const from of ALL)
      for (const t of MOVES) if (attempt(from, t) === OrderState.APPROVED) into.push(`${from}:${t}`);
    expect(into).toEqual(['PENDING_APPROVAL:APPROVAL_APPROVED']);
  });

  it.each<[OrderState, OrderTransition, string]>([
    [OrderState.DRAFT, 'CONFIRM', 'CONFIRMED'],
    [OrderState.DRAFT, 'SUBMIT_FOR_APPROVAL', 'PENDING_APPROVAL'],
    [OrderState.PENDING_APPROVAL, 'APPROVAL_REJECTED', 'REJECTED'],
    [OrderState.PENDING_APPROVAL, 'APPROVAL_RETURNED', 'DRAFT'],
    [OrderState.PENDING_APPROVAL, 'APPROVAL_WITHDRAWN', 'DRAFT'],
    [OrderState.APPROVED, 'CANCEL', 'CANCELLED'],
    [
      OrderState.DRAFT,
      'RELEASE',
      'INVALID_STATE: An order cannot move from DRAFT to RELEASED (release needs APPROVED or CONFIRMED)',
    ],
    [
      OrderState.PENDING_APPROVAL,
      'RELEASE',
      'INVALID_STATE: An order cannot move from PENDING_APPROVAL to RELEASED (release needs APPROVED or CONFIRMED)',
    ],
    [
      OrderState.REJECTED,
      'CANCEL',
      'INVALID_STATE: An order cannot move from REJECTED to CANCELLED (cancel needs DRAFT or PENDING_APPROVAL or APPROVED or CONFIRMED)',
    ],
    [
      OrderState.RELEASED,
      'CANCEL',
      'INVALID_STATE: An order cannot move from RELEASED to CANCELLED (cancel needs DRAFT or PENDING_APPROVAL or APPROVED or CONFIRMED)',
    ],
    [
      OrderState.APPROVED,
      'APPROVAL_APPROVED',
      'INVALID_STATE: An order cannot move from APPROVED to APPROVED (approval approved needs PENDING_APPROVAL)',
    ],
  ])('%s --%s--> %s', (from, t, want) => {
    expect(attempt(from, t)).toBe(want);
  });

  it('REJECTED, CANCELLED and CLOSED are terminal; RELEASED only closes', () => {
    for (const from of [OrderState.REJECTED, OrderState.CANCELLED, OrderState.CLOSED]) {
      for (const t of MOVES) expect(attempt(from, t)).toMatch(/^INVALID_STATE/);
    }
    for (const t of MOVES.filter((m) => m !== 'CLOSE')) {
      expect(attempt(OrderState.RELEASED, t)).toMatch(/^INVALID_STATE: An order cannot move from RELEASED to /);
    }
  });

  it('CLOSED is reached only from RELEASED, by CLOSE', () => {
    const into = [];
    for (const from of ALL)
      for (const t of MOVES) if (attempt(from, t) === OrderState.CLOSED) into.push(`${from}:${t}`);
    expect(into).toEqual(['RELEASED:CLOSE']);
    expect(attempt(OrderState.CONFIRMED, 'CLOSE')).toBe(
      'INVALID_STATE: An order cannot move from CONFIRMED to CLOSED (close needs RELEASED)',
    );
  });
});
