import { branchToday, dayStart, type Tx } from '@app/core';

/**
 * The due timestamps the worker's contract scan reads, kept in PostgreSQL. Each is the start of a
 * business day in the branch's time zone, computed in SQL from `scope_branches` (so the caller's
 * branch set must include the branch).
 */

export const DEFAULT_EXPIRY_REMINDER_DAYS = [90, 30, 7];

/**
 * Sets each contract's next end-of-term reminder: the largest threshold (days before `ends_on`,
 * per-branch setting) whose day is today or later, below `below` when one was just sent. Only
 * SIGNED and ACTIVE contracts have one; a change of term, state or setting calls this again.
 */
export async function refreshExpiryReminders(
  tx: Tx,
  branchId: string,
  contractIds: string[] | null,
  below: number | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE contracts c SET (expiry_reminder_days, next_expiry_reminder_at) = (
       SELECT d, ${dayStart('c.ends_on - d', 'c.branch_id')}
       FROM unnest(coalesce((SELECT s.expiry_reminder_days FROM contract_settings s WHERE s.branch_id = c.branch_id),
         '{${DEFAULT_EXPIRY_REMINDER_DAYS.join(',')}}'::smallint[])) AS d
       WHERE c.state IN ('SIGNED', 'ACTIVE') AND c.ends_on - d >= ${branchToday('c.branch_id')}
         AND ($3::int IS NULL OR d < $3::int)
       ORDER BY d DESC LIMIT 1)
     WHERE c.branch_id = $1 AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
       AND (c.state IN ('SIGNED', 'ACTIVE') OR c.next_expiry_reminder_at IS NOT NULL)`,
    [branchId, contractIds, below],
  );
}

/** The original check of a contract signed without its original: the 3rd of the next month, branch time zone. */
export async function scheduleOriginalCheck(tx: Tx, branchId: string, contractId: string): Promise<void> {
  await tx.query(
    `UPDATE contracts c SET original_check_at = CASE WHEN c.original_received OR c.signed_on IS NULL THEN NULL
       ELSE ${dayStart(`date_trunc('month', c.signed_on::timestamp) + interval '1 month 2 days'`, 'c.branch_id')} END
     WHERE c.branch_id = $1 AND c.id = $2`,
    [branchId, contractId],
  );
}
