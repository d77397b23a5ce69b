import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchKindEnum } from '../branches/branch.types.js';
import { BranchesService } from '../branches/branches.service.js';
import type {
  AddPartnerContactInput,
  CreatePartnerAgreementInput,
  CreatePartnerInput,
  PartnerContactInput,
  UpdatePartnerAgreementInput,
  UpdatePartnerInput,
} from './dto/partner.input.js';
import {
  AGREEMENT_COLUMNS,
  CONTACT_COLUMNS,
  agreementColumns,
  PARTNER_COLUMNS,
  refreshAgreementActions,
  toAgreement,
  toContact,
  toPartner,
  type AgreementRow,
  type ContactRow,
  type PartnerRow,
} from './partner-rows.js';
import {
  AgreementStatus,
  type Partner,
  type PartnerAgreement,
  type PartnerContact,
  type PartnerFilter,
  type PartnerTier,
  type PartnerTierCount,
} from './partner.types.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

/** Partners (渠道), their contacts and agreements; a sales rep sees and changes the partners they own. */
@Injectable()
export class PartnersService {
  constructor(private readonly branches: BranchesService) {}

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Partner | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<PartnerRow>(
      `SELECT ${PARTNER_COLUMNS} FROM partners WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toPartner(rows[0]) : null;
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
      columns: PARTNER_COLUMNS,
      from: 'partners',
      filter,
      order: { column: 'name', cast: 'text', value: (p: Partner) => p.name },
      map: toPartner,
    });
  }

  /** Partners (by "branchId:partnerId") in one statement, for the children's `partner` fields. */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Partner | null> {
    return ctx.loader(
      'channels.partners',
      () =>
        new DataLoader<string, Partner | null>(async (keys) => {
          const [branchIds, ids] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<PartnerRow>(
            `SELECT ${PARTNER_COLUMNS} FROM partners
             WHERE (branch_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
            [branchIds, ids],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.id}`, toPartner(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** The contacts of many partners ("branchId:partnerId" keys) in one statement, the primary one first, then by name. */
  contactsLoader(ctx: RequestContext): DataLoader<string, PartnerContact[]> {
    return ctx.loader(
      'channels.contacts',
      () =>
        new DataLoader<string, PartnerContact[]>(async (keys) => {
          const [branchIds, partnerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<ContactRow>(
            `SELECT c.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, partner_id)
             CROSS JOIN LATERAL (SELECT ${CONTACT_COLUMNS} FROM partner_contacts x
               WHERE x.branch_id = k.branch_id AND x.partner_id = k.partner_id
               ORDER BY is_primary DESC, name, id) c`,
            [branchIds, partnerIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.partner_id}`, toContact);
        }),
    );
  }

  /** The agreements of many partners in one statement, latest end first. */
  agreementsLoader(ctx: RequestContext): DataLoader<string, PartnerAgreement[]> {
    return ctx.loader(
      'channels.agreements',
      () =>
        new DataLoader<string, PartnerAgreement[]>(async (keys) => {
          const [branchIds, partnerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<AgreementRow>(
            `SELECT a.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, partner_id)
             CROSS JOIN LATERAL (SELECT ${AGREEMENT_COLUMNS} FROM partner_agreements x
               WHERE x.branch_id = k.branch_id AND x.partner_id = k.partner_id ORDER BY ends_on DESC, id) a`,
            [branchIds, partnerIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.partner_id}`, toAgreement);
        }),
    );
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
    const ownerId = (input.ownerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the partners they create; leave ownerId out');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the partner');
    }
    if (!(await this.branches.memberRole(ctx, branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the partner’s branch');
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO partners (branch_id, id, kind, name, region, status, owner_id, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        branchId,
        id,
        input.kind,
        input.name.trim(),
        input.region.trim(),
        input.state ?? input.status ?? 'CANDIDATE',
        ownerId,
        clean(input.notes),
        actor.userId,
      ],
    );
    for (const c of contacts) await this.insertContact(tx, branchId, id, c);
    const partner = await this.lockKey(tx, branchId, id);
    await writeAudit(ctx, {
      branchId,
      entity: 'partner',
      entityId: id,
      action: 'create',
      after: { ...partner, contacts },
    });
    return partner;
  }

  async update(ctx: RequestContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    let ownerId = before.ownerId;
    if (input.ownerId && input.ownerId.toLowerCase() !== before.ownerId) {
      if (ctx.ownOnly) throw new ForbiddenError('A sales representative cannot hand a partner to someone else');
      ownerId = input.ownerId.toLowerCase();
      if (!(await this.branches.memberRole(ctx, before.branchId, ownerId))) {
        throw BadUserInputError.field('ownerId', 'must be a person of the partner’s branch');
      }
    }
    const rows = await tx.query<PartnerRow>(
      `UPDATE partners SET kind = $3, name = $4, region = $5, status = $6, owner_id = $7, notes = $8, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${PARTNER_COLUMNS}`,
      [
        before.branchId,
        id,
        input.kind ?? before.kind,
        input.name?.trim() ?? before.name,
        input.region?.trim() ?? before.region,
        input.state ?? input.status ?? before.status,
        ownerId,
        input.notes !== undefined ? clean(input.notes) : before.notes,
      ],
    );
    const after = toPartner(rows[0]);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'partner',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async addContact(ctx: RequestContext, input: AddPartnerContactInput): Promise<PartnerContact> {
    const c = this.checkContact(input, '');
    const tx = await ctx.tx();
    const partner = await this.lock(ctx, tx, input.partnerId.toLowerCase());
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

  async createAgreement(ctx: RequestContext, input: CreatePartnerAgreementInput): Promise<PartnerAgreement> {
    if (input.endsOn < input.startsOn) throw BadUserInputError.field('endsOn', 'must not be before startsOn');
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const partner = await this.lock(ctx, tx, input.partnerId.toLowerCase());
    const id = randomUUID();
    await tx.query(
      `INSERT INTO partner_agreements (branch_id, id, partner_id, starts_on, ends_on, territory, terms, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        partner.branchId,
        id,
        partner.id,
        input.startsOn,
        input.endsOn,
        input.territory.trim(),
        input.terms.trim(),
        actor.userId,
      ],
    );
    await refreshAgreementActions(tx, partner.branchId, [id]);
    const after = await this.agreementKey(tx, partner.branchId, id);
    await writeAudit(ctx, {
      branchId: partner.branchId,
      entity: 'partner_agreement',
      entityId: id,
      action: 'create',
      after,
    });
    return after;
  }

  async updateAgreement(
    ctx: RequestContext,
    id: string,
    input: UpdatePartnerAgreementInput,
  ): Promise<PartnerAgreement> {
    const tx = await ctx.tx();
    const before = await this.lockAgreement(ctx, tx, id);
    if (before.status !== AgreementStatus.ACTIVE) {
      throw new InvalidStateError(`An agreement in ${before.status} cannot be changed; record a new one instead`);
    }
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    if (endsOn < startsOn)
      throw BadUserInputError.field(input.endsOn ? 'endsOn' : 'startsOn', 'the term must not end before it starts');
    await tx.query(
      `UPDATE partner_agreements SET starts_on = $3, ends_on = $4, territory = $5, terms = $6, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [
        before.branchId,
        id,
        startsOn,
        endsOn,
        input.territory?.trim() ?? before.territory,
        input.terms?.trim() ?? before.terms,
      ],
    );
    // A new end moves the reminders (their dedupe keys name the end, so they are sent again for it).
    if (endsOn !== before.endsOn) await refreshAgreementActions(tx, before.branchId, [id]);
    const after = await this.agreementKey(tx, before.branchId, id);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'partner_agreement',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  async terminateAgreement(ctx: RequestContext, id: string, reason: string): Promise<PartnerAgreement> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const tx = await ctx.tx();
    const before = await this.lockAgreement(ctx, tx, id);
    if (before.status !== AgreementStatus.ACTIVE) {
      throw new InvalidStateError(`Only an ACTIVE agreement can be terminated; this one is ${before.status}`);
    }
    const rows = await tx.query<AgreementRow>(
      `UPDATE partner_agreements SET status = 'TERMINATED', termination_reason = $3, reminder_days = NULL,
         next_action_at = NULL, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${AGREEMENT_COLUMNS}`,
      [before.branchId, id, why],
    );
    const after = toAgreement(rows[0]);
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'partner_agreement',
      entityId: id,
      action: 'terminate',
      before,
      after,
    });
    return after;
  }

  // ---------- helpers (the module's other services lock partners through these too) ----------

  /** Locks and returns a partner in scope, or NOT_FOUND (the same for another branch's or a colleague's). */
  async lock(ctx: RequestContext, tx: Tx, id: string): Promise<Partner> {
    const rows = await tx.query<PartnerRow>(
      `SELECT ${PARTNER_COLUMNS} FROM partners WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Partner', id);
    return toPartner(rows[0]);
  }

  private async lockKey(tx: Tx, branchId: string, id: string): Promise<Partner> {
    const rows = await tx.query<PartnerRow>(
      `SELECT ${PARTNER_COLUMNS} FROM partners WHERE branch_id = $1 AND id = $2`,
      [branchId, id],
    );
    return toPartner(rows[0]);
  }

  /** An agreement whose partner is in scope, locked with its partner, or NOT_FOUND. */
  private async lockAgreement(ctx: RequestContext, tx: Tx, id: string): Promise<PartnerAgreement> {
    const rows = await tx.query<AgreementRow>(
      `SELECT ${agreementColumns('a')} FROM partner_agreements a
       JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
       WHERE a.branch_id = ANY($1::uuid[]) AND a.id = $2 FOR UPDATE OF a, p`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Partner agreement', id);
    return toAgreement(rows[0]);
  }

  private async agreementKey(tx: Tx, branchId: string, id: string): Promise<PartnerAgreement> {
    const rows = await tx.query<AgreementRow>(
      `SELECT ${AGREEMENT_COLUMNS} FROM partner_agreements WHERE branch_id = $1 AND id = $2`,
      [branchId, id],
    );
    return toAgreement(rows[0]);
  }

  private checkContact(c: PartnerContactInput, at: string) {
    const phone = clean(c.phone);
    const email = clean(c.email)?.toLowerCase() ?? null;
    if (!phone && !email) throw BadUserInputError.field(at ? `${at}.phone` : 'phone', 'give a phone or an e-mail');
    return { name: c.name.trim(), title: clean(c.title), phone, email, isPrimary: c.isPrimary ?? false };
  }

  private async insertContact(
    tx: Tx,
    branchId: string,
    partnerId: string,
    c: ReturnType<PartnersService['checkContact']>,
  ): Promise<PartnerContact> {
    const rows = await tx.query<ContactRow>(
      `INSERT INTO partner_contacts (branch_id, id, partner_id, name, title, phone, email, is_primary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${CONTACT_COLUMNS}`,
      [branchId, randomUUID(), partnerId, c.name, c.title, c.phone, c.email, c.isPrimary],
    );
    return toContact(rows[0]);
  }
}
