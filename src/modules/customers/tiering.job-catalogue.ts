import { defineJob } from '@app/jobs';

/** The tiering entries in the job catalogue. */
export const tieringJobs = {
  /** Scheduled: the quarterly re-tiering, once per branch and quarter (branch time zone), in batches. */
  tieringScan: defineJob<Record<string, never>>('customers.tiering-scan', { every: (c) => c.tieringScanMs }),
  /** From the outbox: tell the owner about a tier change made in an API transaction. */
  tierChanged: defineJob<{ branchId: string; changeId: string }>('customers.tier-changed'),
};
