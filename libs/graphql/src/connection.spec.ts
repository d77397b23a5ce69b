import { describe, expect, it, jest } from '@jest/globals';
import type { CursorValue } from './connection.js';

// The functions under test are pure; stand-ins for the decorators and for @app/core (errors only) keep
// this file from loading NestJS, TypeORM and pg, which takes seconds.
const noopDecorator = () => () => undefined;
jest.unstable_mockModule('@nestjs/graphql', () => ({ Field: noopDecorator, ObjectType: noopDecorator, Int: Number }));
jest.unstable_mockModule('@app/core', () => import('../../core/src/errors.js'));
const { AppError, BadUserInputError } = await import('@app/core');
const { MAX_PAGE_SIZE, checkFirst, decodeCursor, encodeCursor, toConnection } = await import('./connection.js');

const ID = '0b6f1c8e-9a43-4d5e-8f21-3c7a9e0d4b12';
const b64 = (json: string) => Buffer.from(json).toString('base64url');

/** Runs `fn` and returns what it threw, failing the test when it does not throw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('encodeCursor / decodeCursor', () => {
  it.each<[string, CursorValue | Date, CursorValue]>([
    ['a name', 'Acme 有限公司', 'Acme 有限公司'],
    ['an empty string', '', ''],
    ['quotes and commas', 'a "b", [c]', 'a "b", [c]'],
    ['an integer', 42, 42],
    ['zero', 0, 0],
    ['a negative decimal', -1.5, -1.5],
    ['a numeric string', '1000000.00', '1000000.00'],
    ['a Date (as its ISO text)', new Date('2026-03-01T17:00:00.123Z'), '2026-03-01T17:00:00.123Z'],
  ])('round-trips %s', (_kind, value, decoded) => {
    const cursor = encodeCursor(value, ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // base64url: safe in a URL, no padding
    expect(decodeCursor(cursor)).toEqual([decoded, ID]);
  });

  it('accepts an upper-case uuid', () => {
    expect(decodeCursor(encodeCursor(7, ID.toUpperCase()))).toEqual([7, ID.toUpperCase()]);
  });

  it('gives different values different cursors', () => {
    expect(encodeCursor(1, ID)).not.toBe(encodeCursor('1', ID));
  });

  it.each([
    ['empty', ''],
    ['not base64 json', 'garbage'],
    ['punctuation', '!!!'],
    ['a json object', b64('{"v":1,"id":"x"}')],
    ['a json string', b64('"abc"')],
    ['a one-element array', b64('[1]')],
    ['a three-element array', b64(`[1,"${ID}",3]`)],
    ['an id that is not a uuid', b64('[1,"not-a-uuid"]')],
    ['a numeric id', b64('[1,123]')],
    ['a null sort value', b64(`[null,"${ID}"]`)],
    ['an object sort value', b64(`[{"a":1},"${ID}"]`)],
    ['a boolean sort value', b64(`[true,"${ID}"]`)],
    ['truncated', encodeCursor('abc', ID).slice(0, 10)],
  ])('rejects a cursor that is %s with BAD_USER_INPUT on the argument', (_kind, cursor) => {
    const e = thrown(() => decodeCursor(cursor));
    expect(e).toBeInstanceOf(BadUserInputError);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'after: is not a cursor returned by this list; pass an endCursor you received',
      fields: [{ field: 'after', message: 'is not a cursor returned by this list; pass an endCursor you received' }],
    });
  });

  it('names the argument it was given', () => {
    expect(thrown(() => decodeCursor('garbage', 'before'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'before' }],
    });
  });
});

describe('checkFirst', () => {
  it.each<[number | undefined, number | undefined, number]>([
    [undefined, undefined, 20],
    [undefined, 50, 50],
    [1, undefined, 1],
    [37, undefined, 37],
    [100, undefined, 100],
    [100, 5, 100],
  ])('first=%s (default %s) → %i', (first, def, expected) => {
    expect(checkFirst(first, def)).toBe(expected);
  });

  it.each([0, -1, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects first=%s', (first) => {
    expect(thrown(() => checkFirst(first))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: `first: must be between 1 and ${MAX_PAGE_SIZE}`,
      fields: [{ field: 'first', message: 'must be between 1 and 100' }],
    });
  });

  it('checks the default too', () => {
    expect(thrown(() => checkFirst(undefined, 500))).toBeInstanceOf(BadUserInputError);
  });
});

describe('toConnection', () => {
  const rows = ['a', 'b', 'c', 'd'];
  const cursorOf = (row: string) => `cursor-${row}`;

  it.each([
    ['first + 1 rows', rows.slice(0, 4), 3, ['a', 'b', 'c'], true, 'cursor-a', 'cursor-c'],
    ['exactly first rows', rows.slice(0, 3), 3, ['a', 'b', 'c'], false, 'cursor-a', 'cursor-c'],
    ['fewer rows', rows.slice(0, 2), 3, ['a', 'b'], false, 'cursor-a', 'cursor-b'],
    ['one row of one', ['a', 'b'], 1, ['a'], true, 'cursor-a', 'cursor-a'],
    ['no rows', [], 3, [], false, null, null],
  ])('%s', (_case, fetched, first, nodes, hasNextPage, startCursor, endCursor) => {
    const c = toConnection(fetched, first, cursorOf, async () => 0);
    expect(c.edges).toEqual(nodes.map((node) => ({ node, cursor: `cursor-${node}` })));
    expect(c.pageInfo).toEqual({ hasNextPage, hasPreviousPage: false, startCursor, endCursor });
  });

  it('does not call cursorOf for the extra row', () => {
    const spy = jest.fn(cursorOf);
    toConnection(rows, 2, spy, async () => 0);
    expect(spy.mock.calls.map((c) => c[0])).toEqual(['a', 'b']);
  });

  it('counts only when totalCount is read, and once however often it is read', async () => {
    const count = jest.fn(async () => 42);
    const c = toConnection(rows, 3, cursorOf, count);
    expect(c.edges).toHaveLength(3);
    expect(count).not.toHaveBeenCalled();
    await expect(c.totalCount).resolves.toBe(42);
    await expect(c.totalCount).resolves.toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });
});
