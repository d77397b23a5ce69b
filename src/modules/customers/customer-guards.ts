import { InvalidStateError } from '@app/core';
import type { Customer } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';

/** How far in the future a contact time may lie (clock skew between devices), in milliseconds. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** An archived customer is kept for the record: it, its contacts and its contact log no longer change. */
export function assertActive(c: Customer): void {
  if (c.status !== CustomerStatusEnum.ACTIVE) {
    throw new InvalidStateError(`Customer "${c.name}" is archived; it can no longer be changed`);
  }
}
