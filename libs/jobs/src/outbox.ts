import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@app/core';
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
