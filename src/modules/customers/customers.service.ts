import { actingBranch } from '../branches/acting-branch.js';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import {
  checkFirst,
  decodeCursor,
  encodeCursor,
  toConnection,
  type ConnectionShape,
  groupByKey,
  keysetPage,
  splitKeys,
  SqlFilter,
} from '@app/graphql';
import { enqueue } from '@app/jobs';
import { BranchesService } from '../branches/branches.service.js';
import type { StaffMember } from '../branches/branch.types.js';
import { can, type Role } from '../branches/roles.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { cadenceDays, DEFAULT_CADENCE, dueOnOf, nextContactDue, type CadenceSettings } from './cadence.js';
import { customerJobs } from './customer-jobs.js';
import { tieringJobs } from './tiering-jobs.js';
import {
  CustomerOrderField,
  CustomerStatusEnum,
  OrderDirection,
  type BranchSettings,
  type ContactLog,
  type Customer,
  type CustomerContact,
  type CustomerFilter,
  type CustomerOrder,
} from './customer.types.js';
import type {
  AddContactInput,
  ContactInput,
  CreateCustomerInput,
  LogContactInput,
  UpdateBranchSettingsInput,
  UpdateContactInput,
  UpdateCustomerInput,
} from './dto/customer.input.js';

const CUSTOMER_COLUMNS = `branch_id, id, name, tier, status, industry, region, email, phone, address, notes, owner_id,
  last_contact_at, next_contact_due_at, created_at, updated_at, archived_at, lead_id, account_manager_id`;

interface CustomerRow {
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
  lead_id: string | null;
  account_manager_id: string | null;
}

const toCustomer = (r: CustomerRow): Customer => ({
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
  leadId: r.lead_id,
  accountManagerId: r.account_manager_id,
});

interface ContactRow {
  branch_id: string;
  id: string;
  customer_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  is_primary: boolean;
}

/** A page row with the relations the page's statement joined in (see `list`). */
interface PageRow extends CustomerRow {
  o_id?: string | null;
  o_name?: string | null;
  o_email?: string | null;
  o_role?: string | null;
  /** [id, name, title, phone, email, is_primary] per contact, in the contacts loader's order. */
  k_contacts?: [string, string, string | null, string | null, string | null, boolean][] | null;
}

/** What a customers page carries for its customers, in the order of its edges. */
export interface PageRelations {
  owners?: (StaffMember | null)[];
  contacts?: CustomerContact[][];
}

const toContact = (r: ContactRow): CustomerContact => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  name: r.name,
  title: r.title,
  phone: r.phone,
  email: r.email,
  isPrimary: r.is_primary,
});

interface LogRow {
  branch_id: string;
  id: string;
  customer_id: string;
  contact_id: string | null;
  channel: ContactLog['channel'];
  summary: string;
  occurred_at: Date;
  logged_by: string;
  created_at: Date;
}

const toLog = (r: LogRow): ContactLog => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  contactId: r.contact_id,
  channel: r.channel,
  summary: r.summary,
  occurredAt: r.occurred_at,
  loggedById: r.logged_by,
  createdAt: r.created_at,
});

const ORDER_COLUMN: Record<CustomerOrderField, string> = {
  [CustomerOrderField.CREATED_AT]: 'created_at',
  [CustomerOrderField.NAME]: 'name',
  [CustomerOrderField.NEXT_CONTACT_DUE_AT]: 'next_contact_due_at',
};

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const clean = (s: string | undefined | null) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

