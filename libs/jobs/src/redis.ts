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
