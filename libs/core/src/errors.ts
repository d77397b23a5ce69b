/** Typed domain errors: services throw these, one formatter maps them to GraphQL `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_BUSY';

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Extra `extensions` entries a client can act on (e.g. retryAfterSeconds). */
  get extensions(): Record<string, unknown> | undefined {
    return undefined;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first: send "Authorization: Bearer <accessToken>" from the login mutation') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`);
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, fields: FieldProblem[] = []) {
    super('BAD_USER_INPUT', message, fields);
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError(`${field}: ${message}`, [{ field, message }]);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class InvalidStateError extends AppError {
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many login attempts; try again in ${retryAfterSeconds} seconds`);
  }

  override get extensions(): Record<string, unknown> {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** Why the database gave up on a request that may well succeed if sent again (`extensions.reason` of SERVICE_BUSY). */
export type BusyReason = 'STATEMENT_TIMEOUT' | 'LOCK_TIMEOUT' | 'SERIALIZATION_FAILURE' | 'DEADLOCK' | 'POOL_TIMEOUT';

const BUSY: Record<BusyReason, { retryAfterSeconds: number; why: string }> = {
  STATEMENT_TIMEOUT: { retryAfterSeconds: 5, why: 'the request took too long and was stopped' },
  LOCK_TIMEOUT: { retryAfterSeconds: 2, why: 'the same records are being changed by someone else right now' },
  SERIALIZATION_FAILURE: { retryAfterSeconds: 1, why: 'someone changed the same records at the same moment' },
  DEADLOCK: { retryAfterSeconds: 1, why: 'someone changed the same records at the same moment' },
  POOL_TIMEOUT: { retryAfterSeconds: 2, why: 'too many requests are being served at once' },
};

/**
 * A transient failure of the database (a timeout, a lock wait, a serialization or deadlock victim, no free
 * connection): the transaction was rolled back, so nothing changed, and the same request may succeed if sent again.
 */
export class ServiceBusyError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(readonly reason: BusyReason) {
    const { retryAfterSeconds, why } = BUSY[reason];
    super(
      'SERVICE_BUSY',
      `系统繁忙，本次操作未做任何更改，请稍后重试。The system is busy (${why}); nothing was changed: ` +
        `try again in ${retryAfterSeconds} seconds`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }

  override get extensions(): Record<string, unknown> {
    return { reason: this.reason, retryable: true, retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** Messages for unique and foreign-key constraints, so a violation becomes a CONFLICT a person understands. */
const constraintMessages = new Map<string, string>();

export function describeConstraint(name: string, message: string): void {
  constraintMessages.set(name, message);
}

export function constraintMessage(name: string | undefined): string | undefined {
  return name ? constraintMessages.get(name) : undefined;
}
