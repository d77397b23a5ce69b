import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx, branchToday } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { tenderJobs } from './tender.job-catalogue.js';
import { refreshTenderReminders } from './tender-rules.js';
import { TenderState } from './tender-state.js';
import { Tenders, type Tender } from './tender.entity.js';

const SCAN_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

/** A claimed tender with its deadline as the notice words it (UTC instant, branch-local time, days left). */
type DueRow = Tender & { deadline: string; deadlineLocal: string; daysLeft: number };

/**
 * The tender deadline reminders (7 days, 1 day before and on the deadline's day, in the branch's
 * time zone), driven by `next_reminder_at` on the rows. Claimed rows stay locked until the claiming
 * transaction ends (replicas split the work); each notice has a dedupe key per tender, deadline and
 * threshold, so repeated scans and a second replica notify nobody twice.
 */
@Injectable()
export class TendersJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(tenderJobs.deadlineScan)
  async scanDeadlines(): Promise<{ reminded: number }> {
    const total = { reminded: 0 };
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_tender_reminders($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        total.reminded += await this.remind(ctx, tx, keys);
      },
    });
    return total;
  }

  private async remind(ctx: RequestContext, tx: Tx, keys: Key[]): Promise<number> {
    const rows = await tx.query<DueRow>(
      `SELECT ${Tenders.cols('t')},
         to_char(t.submission_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline,
         to_char(t.submission_deadline AT TIME ZONE sb.time_zone, 'YYYY-MM-DD HH24:MI') AS "deadlineLocal",
         (t.submission_deadline AT TIME ZONE sb.time_zone)::date - ${branchToday('t.branch_id')} AS "daysLeft"
       FROM tenders t JOIN scope_branches sb ON sb.id = t.branch_id
       WHERE (t.branch_id, t.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    for (const r of rows) {
      // A tender that left PREPARING (or whose deadline passed) has nothing to remind of.
      if (r.state !== TenderState.PREPARING || r.reminderDays === null || r.daysLeft < 0) continue;
      const when = r.daysLeft === 0 ? 'today' : r.daysLeft === 1 ? 'tomorrow' : `in ${r.daysLeft} days`;
      notes.push({
        branchId: r.branchId,
        userId: r.ownerId,
        kind: 'TENDER_DEADLINE',
        title: `Tender "${r.project}" (${r.issuer}): bids are due ${when}, ${r.deadlineLocal}`.slice(0, 300),
        subjectType: 'tender',
        subjectId: r.id,
        dedupeKey: `tender-deadline:${r.id}:${r.deadline}:${r.reminderDays}`,
      });
    }
    await this.notifications.notifyMany(ctx, notes);
    // The next threshold below the one just handled (or none): one UPDATE per branch.
    const byBranch = new Map<string, string[]>();
    for (const r of rows) byBranch.set(r.branchId, [...(byBranch.get(r.branchId) ?? []), r.id]);
    for (const [branchId, ids] of byBranch) await refreshTenderReminders(tx, branchId, ids, true);
    return notes.length;
  }
}
