import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  clean,
  ConflictError,
  ForbiddenError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { keysetPage, SqlFilter, type ConnectionShape } from '@app/graphql';
import { emitEvent, enqueue } from '@app/jobs';
import { actingBranch, actingOwner, checkOwner, type Owned } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { ContactCadenceService } from './contact-cadence.service.js';
import { CustomerContactsService } from './customer-contacts.service.js';
import { assertActive, FUTURE_TOLERANCE_MS } from './customer-guards.js';
import { customersPage, type PageRelations } from './customer-page.js';
import { Customers, type Customer, type CustomerContact } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';
import type { CustomerFilter, CustomerOrder } from './customer.types.js';
import type { CreateCustomerInput, UpdateCustomerInput } from './dto/customer.input.js';
import { tieringJobs } from './tiering.job-catalogue.js';
import { CustomerTierChanges } from './tiering.entity.js';
import { TierChangeReason } from './tiering.enums.js';
import { KpiEventKind } from '../performance/kpi.enums.js';

const CUSTOMER: Owned = { noun: 'customer', assign: 'customers:assign' };

export type { PageRelations } from './customer-page.js';

/**
 * Customers (客户档案): the records, their owners and account managers, and what other modules read of them.
 * Contacts, the contact log, the cadence and its reminders have their own services beside this one.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly branches: BranchesService,
    private readonly cadence: ContactCadenceService,
    private readonly contacts: CustomerContactsService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Customer | null> {
    return Customers.findInScope(ctx, id);
  }

  /** A page of customers, with the owners and contacts the operation selects in the same statement. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: CustomerFilter; orderBy?: CustomerOrder },
    include: { owner?: boolean; contacts?: boolean } = {},
  ): Promise<ConnectionShape<Customer> & { relations?: PageRelations }> {
    return customersPage(ctx, this.branches, args, include);
  }

  /**
   * Customers by "branchId:id" in one statement per batch, for modules whose rows point at a customer
   * (contracts). RLS applies: a sales rep gets null for a colleague's customer.
   */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Customer | null> {
    return Customers.loader(ctx);
  }

  /** The contacts of many customers ("branchId:customerId"), primary first. */
  contactsLoader(ctx: RequestContext): DataLoader<string, CustomerContact[]> {
    return this.contacts.contactsLoader(ctx);
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
      columns: Customers.cols(),
      from: 'customers',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (c: Customer) => c.createdAt },
      map: Customers.map,
    });
  }

  /**
   * The target customers (重点客户) of these branches: the HIGH tier, the key accounts DOMAIN.md gives a dedicated
   * account manager and weekly contact. Few by definition (purchases above the branch's high threshold).
   */
  async targetIds(ctx: RequestContext, branchIds: readonly string[]): Promise<string[]> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM customers WHERE branch_id = ANY($1::uuid[]) AND tier = 'HIGH'`,
      [branchIds],
    );
    return rows.map((r) => r.id);
  }

  /** The due business day of a customer in its branch, once the branch is at hand. */
  dueOnIn(c: Customer, branch: { timeZone: string } | null): string {
    return this.cadence.dueOnIn(c, branch);
  }

  // ---------- writes ----------

  /** `origin.leadId`: the lead this customer is converted from (LeadsService.convert holds it locked). */
  async create(ctx: RequestContext, input: CreateCustomerInput, origin: { leadId?: string } = {}): Promise<Customer> {
    const branchId = actingBranch(ctx, input.branchId);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, CUSTOMER);
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
    const nextDue = await this.cadence.due(ctx, tx, branchId, input.tier, input.lastContactAt ?? now);
    const customer = await Customers.insert(tx, {
      branchId,
      id,
      name,
      tier: input.tier,
      industry: clean(input.industry) ?? null,
      region: clean(input.region) ?? null,
      email: input.email?.trim().toLowerCase() ?? null,
      phone: clean(input.phone) ?? null,
      address: clean(input.address) ?? null,
      notes: clean(input.notes) ?? null,
      ownerId,
      lastContactAt: input.lastContactAt ?? null,
      nextContactDueAt: nextDue,
      leadId: origin.leadId ?? null,
    });
    for (const c of input.contacts ?? []) await this.contacts.insert(tx, branchId, id, c);
    await writeAudit(ctx, { branchId, entity: 'customer', entityId: id, action: 'create', after: customer });
    await emitEvent(ctx, { kind: KpiEventKind.CUSTOMER_CREATED, branchId, subjectId: id, personId: ownerId });
    await this.cadence.scheduleIfDue(ctx, customer, now);
    return customer;
  }

  async update(ctx: RequestContext, id: string, input: UpdateCustomerInput): Promise<Customer> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const before = await Customers.lock(ctx, id);
    assertActive(before);
    const ownerId = input.ownerId?.toLowerCase();
    if (ownerId && ownerId !== before.ownerId) {
      if (!can(actor.role, 'customers:assign')) {
        throw new ForbiddenError('Only a branch manager or head office can reassign a customer');
      }
      await checkOwner(ctx, this.branches, before.branchId, ownerId, CUSTOMER);
    }
    const name = input.name?.trim();
    if (name && name.toLowerCase() !== before.name.toLowerCase())
      await this.checkNameFree(tx, before.branchId, name, id);
    const tier = input.tier ?? before.tier;
    const nextDue =
      tier !== before.tier
        ? await this.cadence.due(ctx, tx, before.branchId, tier, before.lastContactAt ?? before.createdAt)
        : before.nextContactDueAt;
    // NOT_FOUND when the row left the caller's sight (reassigned away from a rep: no longer theirs).
    const after = await Customers.change(
      ctx,
      before,
      {
        name: name ?? before.name,
        tier,
        industry: input.industry !== undefined ? clean(input.industry) : before.industry,
        region: input.region !== undefined ? clean(input.region) : before.region,
        email: input.email === undefined ? before.email : (input.email?.trim().toLowerCase() ?? null),
        phone: input.phone !== undefined ? clean(input.phone) : before.phone,
        address: input.address !== undefined ? clean(input.address) : before.address,
        notes: input.notes !== undefined ? clean(input.notes) : before.notes,
        ownerId: ownerId ?? before.ownerId,
        nextContactDueAt: nextDue,
      },
      'update',
    );
    if (after.tier !== before.tier) await this.recordManualTier(ctx, tx, before, after.tier);
    await this.cadence.scheduleIfDue(ctx, after, new Date());
    return after;
  }

  /**
   * Sets (or, with null, clears) the account manager of a customer: a person of its branch. High-value
   * customers must have one (DOMAIN.md); `unmanagedHighValue` lists those still without.
   */
  async setAccountManager(ctx: RequestContext, id: string, accountManagerId: string | null): Promise<Customer> {
    const before = await Customers.lock(ctx, id);
    assertActive(before);
    const managerId = accountManagerId?.toLowerCase() ?? null;
    if (managerId && !(await this.branches.memberRole(ctx, before.branchId, managerId))) {
      throw BadUserInputError.field('accountManagerId', 'must be a person of the customer’s branch');
    }
    return Customers.change(
      ctx,
      before,
      { accountManagerId: managerId },
      managerId ? 'set_account_manager' : 'clear_account_manager',
    );
  }

  async archive(ctx: RequestContext, id: string): Promise<Customer> {
    const before = await Customers.lock(ctx, id);
    assertActive(before);
    return Customers.change(ctx, before, { status: CustomerStatusEnum.ARCHIVED, archivedAt: new Date() }, 'archive');
  }

  // ---------- helpers ----------

  /** A tier set by hand joins the tier history (MANUAL); the owner hears of it through the outbox. */
  private async recordManualTier(ctx: RequestContext, tx: Tx, before: Customer, tier: Customer['tier']): Promise<void> {
    const change = await CustomerTierChanges.insert(tx, {
      branchId: before.branchId,
      id: randomUUID(),
      customerId: before.id,
      fromTier: before.tier,
      toTier: tier,
      reason: TierChangeReason.MANUAL,
      changedById: ctx.requireActor().userId,
    });
    await enqueue(ctx, tieringJobs.tierChanged, { branchId: before.branchId, changeId: change.id });
  }

  private async checkNameFree(tx: Tx, branchId: string, name: string, exceptId?: string): Promise<void> {
    // A rep cannot see a colleague's customer; for that case the unique index answers (mapped to CONFLICT).
    const rows = await tx.query(
      `SELECT 1 FROM customers WHERE branch_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid`,
      [branchId, name, exceptId ?? null],
    );
    if (rows.length) throw new ConflictError(`A customer named "${name}" already exists in this branch`);
  }
}
