import { defineJob } from '@app/jobs';

/** The visits module's entries in the job catalogue. */
export const visitJobs = {
  /** Scheduled: follow-up task reminders (day before, due day, overdue), claimed with SKIP LOCKED by their due timestamp. */
  taskScan: defineJob<Record<string, never>>('visits.task-scan', { every: (c) => c.visitTaskScanMs }),
  /** From the outbox: an urgent visit report, told to the branch manager(s) at once (once per report). */
  urgentReport: defineJob<{ branchId: string; visitId: string }>('visits.urgent-report'),
};