/** Customers, their contacts and the contact log, with the contact cadence that drives reminders. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly branches: BranchesService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Customer | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  /**
   * A page of customers. `include` names the relations the operation selects on the page's customers: they
   * come in the page's own statement (the owner from branch_directory, the contacts as one JSON array per
   * customer, in the order `contactsLoader` gives), so a page with owners and contacts is one statement, not
   * three; `relations` holds them in the order of `edges`.
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: CustomerFilter; orderBy?: CustomerOrder },
    include: { owner?: boolean; contacts?: boolean } = {},
  ): Promise<ConnectionShape<Customer> & { relations?: PageRelations }> {
    const first = checkFirst(args.first);
    const { where, params } = await this.filterSql(ctx, args.filter ?? {});
    const field = args.orderBy?.field ?? CustomerOrderField.CREATED_AT;
    const dir = args.orderBy?.direction ?? (args.orderBy ? OrderDirection.ASC : OrderDirection.DESC);
    const col = ORDER_COLUMN[field];
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
    let sql = `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE ${pageWhere.join(' AND ')}
       ORDER BY ${col} ${dir}, id ${dir} LIMIT $${pageParams.length}`;
    if (include.owner || include.contacts) {
      sql = `SELECT c.*${include.owner ? ', o.user_id AS o_id, o.display_name AS o_name, o.email AS o_email, o.role AS o_role' : ''}
         ${include.contacts ? ', k.contacts AS k_contacts' : ''}
       FROM (${sql}) c
       ${include.owner ? 'LEFT JOIN branch_directory o ON o.branch_id = c.branch_id AND o.user_id = c.owner_id' : ''}
       ${
         include.contacts
           ? `LEFT JOIN LATERAL (
                SELECT json_agg(json_build_array(x.id, x.name, x.title, x.phone, x.email, x.is_primary)
                  ORDER BY x.is_primary DESC, x.name, x.id) AS contacts
                FROM customer_contacts x WHERE x.branch_id = c.branch_id AND x.customer_id = c.id
              ) k ON true`
           : ''
       }
       ORDER BY c.${col} ${dir}, c.id ${dir}`;
    }
    const tx = await ctx.tx();
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
    const page = toConnection(rows.map(toCustomer), first, cursorOf, async () => {
      const r = await tx.query<{ n: string }>(
        `SELECT count(*) AS n FROM customers WHERE ${where.join(' AND ')}`,
        params,
      );
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
              branchId: r.branch_id,
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
  private async filterSql(ctx: RequestContext, f: CustomerFilter): Promise<{ where: string[]; params: unknown[] }> {
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
    if (f.createdFrom || f.createdTo) where.push(await this.createdDaysSql(ctx, branchIds, f, params));
    return { where, params };
  }

  /**
   * createdFrom/createdTo are business days of each customer's branch: branches are grouped by time zone and
   * each group's bounds are instants computed once per statement, so `created_at` stays an index range.
   */
  private async createdDaysSql(
    ctx: RequestContext,
    branchIds: readonly string[],
    f: CustomerFilter,
    params: unknown[],
  ): Promise<string> {
    if (f.createdFrom && f.createdTo && f.createdFrom > f.createdTo) {
      throw BadUserInputError.field('filter.createdTo', 'must not be before filter.createdFrom');
    }
    const byZone = new Map<string, string[]>();
    for (const b of await this.branches.branchLoader(ctx).loadMany(branchIds)) {
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

  /**
   * Customers by "branchId:id" in one statement per batch, for modules whose rows point at a customer
   * (contracts). RLS applies: a sales rep gets null for a colleague's customer.
   */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Customer | null> {
    return ctx.loader(
      'customers.byKey',
      () =>
        new DataLoader<string, Customer | null>(async (keys) => {
          const [branchIds, ids] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<CustomerRow>(
            `SELECT ${CUSTOMER_COLUMNS.split(',')
              .map((c) => `c.${c.trim()}`)
              .join(', ')}
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
             JOIN customers c ON c.branch_id = k.branch_id AND c.id = k.id`,
            [branchIds, ids],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.id}`, toCustomer(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  contactsLoader(ctx: RequestContext): DataLoader<string, CustomerContact[]> {
    return ctx.loader(
      'customers.contacts',
      () =>
        new DataLoader<string, CustomerContact[]>(async (keys) => {
          const [branchIds, customerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          // Exact (branch, customer) pairs: a head-office page spans many branches, and
          // "branch IN (...) AND customer IN (...)" would probe every combination.
          const rows = await tx.query<ContactRow>(
            `SELECT c.branch_id, c.id, c.customer_id, c.name, c.title, c.phone, c.email, c.is_primary
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             JOIN customer_contacts c ON c.branch_id = k.branch_id AND c.customer_id = k.customer_id
             ORDER BY c.is_primary DESC, c.name, c.id`,
            [branchIds, customerIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.customer_id}`, toContact);
        }),
    );
  }

  contactLogsLoader(ctx: RequestContext, limit: number): DataLoader<string, ContactLog[]> {
    return ctx.loader(
      `customers.contactLogs:${limit}`,
      () =>
        new DataLoader<string, ContactLog[]>(async (keys) => {
          const [branchIds, customerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<LogRow>(
            `SELECT l.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             CROSS JOIN LATERAL (
               SELECT * FROM contact_logs l WHERE l.branch_id = k.branch_id AND l.customer_id = k.customer_id
               ORDER BY l.occurred_at DESC, l.id DESC LIMIT $3
             ) l
             ORDER BY l.occurred_at DESC, l.id DESC`,
            [branchIds, customerIds, limit],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.customer_id}`, toLog);
        }),
    );
  }

  async dueOn(ctx: RequestContext, c: Customer): Promise<string> {
    return this.dueOnIn(c, await this.branches.branchLoader(ctx).load(c.branchId));
  }

  /** The due business day of a customer in its branch, once the branch is at hand. */
  dueOnIn(c: Customer, branch: { timeZone: string } | null): string {
    return dueOnOf(c.nextContactDueAt, branch?.timeZone ?? 'UTC');
  }

  // ---------- settings ----------

  async settings(ctx: RequestContext, branchId?: string): Promise<BranchSettings> {
    const branch = actingBranch(ctx, branchId);
    const tx = await ctx.tx();
    return { branchId: branch, ...(await this.cadence(tx, branch)) };
  }

  async updateSettings(ctx: RequestContext, input: UpdateBranchSettingsInput): Promise<BranchSettings> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const before = await this.cadence(tx, branchId);
    const after: CadenceSettings = {
      contactCadenceHighDays: input.contactCadenceHighDays ?? before.contactCadenceHighDays,
      contactCadenceMediumDays: input.contactCadenceMediumDays ?? before.contactCadenceMediumDays,
      contactCadenceLowDays: input.contactCadenceLowDays ?? before.contactCadenceLowDays,
    };
    await tx.query(
      `INSERT INTO branch_settings (branch_id, contact_cadence_high_days, contact_cadence_medium_days, contact_cadence_low_days)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (branch_id) DO UPDATE SET contact_cadence_high_days = $2, contact_cadence_medium_days = $3,
         contact_cadence_low_days = $4, updated_at = now()`,
      [branchId, after.contactCadenceHighDays, after.contactCadenceMediumDays, after.contactCadenceLowDays],
    );
    await writeAudit(ctx, { branchId, entity: 'branch_settings', entityId: branchId, action: 'update', before, after });
    return { branchId, ...after };
  }

  private async cadence(tx: Tx, branchId: string): Promise<CadenceSettings> {
    const rows = await tx.query<{ h: number; m: number; l: number }>(
      `SELECT contact_cadence_high_days AS h, contact_cadence_medium_days AS m, contact_cadence_low_days AS l
       FROM branch_settings WHERE branch_id = $1`,
      [branchId],
    );
    const r = rows[0];
    return r
      ? { contactCadenceHighDays: r.h, contactCadenceMediumDays: r.m, contactCadenceLowDays: r.l }
      : DEFAULT_CADENCE;
  }

  // ---------- writes ----------

  /** The branch a write goes to: head office names it; a branch user writes to their own. */
  private async due(ctx: RequestContext, tx: Tx, branchId: string, tier: Customer['tier'], from: Date): Promise<Date> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    const settings = await this.cadence(tx, branchId);
    return nextContactDue(from, cadenceDays(tier, settings), branch?.timeZone ?? 'UTC').dueAt;
  }

  private async checkOwner(ctx: RequestContext, branchId: string, ownerId: string): Promise<void> {
    const role = await this.branches.memberRole(ctx, branchId, ownerId);
    if (!role) throw BadUserInputError.field('ownerId', 'must be a person of the customer’s branch');
  }

  private async checkNameFree(tx: Tx, branchId: string, name: string, exceptId?: string): Promise<void> {
    // A rep cannot see a colleague's customer; for that case the unique index answers (mapped to CONFLICT).
    const rows = await tx.query(
      `SELECT 1 FROM customers WHERE branch_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid`,
      [branchId, name, exceptId ?? null],
    );
    if (rows.length) throw new ConflictError(`A customer named "${name}" already exists in this branch`);
  }

  /** `origin.leadId`: the lead this customer is converted from (LeadsService.convert holds it locked). */
  async create(ctx: RequestContext, input: CreateCustomerInput, origin: { leadId?: string } = {}): Promise<Customer> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    let ownerId = input.ownerId?.toLowerCase() ?? actor.userId;
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the customers they create; leave ownerId out');
    }
    if (input.ownerId && ownerId !== actor.userId && !can(actor.role, 'customers:assign')) {
      throw new ForbiddenError('Only a branch manager or head office can create a customer for someone else');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the customer');
    }
    ownerId = ownerId.toLowerCase();
    await this.checkOwner(ctx, branchId, ownerId);
    const now = new Date();
    if (input.lastContactAt && input.lastContactAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw BadUserInputError.field('lastContactAt', 'cannot be in the future');
    }
    const primaryCount = (input.contacts ?? []).filter((c) => c.isPrimary).length;
    if (primaryCount > 1) throw BadUserInputError.field('contacts', 'at most one contact can be primary');
    const tx = await ctx.tx();
    const name = input.name.trim();
    await this.checkNameFree(tx, branchId, name);
    const id = randomUUID();
    const nextDue = await this.due(ctx, tx, branchId, input.tier, input.lastContactAt ?? now);
    const rows = await tx.query<CustomerRow>(
      `INSERT INTO customers (branch_id, id, name, tier, industry, region, email, phone, address, notes, owner_id,
         last_contact_at, next_contact_due_at, lead_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${CUSTOMER_COLUMNS}`,
      [
        branchId,
        id,
        name,
        input.tier,
        clean(input.industry) ?? null,
        clean(input.region) ?? null,
        input.email?.trim().toLowerCase() ?? null,
        clean(input.phone) ?? null,
        clean(input.address) ?? null,
        clean(input.notes) ?? null,
        ownerId,
        input.lastContactAt ?? null,
        nextDue,
        origin.leadId ?? null,
      ],
    );
    for (const c of input.contacts ?? []) await this.insertContact(tx, branchId, id, c);
    const customer = toCustomer(rows[0]);
    await writeAudit(ctx, { branchId, entity: 'customer', entityId: id, action: 'create', after: customer });
    await this.scheduleIfDue(ctx, customer, now);
    return customer;
  }

  /** Locks and returns a customer in scope, or NOT_FOUND (the same for another branch's customer). */
  private async lockCustomer(ctx: RequestContext, tx: Tx, id: string): Promise<Customer> {
    const rows = await tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Customer', id);
    return toCustomer(rows[0]);
  }

  private assertActive(c: Customer): void {
    if (c.status !== CustomerStatusEnum.ACTIVE) {
      throw new InvalidStateError(`Customer "${c.name}" is archived; it can no longer be changed`);
    }
  }

  async update(ctx: RequestContext, id: string, input: UpdateCustomerInput): Promise<Customer> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const before = await this.lockCustomer(ctx, tx, id);
    this.assertActive(before);
    const ownerId = input.ownerId?.toLowerCase();
    if (ownerId && ownerId !== before.ownerId) {
      if (!can(actor.role, 'customers:assign')) {
        throw new ForbiddenError('Only a branch manager or head office can reassign a customer');
      }
      await this.checkOwner(ctx, before.branchId, ownerId);
    }
    const name = input.name?.trim();
    if (name && name.toLowerCase() !== before.name.toLowerCase())
      await this.checkNameFree(tx, before.branchId, name, id);
    const tier = input.tier ?? before.tier;
    const nextDue =
      tier !== before.tier
        ? await this.due(ctx, tx, before.branchId, tier, before.lastContactAt ?? before.createdAt)
        : before.nextContactDueAt;
    const set = {
      name: name ?? before.name,
      tier,
      industry: input.industry !== undefined ? clean(input.industry) : before.industry,
      region: input.region !== undefined ? clean(input.region) : before.region,
      email: input.email === undefined ? before.email : (input.email?.trim().toLowerCase() ?? null),
      phone: input.phone !== undefined ? clean(input.phone) : before.phone,
      address: input.address !== undefined ? clean(input.address) : before.address,
      notes: input.notes !== undefined ? clean(input.notes) : before.notes,
      owner_id: ownerId ?? before.ownerId,
    };
    const rows = await tx.query<CustomerRow>(
      `UPDATE customers SET name = $3, tier = $4, industry = $5, region = $6, email = $7, phone = $8, address = $9,
         notes = $10, owner_id = $11, next_contact_due_at = $12, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CUSTOMER_COLUMNS}`,
      [
        before.branchId,
        id,
        set.name,
        set.tier,
        set.industry,
        set.region,
        set.email,
        set.phone,
        set.address,
        set.notes,
        set.owner_id,
        nextDue,
      ],
    );
    if (!rows[0]) throw new NotFoundError('Customer', id); // reassigned away from a rep: no longer theirs
    const after = toCustomer(rows[0]);
    if (after.tier !== before.tier) await this.recordManualTier(ctx, tx, before, after.tier);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'customer',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    await this.scheduleIfDue(ctx, after, new Date());
    return after;
  }

  /**
   * Sets (or, with null, clears) the account manager of a customer: a person of its branch. High-value
   * customers must have one (DOMAIN.md); `unmanagedHighValue` lists those still without.
   */
  async setAccountManager(ctx: RequestContext, id: string, accountManagerId: string | null): Promise<Customer> {
    const tx = await ctx.tx();
    const before = await this.lockCustomer(ctx, tx, id);
    this.assertActive(before);
    const managerId = accountManagerId?.toLowerCase() ?? null;
    if (managerId && !(await this.branches.memberRole(ctx, before.branchId, managerId))) {
      throw BadUserInputError.field('accountManagerId', 'must be a person of the customer’s branch');
    }
    const rows = await tx.query<CustomerRow>(
      `UPDATE customers SET account_manager_id = $3, updated_at = now() WHERE branch_id = $1 AND id = $2
       RETURNING ${CUSTOMER_COLUMNS}`,
      [before.branchId, id, managerId],
    );
    const after = toCustomer(rows[0]);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'customer',
      entityId: id,
      action: managerId ? 'set_account_manager' : 'clear_account_manager',
      before,
      after,
    });
    return after;
  }

  /**
   * Active HIGH customers without an account manager, newest first; head office across branches in one
   * statement (the customers_high_unmanaged partial index), a sales rep their own.
   */
  async unmanagedHighValue(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: { branchId?: string; ownerId?: string } },
  ): Promise<ConnectionShape<Customer>> {
    const filter = new SqlFilter()
      .branches(ctx, args.filter?.branchId)
      .owner(ctx)
      .eq('owner_id', args.filter?.ownerId?.toLowerCase(), 'uuid')
      .where(`tier = 'HIGH' AND status = 'ACTIVE' AND account_manager_id IS NULL`);
    return keysetPage(ctx, args, {
      columns: CUSTOMER_COLUMNS,
      from: 'customers',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (c: Customer) => c.createdAt },
      map: toCustomer,
    });
  }

  /** A tier set by hand joins the tier history (MANUAL); the owner hears of it through the outbox. */
  private async recordManualTier(ctx: RequestContext, tx: Tx, before: Customer, tier: Customer['tier']): Promise<void> {
    const changeId = randomUUID();
    await tx.query(
      `INSERT INTO customer_tier_changes (branch_id, id, customer_id, from_tier, to_tier, reason, changed_by)
       VALUES ($1, $2, $3, $4, $5, 'MANUAL', $6)`,
      [before.branchId, changeId, before.id, before.tier, tier, ctx.requireActor().userId],
    );
    await enqueue(ctx, tieringJobs.tierChanged, { branchId: before.branchId, changeId });
  }

  async archive(ctx: RequestContext, id: string): Promise<Customer> {
    const tx = await ctx.tx();
    const before = await this.lockCustomer(ctx, tx, id);
    this.assertActive(before);
    const rows = await tx.query<CustomerRow>(
      `UPDATE customers SET status = 'ARCHIVED', archived_at = now(), updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${CUSTOMER_COLUMNS}`,
      [before.branchId, id],
    );
    const after = toCustomer(rows[0]);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'customer',
      entityId: id,
      action: 'archive',
      before,
      after,
    });
    return after;
  }

  private async insertContact(tx: Tx, branchId: string, customerId: string, c: ContactInput): Promise<ContactRow> {
    if (c.isPrimary) {
      await tx.query(`UPDATE customer_contacts SET is_primary = false WHERE branch_id = $1 AND customer_id = $2`, [
        branchId,
        customerId,
      ]);
    }
    const rows = await tx.query<ContactRow>(
      `INSERT INTO customer_contacts (branch_id, id, customer_id, name, title, phone, email, is_primary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING branch_id, id, customer_id, name, title, phone, email, is_primary`,
      [
        branchId,
        randomUUID(),
        customerId,
        c.name.trim(),
        clean(c.title) ?? null,
        clean(c.phone) ?? null,
        c.email?.trim().toLowerCase() ?? null,
        c.isPrimary ?? false,
      ],
    );
    return rows[0];
  }

  async addContact(ctx: RequestContext, input: AddContactInput): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const customer = await this.lockCustomer(ctx, tx, input.customerId);
    this.assertActive(customer);
    const row = await this.insertContact(tx, customer.branchId, customer.id, input);
    const contact = toContact(row);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: row.id,
      action: 'create',
      after: contact,
    });
    return contact;
  }

  private async lockContact(
    ctx: RequestContext,
    tx: Tx,
    id: string,
  ): Promise<{ contact: CustomerContact; customer: Customer }> {
    const rows = await tx.query<ContactRow>(
      `SELECT branch_id, id, customer_id, name, title, phone, email, is_primary FROM customer_contacts
       WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Contact', id);
    const customer = await this.lockCustomer(ctx, tx, rows[0].customer_id);
    this.assertActive(customer);
    return { contact: toContact(rows[0]), customer };
  }

  async updateContact(ctx: RequestContext, id: string, input: UpdateContactInput): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const { contact: before, customer } = await this.lockContact(ctx, tx, id);
    if (input.isPrimary) {
      await tx.query(
        `UPDATE customer_contacts SET is_primary = false WHERE branch_id = $1 AND customer_id = $2 AND id <> $3`,
        [customer.branchId, customer.id, id],
      );
    }
    const rows = await tx.query<ContactRow>(
      `UPDATE customer_contacts SET name = $3, title = $4, phone = $5, email = $6, is_primary = $7, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING branch_id, id, customer_id, name, title, phone, email, is_primary`,
      [
        customer.branchId,
        id,
        input.name?.trim() ?? before.name,
        input.title !== undefined ? clean(input.title) : before.title,
        input.phone !== undefined ? clean(input.phone) : before.phone,
        input.email === undefined ? before.email : (input.email?.trim().toLowerCase() ?? null),
        input.isPrimary ?? before.isPrimary,
      ],
    );
    const after = toContact(rows[0]);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async removeContact(ctx: RequestContext, id: string): Promise<CustomerContact> {
    const tx = await ctx.tx();
    const { contact, customer } = await this.lockContact(ctx, tx, id);
    const used = await tx.query(`SELECT 1 FROM contact_logs WHERE branch_id = $1 AND contact_id = $2 LIMIT 1`, [
      customer.branchId,
      id,
    ]);
    if (used.length) {
      throw new InvalidStateError(
        `${contact.name} appears in the contact log and cannot be removed; edit the contact instead`,
      );
    }
    await tx.query(`DELETE FROM customer_contacts WHERE branch_id = $1 AND id = $2`, [customer.branchId, id]);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'customer_contact',
      entityId: id,
      action: 'delete',
      before: contact,
    });
    return contact;
  }

  async logContact(ctx: RequestContext, input: LogContactInput): Promise<ContactLog> {
    const actor = ctx.requireActor();
    const now = new Date();
    if (input.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw BadUserInputError.field('occurredAt', 'cannot be in the future: log a contact after it happened');
    }
    const tx = await ctx.tx();
    const customer = await this.lockCustomer(ctx, tx, input.customerId);
    this.assertActive(customer);
    if (input.contactId) {
      const c = await tx.query(
        `SELECT 1 FROM customer_contacts WHERE branch_id = $1 AND id = $2 AND customer_id = $3`,
        [customer.branchId, input.contactId, customer.id],
      );
      if (!c.length) throw BadUserInputError.field('contactId', 'must be a contact of this customer');
    }
    const rows = await tx.query<LogRow>(
      `INSERT INTO contact_logs (branch_id, id, customer_id, contact_id, channel, summary, occurred_at, logged_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        customer.branchId,
        randomUUID(),
        customer.id,
        input.contactId ?? null,
        input.channel,
        input.summary.trim(),
        input.occurredAt,
        actor.userId,
      ],
    );
    const last =
      customer.lastContactAt && customer.lastContactAt > input.occurredAt ? customer.lastContactAt : input.occurredAt;
    const nextDue = await this.due(ctx, tx, customer.branchId, customer.tier, last);
    await tx.query(
      `UPDATE customers SET last_contact_at = $3, next_contact_due_at = $4, updated_at = now() WHERE branch_id = $1 AND id = $2`,
      [customer.branchId, customer.id, last, nextDue],
    );
    const log = toLog(rows[0]);
    await writeAudit(ctx, {
      branchId: customer.branchId,
      entity: 'contact_log',
      entityId: log.id,
      action: 'create',
      after: log,
    });
    await this.scheduleIfDue(ctx, { ...customer, nextContactDueAt: nextDue }, now);
    return log;
  }

  /** A change that leaves the customer already overdue gets its reminder through the outbox at once. */
  private async scheduleIfDue(ctx: RequestContext, c: Customer, now: Date): Promise<void> {
    if (c.status === CustomerStatusEnum.ACTIVE && c.nextContactDueAt.getTime() <= now.getTime()) {
      await enqueue(ctx, customerJobs.contactDueCheck, { branchId: c.branchId, customerId: c.id });
    }
  }

  // ---------- reminders (worker) ----------

  /**
   * Notifies the owners of the given customers that are due and not yet reminded for their current
   * due date, then marks them. The notification's key carries the due date, so retries add nothing.
   */
  async remindDue(ctx: RequestContext, keys: { branch_id: string; id: string }[]): Promise<number> {
    if (keys.length === 0) return 0;
    const tx = await ctx.tx();
    const rows = await tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c
       WHERE (c.branch_id, c.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
         AND c.status = 'ACTIVE' AND c.next_contact_due_at <= now()
         AND c.contact_reminded_due_at IS DISTINCT FROM c.next_contact_due_at
       FOR UPDATE`,
      [keys.map((k) => k.branch_id), keys.map((k) => k.id)],
    );
    if (rows.length === 0) return 0;
    const loader = this.branches.branchLoader(ctx);
    const notes = await Promise.all(
      rows.map(async (r) => {
        const tz = (await loader.load(r.branch_id))?.timeZone ?? 'UTC';
        return {
          branchId: r.branch_id,
          userId: r.owner_id,
          kind: 'CUSTOMER_CONTACT_DUE',
          title: `Contact ${r.name}: the next contact was due on ${dueOnOf(r.next_contact_due_at, tz)}`,
          body: `${r.tier} tier customer; last contact ${r.last_contact_at ? r.last_contact_at.toISOString() : 'never'}.`,
          subjectType: 'customer',
          subjectId: r.id,
          dedupeKey: `customer-contact-due:${r.id}:${r.next_contact_due_at.toISOString()}`,
        };
      }),
    );
    const created = await this.notifications.notifyMany(ctx, notes);
    await tx.query(
      `UPDATE customers c SET contact_reminded_due_at = c.next_contact_due_at
       WHERE (c.branch_id, c.id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [rows.map((r) => r.branch_id), rows.map((r) => r.id)],
    );
    return created;
  }
}
