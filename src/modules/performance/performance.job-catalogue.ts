import { defineJob, domainEventJob } from '@app/jobs';

/** A branch's recent periods are rebuilt and compared this often (and the scan looks for due branches every 5 min). */
export const KPI_CHECK_EVERY_MS = 3_600_000;

/** The performance module's entries in the job catalogue. */
export const performanceJobs = {
  /** Outbox: one domain event from a source module, counted once into the KPI rollups. */
  domainEvent: domainEventJob,
  /** Scheduled: branches whose check is due, claimed SKIP LOCKED; their recent periods rebuilt and compared. */
  recomputeScan: defineJob<Record<string, never>>('performance.recompute-scan', { every: 300_000 }),
};
