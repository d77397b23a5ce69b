/**
 * Receivables ageing (账龄): the bands of days past due, as of a business day. An instalment due on `asOf`
 * is 0 days past due (band 0-30); one due after it is not due yet.
 */
export const AGEING_BOUNDS = [30, 60, 90] as const;

export type AgeingBand = 'notDue' | 'days0to30' | 'days31to60' | 'days61to90' | 'over90';

const BANDS: readonly AgeingBand[] = ['days0to30', 'days31to60', 'days61to90', 'over90'];

/** Whole days from `dueOn` to `asOf` (both YYYY-MM-DD business days). */
export function daysPastDue(dueOn: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 864e5);
}

/** The band an amount due on `dueOn` falls in, as of `asOf`. */
export function ageingBand(dueOn: string, asOf: string): AgeingBand {
  const days = daysPastDue(dueOn, asOf);
  if (days < 0) return 'notDue';
  const i = AGEING_BOUNDS.findIndex((upper) => days <= upper);
  return BANDS[i === -1 ? BANDS.length - 1 : i];
}

/** The amounts of the bands past due, in the order of AGEING_BOUNDS plus the last, as named fields. */
export function namedBands(amounts: readonly string[]): Record<Exclude<AgeingBand, 'notDue'>, string> {
  if (amounts.length !== BANDS.length) throw new Error(`expected ${BANDS.length} ageing bands, got ${amounts.length}`);
  return { days0to30: amounts[0], days31to60: amounts[1], days61to90: amounts[2], over90: amounts[3] };
}
