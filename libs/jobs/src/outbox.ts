import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { RequestContext, Tx } from '@app/core';
import type { JobDef } from './catalogue.js';

/**
 * Records a job in the outbox inside the caller's transaction: it reaches BullMQ only if the
 * data change commits, and it waits in PostgreSQL while Redis is down.
 */
export async function enqueue<P extends { branchId: string }>(
  ctx: RequestContext,
  def: JobDef<P>,
  payload: P,
): Promise<string> {
  const tx = await ctx.tx();
  const id = randomUUID();
  await tx.query(`INSERT INTO outbox (branch_id, id, job_name, payload) VALUES ($1, $2, $3, $4)`, [
    payload.branchId,
    id,
    def.name,
    JSON.stringify(payload),
  ]);
  return id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Outbox jobs carry the row's id as their job id (schedulers' jobs have ids of their own). */
export function outboxKeyOf(job: Pick<Job, 'id' | 'data'>): { branchId: string; id: string } | null {
  const branchId = (job.data as { branchId?: unknown } | undefined)?.branchId;
  if (!job.id || !UUID.test(job.id) || typeof branchId !== 'string' || !UUID.test(branchId)) return null;
  return { branchId, id: job.id };
}

/** Jobs whose row their handler finished in its own transaction; the worker finishes the others after them. */
const finishedInHandler = new WeakSet<object>();

export function finishedByHandler(job: Job): boolean {
  return finishedInHandler.has(job);
}

/**
 * Marks the job's outbox row finished inside the handler's transaction, so the row is finished exactly
 * when the effect commits (a rollback, a crash or a lost Redis leaves it to run again). Call it first:
 * it locks the row, so a second run of the same job (a republish, a stalled job) waits, then gets
 * false: an earlier run did the work, do nothing. A direct call without a job answers true.
 */
export async function finishOutboxRow(tx: Tx, job: Job | undefined): Promise<boolean> {
  const key = job && outboxKeyOf(job);
  if (!job || !key) return true;
  finishedInHandler.add(job);
  const [r] = await tx.query<{ n: number }>('SELECT outbox_finish($1::uuid[], $2::uuid[]) AS n', [
    [key.branchId],
    [key.id],
  ]);
  return r.n === 1;
}
