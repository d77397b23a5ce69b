import { defineJob } from '@app/jobs';

/** The tenders module's entries in the job catalogue. */
export const tenderJobs = {
  /** Scheduled: deadline reminders to the tender owners, claimed with SKIP LOCKED by their due timestamp. */
  deadlineScan: defineJob<Record<string, never>>('tenders.deadline-scan', { every: (c) => c.tenderScanMs }),
};
