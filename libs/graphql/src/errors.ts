import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, constraintMessage, transientFailure, type JsonLogger } from '@app/core';
import { scalarErrorField } from './input-errors.js';
import { ScalarInputError } from './scalars.js';

/** Codes graphql-js and Apollo give to requests that are wrong, not to failures of ours. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function rootCause(error: unknown): unknown {
  let e = error as { originalError?: unknown } | undefined;
  while (e && typeof e === 'object' && 'originalError' in e && e.originalError) e = e.originalError as typeof e;
  return e;
}

/**
 * Maps every error to a stable `extensions.code` and a message a person can act on. Anything
 * unexpected is logged with its stack and answered with a bare INTERNAL_SERVER_ERROR.
 */
export function formatGraphQLError(log: JsonLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const root = rootCause(error);
    // A timeout, lock wait, serialization failure, deadlock or pool wait: typed and retryable (SERVICE_BUSY, with
    // reason and retryAfterSeconds); the operation plugin logs it with the operation's name, never the SQL.
    const cause = transientFailure(root) ?? root;
    if (cause instanceof ScalarInputError) {
      // One message naming the field, whether the value came in a variable or in the document.
      const field = scalarErrorField(error, cause);
      return {
        ...base,
        message: `${field ?? cause.scalar} ${cause.expectation}`,
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: field ?? cause.scalar, message: cause.expectation }] },
      };
    }
    if (cause instanceof AppError) {
      return {
        ...base,
        message: cause.message,
        extensions: {
          code: cause.code,
          ...(cause.fields?.length ? { fields: cause.fields } : {}),
          ...cause.extensions,
        },
      };
    }
    // Apollo wraps validation errors and overwrites their code with GRAPHQL_VALIDATION_FAILED; a rule of
    // ours (depthLimit's QUERY_TOO_DEEP) keeps its own code on the original error.
    const own = (cause as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
    const code = typeof own === 'string' && CLIENT_CODES.has(own) ? own : formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return { ...base, extensions: { code } };
    const driver = (cause as { driverError?: { code?: string; constraint?: string } } | undefined)?.driverError;
    if (driver?.code === '23505') {
      return {
        ...base,
        message: constraintMessage(driver.constraint) ?? 'This would duplicate a record that already exists',
        extensions: { code: 'CONFLICT' },
      };
    }
    // Class 22 (data exception): a value the client sent cannot be read as what the column or cast
    // expects, e.g. a NUL character in a text or a cursor of another order. Bad input, not our failure;
    // logged as a warning so a value of our own making still shows up.
    if (driver?.code?.startsWith('22')) {
      log.write('warn', 'graphql', { sqlstate: driver.code, error: (cause as Error).message });
      return {
        ...base,
        message:
          'A value in this request is malformed or out of range (text must not contain NUL characters; cursors must come from the same list and order)',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    if (driver?.code === '23503') {
      return {
        ...base,
        message: 'This refers to something that does not exist',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    const status = (cause as { status?: number; getStatus?: () => number } | undefined)?.getStatus?.();
    if (status === 400) return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
    // Apollo's own refusals of a request it cannot run (a persisted-query version other than 1, a hash that does
    // not match the query) come without a code but with a 4xx status: the client's request is wrong.
    const http = error instanceof GraphQLError && !error.originalError ? error.extensions?.http : undefined;
    const httpStatus = (http as { status?: unknown } | undefined)?.status;
    if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
      if (formatted.message === 'Unsupported persisted query version') {
        return {
          ...base,
          message: 'Only version 1 of the persistedQuery extension (automatic persisted queries) is supported',
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
        };
      }
      return { ...base, extensions: { code: 'BAD_REQUEST' } };
    }
    log.error(cause instanceof Error ? cause : new Error(String(formatted.message)), undefined, 'graphql');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
