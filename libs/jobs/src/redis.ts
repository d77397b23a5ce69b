import { Redis } from 'ioredis';

/** Producers fail fast when Redis is down (the outbox keeps the work); workers wait for it. */
export function producerConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3000 });
  r.on('error', () => undefined);
  return r;
}

export function workerConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 3000 });
  r.on('error', () => undefined);
  return r;
}

/** Job counters and durations, kept in Redis so the API's /metrics sees every worker replica. */
export const jobMetricsKey = (prefix: string) => `${prefix}:metrics:jobs`;

/**
 * The relays' marker in Redis. It vanishes with the data when Redis restarts empty (or is flushed): a relay that
 * finds it gone hands every unfinished outbox row to BullMQ again.
 */
export const relayEpochKey = (prefix: string) => `${prefix}:outbox:epoch`;
