import { InvalidStateError } from '@app/core';
import { InvoiceState as S } from './invoice.enums.js';

/** What moves an invoice; each is one edge of the table below. */
export type InvoiceMove = 'APPROVE' | 'REJECT' | 'ISSUE' | 'DELIVER' | 'CONFIRM';

export const INVOICE_MOVES: Readonly<Record<InvoiceMove, readonly [S, S]>> = {
  APPROVE: [S.REQUESTED, S.APPROVED],
  REJECT: [S.REQUESTED, S.REJECTED],
  ISSUE: [S.APPROVED, S.ISSUED],
  DELIVER: [S.ISSUED, S.DELIVERED],
  CONFIRM: [S.DELIVERED, S.CONFIRMED],
};

/** States in which an invoice is in the books (issued): counted as invoiced, and open to credit notes. */
export const ISSUED_STATES: readonly S[] = [S.ISSUED, S.DELIVERED, S.CONFIRMED];

/** The state `move` leads to from `from`, or INVALID_STATE naming both states. */
export function checkInvoiceMove(from: S, move: InvoiceMove): S {
  const [need, to] = INVOICE_MOVES[move];
  if (from !== need) throw new InvalidStateError(`An invoice cannot move from ${from} to ${to}; only from ${need}`);
  return to;
}
