import { describe, expect, it } from '@jest/globals';
import { checkRebateRate } from './rebate-rate.js';

describe('rebate rate typed by a person', () => {
  it('keeps 0 to 100 percent with at most 4 decimals, as numeric(7,4) text', () => {
    expect(checkRebateRate('r', '3')).toBe('3.0000');
    expect(checkRebateRate('r', ' 2.5 ')).toBe('2.5000');
    expect(checkRebateRate('r', '0.0125')).toBe('0.0125');
    expect(checkRebateRate('r', '100.0000')).toBe('100.0000');
    expect(checkRebateRate('r', '007')).toBe('7.0000');
  });

  it('refuses the rest, naming the field', () => {
    for (const bad of ['100.0001', '101', '-1', '0.00001', '', '1e2', '1,5', '.5']) {
      expect(() => checkRebateRate('rebateRate', bad)).toThrow(/percentage from 0 to 100/);
    }
  });
});
