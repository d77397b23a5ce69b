import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { ServiceBusyError } from './errors.js';
import { failureSqlstate, transientFailure } from './transient.js';

/** A statement failure as Tx.query throws it: TypeORM's QueryFailedError around pg's error with its SQLSTATE. */
function failed(code: string, message = 'pg says no'): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
}

describe('transientFailure', () => {
  it.each([
    ['57014', 'STATEMENT_TIMEOUT', 5],
    ['55P03', 'LOCK_TIMEOUT', 2],
    ['40001', 'SERIALIZATION_FAILURE', 1],
    ['40P01', 'DEADLOCK', 1],
  ])('SQLSTATE %s is SERVICE_BUSY %s, retry after %i s', (code, reason, seconds) => {
    const busy = transientFailure(failed(code, 'canceling statement due to statement timeout'))!;
    expect(busy).toBeInstanceOf(ServiceBusyError);
    expect([busy.code, busy.extensions]).toEqual([
      'SERVICE_BUSY',
      { reason, retryable: true, retryAfterSeconds: seconds },
    ]);
    // A person's message, Chinese first; never PostgreSQL's words or SQL.
    expect(busy.message).toMatch(/^系统繁忙.*nothing was changed: try again in \d+ seconds$/);
    expect(busy.message).not.toMatch(/canceling|SELECT/);
  });

  it("reads pg's error itself, and pg-pool's connection wait", () => {
    expect(transientFailure(Object.assign(new Error('x'), { code: '40P01' }))?.reason).toBe('DEADLOCK');
    expect(transientFailure(new Error('timeout exceeded when trying to connect'))?.reason).toBe('POOL_TIMEOUT');
    expect(transientFailure(new Error('Connection terminated due to connection timeout'))?.reason).toBe('POOL_TIMEOUT');
  });

  it.each([
    ['a unique violation', failed('23505')],
    ['a failed transaction', failed('25P02')],
    ['a connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['anything else', new Error('boom')],
    ['not an error', 'text'],
  ])('leaves %s alone', (_what, e) => {
    expect(transientFailure(e)).toBeUndefined();
  });

  it('keeps the SQLSTATE for the log', () => {
    expect(failureSqlstate(failed('57014'))).toBe('57014');
    expect(failureSqlstate(new Error('x'))).toBeUndefined();
    expect(failureSqlstate(transientFailure(new Error('timeout exceeded when trying to connect')))).toBeUndefined();
  });
});
