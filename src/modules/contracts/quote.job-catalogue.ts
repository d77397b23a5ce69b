import { defineJob } from '@app/jobs';

/** The quotes' entries in the job catalogue. */
export const quoteJobs = {
  /**
   * Scheduled: SENT quotes whose validity date has passed in the branch's time zone become EXPIRED,
   * and owners are reminded the configured days before; claimed with SKIP LOCKED by the due timestamps.
   */
  scan: defineJob<Record<string, never>>('contracts.quote-scan', { every: (c) => c.quoteScanMs }),
};
