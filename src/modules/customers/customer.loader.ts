import DataLoader from 'dataloader';
import type { RequestContext } from '@app/core';
import { splitKeys } from '@app/graphql';
import type { Customer } from './customer.types.js';

interface Row {
  branch_id: string;
  id: string;
  name: string;
  tier: Customer['tier'];
  status: Customer['status'];
  industry: string | null;
  region: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  owner_id: string;
  last_contact_at: Date | null;
  next_contact_due_at: Date;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

/**
 * Customers by "branchId:id" in one statement per batch, for modules whose rows point at a customer
 * (contracts). RLS applies: a sales rep gets null for a colleague's customer.
 */
export function customerByKeyLoader(ctx: RequestContext): DataLoader<string, Customer | null> {
  return ctx.loader(
    'customers.byKey',
    () =>
      new DataLoader<string, Customer | null>(async (keys) => {
        const [branchIds, ids] = splitKeys(keys);
        const tx = await ctx.tx();
        const rows = await tx.query<Row>(
          `SELECT c.branch_id, c.id, c.name, c.tier, c.status, c.industry, c.region, c.email, c.phone, c.address,
                  c.notes, c.owner_id, c.last_contact_at, c.next_contact_due_at, c.created_at, c.updated_at, c.archived_at
           FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
           JOIN customers c ON c.branch_id = k.branch_id AND c.id = k.id`,
          [branchIds, ids],
        );
        const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.id}`, r]));
        return keys.map((k) => {
          const r = byKey.get(k);
          return r
            ? {
                id: r.id,
                branchId: r.branch_id,
                name: r.name,
                tier: r.tier,
                status: r.status,
                industry: r.industry,
                region: r.region,
                email: r.email,
                phone: r.phone,
                address: r.address,
                notes: r.notes,
                ownerId: r.owner_id,
                lastContactAt: r.last_contact_at,
                nextContactDueAt: r.next_contact_due_at,
                createdAt: r.created_at,
                updatedAt: r.updated_at,
                archivedAt: r.archived_at,
              }
            : null;
        });
      }),
  );
}
