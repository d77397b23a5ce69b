import { describe, expect, it } from '@jest/globals';
import { planPeriod } from './plan-period.js';
import { MarketingPlanKind } from './research.enums.js';

describe('planPeriod', () => {
  it.each([
    [MarketingPlanKind.ANNUAL, '2027-01-01', '2027-12-31'],
    [MarketingPlanKind.QUARTERLY, '2027-10-01', '2027-12-31'],
    [MarketingPlanKind.QUARTERLY, '2028-01-01', '2028-03-31'],
    [MarketingPlanKind.MONTHLY, '2028-02-01', '2028-02-29'],
    [MarketingPlanKind.MONTHLY, '2027-02-01', '2027-02-28'],
  ])('%s from %s ends on %s', (kind, start, end) => {
    expect(planPeriod(kind, start)).toEqual({ start, end });
  });

  it.each([
    [MarketingPlanKind.ANNUAL, '2027-02-01'],
    [MarketingPlanKind.QUARTERLY, '2027-02-01'],
    [MarketingPlanKind.MONTHLY, '2027-02-02'],
  ])('refuses a %s plan starting on %s', (kind, start) => {
    expect(() => planPeriod(kind, start)).toThrow(/starts on/);
  });
});
