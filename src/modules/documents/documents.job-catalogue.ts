import { defineJob } from '@app/jobs';

/** The documents module's entries in the job catalogue. */
export const documentJobs = {
  /** Scheduled: files of issued and archived documents due for a re-read, their SHA-256 compared with the record. */
  integrityScan: defineJob<Record<string, never>>('documents.integrity-scan', { every: (c) => c.fileCheckScanMs }),
  /** Scheduled: stored objects that no file row names (an upload cut off by a crash), removed after a grace period. */
  orphanSweep: defineJob<Record<string, never>>('documents.orphan-sweep', { every: (c) => c.fileOrphanSweepMs }),
  /** Scheduled: loans due today (reminder), past due (borrower and archivists), 3 days past (branch managers). */
  loanScan: defineJob<Record<string, never>>('documents.loan-scan', { every: (c) => c.documentLoanScanMs }),
};
