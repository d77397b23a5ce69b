import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ComplaintSettingsService } from './complaint-settings.service.js';
import { complaintJobs } from './complaint.job-catalogue.js';
import { ComplaintState } from './complaint-state.js';
import { Complaints, type Complaint } from './complaint.entity.js';

/** The approval engine's figures: batches of 100, three lanes side by side (approvals.jobs.ts). */
const SCAN_BATCH = 100;
const SCAN_LANES = 3;
/** The last level: head office. */
export const MAX_COMPLAINT_LEVEL = 2;
/** Who hears of a level: the branch's managers, then head office. */
const LEVEL_ROLES: Record<number, Role[]> = {
  1: [Role.BRANCH_MANAGER],
  2: [Role.HQ_ADMIN, Role.HQ_STAFF],
};

interface Claimed {
  branch_id: string;
  id: string;
  head_office_id: string;
}

/** A claimed complaint with its customer's name (the notice names it). */
type DueRow = Complaint & { customerName: string };

/**
 * Escalation of unanswered complaints, the approval engine's mechanism mirrored: the due timestamp
 * (`next_escalation_at`) on the row, claimed across branches by a SECURITY DEFINER function with
 * FOR UPDATE SKIP LOCKED (replicas and lanes split the work), handled in the claiming transaction
 * (a crash rolls the batch back for the next run), and a unique ESCALATED event per complaint and
 * level so that a level happens once, whatever retries and replicas do; notices carry dedupe keys.
 */
@Injectable()
export class ComplaintsJobs {
  constructor(
    private readonly db: Database,
    private readonly settings: ComplaintSettingsService,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(complaintJobs.escalationScan)
  async scanDue(): Promise<{ escalated: number }> {
    const total = { escalated: 0 };
    await Promise.all(Array.from({ length: SCAN_LANES }, () => this.scanLane(total)));
    return total;
  }

  private async scanLane(total: { escalated: number }): Promise<void> {
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: (tx, batch) =>
        tx.query<Claimed>('SELECT branch_id, id, head_office_id FROM claim_due_complaint_escalations($1)', [batch]),
      // Level 2 is read in the head offices of the claimed complaints' branches.
      branches: (keys) => keys.flatMap((k) => [k.branch_id, k.head_office_id]).filter(Boolean),
      handle: async (ctx, tx, keys) => {
        for (const k of keys) total.escalated += await this.escalate(ctx, tx, k);
      },
    });
  }

  /** The next level of one claimed complaint; 1 when this run escalated it, 0 when it was already done. */
  private async escalate(ctx: RequestContext, tx: Tx, key: Claimed): Promise<number> {
    const [c] = await tx.query<DueRow>(
      `SELECT ${Complaints.cols('c')}, cu.name AS "customerName"
       FROM complaints c JOIN customers cu ON cu.branch_id = c.branch_id AND cu.id = c.customer_id
       WHERE c.branch_id = $1 AND c.id = $2`,
      [key.branch_id, key.id],
    );
    if (!c || c.state !== ComplaintState.RECEIVED || !c.nextEscalationAt) return 0;
    const level = c.escalationLevel + 1;
    if (level > MAX_COMPLAINT_LEVEL) {
      await this.setLevel(tx, c, c.escalationLevel, null);
      return 0;
    }
    const inserted = await tx.execute(
      `INSERT INTO complaint_events (branch_id, id, complaint_id, action, from_state, to_state, level)
       VALUES ($1, gen_random_uuid(), $2, 'ESCALATED', 'RECEIVED', 'RECEIVED', $3) ON CONFLICT DO NOTHING`,
      [c.branchId, c.id, level],
    );
    if (inserted === 1) {
      const users = await tx.query<{ user_id: string }>(
        'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = ANY($2::text[]) ORDER BY 1',
        [level === 1 ? c.branchId : key.head_office_id, LEVEL_ROLES[level]],
      );
      const due = c.responseDueAt.toISOString();
      await this.notifications.notifyMany(
        ctx,
        users.map((u) => ({
          branchId: c.branchId,
          userId: u.user_id,
          kind: 'COMPLAINT_ESCALATED',
          title: `Unanswered ${c.severity.toLowerCase()} complaint (level ${level}): ${c.customerName}`.slice(0, 300),
          body: `No response since the deadline ${due}: ${c.description}`.slice(0, 2000),
          subjectType: 'complaint',
          subjectId: c.id,
          dedupeKey: `complaint-escalated:${c.id}:${level}:${u.user_id}`,
        })),
      );
    }
    // Level 2 falls due one more response window after level 1 (as a step's next SLA period in approvals).
    const next =
      level < MAX_COMPLAINT_LEVEL
        ? await this.settings.addHours(ctx, c.branchId, c.nextEscalationAt, c.responseHours, c.workingTime)
        : null;
    await this.setLevel(tx, c, level, next);
    return inserted;
  }

  private async setLevel(tx: Tx, c: Complaint, level: number, next: Date | null): Promise<void> {
    await Complaints.update(tx, Complaints.keyOf(c), { escalationLevel: level, nextEscalationAt: next });
  }
}
