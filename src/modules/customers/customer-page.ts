import { BadUserInputError, type RequestContext } from '@app/core';
import { checkFirst, decodeCursor, encodeCursor, toConnection, type ConnectionShape } from '@app/graphql';
import type { BranchesService } from '../branches/branches.service.js';
import type { StaffMember } from '../branches/branch.types.js';
import type { Role } from '../branches/roles.js';
import { Customers, type Customer, type CustomerContact } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';
import { CustomerOrderField, OrderDirection, type CustomerFilter, type CustomerOrder } from './customer.types.js';

/** A contact as the page's own statement brings it (the columns the API shows). */
export type PageContact = Omit<CustomerContact, 'createdAt' | 'updatedAt'>;

/** What a customers page carries for its customers, in the order of its edges. */
export interface PageRelations {
  owners?: (StaffMember | null)[];
  contacts?: PageContact[][];
}

/** A page row with the relations the page's statement joined in (see `customersPage`). */
type PageRow = Customer & {
  o_id?: string | null;
  o_name?: string | null;
  o_email?: string | null;
  o_role?: string | null;
  /** [id, name, title, phone, email, is_primary] per contact, in the contacts loader's order. */
  k_contacts?: [string, string, string | null, string | null, string | null, boolean][] | null;
};

/** The sort key's column, and its property: the name the outer statement of a page with relations reads. */
const ORDER: Record<CustomerOrderField, { column: string; property: keyof Customer }> = {
  [CustomerOrderField.CREATED_AT]: { column: 'created_at', property: 'createdAt' },
  [CustomerOrderField.NAME]: { column: 'name', property: 'name' },
  [CustomerOrderField.NEXT_CONTACT_DUE_AT]: { column: 'next_contact_due_at', property: 'nextContactDueAt' },
};

/**
 * A page of customers (the benchmark's hot path). `include` names the relations the operation selects on the
 * page's customers: they come in the page's own statement (the owner from branch_directory, the contacts as
 * one JSON array per customer, in the order the contacts loader gives), so a page with owners and contacts is
 * one statement, not three; `relations` holds them in the order of `edges`.
 */
