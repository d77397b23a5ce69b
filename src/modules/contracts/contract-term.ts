const DAY_MS = 864e5;
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fmt(parse(date) + days * DAY_MS);

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fmt(Date.UTC(ny, nm, Math.min(d, last)));
}

/**
 * The term of a renewal: it starts the day after the current term ends and lasts as long. A term of
 * whole months (a year, a quarter) stays whole months; any other keeps its number of days. `from`
 * starts it on another day.
 */
export function renewalTerm(startsOn: string, endsOn: string, from?: string): { startsOn: string; endsOn: string } {
  const next = from ?? addDays(endsOn, 1);
  for (let months = 1; months <= 120; months++) {
    if (addDays(addMonths(startsOn, months), -1) === endsOn) {
      return { startsOn: next, endsOn: addDays(addMonths(next, months), -1) };
    }
  }
  const days = Math.round((parse(endsOn) - parse(startsOn)) / DAY_MS);
  return { startsOn: next, endsOn: addDays(next, days) };
}
