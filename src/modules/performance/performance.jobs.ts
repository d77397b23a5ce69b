import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Database } from '@app/core';
import { ProcessJob, finishOutboxRow, scanDue, type PayloadOf } from '@app/jobs';
import { checkWindow, recomputeBranch } from './kpi-recompute.js';
import { countEvent } from './kpi-rollups.js';
import { KPI_CHECK_EVERY_MS, performanceJobs } from './performance.job-catalogue.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The ledger keeps the outbox id of each event; a direct call without a job (tests, scripts) records the nil uuid. */
const NIL = '00000000-0000-0000-0000-000000000000';

/** Branches per claim of the recompute scan. */
const CHECK_BATCH = 10;

interface ClaimedBranch {
  branch_id: string;
  today: string;
}

/**
 * The third worker: domain events into the KPI rollups, exactly once, and the scheduled recompute that proves them.
 */
@Injectable()
export class PerformanceJobs {
  constructor(private readonly db: Database) {}

  /**
   * One event, in one transaction as the worker: the outbox row is finished first (it locks the row, so a second
   * delivery of the same job waits and then does nothing), then the ledger row and the increments. A crash or a
   * kill before commit leaves all three undone and the row to be delivered again.
   */
  @ProcessJob(performanceJobs.domainEvent)
  async countEvent(payload: PayloadOf<typeof performanceJobs.domainEvent>, job?: Job): Promise<{ counted: number }> {
    const eventId = job?.id && UUID.test(job.id) ? job.id : NIL;
    const counted = await this.db.run(
      { branchIds: [payload.branchId] },
      async (tx) => ((await finishOutboxRow(tx, job)) ? countEvent(tx, eventId, payload) : 0),
      'system',
    );
    return { counted };
  }

  /** Rebuilds the recent periods of every branch whose check is due (from the first day of last month to today). */
  @ProcessJob(performanceJobs.recomputeScan)
  async recomputeScan(): Promise<{ branches: number; differences: number }> {
    let differences = 0;
    const branches = await scanDue(this.db, {
      batch: CHECK_BATCH,
      claim: (tx, batch) =>
        tx.query<ClaimedBranch>('SELECT branch_id, today::text AS today FROM claim_kpi_checks($1)', [batch]),
      handle: async (_ctx, tx, keys) => {
        for (const k of keys) {
          const { from, to } = checkWindow(k.today);
          differences += await recomputeBranch(tx, k.branch_id, from, to);
          await tx.query(
            `UPDATE kpi_check_due SET due_at = now() + $2 * interval '1 millisecond' WHERE branch_id = $1`,
            [k.branch_id, KPI_CHECK_EVERY_MS],
          );
        }
      },
    });
    return { branches, differences };
  }
}
