/**
 * The values of the hostile-input campaign (hostile.ts): wrong types, extremes, malformed text, dates, decimals, ids,
 * enums and tampered cursors, by the kind of what they replace; and the seeded generator that picks among them.
 */

/** A seeded generator (mulberry32): the campaign is the same on every run with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An enum value: a bare name in a literal, a string in variables. */
export class EnumValue {
  constructor(readonly name: string) {}
}

/** Text put into the document as it is (`1e309`, which JSON cannot carry): forces the argument into a literal. */
export class RawLiteral {
  constructor(readonly text: string) {}
}

export type Value = unknown;

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
export const UUID0 = '00000000-0000-4000-8000-000000000000';

/** Hostile values by the kind of what they replace. */
export const POOLS: Record<string, [string, Value][]> = {
  String: [
    ['empty', ''],
    ['blank', ' \t\n '],
    ['lone high surrogate', 'a\ud800b'],
    ['lone low surrogate', '\udc00'],
    ['NUL', 'a\u0000b'],
    ['RTL override', '\u202eevil\u202c.exe'],
    ['zero-width and BOM', '\u200b\ufeff'],
    ['100 000 characters', 'x'.repeat(100_000)],
    ['emoji', '😀'.repeat(300)],
    ['SQL-looking', "'; DROP TABLE customers; --"],
    ['a number', 12345],
    ['a boolean', true],
    ['an object', { a: 1 }],
    ['a list', ['a', 'b']],
    ['explicit null', null],
  ],
  ID: [
    ['not a uuid', 'not-a-uuid'],
    ['empty', ''],
    ['nil uuid', UUID0],
    ['upper-case uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
    ['uuid with spaces', ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 '],
    ['lone surrogate', '\ud800'],
    ['NUL', `${UUID0.slice(0, 8)}\u0000`],
    ['very long', '9'.repeat(10_000)],
    ['a number', 42],
    ['a huge number', new RawLiteral('1e309')],
    ['a list', [UUID0]],
    ['explicit null', null],
  ],
  Int: [
    ['negative', -1],
    ['zero', 0],
    ['max int', 2147483647],
    ['above 32 bits', 2147483648],
    ['below 32 bits', -2147483649],
    ['1e309', new RawLiteral('1e309')],
    ['-1e309', new RawLiteral('-1e309')],
    ['a fraction', 1.5],
    ['a string', '10'],
    ['explicit null', null],
  ],
  Float: [
    ['negative', -1],
    ['zero', 0],
    ['1e308', 1e308],
    ['1e309', new RawLiteral('1e309')],
    ['tiny', 5e-324],
    ['a string', '1.5'],
    ['explicit null', null],
  ],
  Boolean: [
    ['a string', 'true'],
    ['a number', 1],
    ['explicit null', null],
  ],
  Decimal: [
    ['a JSON number', 85.5],
    ['a negative', '-1.00'],
    ['huge', '999999999999999.999999'],
    ['too many digits', '9999999999999999'],
    ['exponent', '1e5'],
    ['NaN', 'NaN'],
    ['empty', ''],
    ['comma', '85,50'],
    ['1e309', new RawLiteral('1e309')],
    ['explicit null', null],
  ],
  Date: [
    ['day/month/year', '07/12/2026'],
    ['year 0000', '0000-01-01'],
    ['30 February', '2026-02-30'],
    ['year 9999', '9999-12-31'],
    ['year 1899', '1899-12-31'],
    ['a date-time', '2026-12-07T08:00:00Z'],
    ['a number', 0],
    ['explicit null', null],
  ],
  DateTime: [
    ['day/month/year', '07/12/2026'],
    ['no offset', '2026-12-07 08:00'],
    ['smallest JavaScript date', '-271821-04-20T00:00:00.000Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['month 13', '2026-13-45T00:00:00Z'],
    ['zero', 0],
    ['1e309', new RawLiteral('1e309')],
    ['a boolean', false],
    ['explicit null', null],
  ],
  Enum: [
    ['unknown value', 'NOT_A_VALUE'],
    ['lower case', 'lower'],
    ['a number', 1],
    ['explicit null', null],
  ],
  Cursor: [
    ['base64 garbage', '!!!not base64!!!'],
    ['base64 of text', b64('hello')],
    ['base64 of an object', b64('{"id":1}')],
    ['base64 of a wrong tuple', b64('[1,2,3]')],
    ['wrong sort value', b64(JSON.stringify(['not a date', UUID0]))],
    ['huge number sort value', b64(JSON.stringify([1e308, UUID0]))],
    ['NUL sort value', b64(JSON.stringify(['\u0000', UUID0]))],
    ['surrogate sort value', b64('["\\ud800","00000000-0000-4000-8000-000000000000"]')],
    ['very long', b64(JSON.stringify(['x'.repeat(20_000), UUID0]))],
    ['explicit null', null],
  ],
  Object: [
    ['explicit null', null],
    ['a string', 'x'],
    ['a list', []],
    ['empty object', {}],
    ['unknown field', { notAField: 1 }],
  ],
  List: [
    ['explicit null', null],
    ['empty', []],
    ['a null item', [null]],
  ],
};
