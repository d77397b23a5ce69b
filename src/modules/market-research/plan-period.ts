import { BadUserInputError } from '@app/core';
import { MarketingPlanKind } from './research.enums.js';

const MONTHS = { [MarketingPlanKind.ANNUAL]: 12, [MarketingPlanKind.QUARTERLY]: 3, [MarketingPlanKind.MONTHLY]: 1 };

/**
 * The period a plan covers, from its kind and first day: a calendar year from 1 January, a quarter from
 * 1 January, April, July or October, a month from its 1st.
 */
export function planPeriod(kind: MarketingPlanKind, start: string): { start: string; end: string } {
  const [y, m, d] = start.split('-').map(Number);
  const months = MONTHS[kind];
  if (d !== 1 || (m - 1) % months !== 0) {
    const what = { ANNUAL: '1 January', QUARTERLY: 'the first day of a quarter', MONTHLY: 'the first day of a month' };
    throw BadUserInputError.field('periodStart', `a ${kind.toLowerCase()} plan starts on ${what[kind]}`);
  }
  const end = new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
  return { start, end };
}
