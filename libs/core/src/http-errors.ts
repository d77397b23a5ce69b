import { AppError, ServiceBusyError } from './errors.js';
import { transientFailure } from './transient.js';

/** HTTP status per error code, for the few REST endpoints beside GraphQL (file up- and downloads, exports). */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_BUSY: 503,
};

/**
 * An error as a REST endpoint answers it: the GraphQL error shape with the same `extensions.code`, and its HTTP
 * status; anything but a typed error (`known: false`) is a bare 500 that leaks nothing (the caller logs it).
 */
export function httpError(
  e: unknown,
  fallback = 'The request could not be handled; try again',
): { status: number; known: boolean; body: { errors: unknown[] }; headers: Record<string, string> } {
  const typed = transientFailure(e) ?? e;
  if (typed instanceof AppError) {
    return {
      status: STATUS[typed.code] ?? 400,
      known: true,
      body: {
        errors: [
          {
            message: typed.message,
            extensions: {
              code: typed.code,
              ...(typed.fields?.length ? { fields: typed.fields } : {}),
              ...typed.extensions,
            },
          },
        ],
      },
      // A timeout or a busy pool passes: say when to come back.
      headers: typed instanceof ServiceBusyError ? { 'Retry-After': String(typed.retryAfterSeconds) } : {},
    };
  }
  return {
    status: 500,
    known: false,
    headers: {},
    body: { errors: [{ message: fallback, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
  };
}

/** `httpError` with the default message (the exports' name for it). */
export const httpErrorOf = (e: unknown) => httpError(e);
