import { BadUserInputError } from './errors.js';

/**
 * An update names at least one thing to change; an empty one is refused rather than answered with an unchanged row
 * and a new audit entry. `what` is the word the user sees ("field", "setting", "target"); `ignore` lists keys that
 * say where, not what (a head-office user's branchId); with `nullMeansUnset`, null counts as not given (settings and
 * fields that cannot be cleared).
 */
export function requireChange(
  input: object,
  what = 'field',
  opts: { ignore?: readonly string[]; nullMeansUnset?: boolean } = {},
): void {
  const given = Object.entries(input).some(
    ([k, v]) => !opts.ignore?.includes(k) && v !== undefined && !(opts.nullMeansUnset && v === null),
  );
  if (!given) throw BadUserInputError.field('input', `name at least one ${what} to change`);
}
