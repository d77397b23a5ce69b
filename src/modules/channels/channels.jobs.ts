import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx } from '@app/core';
import { ProcessJob } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { branchToday } from '../contracts/contract-due-dates.js';
import { channelJobs } from './channel-jobs.js';
import { refreshAgreementActions } from './partner-rows.js';

const SCAN_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

interface DueRow extends Key {
  partner_id: string;
  partner: string;
  owner_id: string;
  status: string;
  ends_on: string;
  reminder_days: number | null;
  days_left: number;
}

export interface AgreementScanResult {
  reminded: number;
  expired: number;
}

/**
 * Partner agreement ends: the owner of the partner is reminded 60, 30 and 7 days before the last day,
 * and the agreement turns EXPIRED on the day after it (branch time zone), driven by `next_action_at`
 * on the rows. Claimed rows stay locked until the claiming transaction ends (replicas split the
 * work); every notice has a dedupe key per agreement, end and threshold, so repeated scans and a
 * second replica notify nobody twice.
 */
@Injectable()
export class ChannelsJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(channelJobs.agreementScan)
  async scanAgreements(): Promise<AgreementScanResult> {
    const total: AgreementScanResult = { reminded: 0, expired: 0 };
    for (;;) {
      const claimed = await this.db.run(
        { branchIds: [] },
        async (tx) => {
          const keys = await tx.query<Key>('SELECT branch_id, id FROM claim_due_partner_agreements($1)', [SCAN_BATCH]);
          if (keys.length === 0) return 0;
          const ctx = await this.scoped(tx, keys);
          await this.act(ctx, tx, keys, total);
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

  private async act(ctx: RequestContext, tx: Tx, keys: Key[], total: AgreementScanResult): Promise<void> {
    const rows = await tx.query<DueRow>(
      `SELECT a.branch_id, a.id, a.partner_id, p.name AS partner, p.owner_id, a.status, a.ends_on::text AS ends_on,
         a.reminder_days, a.ends_on - ${branchToday('a.branch_id')} AS days_left
       FROM partner_agreements a JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
       WHERE (a.branch_id, a.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    const expired: DueRow[] = [];
    const reminded: DueRow[] = [];
    for (const r of rows) {
      if (r.status !== 'ACTIVE') continue;
      if (r.days_left < 0) {
        expired.push(r);
        notes.push({
          branchId: r.branch_id,
          userId: r.owner_id,
          kind: 'PARTNER_AGREEMENT_EXPIRED',
          title: `The agreement with ${r.partner} ended on ${r.ends_on} and has expired`.slice(0, 300),
          subjectType: 'partner',
          subjectId: r.partner_id,
          dedupeKey: `partner-agreement-expired:${r.id}:${r.ends_on}`,
        });
      } else if (r.reminder_days !== null) {
        reminded.push(r);
        const when = r.days_left === 0 ? 'today' : r.days_left === 1 ? 'tomorrow' : `in ${r.days_left} days`;
        notes.push({
          branchId: r.branch_id,
          userId: r.owner_id,
          kind: 'PARTNER_AGREEMENT_ENDING',
          title: `The agreement with ${r.partner} ends ${when} (${r.ends_on})`.slice(0, 300),
          subjectType: 'partner',
          subjectId: r.partner_id,
          dedupeKey: `partner-agreement-ending:${r.id}:${r.ends_on}:${r.reminder_days}`,
        });
      }
    }
    await this.notifications.notifyMany(ctx, notes);
    if (expired.length) {
      await tx.query(
        `UPDATE partner_agreements SET status = 'EXPIRED', reminder_days = NULL, next_action_at = NULL, updated_at = now()
         WHERE (branch_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [expired.map((r) => r.branch_id), expired.map((r) => r.id)],
      );
    }
    // The next step of the others: the threshold below the one just sent, or the expiry (below 0: no threshold
    // left), one UPDATE per branch and threshold. An expiry step claimed before its day is simply set again.
    const groups = new Map<string, { branchId: string; below: number; ids: string[] }>();
    for (const r of rows.filter((x) => x.status === 'ACTIVE' && x.days_left >= 0)) {
      const below = r.reminder_days ?? 0;
      const key = `${r.branch_id}:${below}`;
      const g = groups.get(key) ?? { branchId: r.branch_id, below, ids: [] };
      g.ids.push(r.id);
      groups.set(key, g);
    }
    for (const g of groups.values()) await refreshAgreementActions(tx, g.branchId, g.ids, g.below);
    total.reminded += reminded.length;
    total.expired += expired.length;
  }
}
