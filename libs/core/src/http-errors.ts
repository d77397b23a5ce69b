import { AppError } from './errors.js';

/** HTTP status per error code, for the few REST endpoints beside GraphQL (file up- and downloads, exports). */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
};

/**
 * An error as a REST endpoint answers it: the GraphQL error shape with the same `extensions.code`, and its HTTP
 * status; anything but a typed error (`known: false`) is a bare 500 that leaks nothing (the caller logs it).
 */
export function httpError(
  e: unknown,
  fallback = 'The request could not be handled; try again',
): { status: number; known: boolean; body: { errors: unknown[] } } {
  if (e instanceof AppError) {
    return {
      status: STATUS[e.code] ?? 400,
      known: true,
      body: {
        errors: [
          { message: e.message, extensions: { code: e.code, ...(e.fields?.length ? { fields: e.fields } : {}) } },
        ],
      },
    };
  }
  return {
    status: 500,
    known: false,
    body: { errors: [{ message: fallback, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
  };
}

/** `httpError` with the default message (the exports' name for it). */
export const httpErrorOf = (e: unknown) => httpError(e);
