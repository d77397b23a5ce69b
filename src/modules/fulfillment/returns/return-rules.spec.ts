import { describe, expect, it } from '@jest/globals';
import { OverReturnError, lineValue } from './return-rules.js';

describe('lineValue', () => {
  it('multiplies exactly and rounds half-up to the cent', () => {
    expect(lineValue('3', '19.99')).toBe('59.97');
    expect(lineValue('0.005', '1.00')).toBe('0.01');
    expect(lineValue('0.004', '1.00')).toBe('0.00');
    expect(lineValue('1.5', '0.01')).toBe('0.02');
    expect(lineValue('999999999.999', '1000000.00')).toBe('999999999999000.00');
  });
});

describe('OverReturnError', () => {
  it('names the line, the three quantities and what may still come back', () => {
    const e = new OverReturnError('l1', '5.000', '3.000', '4');
    expect(e.message).toMatch(/5\.000 delivered, 3\.000 returned.*4 requested; return at most 2\.000/);
    expect(e.extensions).toMatchObject({ reason: 'OVER_RETURN', shipmentLineId: 'l1' });
  });
});
