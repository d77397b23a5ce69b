import { defineJob } from '@app/jobs';

/** The channels module's entries in the job catalogue. */
export const channelJobs = {
  /** Scheduled: agreement end reminders to the partner owners and expiries, claimed with SKIP LOCKED when due. */
  agreementScan: defineJob<Record<string, never>>('channels.agreement-scan', { every: (c) => c.channelScanMs }),
};
