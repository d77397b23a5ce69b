import { defineJob } from '@app/jobs';

/** The complaints module's entries in the job catalogue. */
export const complaintJobs = {
  /**
   * Scheduled: unanswered complaints past their response deadline, claimed with SKIP LOCKED and escalated
   * (level 1 the branch managers, level 2 head office), as the approval engine's due scan does for steps.
   */
  escalationScan: defineJob<Record<string, never>>('complaints.escalation-scan', { every: (c) => c.complaintScanMs }),
};
