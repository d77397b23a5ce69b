import { describe, expect, it } from '@jest/globals';
import { ageingBand, daysPastDue, namedBands } from './ageing.js';

describe('receivables ageing bands', () => {
  it('counts whole calendar days, across months and leap days', () => {
    expect(daysPastDue('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysPastDue('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysPastDue('2027-01-02', '2027-01-01')).toBe(-1);
  });

  it('puts each boundary day in the band it closes', () => {
    const asOf = '2027-06-30';
    const band = (days: number) =>
      ageingBand(new Date(Date.parse(`${asOf}T00:00:00Z`) - days * 864e5).toISOString().slice(0, 10), asOf);
    expect([-1, 0, 30, 31, 60, 61, 90, 91, 4000].map(band)).toEqual([
      'notDue',
      'days0to30',
      'days0to30',
      'days31to60',
      'days31to60',
      'days61to90',
      'days61to90',
      'over90',
      'over90',
    ]);
  });

  it('names the bands in order and refuses a wrong count', () => {
    expect(namedBands(['1.00', '2.00', '3.00', '4.00'])).toEqual({
      days0to30: '1.00',
      days31to60: '2.00',
      days61to90: '3.00',
      over90: '4.00',
    });
    expect(() => namedBands(['1.00'])).toThrow();
  });
});
