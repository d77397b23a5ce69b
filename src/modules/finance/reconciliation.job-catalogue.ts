import { defineJob } from '@app/jobs';

/** The finance module's reconciliation and instrument entries in the job catalogue. */
export const reconciliationJobs = {
  /**
   * Scheduled: customers with finance activity up to their branch's last half-year end and no statement for it get
   * one (claimed with SKIP LOCKED; one per customer and period); so do partners buying under a customer record for
   * their branch's last month-end (with the month's rebate); then unanswered statements are reminded once.
   */
  statementScan: defineJob<Record<string, never>>('finance.reconciliation-scan', {
    every: (c) => c.reconciliationScanMs,
  }),
  /** Scheduled: cheques, bills and drafts not handed to finance by the close of their receiving day, told once. */
  instrumentScan: defineJob<Record<string, never>>('finance.instrument-breach-scan', {
    every: (c) => c.instrumentScanMs,
  }),
};
