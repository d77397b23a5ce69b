import { describe, expect, it } from '@jest/globals';
import { BadUserInputError } from '@app/core';
import { DEFAULT_TIERING, checkAmount, compareAmounts, mergeRules } from './tiering-rules.js';

describe('tiering rules', () => {
  it('compares amounts exactly', () => {
    expect(compareAmounts('1000000.00', '200000')).toBe(1);
    expect(compareAmounts('200000', '200000.00')).toBe(0);
    expect(compareAmounts('0.1', '0.09')).toBe(1);
    expect(compareAmounts('999999.99', '1000000')).toBe(-1);
  });

  it('checks amounts', () => {
    expect(checkAmount('x', ' 12.5 ')).toBe('12.5');
    expect(checkAmount('x', '0', true)).toBe('0');
    for (const bad of ['0', '-1', '1.234', 'abc', '1e6', ''])
      expect(() => checkAmount('x', bad)).toThrow(BadUserInputError);
  });

  it('keeps HIGH above MEDIUM', () => {
    expect(mergeRules(DEFAULT_TIERING, { mediumAbove: '500000' }).mediumAbove).toBe('500000');
    expect(() => mergeRules(DEFAULT_TIERING, { mediumAbove: '1000000' })).toThrow(BadUserInputError);
    expect(() => mergeRules(DEFAULT_TIERING, { highAbove: '150000' })).toThrow(BadUserInputError);
    expect(mergeRules(DEFAULT_TIERING, { highAbove: '150000', mediumAbove: '100000' })).toMatchObject({
      highAbove: '150000',
      mediumAbove: '100000',
    });
  });
});
