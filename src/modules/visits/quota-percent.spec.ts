import { describe, expect, it } from '@jest/globals';
import { percentOf } from './quotas.service.js';

describe('percentOf: actual / target in percent as round(100.0 * actual / target, 1)::text writes it', () => {
  it('one decimal, rounded half away from zero; null for a 0 target', () => {
    expect(percentOf(0, 10)).toBe('0.0');
    expect(percentOf(4, 10)).toBe('40.0');
    expect(percentOf(2, 6)).toBe('33.3');
    expect(percentOf(8, 12)).toBe('66.7');
    expect(percentOf(1, 16)).toBe('6.3'); // 6.25
    expect(percentOf(1, 80)).toBe('1.3'); // 1.25
    expect(percentOf(1, 3)).toBe('33.3');
    expect(percentOf(25, 10)).toBe('250.0');
    expect(percentOf(1, 1000)).toBe('0.1');
    expect(percentOf(1, 2000)).toBe('0.1'); // 0.05
    expect(percentOf(3, 7)).toBe('42.9');
    expect(percentOf(5, 0)).toBeNull();
  });
});
