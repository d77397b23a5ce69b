import { describe, expect, it } from '@jest/globals';
import { statementName, statementsOf } from './prepared.js';

/** A stand-in for a pg client: what it has parsed, as node-postgres records it. */
const client = (parsed: string[]) => ({
  connection: { parsedStatements: Object.fromEntries(parsed.map((n) => [n, `SELECT '${n}'`])) },
});

describe('prepared statements per connection', () => {
  it('names a text the same way every time, and different texts differently', () => {
    expect(statementName('SELECT $1')).toBe(statementName('SELECT $1'));
    expect(statementName('SELECT $1')).not.toBe(statementName('SELECT $2'));
    expect(statementName('SELECT $1')).toMatch(/^s_[A-Za-z0-9_-]{22}$/);
  });

  it('keeps the most recently used, and deallocates (quoted: names are case-sensitive) those pushed out', () => {
    const c = client(['a', 'B', 'c', 'd']);
    const s = statementsOf(c, 2);
    s.use('a');
    s.use('B');
    s.use('a'); // a is now the most recent
    s.use('c'); // pushes out B
    expect(s.takeEvictions(c)).toBe('DEALLOCATE "B"; ');
    expect(c.connection.parsedStatements.B).toBeUndefined();
    expect(s.takeEvictions(c)).toBe('');
  });

  it('does not deallocate a name used again before the next transaction, nor one the server never parsed', () => {
    const c = client(['a', 'b']);
    const s = statementsOf(c, 1);
    s.use('a');
    s.use('b'); // pushes out a
    s.use('a'); // a is back (pushes out b)
    s.use('x'); // pushes out a; x was never parsed (its parse failed)
    s.use('y'); // pushes out x
    expect(s.takeEvictions(c)).toBe('DEALLOCATE "b"; DEALLOCATE "a"; ');
  });
});

describe('a statement PostgreSQL refuses as prepared', () => {
  it('is deallocated before the next transaction, and prepared afresh when used again', () => {
    const c = client(['a']);
    const s = statementsOf(c, 10);
    s.use('a');
    s.discard('a');
    expect(s.takeEvictions(c)).toBe('DEALLOCATE "a"; ');
    expect(c.connection.parsedStatements.a).toBeUndefined();
  });
});
