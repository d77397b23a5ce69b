import { Injectable } from '@nestjs/common';
import { Database, RequestContext, type Tx, branchToday, dayStart } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, scanDue, type PayloadOf } from '@app/jobs';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service.js';
import { Role } from '../branches/roles.js';
import { contractJobs } from './contract.job-catalogue.js';
import { refreshExpiryReminders } from './contract-due-dates.js';
import { Contracts, type Contract } from './contract.entity.js';

const SCAN_BATCH = 200;

export interface ContractScanResult {
  reminded: number;
  overdue: number;
  expiring: number;
  originalChecks: number;
}

interface Key {
  branch_id: string;
  id: string;
}

/** A claimed row: an instalment or milestone that is due, or a contract with an end-of-term or original check. */
type Claimed = Key & { subject: keyof typeof SUBJECTS | 'CONTRACT' };

interface DueRow {
  branch_id: string;
  id: string;
  contract_id: string;
  label: string;
  due_on: string;
  today: string;
  owner_id: string;
  contract: string;
}

const SUBJECTS = {
  INSTALMENT: {
    table: 'contract_instalments',
    label: `x.kind || ' payment of ' || x.amount::text || ' ' || x.currency`,
    kind: 'CONTRACT_INSTALMENT',
  },
  MILESTONE: { table: 'contract_milestones', label: 'x.title', kind: 'CONTRACT_MILESTONE' },
} as const;

/**
 * The contract reminders, driven by due timestamps stored on the rows. Claimed rows stay locked
 * until the claiming transaction ends (replicas split the work; a crash rolls the batch back), and
 * every notification has a dedupe key per subject, kind and due day, so repeats notify nobody twice.
 */
