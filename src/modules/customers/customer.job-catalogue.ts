import { defineJob } from '@app/jobs';

/** The customers module's entries in the job catalogue. */
export const customerJobs = {
  /** Scheduled: finds customers whose next contact is overdue and reminds their owners. */
  contactDueScan: defineJob<Record<string, never>>('customers.contact-due-scan', { every: (c) => c.contactDueScanMs }),
  /** From the outbox: a change left this customer overdue already. */
  contactDueCheck: defineJob<{ branchId: string; customerId: string }>('customers.contact-due-check'),
};
