import { ServiceBusyError, type BusyReason } from './errors.js';

/** SQLSTATEs of failures that say nothing about the request itself: the same request may succeed when sent again. */
const SQLSTATE_REASONS: Record<string, BusyReason> = {
  '57014': 'STATEMENT_TIMEOUT', // query_canceled: statement_timeout (also a cancel request)
  '55P03': 'LOCK_TIMEOUT', // lock_not_available: lock_timeout, NOWAIT
  '40001': 'SERIALIZATION_FAILURE',
  '40P01': 'DEADLOCK',
};

/** pg-pool's messages when no pooled connection came within DB_POOL_WAIT_MS (`connectionTimeoutMillis`). */
const POOL_TIMEOUT_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

function sqlstate(e: unknown): string | undefined {
  const x = e as { driverError?: { code?: unknown }; code?: unknown } | undefined;
  const code = x?.driverError?.code ?? x?.code;
  // Five characters, as PostgreSQL's are; not a Node error code (ECONNREFUSED) nor one of ours (SERVICE_BUSY).
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The typed, retryable error for a transient database failure (statement or lock timeout, serialization failure,
 * deadlock, pool wait), or undefined when `e` is anything else. Reads a TypeORM QueryFailedError, a pg error or
 * an already typed ServiceBusyError.
 */
export function transientFailure(e: unknown): ServiceBusyError | undefined {
  if (e instanceof ServiceBusyError) return e;
  const state = sqlstate(e);
  const reason = state ? SQLSTATE_REASONS[state] : undefined;
  if (reason) return new ServiceBusyError(reason);
  if (e instanceof Error && POOL_TIMEOUT_MESSAGES.includes(e.message)) return new ServiceBusyError('POOL_TIMEOUT');
  return undefined;
}

/** The SQLSTATE behind a transient failure, for the server's log (never for the answer). */
export function failureSqlstate(e: unknown): string | undefined {
  return sqlstate(e);
}
