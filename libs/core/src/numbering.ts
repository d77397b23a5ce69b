import type { Tx } from './database.js';

/**
 * Human numbers (contract no., invoice no.): gap-free per-branch sequences and the rule that writes them. One
 * copy for every module that numbers things; each keeps its own counter table (a tenant table it owns, whose
 * primary key is exactly the key columns given here plus nothing else, and a `last integer` column).
 */

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The next number of the sequence `key` names in `table`, gap-free: the counter row stays locked until the
 * calling transaction ends, so a concurrent caller of the same key waits, and a rolled-back caller gives its
 * number back. No gap, no duplicate.
 */
export async function nextInSequence(tx: Tx, table: string, key: Record<string, string | number>): Promise<number> {
  const cols = Object.keys(key);
  if (!NAME.test(table) || cols.length === 0 || !cols.every((c) => NAME.test(c))) {
    throw new Error(`nextInSequence: bad counter ${table}(${cols.join(', ')})`);
  }
  const list = cols.join(', ');
  const [row] = await tx.query<{ last: number }>(
    `INSERT INTO ${table} (${list}, last) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, 1)
     ON CONFLICT (${list}) DO UPDATE SET last = ${table}.last + 1 RETURNING last`,
    Object.values(key),
  );
  return row.last;
}

/** A number by rule: {BRANCH} the branch code, {YYYY} the year, {NNNN} the sequence zero-padded to as many N. */
export function formatNumber(rule: string, parts: { branchCode: string; year: number; sequence: number }): string {
  return rule
    .replace(/\{BRANCH\}/g, parts.branchCode.toUpperCase())
    .replace(/\{YYYY\}/g, String(parts.year))
    .replace(/\{N+\}/g, (m) => String(parts.sequence).padStart(m.length - 2, '0'));
}
