import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx, branchToday } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, scanDue, type PayloadOf } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { visitJobs } from './visit.job-catalogue.js';
import { refreshTaskReminders } from './visit-task-reminders.js';
import { VisitTasks, Visits, type Visit, type VisitTask } from './visit.entity.js';

const SCAN_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

/** A claimed task with what its notice says: the visit's owner, the customer's name, days to the due day. */
type DueTask = VisitTask & { ownerId: string; customerName: string; daysLeft: number };

/**
 * Follow-up task reminders, driven by `next_reminder_at` on the rows: the day before the due day,
 * on it, and the day after (overdue, also told to the visit's owner). Claimed rows stay locked until
 * the claiming transaction ends (replicas split the work); each notice has a dedupe key per task, due
 * day and threshold, so repeated scans and a second replica notify nobody twice. Also the urgent
 * visit reports, told to the branch managers from the outbox.
 */
@Injectable()
export class VisitsJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(visitJobs.taskScan)
  async scanTasks(): Promise<{ reminded: number }> {
    const total = { reminded: 0 };
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_visit_task_reminders($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        total.reminded += await this.remind(ctx, tx, keys);
      },
    });
    return total;
  }

  @ProcessJob(visitJobs.urgentReport)
  async notifyUrgent(payload: PayloadOf<typeof visitJobs.urgentReport>, job?: Job): Promise<{ notified: number }> {
    const scope = { branchIds: [payload.branchId] };
    return this.db.run(
      scope,
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return { notified: 0 };
        const ctx = RequestContext.forTransaction(tx, scope);
        const [v] = await tx.query<Visit & { customerName: string }>(
          `SELECT ${Visits.cols('v')}, c.name AS "customerName"
           FROM visits v JOIN customers c ON c.branch_id = v.branch_id AND c.id = v.customer_id
           WHERE v.branch_id = $1 AND v.id = $2 AND v.urgent`,
          [payload.branchId, payload.visitId],
        );
        if (!v) return { notified: 0 };
        // The superior: the branch's managers (not the reporter, when a manager filed it).
        const managers = await tx.query<{ user_id: string }>(
          `SELECT user_id FROM branch_directory WHERE branch_id = $1 AND role = 'BRANCH_MANAGER' AND user_id <> $2
           ORDER BY user_id`,
          [payload.branchId, v.reportedById],
        );
        const created = await this.notifications.notifyMany(
          ctx,
          managers.map((m) => ({
            branchId: payload.branchId,
            userId: m.user_id,
            kind: 'VISIT_URGENT_REPORT',
            title: `Urgent visit report: ${v.customerName} (${v.visitedOn})`.slice(0, 300),
            body: (v.reportSummary ?? '').slice(0, 2000),
            subjectType: 'visit',
            subjectId: payload.visitId,
            dedupeKey: `visit-urgent:${payload.visitId}:${m.user_id}`,
          })),
        );
        return { notified: created };
      },
      'system',
    );
  }

  private async remind(ctx: RequestContext, tx: Tx, keys: Key[]): Promise<number> {
    const rows = await tx.query<DueTask>(
      `SELECT ${VisitTasks.cols('t')}, v.owner_id AS "ownerId", c.name AS "customerName",
         t.due_on - ${branchToday('t.branch_id')} AS "daysLeft"
       FROM visit_tasks t
       JOIN visits v ON v.branch_id = t.branch_id AND v.id = t.visit_id
       JOIN customers c ON c.branch_id = v.branch_id AND c.id = v.customer_id
       WHERE (t.branch_id, t.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    for (const r of rows) {
      // A task done since (or whose stored reminder is stale) has nothing to remind of.
      if (r.done || r.reminderDays === null) continue;
      const overdue = r.reminderDays < 0;
      if (!overdue && r.daysLeft < 0) continue;
      const when = overdue
        ? `was due ${r.dueOn} and is overdue`
        : r.daysLeft === 0
          ? 'is due today'
          : `is due ${r.dueOn}`;
      const title = `Follow-up for ${r.customerName} ${when}: ${r.description}`.slice(0, 300);
      const base = `visit-task:${r.id}:${r.dueOn}:${r.reminderDays}`;
      notes.push({
        branchId: r.branchId,
        userId: r.assigneeId,
        kind: overdue ? 'VISIT_TASK_OVERDUE' : 'VISIT_TASK_DUE',
        title,
        subjectType: 'visit_task',
        subjectId: r.id,
        dedupeKey: base,
      });
      // Overdue: the visit's owner is told too, when someone else holds the task.
      if (overdue && r.ownerId !== r.assigneeId) {
        notes.push({
          branchId: r.branchId,
          userId: r.ownerId,
          kind: 'VISIT_TASK_OVERDUE',
          title,
          subjectType: 'visit_task',
          subjectId: r.id,
          dedupeKey: `${base}:owner`,
        });
      }
    }
    const created = await this.notifications.notifyMany(ctx, notes);
    // The next threshold below the one just handled (or none): one UPDATE per branch.
    const byBranch = new Map<string, string[]>();
    for (const r of rows) byBranch.set(r.branchId, [...(byBranch.get(r.branchId) ?? []), r.id]);
    for (const [branchId, ids] of byBranch) await refreshTaskReminders(tx, branchId, ids, true);
    return created;
  }
}