export async function customersPage(
  ctx: RequestContext,
  branches: BranchesService,
  args: { first?: number; after?: string; filter?: CustomerFilter; orderBy?: CustomerOrder },
  include: { owner?: boolean; contacts?: boolean } = {},
): Promise<ConnectionShape<Customer> & { relations?: PageRelations }> {
  const first = checkFirst(args.first);
  const { where, params } = await filterSql(ctx, branches, args.filter ?? {});
  const field = args.orderBy?.field ?? CustomerOrderField.CREATED_AT;
  const dir = args.orderBy?.direction ?? (args.orderBy ? OrderDirection.ASC : OrderDirection.DESC);
  const { column: col, property } = ORDER[field];
  const pageWhere = [...where];
  const pageParams = [...params];
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const cast = field === CustomerOrderField.NAME ? 'text' : 'timestamptz';
    pageParams.push(String(value), id);
    pageWhere.push(
      `(${col}, id) ${dir === OrderDirection.DESC ? '<' : '>'} ($${pageParams.length - 1}::${cast}, $${pageParams.length}::uuid)`,
    );
  }
  pageParams.push(first + 1);
  let sql = `SELECT ${Customers.cols()} FROM customers WHERE ${pageWhere.join(' AND ')}
       ORDER BY ${col} ${dir}, id ${dir} LIMIT $${pageParams.length}`;
  if (include.owner || include.contacts) {
    sql = `SELECT c.*${include.owner ? ', o.user_id AS o_id, o.display_name AS o_name, o.email AS o_email, o.role AS o_role' : ''}
         ${include.contacts ? ', k.contacts AS k_contacts' : ''}
       FROM (${sql}) c
       ${include.owner ? 'LEFT JOIN branch_directory o ON o.branch_id = c."branchId" AND o.user_id = c."ownerId"' : ''}
       ${
         include.contacts
           ? `LEFT JOIN LATERAL (
                SELECT json_agg(json_build_array(x.id, x.name, x.title, x.phone, x.email, x.is_primary)
                  ORDER BY x.is_primary DESC, x.name, x.id) AS contacts
                FROM customer_contacts x WHERE x.branch_id = c."branchId" AND x.customer_id = c.id
              ) k ON true`
           : ''
       }
       ORDER BY c."${property}" ${dir}, c.id ${dir}`;
  }
  const tx = await ctx.tx();
  // The rows are the customers as they come (cols() names them as the entity does): no per-row mapping.
  const rows = await tx.query<PageRow>(sql, pageParams);
  const cursorOf = (c: Customer) =>
    encodeCursor(
      field === CustomerOrderField.NAME
        ? c.name
        : field === CustomerOrderField.CREATED_AT
          ? c.createdAt
          : c.nextContactDueAt,
      c.id,
    );
  const page = toConnection<Customer>(rows, first, cursorOf, async () => {
    const r = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM customers WHERE ${where.join(' AND ')}`, params);
    return Number(r[0].n);
  });
  if (!include.owner && !include.contacts) return page;
  const shown = rows.slice(0, page.edges.length);
  const relations: PageRelations = {
    owners: include.owner
      ? shown.map((r) =>
          r.o_id ? { id: r.o_id, displayName: r.o_name!, email: r.o_email!, role: r.o_role as Role } : null,
        )
      : undefined,
    contacts: include.contacts
      ? shown.map((r) =>
          (r.k_contacts ?? []).map(([id, name, title, phone, email, isPrimary]) => ({
            id,
            branchId: r.branchId,
            customerId: r.id,
            name,
            title,
            phone,
            email,
            isPrimary,
          })),
        )
      : undefined,
  };
  return Object.assign(page, { relations });
}

/** The application's own branch predicate (RLS is the wall; this lets the index do the work). */
async function filterSql(
  ctx: RequestContext,
  branches: BranchesService,
  f: CustomerFilter,
): Promise<{ where: string[]; params: unknown[] }> {
  const params: unknown[] = [];
  const where: string[] = [];
  let branchIds = ctx.branchIds;
  if (f.branchId) {
    branchIds = ctx.branchIds.filter((b) => b === f.branchId!.toLowerCase());
  }
  if (branchIds.length === 1) {
    params.push(branchIds[0]);
    where.push(`branch_id = $${params.length}::uuid`);
  } else {
    params.push(branchIds);
    where.push(`branch_id = ANY($${params.length}::uuid[])`);
  }
  if (ctx.ownOnly) {
    params.push(ctx.actor!.userId);
    where.push(`owner_id = $${params.length}::uuid`);
  }
  params.push(f.state ?? f.status ?? CustomerStatusEnum.ACTIVE);
  where.push(`status = $${params.length}`);
  if (f.tier) {
    params.push(f.tier);
    where.push(`tier = $${params.length}`);
  }
  if (f.ownerId) {
    params.push(f.ownerId);
    where.push(`owner_id = $${params.length}::uuid`);
  }
  if (f.search?.trim()) {
    params.push(`%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`name ILIKE $${params.length}`);
  }
  if (f.overdue) where.push('next_contact_due_at <= now()');
  if (f.createdFrom || f.createdTo) where.push(await createdDaysSql(ctx, branches, branchIds, f, params));
  return { where, params };
}

/**
 * createdFrom/createdTo are business days of each customer's branch: branches are grouped by time zone and
 * each group's bounds are instants computed once per statement, so `created_at` stays an index range.
 */
async function createdDaysSql(
  ctx: RequestContext,
  branches: BranchesService,
  branchIds: readonly string[],
  f: CustomerFilter,
  params: unknown[],
): Promise<string> {
  if (f.createdFrom && f.createdTo && f.createdFrom > f.createdTo) {
    throw BadUserInputError.field('filter.createdTo', 'must not be before filter.createdFrom');
  }
  const byZone = new Map<string, string[]>();
  for (const b of await branches.branchLoader(ctx).loadMany(branchIds)) {
    if (!b || b instanceof Error) continue;
    byZone.set(b.timeZone, [...(byZone.get(b.timeZone) ?? []), b.id]);
  }
  if (byZone.size === 0) return 'false';
  const groups = [...byZone].map(([zone, ids]) => {
    const cond: string[] = [];
    params.push(zone);
    const z = params.length;
    if (byZone.size > 1) {
      params.push(ids);
      cond.push(`branch_id = ANY($${params.length}::uuid[])`);
    }
    if (f.createdFrom) {
      params.push(f.createdFrom);
      cond.push(`created_at >= ($${params.length}::date::timestamp AT TIME ZONE $${z}::text)`);
    }
    if (f.createdTo) {
      params.push(f.createdTo);
      cond.push(`created_at < (($${params.length}::date + 1)::timestamp AT TIME ZONE $${z}::text)`);
    }
    return `(${cond.join(' AND ')})`;
  });
  return groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
}