@Injectable()
export class ContractsJobs {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationsService,
  ) {}

  @ProcessJob(contractJobs.dueScan)
  async scanDue(): Promise<ContractScanResult> {
    const total: ContractScanResult = { reminded: 0, overdue: 0, expiring: 0, originalChecks: 0 };
    // Both claims in one transaction; the scan goes on while either comes back full.
    await scanDue(this.db, {
      batch: SCAN_BATCH,
      claim: async (tx, batch): Promise<Claimed[]> => [
        ...(await tx.query<Claimed>('SELECT branch_id, id, subject FROM claim_due_contract_schedules($1)', [batch])),
        ...(await tx.query<Key>('SELECT branch_id, id FROM claim_due_contract_checks($1)', [batch])).map(
          (k): Claimed => ({ ...k, subject: 'CONTRACT' }),
        ),
      ],
      handle: async (ctx, tx, keys) => {
        for (const subject of ['INSTALMENT', 'MILESTONE'] as const) {
          const ids = keys.filter((k) => k.subject === subject);
          if (ids.length) await this.scheduleDue(ctx, tx, subject, ids, total);
        }
        const contracts = keys.filter((k) => k.subject === 'CONTRACT');
        if (contracts.length) await this.contractChecks(ctx, tx, contracts, total);
      },
    });
    return total;
  }

  @ProcessJob(contractJobs.reassigned)
  async notifyReassigned(payload: PayloadOf<typeof contractJobs.reassigned>, job?: Job): Promise<{ notified: number }> {
    const scope = { branchIds: [payload.branchId] };
    return this.db.run(
      scope,
      async (tx) => {
        if (!(await finishOutboxRow(tx, job))) return { notified: 0 };
        const ctx = RequestContext.forTransaction(tx, scope);
        const c = await Contracts.find(tx, { branchId: payload.branchId, id: payload.contractId });
        // Handed on again before this ran: the later hand-over tells its own owner.
        if (!c || c.ownerId !== payload.ownerId) return { notified: 0 };
        const created = await this.notifications.notify(ctx, {
          branchId: payload.branchId,
          userId: payload.ownerId,
          kind: 'CONTRACT_ASSIGNED',
          title: `You now own contract ${c.number ?? c.title}`,
          subjectType: 'contract',
          subjectId: payload.contractId,
          dedupeKey: `contract-assigned:${payload.changeId}`,
        });
        return { notified: created ? 1 : 0 };
      },
      'system',
    );
  }

  /** On the due day: remind the contract owner. From the next day: OVERDUE, and the owner is told once more. */
  private async scheduleDue(
    ctx: RequestContext,
    tx: Tx,
    subject: keyof typeof SUBJECTS,
    keys: Key[],
    total: ContractScanResult,
  ): Promise<void> {
    const s = SUBJECTS[subject];
    const rows = await tx.query<DueRow>(
      `SELECT x.branch_id, x.id, x.contract_id, ${s.label} AS label, x.due_on::text AS due_on,
         ${branchToday('x.branch_id')}::text AS today, c.owner_id, coalesce(c.number, c.title) AS contract
       FROM ${s.table} x JOIN contracts c ON c.branch_id = x.branch_id AND c.id = x.contract_id
       WHERE (x.branch_id, x.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) AND x.status = 'PENDING'`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    const overdue: DueRow[] = [];
    const dueToday: DueRow[] = [];
    for (const r of rows) {
      const late = r.today > r.due_on;
      (late ? overdue : dueToday).push(r);
      notes.push({
        branchId: r.branch_id,
        userId: r.owner_id,
        kind: `${s.kind}_${late ? 'OVERDUE' : 'DUE'}`,
        title: `${r.contract}: ${r.label} ${late ? 'is overdue' : 'is due today'} (${r.due_on})`,
        subjectType: 'contract',
        subjectId: r.contract_id,
        dedupeKey: `${s.kind.toLowerCase()}-${late ? 'overdue' : 'due'}:${r.id}:${r.due_on}`,
      });
    }
    await this.notifications.notifyMany(ctx, notes);
    const set = async (list: DueRow[], sql: string) => {
      if (!list.length) return;
      await tx.query(
        `UPDATE ${s.table} x SET ${sql}, updated_at = now()
         WHERE (x.branch_id, x.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [list.map((r) => r.branch_id), list.map((r) => r.id)],
      );
    };
    await set(overdue, `status = 'OVERDUE', next_action_at = NULL`);
    // Reminded today (or not due yet, should a clock have moved): wake again when the day is over.
    await set(dueToday, `next_action_at = ${dayStart('x.due_on + 1', 'x.branch_id')}`);
    total.reminded += dueToday.length;
    total.overdue += overdue.length;
  }

  private async contractChecks(ctx: RequestContext, tx: Tx, keys: Key[], total: ContractScanResult): Promise<void> {
    const rows = await tx.query<Contract & { expiryDue: boolean; originalDue: boolean; signedMonth: string | null }>(
      `SELECT ${Contracts.cols('c')}, coalesce(c.next_expiry_reminder_at <= now(), false) AS "expiryDue",
         coalesce(c.original_check_at <= now(), false) AS "originalDue", to_char(c.signed_on, 'YYYY-MM') AS "signedMonth"
       FROM contracts c WHERE (c.branch_id, c.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    const notes: NewNotification[] = [];
    for (const r of rows.filter((x) => x.expiryDue)) {
      if (r.state === 'SIGNED' || r.state === 'ACTIVE') {
        notes.push({
          branchId: r.branchId,
          userId: r.ownerId,
          kind: 'CONTRACT_EXPIRING',
          title: `${r.number ?? r.title} ends on ${r.endsOn} (in ${r.expiryReminderDays} days)`,
          subjectType: 'contract',
          subjectId: r.id,
          dedupeKey: `contract-expiring:${r.id}:${r.endsOn}:${r.expiryReminderDays}`,
        });
        total.expiring++;
      }
      await refreshExpiryReminders(tx, r.branchId, [r.id], r.expiryReminderDays);
    }
    // The monthly check: one notice per branch and signing month to the branch managers, listing
    // every contract of that month still without its original (not only the claimed ones).
    const months = new Map<string, { branchId: string; month: string; ids: string[] }>();
    for (const r of rows.filter((x) => x.originalDue && x.signedMonth)) {
      const k = `${r.branchId}:${r.signedMonth}`;
      const m = months.get(k) ?? { branchId: r.branchId, month: r.signedMonth!, ids: [] };
      m.ids.push(r.id);
      months.set(k, m);
    }
    for (const m of months.values()) {
      const missing = await tx.query<{ label: string }>(
        `SELECT coalesce(number, title) AS label FROM contracts
         WHERE branch_id = $1 AND signed_on >= ($2 || '-01')::date AND signed_on < ($2 || '-01')::date + interval '1 month'
           AND NOT original_received ORDER BY number`,
        [m.branchId, m.month],
      );
      const managers = await tx.query<{ user_id: string }>(
        'SELECT user_id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY user_id',
        [m.branchId, Role.BRANCH_MANAGER],
      );
      if (missing.length) {
        for (const u of managers) {
          notes.push({
            branchId: m.branchId,
            userId: u.user_id,
            kind: 'CONTRACT_ORIGINALS_MISSING',
            title: `${missing.length} contract(s) signed in ${m.month} have no original in the archive`,
            body: missing.map((x) => x.label).join('\n'),
            subjectType: 'branch',
            subjectId: m.branchId,
            dedupeKey: `contract-originals:${m.month}:${u.user_id}`,
          });
        }
        total.originalChecks++;
      }
      // Only the rows this scan holds: another replica clears (and dedupes) the ones it claimed.
      await tx.query('UPDATE contracts SET original_check_at = NULL WHERE branch_id = $1 AND id = ANY($2::uuid[])', [
        m.branchId,
        m.ids,
      ]);
    }
    await this.notifications.notifyMany(ctx, notes);
  }
}
