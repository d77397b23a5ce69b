const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** Where `YYYY-MM-DD HH:MM:SS` has digits. */
const DIGITS_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), as Date.UTC counts them. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * timestamptz as PostgreSQL sends it with DateStyle ISO, `2026-11-25 16:11:51.207123+00` (offset `±HH[:MM[:SS]]`),
 * read with integer arithmetic instead of pg's default parser (postgres-date: three regular expressions, parseInt,
 * Date.UTC), which showed up in the API's profile: a page of customers carries four per row. The result is the
 * same Date, milliseconds truncated as postgres-date truncates them (checked for every fraction of up to six
 * digits); anything else (years before 1000 or after 9999, BC, infinity, a longer fraction) goes to `fallback`.
 */
export function timestamptzParser(fallback: (value: string) => unknown): (value: string) => unknown {
  return (value) => {
    const n = value.length;
    if (
      n < 22 ||
      value.charCodeAt(4) !== 45 ||
      value.charCodeAt(7) !== 45 ||
      value.charCodeAt(10) !== 32 ||
      value.charCodeAt(13) !== 58 ||
      value.charCodeAt(16) !== 58 ||
      value.charCodeAt(0) === 48
    ) {
      return fallback(value);
    }
    for (const i of DIGITS_AT) if (!isDigit(value, i)) return fallback(value);
    const month = two(value, 5);
    if (month < 1 || month > 12) return fallback(value);
    let i = 19;
    let ms = 0;
    if (value.charCodeAt(i) === 46) {
      let scale = 100;
      i++;
      const from = i;
      while (i < n && isDigit(value, i)) {
        ms += (value.charCodeAt(i) - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === from || i - from > 6) return fallback(value);
      ms = Math.floor(ms);
    }
    const sign = value.charCodeAt(i);
    if ((sign !== 43 && sign !== 45) || !isDigit(value, i + 1) || !isDigit(value, i + 2)) return fallback(value);
    let offset = two(value, i + 1) * 3600;
    i += 3;
    if (i < n) {
      if (value.charCodeAt(i) !== 58 || !isDigit(value, i + 1) || !isDigit(value, i + 2)) return fallback(value);
      offset += two(value, i + 1) * 60;
      i += 3;
      if (i < n) {
        if (value.charCodeAt(i) !== 58 || !isDigit(value, i + 1) || !isDigit(value, i + 2) || i + 3 !== n) {
          return fallback(value);
        }
        offset += two(value, i + 1);
      }
    }
    const days = daysFromCivil(two(value, 0) * 100 + two(value, 2), month, two(value, 8));
    const seconds = days * 86400 + two(value, 11) * 3600 + two(value, 14) * 60 + two(value, 17);
    return new Date((seconds - (sign === 45 ? -offset : offset)) * 1000 + ms);
  };
}
