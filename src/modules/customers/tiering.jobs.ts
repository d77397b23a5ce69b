import { Injectable } from '@nestjs/common';
import { Database } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, type PayloadOf } from '@app/jobs';
import { tieringJobs } from './tiering-jobs.js';
import { TieringService } from './tiering.service.js';

/** Customers per set-based statement of the quarterly run. */
export const TIERING_BATCH = 5000;

interface ClaimedRun {
  branch_id: string;
  quarter: string;
  last_customer_id: string | null;
  time_zone: string;
  today: string;
}

@Injectable()
export class TieringJobs {
  /** Customers per batch; tests make it small to see several batches of one run. */
  batchSize = TIERING_BATCH;

  constructor(
    private readonly db: Database,
    private readonly tiering: TieringService,
  ) {}

  /**
   * The quarterly re-tiering. Each transaction claims one unfinished run (this quarter's of a branch,
   * opened by the claim itself), locked SKIP LOCKED so replicas work on other branches, re-tiers the
   * next batch of its customers in one statement and moves the run's cursor: a crash loses at most
   * the batch, which the next scan does again; the last batch closes the run, so it happens once.
   */
  @ProcessJob(tieringJobs.tieringScan)
  async scan(): Promise<{ batches: number; customers: number; changed: number }> {
    const total = { batches: 0, customers: 0, changed: 0 };
    for (;;) {
      const done = await this.db.run(
        { branchIds: [] },
        async (tx) => {
          const [run] = await tx.query<ClaimedRun>(
            `SELECT branch_id, quarter, last_customer_id, time_zone, today::text AS today FROM claim_tiering_run()`,
          );
          if (!run) return true;
          await tx.query(`SELECT set_config('app.branch_ids', $1, true)`, [`{${run.branch_id}}`]);
          const r = await this.tiering.quarterlyBatch(tx, run, this.batchSize);
          total.batches++;
          total.customers += r.scanned;
          total.changed += r.changed;
          return false;
        },
        'system',
      );
      if (done) return total;
    }
  }

  @ProcessJob(tieringJobs.tierChanged)
  async tierChanged(payload: PayloadOf<typeof tieringJobs.tierChanged>, job?: Job): Promise<{ notified: number }> {
    const scope = { branchIds: [payload.branchId] };
    // As the worker role (row-level security still applies): it alone may finish the outbox row.
    const notified = await this.db.run(
      scope,
      async (tx) =>
        (await finishOutboxRow(tx, job)) ? this.tiering.notifyChange(tx, payload.branchId, payload.changeId) : 0,
      'system',
    );
    return { notified };
  }
}
