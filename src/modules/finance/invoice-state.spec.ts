import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { INVOICE_MOVES, checkInvoiceMove, type InvoiceMove } from './invoice-state.js';
import { InvoiceState as S } from './invoice.enums.js';

describe('invoice states', () => {
  it('walks requested -> approved -> issued -> delivered -> confirmed', () => {
    let s = S.REQUESTED;
    for (const m of ['APPROVE', 'ISSUE', 'DELIVER', 'CONFIRM'] as InvoiceMove[]) s = checkInvoiceMove(s, m);
    expect(s).toBe(S.CONFIRMED);
    expect(checkInvoiceMove(S.REQUESTED, 'REJECT')).toBe(S.REJECTED);
  });

  it('refuses every other move with INVALID_STATE naming both states', () => {
    for (const from of Object.values(S)) {
      for (const [move, [need, to]] of Object.entries(INVOICE_MOVES) as [InvoiceMove, [S, S]][]) {
        if (from === need) continue;
        try {
          checkInvoiceMove(from, move);
          throw new Error(`${from} ${move} passed`);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('INVALID_STATE');
          expect((e as AppError).message).toContain(`from ${from} to ${to}`);
        }
      }
    }
  });
});
