import { describe, expect, it } from '@jest/globals';
import { BadUserInputError } from '@app/core';
import { DEFAULT_TIERING, mergeRules } from './tiering-rules.js';

describe('tiering rules', () => {
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
