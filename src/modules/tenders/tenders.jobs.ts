import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx } from '@app/core';
import { ProcessJob } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { branchToday } from '../contracts/contract-due-dates.js';
import { tenderJobs } from './tender-jobs.js';
import { refreshTenderReminders } from './tender-rows.js';

const SCAN_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

interface DueRow extends Key {
  owner_id: string;
  project: string;
  issuer: string;
  state: string;
  reminder_days: number | null;
  deadline: string;
  deadline_local: string;
  days_left: number;
}

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
    for (;;) {
      const claimed = await this.db.run(
        { branchIds: [] },
        async (tx) => {
          const keys = await tx.query<Key>('SELECT branch_id, id FROM claim_due_tender_reminders($1)', [SCAN_BATCH]);
          if (keys.length === 0) return 0;
          const ctx = await this.scoped(tx, keys);
          total.reminded += await this.remind(ctx, tx, keys);
          return keys.length;
        },
        'system',
      );
      if (claimed < SCAN_BATCH) return total;
    }
  }

  private async scoped(tx: Tx, keys: Key[]): Promise<RequestContext> {
    const branchIds = [...new Set(keys.map((k) => k.branch_id))];
    await tx.query(`SELECT set_config('app.branch_ids', $1, true)`, [`{${branchIds.join(',')}}`]);
    return RequestContext.forTransaction(tx, { branchIds });
  }

  private async remind(ctx: RequestContext, tx: Tx, keys: Key[]): Promise<number> {
    const rows = await tx.query<DueRow>(
      `SELECT t.branch_id, t.id, t.owner_id, t.project, t.issuer, t.state, t.reminder_days,
         to_char(t.submission_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline,
         to_char(t.submission_deadline AT TIME ZONE sb.time_zone, 'YYYY-MM-DD HH24:MI') AS deadline_local,
         (t.submission_deadline AT TIME ZONE sb.time_zone)::date - ${branchToday('t.branch_id')} AS days_left
       FROM tenders t JOIN scope_branches sb ON sb.id = t.branch_id
       WHERE (t.branch_id, t.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    for (const r of rows) {
      // A tender that left PREPARING (or whose deadline passed) has nothing to remind of.
      if (r.state !== 'PREPARING' || r.reminder_days === null || r.days_left < 0) continue;
      const when = r.days_left === 0 ? 'today' : r.days_left === 1 ? 'tomorrow' : `in ${r.days_left} days`;
      notes.push({
        branchId: r.branch_id,
        userId: r.owner_id,
        kind: 'TENDER_DEADLINE',
        title: `Tender "${r.project}" (${r.issuer}): bids are due ${when}, ${r.deadline_local}`.slice(0, 300),
        subjectType: 'tender',
        subjectId: r.id,
        dedupeKey: `tender-deadline:${r.id}:${r.deadline}:${r.reminder_days}`,
      });
    }
    await this.notifications.notifyMany(ctx, notes);
    // The next threshold below the one just handled (or none): one UPDATE per branch.
    const byBranch = new Map<string, string[]>();
    for (const r of rows) byBranch.set(r.branch_id, [...(byBranch.get(r.branch_id) ?? []), r.id]);
    for (const [branchId, ids] of byBranch) await refreshTenderReminders(tx, branchId, ids, true);
    return notes.length;
  }
}
