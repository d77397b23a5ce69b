import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppError } from './errors.js';
import { compareMoney, fromCents, moneyText, parseMoney, taxOfGross, toCents } from './money.js';

/** The code and the offending fields of what `fn` throws. */
function failure(fn: () => unknown): { code: string; fields: string[] } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, fields: (e.fields ?? []).map((f) => f.field) };
  }
}

/** Any amount the product accepts, as cents: 0 to 10^15 - 1 (below 10^13 with 2 decimals). */
const cents = fc.bigInt({ min: 0n, max: 10n ** 15n - 1n });

describe('parseMoney: one ceiling, one scale', () => {
  it.each<[string, string]>([
    ['0', '0'],
    ['0.5', '0.5'],
    ['500000.01', '500000.01'],
    ['  42 ', '42'],
    ['9999999999999.99', '9999999999999.99'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseMoney('amount', input)).toBe(expected);
  });

  it.each<[string]>([
    ['-1'],
    ['-0.01'],
    ['1.234'],
    ['1e6'],
    ['0x10'],
    ['01'],
    ['1,000'],
    ['10000000000000'],
    ['9999999999999999.99'],
    [''],
    [' '],
    ['NaN'],
    ['Infinity'],
    ['1.'],
    ['.5'],
    ['+5'],
    ['８５'],
  ])('refuses %j with a field error naming the field', (input) => {
    expect(failure(() => parseMoney('steps[2].aboveAmount', input))).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['steps[2].aboveAmount'],
    });
  });

  it('refuses zero only when the amount must be positive, and says so', () => {
    expect(parseMoney('x', '0.00')).toBe('0.00');
    for (const zero of ['0', '0.0', '0.00']) {
      expect(failure(() => parseMoney('x', zero, 'positive'))).toEqual({ code: 'BAD_USER_INPUT', fields: ['x'] });
    }
    expect(() => parseMoney('x', '-5', 'positive')).toThrow('must be positive');
    expect(() => parseMoney('x', '-5')).toThrow('must not be negative');
    expect(() => parseMoney('x', '85.555')).toThrow('"85.50"');
  });

  it('accepts exactly the amounts below 10^13 with at most 2 decimals (property)', () => {
    fc.assert(
      fc.property(cents, (c) => {
        expect(parseMoney('x', fromCents(c))).toBe(fromCents(c));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 15n, max: 10n ** 20n }), (c) => {
        expect(failure(() => parseMoney('x', fromCents(c)))).toEqual({ code: 'BAD_USER_INPUT', fields: ['x'] });
      }),
    );
  });
});

describe('cents: exact arithmetic, no floats', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['85.5', 8550n],
    ['85.50', 8550n],
    ['-0.05', -5n],
    ['9007199254740993', 900719925474099300n],
  ])('toCents(%j) = %d', (text, expected) => {
    expect(toCents(text)).toBe(expected);
  });

  it('refuses text that is no amount of at most 2 decimals', () => {
    for (const bad of ['', '1.234', '1e3', 'abc', '.5']) expect(() => toCents(bad)).toThrow(RangeError);
  });

  it('fromCents writes what PostgreSQL writes for numeric(18,2), and toCents reads it back (property)', () => {
    expect([fromCents(0n), fromCents(5n), fromCents(-5n), fromCents(8550n)]).toEqual([
      '0.00',
      '0.05',
      '-0.05',
      '85.50',
    ]);
    expect(moneyText('85.5')).toBe('85.50');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), (c) => {
        expect(toCents(fromCents(c))).toBe(c);
        expect(fromCents(c)).toMatch(/^-?(0|[1-9]\d*)\.\d\d$/);
      }),
    );
  });

  it.each<[string, string, number]>([
    ['500000', '500000.00', 0],
    ['500000.1', '500000.10', 0],
    ['499999.99', '500000', -1],
    ['9', '10', -1],
    ['0.1', '0.09', 1],
    ['-1', '0', -1],
    // Beyond 2^53: a float comparison would call these equal.
    ['9007199254740993', '9007199254740992', 1],
  ])('compareMoney(%s, %s) = %d', (a, b, expected) => {
    expect(compareMoney(a, b)).toBe(expected);
    expect(compareMoney(b, a)).toBe(-expected || 0);
  });

  it('compareMoney orders as the cents do (property)', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(compareMoney(fromCents(a), fromCents(b))).toBe(a === b ? 0 : a < b ? -1 : 1);
      }),
    );
  });
});

describe('taxOfGross: the tax inside a tax-inclusive amount, half-up to the cent', () => {
  it.each<[string, string, string]>([
    ['113.00', '13', '13.00'],
    ['100.00', '13', '11.50'], // 11.504424...
    ['1.00', '6', '0.06'], // 0.0566 -> 0.06
    ['0.17', '6', '0.01'], // 0.00962 -> 0.01
    ['0.08', '6', '0.00'], // 0.00452 -> 0.00
    ['10.30', '3', '0.30'],
    ['50.00', '0', '0.00'],
    ['200.00', '100', '100.00'],
    ['-113.00', '13', '-13.00'],
    ['2.10', '5', '0.10'],
    ['0.21', '5', '0.01'], // 0.01 exactly
    ['0.63', '5', '0.03'], // 0.03 exactly
    ['0.315', '5', 'RangeError'],
  ])('%s at %s%% holds %s tax', (gross, rate, tax) => {
    if (tax === 'RangeError') expect(() => taxOfGross(gross, rate)).toThrow(RangeError);
    else expect(taxOfGross(gross, rate)).toBe(tax);
  });

  it('rounds a half cent up (away from zero)', () => {
    // 21 cents at 100% hold 10.5 cents of tax.
    expect(taxOfGross('0.21', '100')).toBe('0.11');
    expect(taxOfGross('-0.21', '100')).toBe('-0.11');
    expect(taxOfGross('0.01', '100')).toBe('0.01'); // 0.5 cent -> 1 cent
  });

  it('refuses rates outside 0 to 100 percent or with more than 2 decimals', () => {
    for (const r of ['-1', '100.01', '13.005', 'abc', '']) expect(() => taxOfGross('1.00', r)).toThrow(RangeError);
  });

  it('agrees with exact rational arithmetic and keeps tax between 0 and gross', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 10000 }), (c, bp) => {
        const rate = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
        const tax = toCents(taxOfGross(fromCents(c), rate));
        const [n, d] = [c * BigInt(bp), 10000n + BigInt(bp)];
        // |tax - n/d| <= 1/2, and exactly half rounds up
        expect(2n * (tax * d - n) <= d && 2n * (n - tax * d) < d).toBe(true);
        expect(tax >= 0n && tax <= c).toBe(true);
      }),
    );
  });
});
