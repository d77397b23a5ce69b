import { defineJob } from '@app/jobs';

/** The returns entries in the job catalogue. */
export const returnJobs = {
  /** From the outbox: a processed return, for the branch's finance people to credit (notices the API cannot write). */
  processed: defineJob<{ branchId: string; returnId: string }>('fulfillment.return-processed'),
};
