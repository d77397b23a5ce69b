import { BadUserInputError } from '@app/core';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} &+./_-]{0,39}$/u;

/** Tags as stored: trimmed, lower-case, each once, 1 to 40 letters, digits and a few separators. */
export function normaliseTags(tags: string[]): string[] {
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!TAG.test(t)) {
      throw BadUserInputError.field(
        `tags[${i}]`,
        'must be 1 to 40 letters, digits, spaces or & + . / _ - and start with a letter or digit',
      );
    }
    if (!out.includes(t)) out.push(t);
  });
  return out;
}

export const DEFAULT_RESEARCH_SETTINGS = { digestTopItems: 10, digestHour: 8 };

/** Segment score weights without a settings row (relative: market size 40, growth 35, competition 25). */
export const DEFAULT_SEGMENT_WEIGHTS = { marketSize: '40.00', growth: '35.00', competition: '25.00' };
