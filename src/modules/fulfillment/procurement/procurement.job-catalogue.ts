import { defineJob } from '@app/jobs';

/** Procurement's entries in the job catalogue. */
export const procurementJobs = {
  /**
   * Scheduled: purchase contracts whose expected delivery day passed without every line received, claimed with SKIP
   * LOCKED; the buyer is reminded once per expected day (a follow-up with a new day re-arms it).
   */
  lateDeliveryScan: defineJob<Record<string, never>>('fulfillment.purchase-late-scan', {
    every: (c) => c.purchaseLateScanMs,
  }),
};
