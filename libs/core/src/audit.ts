import { randomUUID } from 'node:crypto';
import type { Tx } from './database.js';
import type { RequestContext } from './request-context.js';

export interface AuditEntry {
  branchId: string;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes the audit row of a mutation inside the mutation's own transaction: the request's, or `tx` for work in
 * another transaction of the same request (the branches module's platform transactions).
 */
export async function writeAudit(ctx: RequestContext, entry: AuditEntry, tx?: Tx): Promise<void> {
  const db = tx ?? (await ctx.tx());
  await db.query(
    `INSERT INTO audit_log (branch_id, id, actor_id, request_id, entity, entity_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.branchId,
      randomUUID(),
      ctx.actor?.userId ?? null,
      ctx.requestId,
      entry.entity,
      entry.entityId,
      entry.action,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
