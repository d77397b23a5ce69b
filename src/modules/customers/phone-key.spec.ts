import { describe, expect, it } from '@jest/globals';
import { phoneKey } from './phone-key.js';

describe('phoneKey', () => {
  it.each([
    ['+86 21 5555 0001', '862155550001'],
    ['0086-21-55550001', '862155550001'],
    ['021 5555 0001', '862155550001'],
    ['(021) 5555-0001', '862155550001'],
    ['+86 (0)21 5555 0001', '862155550001'],
    ['138 1234 5678', '8613812345678'],
    ['+86 138-1234-5678', '8613812345678'],
    ['8613812345678', '8613812345678'],
    ['0086 13812345678', '8613812345678'],
    ['+1 (415) 555-0100', '14155550100'],
    ['001 415 555 0100', '14155550100'],
  ])('%s -> %s', (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });

  it('tells different numbers apart and has no key for nothing', () => {
    expect(phoneKey('021 5555 0001')).not.toBe(phoneKey('021 5555 0002'));
    expect(phoneKey('+1 21 5555 0001')).not.toBe(phoneKey('021 5555 0001'));
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey('  ')).toBeNull();
  });
});
