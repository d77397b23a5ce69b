/** The default numbering rule: branch code, "HT" (合同), signing year, a four-digit sequence. */
export const DEFAULT_NUMBER_RULE = '{BRANCH}-HT-{YYYY}-{NNNN}';

/** The year of a business date `YYYY-MM-DD` (already a date of the branch's calendar). */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

const RULE_TOKEN = /\{(BRANCH|YYYY|N{3,8})\}/g;

/**
 * A rule a branch may set: {YYYY} and one {NNN..} (3 to 8 N) are required, since the sequence restarts
 * every year; {BRANCH} is optional; other characters are letters, digits and - _ / . only.
 * Returns the problem, or null when the rule is usable.
 */
export function numberRuleProblem(rule: string): string | null {
  if (rule.length < 1 || rule.length > 60) return 'must be 1 to 60 characters';
  if (!rule.includes('{YYYY}')) return 'must contain {YYYY}: numbers restart every year';
  const seq = rule.match(/\{N+\}/g) ?? [];
  if (seq.length !== 1 || !/^\{N{3,8}\}$/.test(seq[0])) return 'must contain one sequence of 3 to 8 N, e.g. {NNNN}';
  const rest = rule.replace(RULE_TOKEN, '');
  if (!/^[A-Za-z0-9_./-]*$/.test(rest)) {
    return 'may contain only {BRANCH}, {YYYY}, {NNNN}, letters, digits and - _ / .';
  }
  return null;
}
