import { defineJob } from '@app/jobs';

/** The appraisals' entries in the job catalogue. */
export const appraisalJobs = {
  /** Scheduled: branches due a look, claimed SKIP LOCKED; last month's and last year's cycles opened when due. */
  cycleScan: defineJob<Record<string, never>>('performance.appraisal-cycle-scan', { every: 300_000 }),
};
