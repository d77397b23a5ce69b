import { type Tx, branchToday, dayStart } from '@app/core';

/**
 * Reminder thresholds, in days before the due day (branch time zone): the day before, the day
 * itself, and -1: the day after, when the task is overdue.
 */
export const TASK_REMINDER_DAYS = [1, 0, -1];

/**
 * Sets each task's next reminder: the largest threshold whose day (due day less that many days) is
 * today or later, or the overdue one however late (a worker that was down still tells it); after one
 * was sent (`afterSent`), only thresholds below it. Done tasks have none.
 */
export async function refreshTaskReminders(tx: Tx, branchId: string, taskIds: string[], afterSent = false) {
  await tx.query(
    `UPDATE visit_tasks t SET (reminder_days, next_reminder_at) = (
       SELECT d, ${dayStart('t.due_on - d', 't.branch_id')}
       FROM unnest('{${TASK_REMINDER_DAYS.join(',')}}'::smallint[]) AS d
       WHERE t.done_at IS NULL AND (t.due_on - d >= ${branchToday('t.branch_id')} OR d < 0)
         AND (NOT $3::boolean OR d < t.reminder_days)
       ORDER BY d DESC LIMIT 1)
     WHERE t.branch_id = $1 AND t.id = ANY($2::uuid[])`,
    [branchId, taskIds, afterSent],
  );
}
