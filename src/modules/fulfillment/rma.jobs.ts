import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { rmaJobs } from './rma.job-catalogue.js';
import { Rmas } from './rma.entity.js';
import { RmaSettingsService } from './rma-settings.service.js';

/** The complaints scan's figures: batches of 100, two lanes side by side. */
const SCAN_BATCH = 100;
const SCAN_LANES = 2;

interface Claimed {
  branch_id: string;
  id: string;
}

/**
 * Late RMA steps: rows whose `overdue_check_at` has come are claimed across branches by a SECURITY DEFINER function
 * with FOR UPDATE SKIP LOCKED and handled in the claiming transaction. The first look reminds the owner and sets
 * the next look one escalation interval later; the second tells the branch managers and stops. Each is recorded
 * (`reminded_at`, `escalated_at`) under the row lock, and each notice has a dedupe key per case, step and person,
 * so it is told once whatever retries and racing workers do. Moving the case on resets both.
 */
@Injectable()
export class RmaJobs {
  constructor(
    private readonly db: Database,
    private readonly settings: RmaSettingsService,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(rmaJobs.overdueScan)
  async scanDue(): Promise<{ reminded: number; escalated: number }> {
    const total = { reminded: 0, escalated: 0 };
    await Promise.all(Array.from({ length: SCAN_LANES }, () => this.scanLane(total)));
    return total;
  }

  private async scanLane(total: { reminded: number; escalated: number }): Promise<void> {
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) => tx.query<Claimed>('SELECT branch_id, id FROM claim_due_rma_overdue($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) await this.check(ctx, tx, k, total);
      },
    });
  }

  private async check(
    ctx: RequestContext,
    tx: Tx,
    key: Claimed,
    total: { reminded: number; escalated: number },
  ): Promise<void> {
    const r = await Rmas.find(tx, { branchId: key.branch_id, id: key.id });
    if (!r || !r.overdueCheckAt) return;
    if (!r.stateDueAt || r.escalatedAt) {
      await Rmas.update(tx, Rmas.keyOf(r), { overdueCheckAt: null });
      return;
    }
    const step = `${r.state} since ${r.stateSince.toISOString()}, limit ${r.stateDueAt.toISOString()}`;
    const notice = (userId: string, kind: string, title: string) => ({
      branchId: r.branchId,
      userId,
      kind,
      title: title.slice(0, 300),
      body: `${step}: ${r.problem}`.slice(0, 2000),
      subjectType: 'rma',
      subjectId: r.id,
      dedupeKey: `${kind.toLowerCase()}:${r.id}:${r.state}:${userId}`,
    });
    if (!r.remindedAt) {
      const now = new Date();
      const next = await this.settings.escalationAt(ctx, r.branchId, r.stateDueAt);
      await Rmas.change(ctx, r, { remindedAt: now, overdueCheckAt: next }, 'overdue_reminder');
      await this.notifications.notifyMany(ctx, [
        notice(r.ownerId, 'RMA_OVERDUE', `RMA step ${r.state} is past its time limit`),
      ]);
      total.reminded += 1;
      return;
    }
    await Rmas.change(ctx, r, { escalatedAt: new Date(), overdueCheckAt: null }, 'overdue_escalation');
    const managers = await tx.query<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1',
      [r.branchId, Role.BRANCH_MANAGER],
    );
    await this.notifications.notifyMany(
      ctx,
      managers.map((m) => notice(m.user_id, 'RMA_ESCALATED', `RMA step ${r.state} is late and its owner was reminded`)),
    );
    total.escalated += 1;
  }
}
