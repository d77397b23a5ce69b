import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx, branchToday } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { channelJobs } from './channel.job-catalogue.js';
import { PartnerAgreements, type PartnerAgreement } from './channel.entity.js';
import { AgreementStatus } from './channel.enums.js';
import { refreshAgreementActions } from './partner-agreement-actions.js';

const SCAN_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

/** A claimed agreement with its partner's name and owner, and the days left to its last day (branch time zone). */
type DueRow = PartnerAgreement & { partner: string; ownerId: string; daysLeft: number };

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
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_partner_agreements($1)', [batch]),
      handle: (ctx, tx, keys) => this.act(ctx, tx, keys, total),
    });
    return total;
  }

  private async act(ctx: RequestContext, tx: Tx, keys: Key[], total: AgreementScanResult): Promise<void> {
    const rows = await tx.query<DueRow>(
      `SELECT ${PartnerAgreements.cols('a')}, p.name AS partner, p.owner_id AS "ownerId",
         a.ends_on - ${branchToday('a.branch_id')} AS "daysLeft"
       FROM partner_agreements a JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
       WHERE (a.branch_id, a.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    const expired: DueRow[] = [];
    const reminded: DueRow[] = [];
    for (const r of rows) {
      if (r.status !== AgreementStatus.ACTIVE) continue;
      if (r.daysLeft < 0) {
        expired.push(r);
        notes.push({
          branchId: r.branchId,
          userId: r.ownerId,
          kind: 'PARTNER_AGREEMENT_EXPIRED',
          title: `The agreement with ${r.partner} ended on ${r.endsOn} and has expired`.slice(0, 300),
          subjectType: 'partner',
          subjectId: r.partnerId,
          dedupeKey: `partner-agreement-expired:${r.id}:${r.endsOn}`,
        });
      } else if (r.nextReminderDays !== null) {
        reminded.push(r);
        const when = r.daysLeft === 0 ? 'today' : r.daysLeft === 1 ? 'tomorrow' : `in ${r.daysLeft} days`;
        notes.push({
          branchId: r.branchId,
          userId: r.ownerId,
          kind: 'PARTNER_AGREEMENT_ENDING',
          title: `The agreement with ${r.partner} ends ${when} (${r.endsOn})`.slice(0, 300),
          subjectType: 'partner',
          subjectId: r.partnerId,
          dedupeKey: `partner-agreement-ending:${r.id}:${r.endsOn}:${r.nextReminderDays}`,
        });
      }
    }
    await this.notifications.notifyMany(ctx, notes);
    if (expired.length) {
      await tx.query(
        `UPDATE partner_agreements SET status = 'EXPIRED', reminder_days = NULL, next_action_at = NULL, updated_at = now()
         WHERE (branch_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [expired.map((r) => r.branchId), expired.map((r) => r.id)],
      );
    }
    // The next step of the others: the threshold below the one just sent, or the expiry (below 0: no threshold
    // left), one UPDATE per branch and threshold. An expiry step claimed before its day is simply set again.
    const groups = new Map<string, { branchId: string; below: number; ids: string[] }>();
    for (const r of rows.filter((x) => x.status === AgreementStatus.ACTIVE && x.daysLeft >= 0)) {
      const below = r.nextReminderDays ?? 0;
      const key = `${r.branchId}:${below}`;
      const g = groups.get(key) ?? { branchId: r.branchId, below, ids: [] };
      g.ids.push(r.id);
      groups.set(key, g);
    }
    for (const g of groups.values()) await refreshAgreementActions(tx, g.branchId, g.ids, g.below);
    total.reminded += reminded.length;
    total.expired += expired.length;
  }
}
