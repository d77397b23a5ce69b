import { addDays, localDate, startOfLocalDay } from '@app/core';
import type { CustomerTier } from './customer.enums.js';

export interface CadenceSettings {
  contactCadenceHighDays: number;
  contactCadenceMediumDays: number;
  contactCadenceLowDays: number;
}

/** DOMAIN.md defaults: high value weekly, medium twice a month, low monthly. */
export const DEFAULT_CADENCE: CadenceSettings = {
  contactCadenceHighDays: 7,
  contactCadenceMediumDays: 15,
  contactCadenceLowDays: 30,
};

export function cadenceDays(tier: CustomerTier, s: CadenceSettings): number {
  switch (tier) {
    case 'HIGH':
      return s.contactCadenceHighDays;
    case 'MEDIUM':
      return s.contactCadenceMediumDays;
    case 'LOW':
      return s.contactCadenceLowDays;
  }
}

/**
 * When the next contact is due: `cadence` days after the local date of the last contact. The
 * customer is due on that whole business day and overdue from the start of the next one.
 */
export function nextContactDue(last: Date, cadence: number, timeZone: string): { dueOn: string; dueAt: Date } {
  const dueOn = addDays(localDate(last, timeZone), cadence);
  return { dueOn, dueAt: startOfLocalDay(addDays(dueOn, 1), timeZone) };
}

/** The business day a stored due instant stands for (the day before it starts). */
export function dueOnOf(dueAt: Date, timeZone: string): string {
  return localDate(new Date(dueAt.getTime() - 1), timeZone);
}
