import { randomUUID } from 'node:crypto';
import { writeAudit, type RequestContext, type Tx } from '@app/core';
import { ContractEvents, type Contract } from './contract.entity.js';

/** Writes one timeline entry alone (the caller writes the audit row of what changed). */
export async function recordEvent(
  ctx: RequestContext,
  tx: Tx,
  c: Contract,
  action: string,
  note: string | null,
): Promise<void> {
  await ContractEvents.insert(tx, {
    branchId: c.branchId,
    id: randomUUID(),
    contractId: c.id,
    action,
    actorId: ctx.actor?.userId ?? null,
    note,
  });
}

/** Writes one timeline entry and the audit row of a change to a contract. */
export async function recordChange(
  ctx: RequestContext,
  tx: Tx,
  e: { before: Contract | null; after: Contract; action: string; note?: string | null },
): Promise<void> {
  const from = e.before?.state ?? null;
  const to = e.after.state;
  await ContractEvents.insert(tx, {
    branchId: e.after.branchId,
    id: randomUUID(),
    contractId: e.after.id,
    action: e.action,
    fromState: from,
    toState: from === to ? null : to,
    actorId: ctx.actor?.userId ?? null,
    note: e.note ?? null,
  });
  await writeAudit(ctx, {
    branchId: e.after.branchId,
    entity: 'contract',
    entityId: e.after.id,
    action: e.action.toLowerCase(),
    before: e.before ?? undefined,
    after: e.after,
  });
}
