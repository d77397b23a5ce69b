import { describe, expect, it } from '@jest/globals';
import {
  AppError,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  constraintMessage,
  describeConstraint,
} from './errors.js';

describe('typed errors', () => {
  it.each<[string, AppError, string, string, string]>([
    [
      'UnauthenticatedError',
      new UnauthenticatedError(),
      'UnauthenticatedError',
      'UNAUTHENTICATED',
      'Sign in first: send "Authorization: Bearer <accessToken>" from the login mutation',
    ],
    [
      'UnauthenticatedError(message)',
      new UnauthenticatedError('Token expired'),
      'UnauthenticatedError',
      'UNAUTHENTICATED',
      'Token expired',
    ],
    ['ForbiddenError', new ForbiddenError(), 'ForbiddenError', 'FORBIDDEN', 'Your role does not allow this action'],
    ['NotFoundError', new NotFoundError('Customer', 'c-1'), 'NotFoundError', 'NOT_FOUND', 'Customer c-1 was not found'],
    ['BadUserInputError', new BadUserInputError('Bad input'), 'BadUserInputError', 'BAD_USER_INPUT', 'Bad input'],
    ['ConflictError', new ConflictError('Taken'), 'ConflictError', 'CONFLICT', 'Taken'],
    ['InvalidStateError', new InvalidStateError('Archived'), 'InvalidStateError', 'INVALID_STATE', 'Archived'],
    [
      'TooManyRequestsError',
      new TooManyRequestsError(42),
      'TooManyRequestsError',
      'TOO_MANY_REQUESTS',
      'Too many login attempts; try again in 42 seconds',
    ],
  ])('%s', (_case, error, name, code, message) => {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.message]).toEqual([name, code, message]);
  });

  it('keeps retryAfterSeconds on TooManyRequestsError', () => {
    expect(new TooManyRequestsError(42).retryAfterSeconds).toBe(42);
  });

  it.each([
    [new BadUserInputError('x'), []],
    [new BadUserInputError('x', [{ field: 'email', message: 'is taken' }]), [{ field: 'email', message: 'is taken' }]],
    [
      BadUserInputError.field('first', 'must be between 1 and 100'),
      [{ field: 'first', message: 'must be between 1 and 100' }],
    ],
    [new ConflictError('x'), undefined],
  ])('%o carries fields %o', (error, fields) => {
    expect(error.fields).toEqual(fields);
  });

  it('prefixes the message of BadUserInputError.field with the field name', () => {
    expect(BadUserInputError.field('first', 'must be between 1 and 100').message).toBe(
      'first: must be between 1 and 100',
    );
  });
});

describe('describeConstraint / constraintMessage', () => {
  describeConstraint('spec_customers_name_key', 'A customer with this name already exists in this branch');
  describeConstraint('spec_orders_number_key', 'An order with this number already exists');
  describeConstraint('spec_overwritten_key', 'first wording');
  describeConstraint('spec_overwritten_key', 'second wording');

  it.each<[string | undefined, string | undefined]>([
    ['spec_customers_name_key', 'A customer with this name already exists in this branch'],
    ['spec_orders_number_key', 'An order with this number already exists'],
    ['spec_overwritten_key', 'second wording'],
    ['spec_unknown_key', undefined],
    ['SPEC_CUSTOMERS_NAME_KEY', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('constraint %p → %p', (name, message) => {
    expect(constraintMessage(name)).toBe(message);
  });
});
