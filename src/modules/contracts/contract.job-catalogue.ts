import { defineJob } from '@app/jobs';

/** The contracts module's entries in the job catalogue. */
export const contractJobs = {
  /**
   * Scheduled: instalments and milestones due today (reminder) or yesterday (OVERDUE), end-of-term
   * reminders, and the monthly original check, each claimed with SKIP LOCKED by its due timestamp.
   */
  dueScan: defineJob<Record<string, never>>('contracts.due-scan', { every: (c) => c.contractScanMs }),
  /** From the outbox: a contract was handed to a new owner, who is told (once per hand-over). */
  reassigned: defineJob<{ branchId: string; contractId: string; ownerId: string; changeId: string }>(
    'contracts.reassigned',
  ),
};
