import { defineJob } from '@app/jobs';

/** The market research module's entries in the job catalogue. */
export const researchJobs = {
  /** Scheduled: the weekly digest of every branch whose ISO week has closed, built once (SKIP LOCKED claim). */
  digestScan: defineJob<Record<string, never>>('research.digest-scan', { every: (c) => c.researchDigestScanMs }),
};
