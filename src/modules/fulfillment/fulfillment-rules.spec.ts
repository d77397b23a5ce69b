import { describe, expect, it } from '@jest/globals';
import { checkQuantity, checkText, InsufficientStockError } from './fulfillment-rules.js';

const fieldOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return (e as { fields?: { field: string }[] }).fields?.[0]?.field;
  }
};

describe('fulfillment input rules (money: parseMoney in libs/core)', () => {
  it('quantities: positive (or zero for a count), at most 3 decimals', () => {
    expect(checkQuantity('q', '12.5')).toBe('12.5');
    expect(checkQuantity('q', '0', true)).toBe('0');
    for (const bad of ['0', '0.000', '-2', '1.2345', 'NaN'])
      expect(fieldOf(() => checkQuantity('quantity', bad))).toBe('quantity');
  });

  it('text: trimmed, blank is absent, required and maximum length enforced', () => {
    expect(checkText('n', '  x ', 5)).toBe('x');
    expect(checkText('n', '   ', 5)).toBeNull();
    expect(fieldOf(() => checkText('name', ' ', 5, true))).toBe('name');
    expect(fieldOf(() => checkText('name', '123456', 5))).toBe('name');
  });

  it('the insufficient-stock error names product, location, on hand and requested', () => {
    const e = new InsufficientStockError('p1', 'PUMP-1', 'l1', 'MAIN', '2.000', '3');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Not enough stock of product PUMP-1 at location MAIN: 2.000 on hand, 3 requested');
    expect(e.extensions).toEqual({
      reason: 'INSUFFICIENT_STOCK',
      productId: 'p1',
      locationId: 'l1',
      onHand: '2.000',
      requested: '3',
    });
  });
});
