import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { timestamptzParser } from './timestamptz.js';

/** pg's own timestamptz parser, the reference: the fast one must give the same Date for everything PostgreSQL sends. */
const postgresDate = createRequire(import.meta.url)('postgres-date') as (value: string) => unknown;
const parse = timestamptzParser(postgresDate);
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() || (isNaN(+a) && isNaN(+b)) : a === b;

describe('timestamptzParser', () => {
  it.each([
    '2026-11-25 16:11:51.207123+00',
    '2026-11-25 16:11:51+00',
    '2026-11-25 16:11:51.2+00',
    '2026-11-25 16:11:51.029+00',
    '2026-11-25 16:11:51.999999+00',
    '2026-03-29 02:30:00+02',
    '2026-01-01 00:00:00-03:30',
    '1883-11-18 12:00:00-07:52:58',
    '2024-02-29 23:59:59.5+14',
    '1000-01-01 00:00:00+00',
    '9999-12-31 23:59:59.999999+00',
  ])('reads %s as pg does', (value) => {
    const fast = parse(value);
    expect(fast).toBeInstanceOf(Date);
    expect((fast as Date).toISOString()).toBe((postgresDate(value) as Date).toISOString());
  });

  it.each([
    'infinity',
    '-infinity',
    '0099-06-01 00:00:00+00',
    '0001-01-01 00:00:00+00 BC',
    '2020-01-01 00:00:00+00 BC',
    '12345-01-01 00:00:00+00',
    '2020-01-01 00:00:00',
    '2020-01-01 00:00:00.+00',
    '2020-01-01 00:00:00.1234567+00',
    '2020-13-01 00:00:00+00',
    '2020-01-01T00:00:00Z',
  ])('leaves %s to the default parser', (value) => {
    expect(same(parse(value), postgresDate(value))).toBe(true);
  });

  it('agrees with pg on many random instants, fractions and offsets', () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 20_000; k++) {
      let s = `${1000 + rnd(9000)}-${pad(1 + rnd(12), 2)}-${pad(1 + rnd(31), 2)} ${pad(rnd(24), 2)}:${pad(rnd(60), 2)}:${pad(rnd(60), 2)}`;
      const digits = rnd(7);
      if (digits) s += '.' + pad(rnd(10 ** digits), digits);
      const sign = rnd(2) ? '+' : '-';
      const zone = rnd(4);
      s += zone === 0 ? '+00' : `${sign}${pad(rnd(15), 2)}`;
      if (zone >= 2) s += `:${pad(rnd(60), 2)}`;
      if (zone === 3) s += `:${pad(rnd(60), 2)}`;
      if (!same(parse(s), postgresDate(s))) throw new Error(`differs for ${s}`);
    }
  });
});
