import { type Tx, branchToday, dayStart } from '@app/core';

/** Days before an agreement's last day (branch time zone) on which the partner's owner is reminded. */
export const AGREEMENT_REMINDER_DAYS = [60, 30, 7];

/**
 * Sets each ACTIVE agreement's next worker action: the largest reminder threshold whose day (the last
 * day less that many days, branch time zone) is today or later, below `below` when that reminder was
 * just sent; with none left, the expiry at the start of the day after the last day. An agreement whose
 * last day has already passed (recorded late, or its end moved back) is EXPIRED at once.
 */
export async function refreshAgreementActions(
  tx: Tx,
  branchId: string,
  ids: string[],
  below: number | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE partner_agreements a SET status = 'EXPIRED', reminder_days = NULL, next_action_at = NULL, updated_at = now()
     WHERE a.branch_id = $1 AND a.id = ANY($2::uuid[]) AND a.status = 'ACTIVE' AND a.ends_on < ${branchToday('a.branch_id')}`,
    [branchId, ids],
  );
  await tx.query(
    `UPDATE partner_agreements a SET (reminder_days, next_action_at) = (
       SELECT x.d, x.at FROM (
         SELECT d, ${dayStart('a.ends_on - d', 'a.branch_id')} AS at
         FROM unnest('{${AGREEMENT_REMINDER_DAYS.join(',')}}'::smallint[]) AS d
         WHERE a.ends_on - d >= ${branchToday('a.branch_id')} AND ($3::int IS NULL OR d < $3::int)
         UNION ALL SELECT NULL::smallint, ${dayStart('a.ends_on + 1', 'a.branch_id')}
       ) x ORDER BY x.d DESC NULLS LAST LIMIT 1)
     WHERE a.branch_id = $1 AND a.id = ANY($2::uuid[]) AND a.status = 'ACTIVE'`,
    [branchId, ids, below],
  );
}
