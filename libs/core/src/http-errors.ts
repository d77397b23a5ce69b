import { AppError } from './errors.js';

/** The HTTP status of a typed error's code, for the REST-style routes beside GraphQL (files, exports). */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
};

/**
 * A failure answered in the GraphQL error shape with the same codes: a typed error says what it is; anything else
 * is a bare 500 that leaks nothing (the caller logs it).
 */
export function httpErrorOf(e: unknown): { status: number; known: boolean; body: { errors: unknown[] } } {
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
    body: {
      errors: [
        { message: 'The request could not be handled; try again', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    },
  };
}
