import { Injectable } from '@nestjs/common';
import { Database, type RequestContext, type Tx } from '@app/core';
import { ProcessJob, scanDue } from '@app/jobs';
import { Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import {
  ReconciliationGenerationService,
  type PartnerStatementKey,
  type StatementKey,
} from './reconciliation-generation.service.js';
import { ReconciliationStatements } from './reconciliation.entity.js';
import { StatementCadence, StatementState } from './reconciliation.enums.js';
import { reconciliationJobs } from './reconciliation.job-catalogue.js';

/** Customers (and reminders) per claimed batch. */
export const RECONCILIATION_BATCH = 200;

interface Key {
  branch_id: string;
  id: string;
}

/**
 * The reconciliation runs: statements generated per customer and half-year, and per partner and month (with the
 * month's rebate), and unanswered statements reminded once to the branch's finance people (the claim, `reminded_at`
 * and the notice's dedupe key). Each claim goes on from its branch's cursor for its cadence (`reconciliation_runs`,
 * locked by the claiming transaction, so two workers take different branches and a killed worker's batch is claimed
 * again), and the unique key stands behind it: one statement per customer, cadence and period.
 */
@Injectable()
export class ReconciliationJobs {
  constructor(
    private readonly db: Database,
    private readonly generation: ReconciliationGenerationService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Customers per batch; tests make it small to see a run go on over several batches. */
  batchSize = RECONCILIATION_BATCH;

  @ProcessJob(reconciliationJobs.statementScan)
  async scanStatements(): Promise<{ generated: number; monthly: number; reminded: number }> {
    const total = { generated: 0, monthly: 0, reminded: 0 };
    // A branch's pass over its customers that ends during this scan is not begun again by it.
    const started = new Date();
    await scanDue(this.db, {
      batch: this.batchSize,
      claim: (tx, batch) =>
        tx.query<StatementKey>(
          `SELECT branch_id, customer_id, period_end::text AS period_end
           FROM claim_due_reconciliation_statements($1, $2)`,
          [batch, started],
        ),
      handle: async (_ctx, tx, keys) => {
        total.generated += (await this.generation.generateMany(tx, keys)).length;
      },
    });
    // Partners' monthly statements: the same kind of resumable per-branch run, its cadence in the run's key.
    await scanDue(this.db, {
      batch: this.batchSize,
      claim: (tx, batch) =>
        tx.query<PartnerStatementKey>(
          `SELECT branch_id, customer_id, partner_id, period_end::text AS period_end
           FROM claim_due_partner_statements($1, $2)`,
          [batch, started],
        ),
      handle: async (_ctx, tx, keys) => {
        total.monthly += (await this.generation.generateMonthly(tx, keys)).length;
      },
    });
    await scanDue(this.db, {
      batch: RECONCILIATION_BATCH,
      claim: (tx, batch) => tx.query<Key>('SELECT branch_id, id FROM claim_due_reconciliation_reminders($1)', [batch]),
      handle: async (ctx, tx, keys) => {
        total.reminded += await this.remind(ctx, tx, keys);
      },
    });
    return total;
  }

  private async remind(ctx: RequestContext, tx: Tx, keys: Key[]): Promise<number> {
    let sent = 0;
    for (const k of keys) {
      const s = await ReconciliationStatements.find(tx, { branchId: k.branch_id, id: k.id });
      if (!s) continue;
      // The claim holds the row lock: reminded_at is set once, whatever happens to the notice.
      await ReconciliationStatements.update(tx, ReconciliationStatements.keyOf(s), { remindedAt: new Date() });
      if (s.state !== StatementState.SENT) continue;
      const users = await peopleWithRoles(tx, s.branchId, [Role.FINANCE]);
      sent += await this.notifications.notifyMany(
        ctx,
        users.map((userId) => ({
          branchId: s.branchId,
          userId,
          kind: 'RECONCILIATION_UNANSWERED',
          title: `A ${s.cadence === StatementCadence.MONTH ? 'partner’s monthly' : 'reconciliation'} statement to ${s.periodEnd} is neither signed back nor disputed`,
          body: `Closing balance ${s.closing} ${s.currency}, sent ${s.sentAt.toISOString()}.`,
          subjectType: 'reconciliationStatement',
          subjectId: s.id,
          dedupeKey: `reconciliation-unanswered:${s.id}:${userId}`,
        })),
      );
    }
    return sent;
  }
}

/** The people of a branch in these roles (the branches module's published directory view). */
export async function peopleWithRoles(tx: Tx, branchId: string, roles: Role[]): Promise<string[]> {
  const rows = await tx.query<{ user_id: string }>(
    'SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1 AND role = ANY($2::text[]) ORDER BY 1',
    [branchId, roles],
  );
  return rows.map((r) => r.user_id);
}
