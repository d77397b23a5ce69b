import { describe, expect, it } from '@jest/globals';
import { parseQuotaPeriod } from './quota-period.js';

describe('parseQuotaPeriod', () => {
  it('ISO weeks run Monday to Sunday; week 1 holds 4 January', () => {
    expect(parseQuotaPeriod('2026-W48')).toEqual({
      kind: 'WEEK',
      label: '2026-W48',
      start: '2026-11-23',
      end: '2026-11-30',
    });
    expect(parseQuotaPeriod('2026-W01').start).toBe('2025-12-29');
    expect(parseQuotaPeriod('2021-W01').start).toBe('2021-01-04');
    expect(parseQuotaPeriod('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-04' });
  });

  it('months are calendar months', () => {
    expect(parseQuotaPeriod('2026-11')).toEqual({
      kind: 'MONTH',
      label: '2026-11',
      start: '2026-11-01',
      end: '2026-12-01',
    });
    expect(parseQuotaPeriod('2026-12').end).toBe('2027-01-01');
  });

  it('anything else is bad input naming the field', () => {
    expect(() => parseQuotaPeriod('2025-W53')).toThrow(/ISO weeks 1 to 52/);
    expect(parseQuotaPeriod('2026-W53').start).toBe('2026-12-28');
    expect(() => parseQuotaPeriod('2026-W00')).toThrow(/ISO weeks/);
    expect(() => parseQuotaPeriod('2026-13')).toThrow(/01 to 12/);
    expect(() => parseQuotaPeriod('2026-Q4')).toThrow(/ISO week such as/);
  });
});
