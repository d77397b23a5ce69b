import { enterBranches, type Database, type RequestContext, type Tx } from '@app/core';

/** A claimed row: at least the branch it belongs to (claim functions answer snake_case keys). */
export interface ClaimedKey {
  branch_id: string;
}

export interface ScanOptions<K extends ClaimedKey> {
  /** Rows per transaction; the scan goes on while a claim comes back full. */
  batch: number;
  /**
   * Claims the next due rows, locked FOR UPDATE SKIP LOCKED so that replicas take different ones (usually a
   * SECURITY DEFINER function of the worker role: the scan starts with no branch in scope).
   */
  claim: (tx: Tx, batch: number) => Promise<K[]>;
  /** The branches the handler must see; by default those of the claimed rows. */
  branches?: (keys: K[]) => readonly string[];
  /** Does the work of one claimed batch in the same transaction, in a context over its branches. */
  handle: (ctx: RequestContext, tx: Tx, keys: K[]) => Promise<void>;
}

/**
 * The worker's scan of due rows (reminders, escalations, digests, re-tiering): each batch is claimed and handled
 * in one transaction as the worker role, with the tenant scope widened to the claimed rows' branches only. A
 * crash loses at most the batch in hand, which the next scan claims again. Returns how many rows were claimed.
 */
export async function scanDue<K extends ClaimedKey>(db: Database, options: ScanOptions<K>): Promise<number> {
  let claimed = 0;
  for (;;) {
    const n = await db.run(
      { branchIds: [] },
      async (tx) => {
        const keys = await options.claim(tx, options.batch);
        if (keys.length === 0) return 0;
        const ctx = await enterBranches(tx, options.branches?.(keys) ?? keys.map((k) => k.branch_id));
        await options.handle(ctx, tx, keys);
        return keys.length;
      },
      'system',
    );
    claimed += n;
    if (n < options.batch) return claimed;
  }
}
