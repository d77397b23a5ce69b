import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, ForbiddenError, clean, writeAudit, type RequestContext, type Tx } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner, checkOwner } from '../branches/acting-branch.js';
import { BranchKindEnum } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import type {
  AddPartnerContactInput,
  CreatePartnerInput,
  PartnerContactInput,
  UpdatePartnerInput,
} from './dto/partner.input.js';
import { PartnerContacts, Partners, type Partner, type PartnerContact } from './channel.entity.js';
import { PartnerStatus, type PartnerTier } from './channel.enums.js';
import type { PartnerFilter, PartnerTierCount } from './partner.types.js';

/** Partners (渠道) and their contacts; a sales rep sees and changes the partners they own. Agreements: partner-agreements.service.ts. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Partner | null> {
    return Partners.findInScope(ctx, id);
  }

  /**
   * By name. Head office without a branch filter gets every branch in one statement, walking
   * partners_name (name, id, branch_id) in the page's order.
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerFilter },
  ): Promise<ConnectionShape<Partner>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('owner_id', f.ownerId?.toLowerCase(), 'uuid')
      .eq('kind', f.kind)
      .eq('status', f.state ?? f.status)
      .eq('tier', f.tier)
      .eq('region', f.region?.trim());
    return keysetPage(ctx, args, {
      columns: Partners.cols(),
      from: 'partners',
      filter,
      order: { column: 'name', cast: 'text', value: (p: Partner) => p.name },
      map: Partners.map,
    });
  }

  /** Partners (by "branchId:partnerId") in one statement, for the children's `partner` fields. */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Partner | null> {
    return Partners.loader(ctx);
  }

  /** The contacts of many partners ("branchId:partnerId" keys) in one statement, the primary one first, then by name. */
  contactsLoader(ctx: RequestContext): DataLoader<string, PartnerContact[]> {
    return PartnerContacts.childLoader(ctx, 'partnerId', 'x.is_primary DESC, x.name, x.id');
  }

  /** Head office's dashboard: partners per branch and tier (null: not evaluated), one statement for every branch. */
  async countsByBranchAndTier(
    ctx: RequestContext,
    f: { branchId?: string; kind?: string; status?: string } = {},
  ): Promise<PartnerTierCount[]> {
    const filter = new SqlFilter().branches(ctx, f.branchId, 'p.branch_id').owner(ctx, 'p.owner_id');
    filter.eq('p.kind', f.kind).eq('p.status', f.status);
    const tx = await ctx.tx();
    const rows = await tx.query<{
      branch_id: string;
      code: string;
      name: string;
      kind: string;
      time_zone: string;
      currency: string;
      tier: PartnerTier | null;
      count: number;
    }>(
      `SELECT p.branch_id, b.code, b.name, b.kind, b.time_zone, b.currency, p.tier, count(*)::int AS count
       FROM partners p JOIN scope_branches b ON b.id = p.branch_id
       WHERE ${filter.sql}
       GROUP BY p.branch_id, b.code, b.name, b.kind, b.time_zone, b.currency, p.tier
       ORDER BY b.code, p.branch_id, p.tier NULLS LAST`,
      filter.params,
    );
    return rows.map((r) => ({
      branch: {
        id: r.branch_id,
        code: r.code,
        name: r.name,
        kind: r.kind as BranchKindEnum,
        timeZone: r.time_zone,
        currency: r.currency,
      },
      tier: r.tier,
      count: r.count,
    }));
  }

  // ---------- writes ----------

  async create(ctx: RequestContext, input: CreatePartnerInput): Promise<Partner> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const contacts = (input.contacts ?? []).map((c, i) => this.checkContact(c, `contacts[${i}]`));
    if (contacts.filter((c) => c.isPrimary).length > 1) {
      throw BadUserInputError.field('contacts', 'at most one contact is the primary one');
    }
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'partner' });
    const customerId = input.customerId ? await this.buyingAs(ctx, branchId, input.customerId) : null;
    const tx = await ctx.tx();
    const partner = await Partners.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      name: input.name.trim(),
      region: input.region.trim(),
      status: input.state ?? input.status ?? PartnerStatus.CANDIDATE,
      ownerId,
      notes: clean(input.notes) ?? null,
      customerId,
      createdById: actor.userId,
    });
    for (const c of contacts) await this.insertContact(tx, branchId, partner.id, c);
    await writeAudit(ctx, {
      branchId,
      entity: 'partner',
      entityId: partner.id,
      action: 'create',
      after: { ...partner, contacts },
    });
    return partner;
  }

  async update(ctx: RequestContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
    const before = await Partners.lock(ctx, id);
    let ownerId = before.ownerId;
    if (input.ownerId && input.ownerId.toLowerCase() !== before.ownerId) {
      if (ctx.ownOnly) throw new ForbiddenError('A sales representative cannot hand a partner to someone else');
      ownerId = input.ownerId.toLowerCase();
      await checkOwner(ctx, this.branches, before.branchId, ownerId, { noun: 'partner' });
    }
    const customerId = input.customerId
      ? await this.buyingAs(ctx, before.branchId, input.customerId)
      : before.customerId;
    return Partners.change(
      ctx,
      before,
      {
        kind: input.kind ?? before.kind,
        name: input.name?.trim() ?? before.name,
        region: input.region?.trim() ?? before.region,
        status: input.state ?? input.status ?? before.status,
        ownerId,
        notes: input.notes !== undefined ? clean(input.notes) : before.notes,
        customerId,
      },
      'update',
    );
  }

  /** The customer record a partner buys under: one you may see, of the partner's branch; else BAD_USER_INPUT. */
  private async buyingAs(ctx: RequestContext, branchId: string, customerId: string): Promise<string> {
    const customer = await this.customers.findOne(ctx, customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) {
      throw BadUserInputError.field('customerId', 'is not a customer of the partner’s branch that you may see');
    }
    return customer.id;
  }

  async addContact(ctx: RequestContext, input: AddPartnerContactInput): Promise<PartnerContact> {
    const c = this.checkContact(input, '');
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    // A new primary contact takes over from the old one.
    if (c.isPrimary) {
      await tx.query(
        'UPDATE partner_contacts SET is_primary = false WHERE branch_id = $1 AND partner_id = $2 AND is_primary',
        [partner.branchId, partner.id],
      );
    }
    const contact = await this.insertContact(tx, partner.branchId, partner.id, c);
    await writeAudit(ctx, {
      branchId: partner.branchId,
      entity: 'partner_contact',
      entityId: contact.id,
      action: 'create',
      after: contact,
    });
    return contact;
  }

  // ---------- helpers ----------

  private checkContact(c: PartnerContactInput, at: string) {
    const phone = clean(c.phone) ?? null;
    const email = clean(c.email)?.toLowerCase() ?? null;
    if (!phone && !email) throw BadUserInputError.field(at ? `${at}.phone` : 'phone', 'give a phone or an e-mail');
    return { name: c.name.trim(), title: clean(c.title) ?? null, phone, email, isPrimary: c.isPrimary ?? false };
  }

  private insertContact(
    tx: Tx,
    branchId: string,
    partnerId: string,
    c: ReturnType<PartnersService['checkContact']>,
  ): Promise<PartnerContact> {
    return PartnerContacts.insert(tx, { branchId, id: randomUUID(), partnerId, ...c });
  }
}
