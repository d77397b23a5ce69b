import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import { checkLines, isPercent } from './quote-lines.js';
import {
  QUOTE_TRANSITIONS,
  QuoteState as S,
  nextQuoteState,
  quoteTransition,
  type QuoteTransition,
} from './quote-state.js';
import { QuoteLineKind } from './quote.enums.js';

const ALL_STATES = Object.values(S);
const ALL_TRANSITIONS = Object.keys(QUOTE_TRANSITIONS) as QuoteTransition[];

/** Every allowed edge, written out by hand: the table must say exactly this. */
const ALLOWED: [S, QuoteTransition, S][] = [
  [S.DRAFT, 'SUBMIT_FOR_APPROVAL', S.PENDING_APPROVAL],
  [S.PENDING_APPROVAL, 'APPROVAL_APPROVED', S.APPROVED],
  [S.PENDING_APPROVAL, 'APPROVAL_RETURNED', S.DRAFT],
  [S.PENDING_APPROVAL, 'APPROVAL_REJECTED', S.DRAFT],
  [S.PENDING_APPROVAL, 'APPROVAL_WITHDRAWN', S.DRAFT],
  [S.APPROVED, 'APPROVAL_INVALIDATED', S.DRAFT],
  [S.DRAFT, 'SEND', S.SENT],
  [S.APPROVED, 'SEND', S.SENT],
  [S.SENT, 'ACCEPT', S.ACCEPTED],
  [S.SENT, 'DECLINE', S.DECLINED],
  [S.SENT, 'EXPIRE', S.EXPIRED],
];

describe('quote state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, t, to) => {
    expect(nextQuoteState(from, t)).toBe(to);
    expect(quoteTransition(from, t)).toBe(to);
  });

  const illegal = ALL_STATES.flatMap((from) =>
    ALL_TRANSITIONS.filter((t) => !ALLOWED.some(([f, tt]) => f === from && tt === t)).map(
      (t) => [from, t] as [S, QuoteTransition],
    ),
  );

  it('covers every (state, transition) pair: allowed ones above, the rest illegal', () => {
    expect(illegal.length + ALLOWED.length).toBe(ALL_STATES.length * ALL_TRANSITIONS.length);
  });

  it.each(illegal)('%s --%s--> INVALID_STATE naming both states', (from, t) => {
    expect(nextQuoteState(from, t)).toBeNull();
    let err: unknown;
    try {
      quoteTransition(from, t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_STATE');
    expect((err as AppError).message).toContain(`from ${from} to ${QUOTE_TRANSITIONS[t].to}`);
  });

  it('nothing leaves ACCEPTED, DECLINED or EXPIRED', () => {
    for (const s of [S.ACCEPTED, S.DECLINED, S.EXPIRED]) {
      expect(ALL_TRANSITIONS.filter((t) => nextQuoteState(s, t) !== null)).toEqual([]);
    }
  });
});

describe('quote lines', () => {
  const l = (quantity: string, unitPrice: string, discountPercent?: string) => ({
    kind: QuoteLineKind.PRODUCT,
    description: ' Pump ',
    quantity,
    unitPrice,
    discountPercent,
  });
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as AppError).fields?.map((f) => f.field);
    }
    return null;
  };

  it('keeps exact strings, trims, defaults the discount to 0', () => {
    // Lines that name no catalogue product carry no list price.
    const none = { productId: null, organizationId: null, listPrice: null };
    expect(checkLines([l('3', '33.33', '12.5'), l('0.001', '0')])).toEqual([
      { ...none, kind: 'PRODUCT', description: 'Pump', quantity: '3', unitPrice: '33.33', discountPercent: '12.5' },
      { ...none, kind: 'PRODUCT', description: 'Pump', quantity: '0.001', unitPrice: '0', discountPercent: '0' },
    ]);
  });

  it.each([
    [l('-1', '1'), 'lines[0].quantity'],
    [l('0', '1'), 'lines[0].quantity'],
    [l('0.000', '1'), 'lines[0].quantity'],
    [l('1.0001', '1'), 'lines[0].quantity'],
    [l('1000000000', '1'), 'lines[0].quantity'],
    [l('1', '-0.01'), 'lines[0].unitPrice'],
    [l('1', '1.001'), 'lines[0].unitPrice'],
    [l('1', '1', '100.01'), 'lines[0].discountPercent'],
    [l('1', '1', '-0'), 'lines[0].discountPercent'],
    [l('1', '1', '1e2'), 'lines[0].discountPercent'],
    [l('999999999.999', '9999999999999.99'), 'lines[0].unitPrice'],
  ])('refuses %j on %s', (line, field) => {
    expect(fieldOf(() => checkLines([line]))).toEqual([field]);
  });

  it('bounds the sum of the lines exactly, below 10^13', () => {
    expect(fieldOf(() => checkLines([l('1', '9999999999999.99')]))).toBeNull();
    expect(fieldOf(() => checkLines([l('1', '9999999999999.99'), l('1', '0.01')]))).toEqual(['lines']);
  });

  it('percentages from 0 to 100 with 2 decimals, compared without floats', () => {
    expect(['0', '10', '10.5', '99.99', '100', '100.00'].every(isPercent)).toBe(true);
    expect(['100.01', '101', '-1', '1.234', '', '1e1', '010'].some(isPercent)).toBe(false);
  });
});
