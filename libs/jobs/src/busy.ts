import { DelayedError, type Job } from 'bullmq';
import { failureSqlstate, transientFailure, type JsonLogger } from '@app/core';
import { outboxKeyOf } from './outbox.js';

/**
 * Times an outbox job whose database was busy (a timeout, a lock wait, a serialization or deadlock victim, no free
 * connection) is put back with a delay without using one of its JOB_ATTEMPTS; past this, a busy run counts as a failed
 * attempt like any other error. The delay doubles from JOB_BACKOFF_MS up to BUSY_DELAY_MAX_MS (~15 min in all).
 */
export const BUSY_RETRIES = 20;
const BUSY_DELAY_MAX_MS = 60_000;

/**
 * An outbox job that met a busy database (its transaction rolled back: nothing was done) goes back to the queue
 * after a delay without counting as an attempt, so load never turns into work marked failed for good. Scheduled
 * scans are not deferred: their next run claims the same rows. True when the job was moved to delayed: the
 * processor then throws BullMQ's DelayedError.
 */
export async function deferBusy(
  job: Job,
  token: string | undefined,
  e: unknown,
  backoffMs: number,
  log: JsonLogger,
): Promise<boolean> {
  if (e instanceof DelayedError) return false;
  const busy = transientFailure(e);
  if (!busy || !token || !outboxKeyOf(job)) return false;
  // Runs started but not counted as attempts: the busy deferrals so far (and stalls, which are rare).
  const deferred = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
  if (deferred >= BUSY_RETRIES) return false;
  const delay = Math.min(backoffMs * 2 ** deferred, BUSY_DELAY_MAX_MS);
  await job.moveToDelayed(Date.now() + delay, token);
  log.write('warn', 'job deferred: database busy', {
    job: job.name,
    jobId: job.id,
    reason: busy.reason,
    sqlstate: failureSqlstate(e),
    deferred: deferred + 1,
    delayMs: delay,
  });
  return true;
}
