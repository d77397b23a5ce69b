import { defineJob } from '@app/jobs';

/** The orders module's entries in the job catalogue. */
export const orderJobs = {
  /**
   * Scheduled: orders whose one-working-day shipping deadline (shipBy) has come, claimed with SKIP LOCKED; a breach
   * tells the order's owner and the branch managers once.
   */
  shipBreachScan: defineJob<Record<string, never>>('orders.ship-breach-scan', { every: (c) => c.orderShipScanMs }),
};
