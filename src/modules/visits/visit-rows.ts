import { type Tx, branchToday, dayStart } from '@app/core';
import { assessVisit } from './visit-effectiveness.js';
import type { VisitState } from './visit-state.js';
import { AttendeeKind, type Visit, type VisitAttendee, type VisitTask } from './visit.types.js';

export const VISIT_COLUMNS = `branch_id, id, customer_id, owner_id, planned_on::text AS planned_on, purpose, state,
  requested_by_customer, quote_id, cancel_reason, visited_on::text AS visited_on, report_summary, customer_needs,
  urgent, reported_at, reported_by, quote_sent_on::text AS quote_sent_on, effective, review_comment, reviewed_by,
  reviewed_at, created_by, created_at, updated_at`;

export interface VisitRow {
  branch_id: string;
  id: string;
  customer_id: string;
  owner_id: string;
  planned_on: string;
  purpose: string;
  state: VisitState;
  requested_by_customer: boolean;
  quote_id: string | null;
  cancel_reason: string | null;
  visited_on: string | null;
  report_summary: string | null;
  customer_needs: string | null;
  urgent: boolean;
  reported_at: Date | null;
  reported_by: string | null;
  quote_sent_on: string | null;
  effective: boolean;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export function toVisit(r: VisitRow): Visit {
  const assessed = assessVisit({
    state: r.state,
    requestedByCustomer: r.requested_by_customer,
    quoteId: r.quote_id,
    quoteSentOn: r.quote_sent_on,
    visitedOn: r.visited_on,
  });
  return {
    id: r.id,
    branchId: r.branch_id,
    customerId: r.customer_id,
    ownerId: r.owner_id,
    plannedOn: r.planned_on,
    purpose: r.purpose,
    state: r.state,
    requestedByCustomer: r.requested_by_customer,
    quoteId: r.quote_id,
    cancelReason: r.cancel_reason,
    visitedOn: r.visited_on,
    reportSummary: r.report_summary,
    customerNeeds: r.customer_needs,
    urgent: r.urgent,
    reportedAt: r.reported_at,
    reportedById: r.reported_by,
    quoteSentOn: r.quote_sent_on,
    // The stored flag (what quotas count); the database's CHECK keeps it equal to the rule.
    effective: r.effective,
    notEffectiveBecause: assessed.reasons,
    reviewComment: r.review_comment,
    reviewedById: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    acknowledged: r.reviewed_at !== null,
    createdById: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface AttendeeRow {
  branch_id: string;
  id: string;
  visit_id: string;
  customer_id: string;
  user_id: string | null;
  contact_id: string | null;
}

export const toAttendee = (r: AttendeeRow): VisitAttendee => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  kind: r.user_id ? AttendeeKind.MEMBER : AttendeeKind.CONTACT,
  userId: r.user_id,
  contactId: r.contact_id,
});

/** Task columns for a query over `visit_tasks t`; `overdue` is judged by the branch's own calendar day. */
export const TASK_COLUMNS = `t.branch_id, t.id, t.visit_id, t.description, t.assignee_id, t.due_on::text AS due_on,
  t.done_at, t.done_by, t.next_reminder_at, t.created_at,
  (t.done_at IS NULL AND t.due_on < ${branchToday('t.branch_id')}) AS overdue`;

export interface TaskRow {
  branch_id: string;
  id: string;
  visit_id: string;
  description: string;
  assignee_id: string;
  due_on: string;
  done_at: Date | null;
  done_by: string | null;
  next_reminder_at: Date | null;
  created_at: Date;
  overdue: boolean;
}

export const toTask = (r: TaskRow): VisitTask => ({
  id: r.id,
  branchId: r.branch_id,
  visitId: r.visit_id,
  description: r.description,
  assigneeId: r.assignee_id,
  dueOn: r.due_on,
  done: r.done_at !== null,
  doneAt: r.done_at,
  doneById: r.done_by,
  overdue: r.overdue,
  nextReminderAt: r.next_reminder_at,
  createdAt: r.created_at,
});

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
