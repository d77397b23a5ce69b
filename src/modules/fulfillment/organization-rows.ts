import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { NotFoundError, writeAudit, type RequestContext, type Table, type Tx } from '@app/core';
import { BranchKindEnum } from '../branches/branch.types.js';
import type { BranchesService } from '../branches/branches.service.js';

/** A row of an organization table: keyed by (organization_id, id). */
export interface OrganizationRow {
  organizationId: string;
  id: string;
}

/**
 * Where the audit row of a change to organization rows goes: the head office branch when it is in scope (head
 * office keeps the catalogue), else the one branch the request is narrowed to (X-Branch-Id).
 */
export async function auditBranch(ctx: RequestContext, branches: BranchesService): Promise<string> {
  const rows = await branches.branchLoader(ctx).loadMany([...ctx.branchIds]);
  for (const b of rows) if (b && !(b instanceof Error) && b.kind === BranchKindEnum.HEAD_OFFICE) return b.id;
  return ctx.branchIds[0];
}

/** The row with this id in the actor's organization (the wall applies too), locked when asked; NOT_FOUND otherwise. */
export async function findOrganizationRow<E extends OrganizationRow>(
  ctx: RequestContext,
  table: Table<E>,
  id: string,
  lock = false,
): Promise<E> {
  const tx = await ctx.tx();
  const row = await table.find(tx, { organizationId: ctx.requireActor().organizationId, id } as never, { lock });
  if (!row) throw new NotFoundError(table.noun, id);
  return row;
}

/** Inserts an organization row for the actor's organization and audits its creation. */
export async function insertOrganizationRow<E extends OrganizationRow>(
  ctx: RequestContext,
  branches: BranchesService,
  table: Table<E>,
  values: Omit<E, 'organizationId' | 'id' | 'createdAt' | 'updatedAt'> & Partial<E>,
): Promise<E> {
  const tx = await ctx.tx();
  const after = await table.insert(tx, {
    ...values,
    organizationId: ctx.requireActor().organizationId,
    id: randomUUID(),
  } as never);
  await audit(ctx, branches, table, after, 'create', undefined);
  return after;
}

/** Changes an organization row (read and locked before) and audits it, before and after. */
export async function changeOrganizationRow<E extends OrganizationRow>(
  ctx: RequestContext,
  branches: BranchesService,
  table: Table<E>,
  before: E,
  set: Partial<E>,
  action: string,
): Promise<E> {
  const tx = await ctx.tx();
  const after = await table.update(tx, { organizationId: before.organizationId, id: before.id } as never, set as never);
  await audit(ctx, branches, table, after, action, before);
  return after;
}

async function audit<E extends OrganizationRow>(
  ctx: RequestContext,
  branches: BranchesService,
  table: Table<E>,
  after: E,
  action: string,
  before: E | undefined,
): Promise<void> {
  await writeAudit(ctx, {
    branchId: await auditBranch(ctx, branches),
    entity: table.noun.charAt(0).toLowerCase() + table.noun.slice(1),
    entityId: after.id,
    action,
    before,
    after,
  });
}

/** Organization rows by id, one statement per batch (the actor's organization; null for an id not visible). */
export function organizationLoader<E extends OrganizationRow>(
  ctx: RequestContext,
  table: Table<E>,
): DataLoader<string, E | null> {
  return ctx.loader(
    `${table.name}.byId`,
    () =>
      new DataLoader<string, E | null>(async (ids) => {
        const tx: Tx = await ctx.tx();
        const rows = await tx.query(
          `SELECT ${table.cols()} FROM ${table.name} WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
          [ctx.requireActor().organizationId, ids],
        );
        const byId = new Map<string, E>();
        for (const r of rows) {
          const e = table.map(r);
          byId.set(e.id, e);
        }
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}
