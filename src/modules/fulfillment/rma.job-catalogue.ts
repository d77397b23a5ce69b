import { defineJob } from '@app/jobs';

/** The fulfillment module's entries in the job catalogue. */
export const rmaJobs = {
  /**
   * Scheduled: RMAs whose step passed its time limit (or whose reminder went unanswered for the escalation
   * interval), claimed with SKIP LOCKED; the owner is reminded once, then the branch managers are told once.
   */
  overdueScan: defineJob<Record<string, never>>('fulfillment.rma-overdue-scan', { every: (c) => c.rmaScanMs }),
};
