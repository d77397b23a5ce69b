import { defineJob } from '@app/jobs';

/** The approval engine's entries in the job catalogue. */
export const approvalJobs = {
  /** Scheduled: steps whose reminder or escalation is due (SLA in working hours), claimed with SKIP LOCKED. */
  dueScan: defineJob<Record<string, never>>('approvals.due-scan', { every: (c) => c.approvalScanMs }),
  /** From the outbox: a step started; tell its approvers (some may be at head office). */
  stepStarted: defineJob<{ branchId: string; stepId: string }>('approvals.step-started'),
  /**
   * From the outbox: a request was decided; tell the requester. (An API transaction reads and writes
   * only the actor's own notifications, so notifying someone else is the worker's job.)
   */
  requestDecided: defineJob<{ branchId: string; requestId: string }>('approvals.request-decided'),
  /** From the outbox: a step was handed to a named colleague; tell them. */
  stepDelegated: defineJob<{ branchId: string; stepId: string; userId: string }>('approvals.step-delegated'),
};
