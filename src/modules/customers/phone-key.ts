/** The country code assumed when a number is written without one: the branches are in China. */
export const DEFAULT_COUNTRY_CODE = '86';

/**
 * The key two phone numbers are compared by: digits only, with the country code in front.
 * - `+` or `00` in front: the number names its own country; for China a trunk `0` written after
 *   the code (`+86 (0)21 ...`) is dropped.
 * - otherwise it is a Chinese number: a leading trunk `0` (`021-5555 0001`) is dropped, and an
 *   11-digit mobile already written with `86` (`8613812345678`) keeps it as it is.
 * So `+86 21 5555 0001`, `0086-21-55550001` and `021 5555 0001` are one number, `862155550001`.
 */
export function phoneKey(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const written = raw.trim();
  let digits = written.replace(/\D/g, '');
  if (digits.length === 0) return null;
  let international = written.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (international) {
    if (digits.startsWith(`${DEFAULT_COUNTRY_CODE}0`)) digits = DEFAULT_COUNTRY_CODE + digits.slice(3);
    return digits;
  }
  if (digits.length === 13 && digits.startsWith(`${DEFAULT_COUNTRY_CODE}1`)) return digits;
  if (digits.startsWith('0')) digits = digits.slice(1);
  return DEFAULT_COUNTRY_CODE + digits;
}
