const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** 10000-01-01T00:00:00.000Z: from there on toISOString writes six-digit years. */
const YEAR_10000 = 253402300800000;

/**
 * `date.toISOString()`, computed in JavaScript for instants from 1970 to 9999 (V8's builtin formats through C++ and
 * cost about a microsecond each; a page of customers formats three per row). Any other Date, invalid ones included,
 * goes to the builtin, which also throws the same RangeError for an invalid one.
 */
export function isoString(date: Date): string {
  const t = date.getTime();
  if (!(t >= 0 && t < YEAR_10000)) return date.toISOString();
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian, eras of 400 years).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${TWO[Math.floor(year / 100)]}${TWO[year % 100]}-${TWO[month]}-${TWO[day]}T${TWO[hour]}:${TWO[minute]}:${TWO[second]}.${THREE[rest - second * 1000]}Z`;
}
