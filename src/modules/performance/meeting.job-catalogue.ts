import { defineJob } from '@app/jobs';

/** The meetings' entries in the job catalogue. */
export const meetingJobs = {
  /** Scheduled: action items due tomorrow (a reminder) or overdue (once), claimed SKIP LOCKED. */
  actionItemScan: defineJob<Record<string, never>>('performance.action-item-scan', { every: 60_000 }),
};
