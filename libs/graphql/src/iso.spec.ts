import { describe, expect, it } from '@jest/globals';
import { isoString } from './iso.js';

describe('isoString', () => {
  it.each([
    0, 1, 999, 86_399_999, 951_782_400_000, 951_868_800_000, 1_709_164_800_000, 1_795_623_893_101, 253_402_300_799_999,
  ])('writes %d as toISOString does', (t) => {
    expect(isoString(new Date(t))).toBe(new Date(t).toISOString());
  });

  it('agrees with toISOString on many random instants from 1970 to 9999', () => {
    let seed = 7;
    for (let k = 0; k < 100_000; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const d = new Date(Math.floor((seed / 2 ** 31) * 253_402_300_800_000));
      if (isoString(d) !== d.toISOString()) throw new Error(`differs for ${d.getTime()}`);
    }
  });

  it('leaves other instants to the builtin, invalid dates included', () => {
    expect(isoString(new Date(-1))).toBe('1969-12-31T23:59:59.999Z');
    expect(isoString(new Date(253_402_300_800_000))).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => isoString(new Date(NaN))).toThrow(RangeError);
  });
});
