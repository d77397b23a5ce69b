import { type Tx, branchToday, dayStart } from '@app/core';

/** Days before the deadline's day (branch time zone) on which the owner is reminded; 0 is the day itself. */
export const TENDER_REMINDER_DAYS = [7, 1, 0];

/** The deadline's business day in the branch's time zone. */
const deadlineDay = (t: string) =>
  `(${t}.submission_deadline AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb WHERE sb.id = ${t}.branch_id))::date`;

/**
 * Sets each tender's next deadline reminder: the largest threshold whose day (the deadline's day
 * less that many days, branch time zone) is today or later; after a reminder was sent
 * (`afterSent`), only thresholds below the one just sent. Only PREPARING tenders have one.
 */
export async function refreshTenderReminders(
  tx: Tx,
  branchId: string,
  tenderIds: string[],
  afterSent = false,
): Promise<void> {
  await tx.query(
    `UPDATE tenders t SET (reminder_days, next_reminder_at) = (
       SELECT d, ${dayStart(`${deadlineDay('t')} - d`, 't.branch_id')}
       FROM unnest('{${TENDER_REMINDER_DAYS.join(',')}}'::smallint[]) AS d
       WHERE t.state = 'PREPARING' AND ${deadlineDay('t')} - d >= ${branchToday('t.branch_id')}
         AND (NOT $3::boolean OR d < t.reminder_days)
       ORDER BY d DESC LIMIT 1)
     WHERE t.branch_id = $1 AND t.id = ANY($2::uuid[])`,
    [branchId, tenderIds, afterSent],
  );
}
