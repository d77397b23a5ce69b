import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '@app/core';
import type { Job } from 'bullmq';
import { ProcessJob, finishOutboxRow, scanDue, type PayloadOf } from '@app/jobs';
import { tieringJobs } from './tiering.job-catalogue.js';
import { retier } from './tiering-sql.js';
import { TierChangeReason } from './tiering.enums.js';

/** Customers per set-based statement of the quarterly run. */
export const TIERING_BATCH = 5000;

/** A run claimed by claim_tiering_run(): this quarter's of one branch, with where it stopped. */
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

  constructor(private readonly db: Database) {}

  /**
   * The quarterly re-tiering. Each transaction claims one unfinished run (this quarter's of a branch,
   * opened by the claim itself), locked SKIP LOCKED so replicas work on other branches, re-tiers the
   * next batch of its customers in one statement and moves the run's cursor: a crash loses at most
   * the batch, which the next scan does again; the last batch closes the run, so it happens once.
   */
  @ProcessJob(tieringJobs.tieringScan)
  async scan(): Promise<{ batches: number; customers: number; changed: number }> {
    const total = { batches: 0, customers: 0, changed: 0 };
    await scanDue(this.db, {
      // One run per transaction: the scan goes on while a claim finds one.
      batch: 1,
      claim: (tx) =>
        tx.query<ClaimedRun>(
          `SELECT branch_id, quarter, last_customer_id, time_zone, today::text AS today FROM claim_tiering_run()`,
        ),
      handle: async (_ctx, tx, [run]) => {
        const r = await this.quarterlyBatch(tx, run, this.batchSize);
        total.batches++;
        total.customers += r.scanned;
        total.changed += r.changed;
      },
    });
    return total;
  }

  @ProcessJob(tieringJobs.tierChanged)
  async tierChanged(payload: PayloadOf<typeof tieringJobs.tierChanged>, job?: Job): Promise<{ notified: number }> {
    const scope = { branchIds: [payload.branchId] };
    // As the worker role (row-level security still applies): it alone may finish the outbox row.
    const notified = await this.db.run(
      scope,
      async (tx) => ((await finishOutboxRow(tx, job)) ? this.notifyChange(tx, payload.branchId, payload.changeId) : 0),
      'system',
    );
    return { notified };
  }

  /** One batch of a claimed quarterly run: the set-based statement, then the run's cursor moves on. */
  private async quarterlyBatch(
    tx: Tx,
    run: ClaimedRun,
    batchSize: number,
  ): Promise<{ scanned: number; changed: number; finished: boolean }> {
    const r = await retier(
      tx,
      {
        branchId: run.branch_id,
        timeZone: run.time_zone,
        today: run.today,
        reason: TierChangeReason.QUARTERLY,
        period: run.quarter,
        changedBy: null,
        notifyInline: true,
      },
      { afterId: run.last_customer_id, limit: batchSize },
    );
    const finished = r.scanned < batchSize;
    await tx.query(
      `UPDATE tiering_runs SET last_customer_id = coalesce($3, last_customer_id), customers = customers + $4,
         changed = changed + $5, finished_at = CASE WHEN $6::boolean THEN now() END
       WHERE branch_id = $1 AND quarter = $2`,
      [run.branch_id, run.quarter, r.lastId, r.scanned, r.changes.length, finished],
    );
    return { scanned: r.scanned, changed: r.changes.length, finished };
  }

  /** The owner's notice of a change made in an API transaction (from the outbox), once per change. */
  private async notifyChange(tx: Tx, branchId: string, changeId: string): Promise<number> {
    const rows = await tx.query(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
       SELECT x.branch_id, gen_random_uuid(), c.owner_id, 'CUSTOMER_TIER_CHANGED',
         left(format('%s is now a %s tier customer (was %s)', c.name, x.to_tier, x.from_tier), 300),
         CASE x.reason WHEN 'MANUAL' THEN 'The tier was set by hand'
           ELSE format('Purchases in the last 12 months: %s (a large purchase)', x.trailing_total) END,
         'customer', c.id, format('customer-tier-change:%s', x.id)
       FROM customer_tier_changes x JOIN customers c ON c.branch_id = x.branch_id AND c.id = x.customer_id
       WHERE x.branch_id = $1 AND x.id = $2
       ON CONFLICT (branch_id, dedupe_key) DO NOTHING RETURNING id`,
      [branchId, changeId],
    );
    return rows.length;
  }
}
