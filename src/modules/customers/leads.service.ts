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
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { CustomerTierEnum, type Customer } from './customer.types.js';
import { CustomersService } from './customers.service.js';
import type { ConvertLeadInput, CreateLeadInput, ScreenLeadInput, UpdateLeadInput } from './dto/lead.input.js';
import { LEAD_COLUMNS, toLead, toLeadEvent, type LeadEventRow, type LeadRow } from './lead-rows.js';
import {
  LeadEventKind,
  LeadMatch,
  LeadScreening,
  LeadState,
  type Lead,
  type LeadDuplicate,
  type LeadEvent,
  type LeadFilter,
} from './lead.types.js';
import { phoneKey } from './phone-key.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);
const lower = (s: string | undefined | null) => clean(s)?.toLowerCase() ?? null;
const keyOf = (l: { branchId: string; id: string }) => `${l.branchId}:${l.id}`;

const HIDDEN_MESSAGE: Record<LeadMatch, string> = {
  [LeadMatch.PHONE]: 'A lead with this phone number exists in your branch; ask your manager before contacting',
  [LeadMatch.EMAIL]: 'A lead with this e-mail address exists in your branch; ask your manager before contacting',
};

const ROLE_TITLE: Record<string, string> = {
  MANAGER: 'Manager',
  SUPERVISOR: 'Supervisor',
  STAFF_IN_CHARGE: 'Staff in charge',
  OTHER: 'Contact',
};

/** Leads (线索): validity kept by the database, duplicates within a branch, screening, conversion into a customer. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Lead | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toLead(rows[0]) : null;
  }

  /** Newest first. Head office without a branch filter gets every branch in one statement (leads_created). */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: LeadFilter },
  ): Promise<ConnectionShape<Lead>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('owner_id', f.ownerId?.toLowerCase(), 'uuid')
      .eq('source', f.source)
      .eq('screening', f.screening)
      .eq('state', f.state)
      .eq('valid', f.valid, 'boolean');
    return keysetPage(ctx, args, {
      columns: LEAD_COLUMNS,
      from: 'leads',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (l: Lead) => l.createdAt },
      map: toLead,
    });
  }

  /** Leads by "branchId:id" in one statement per batch (a customer's lead). */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Lead | null> {
    return ctx.loader(
      'leads.byKey',
      () =>
        new DataLoader<string, Lead | null>(async (keys) => {
          const [branchIds, ids] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<LeadRow>(
            `SELECT ${LEAD_COLUMNS.split(',')
              .map((c) => `l.${c.trim()}`)
              .join(', ')}
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id)
             JOIN leads l ON l.branch_id = k.branch_id AND l.id = k.id`,
            [branchIds, ids],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.id}`, toLead(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** The timelines of many leads ("branchId:leadId" keys) in one statement, oldest entry first. */
  eventsLoader(ctx: RequestContext): DataLoader<string, LeadEvent[]> {
    return ctx.loader(
      'leads.events',
      () =>
        new DataLoader<string, LeadEvent[]>(async (keys) => {
          const [branchIds, leadIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<LeadEventRow>(
            `SELECT e.branch_id, e.id, e.lead_id, e.kind, e.note, e.actor_id, e.created_at
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, lead_id)
             JOIN lead_events e ON e.branch_id = k.branch_id AND e.lead_id = k.lead_id
             ORDER BY e.created_at, e.id`,
            [branchIds, leadIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.lead_id}`, toLeadEvent);
        }),
    );
  }

  /**
   * The duplicates of many leads in two statements: the ones the caller may see (RLS applies), and, for a
   * sales rep, whether a colleague's lead shares the phone or e-mail (lead_hidden_duplicates: no data).
   */
  duplicatesLoader(ctx: RequestContext): DataLoader<Lead, LeadDuplicate[], string> {
    return ctx.loader(
      'leads.duplicates',
      () =>
        new DataLoader<Lead, LeadDuplicate[], string>(
          async (leads) => {
            const tx = await ctx.tx();
            const params = [
              leads.map((l) => l.branchId),
              leads.map((l) => l.id),
              leads.map((l) => l.mobileKey),
              leads.map((l) => l.email),
            ];
            const visible = await tx.query<LeadRow & { of_branch: string; of_id: string; on: LeadMatch[] }>(
              `SELECT k.b AS of_branch, k.l AS of_id, x.*
               FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS k(b, l, mobile, email)
               CROSS JOIN LATERAL (
                 SELECT ${LEAD_COLUMNS}, array_remove(ARRAY[
                   CASE WHEN mobile_key = k.mobile THEN 'PHONE' END, CASE WHEN email = k.email THEN 'EMAIL' END], NULL) AS on
                 FROM leads WHERE branch_id = k.b AND id <> k.l AND (mobile_key = k.mobile OR email = k.email)
                 ORDER BY created_at, id
               ) x`,
              params,
            );
            const hidden = ctx.ownOnly
              ? await tx.query<{ branch_id: string; lead_id: string; matched_on: LeadMatch }>(
                  `SELECT branch_id, lead_id, matched_on FROM lead_hidden_duplicates($1, $2, $3, $4)`,
                  params,
                )
              : [];
            const out = new Map<string, LeadDuplicate[]>();
            const push = (key: string, d: LeadDuplicate) => out.set(key, [...(out.get(key) ?? []), d]);
            for (const r of visible) {
              push(`${r.of_branch}:${r.of_id}`, {
                matchedOn: r.on,
                lead: toLead(r),
                message: `${r.company}${r.contact_name ? ` (${r.contact_name})` : ''} has the same ${r.on
                  .map((m) => (m === LeadMatch.PHONE ? 'phone number' : 'e-mail address'))
                  .join(' and ')}`,
              });
            }
            for (const r of hidden) {
              push(`${r.branch_id}:${r.lead_id}`, {
                matchedOn: [r.matched_on],
                lead: null,
                message: HIDDEN_MESSAGE[r.matched_on],
              });
            }
            return leads.map((l) => out.get(keyOf(l)) ?? []);
          },
          { cacheKeyFn: keyOf },
        ),
    );
  }

  // ---------- writes ----------

  async create(ctx: RequestContext, input: CreateLeadInput): Promise<Lead> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const ownerId = (input.ownerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the leads they create; leave ownerId out');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the lead');
    }
    if (ownerId !== actor.userId && !can(actor.role, 'customers:assign')) {
      throw new ForbiddenError('Only a branch manager or head office can create a lead for someone else');
    }
    await this.checkOwner(ctx, branchId, ownerId);
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, messaging_account, email,
         switchboard, mobile_key, switchboard_key, owner_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        branchId,
        id,
        input.source,
        input.company.trim(),
        clean(input.contactName),
        input.contactRole ?? null,
        clean(input.mobile),
        clean(input.messagingAccount),
        lower(input.email),
        clean(input.switchboard),
        phoneKey(input.mobile),
        phoneKey(input.switchboard),
        ownerId,
        actor.userId,
      ],
    );
    await this.event(ctx, tx, branchId, id, LeadEventKind.CREATED, clean(input.note));
    const lead = await this.reload(tx, branchId, id);
    await writeAudit(ctx, { branchId, entity: 'lead', entityId: id, action: 'create', after: lead });
    return lead;
  }

  async update(ctx: RequestContext, id: string, input: UpdateLeadInput): Promise<Lead> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    this.assertOpen(before);
    const ownerId = input.ownerId?.toLowerCase() ?? before.ownerId;
    if (ownerId !== before.ownerId) {
      if (!can(actor.role, 'customers:assign')) {
        throw new ForbiddenError('Only a branch manager or head office can hand a lead to someone else');
      }
      await this.checkOwner(ctx, before.branchId, ownerId);
    }
    const pick = <T>(v: T | null | undefined, old: T | null, f: (x: T | null | undefined) => T | null) =>
      v === undefined ? old : f(v);
    const mobile = pick(input.mobile, before.mobile, clean);
    const switchboard = pick(input.switchboard, before.switchboard, clean);
    await tx.query(
      `UPDATE leads SET source = $3, company = $4, contact_name = $5, contact_role = $6, mobile = $7,
         messaging_account = $8, email = $9, switchboard = $10, mobile_key = $11, switchboard_key = $12,
         owner_id = $13, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [
        before.branchId,
        id,
        input.source ?? before.source,
        clean(input.company) ?? before.company,
        pick(input.contactName, before.contactName, clean),
        input.contactRole === undefined ? before.contactRole : input.contactRole,
        mobile,
        pick(input.messagingAccount, before.messagingAccount, clean),
        pick(input.email, before.email, lower),
        switchboard,
        phoneKey(mobile),
        phoneKey(switchboard),
        ownerId,
      ],
    );
    // One entry per change: two in one transaction could share a millisecond and swap places in the timeline.
    if (ownerId !== before.ownerId) {
      await this.event(ctx, tx, before.branchId, id, LeadEventKind.REASSIGNED, `Handed to ${ownerId}`);
    } else {
      await this.event(ctx, tx, before.branchId, id, LeadEventKind.UPDATED);
    }
    const after = await this.reload(tx, before.branchId, id);
    await writeAudit(ctx, { branchId: before.branchId, entity: 'lead', entityId: id, action: 'update', before, after });
    return after;
  }

  async screen(ctx: RequestContext, id: string, input: ScreenLeadInput): Promise<Lead> {
    const actor = ctx.requireActor();
    const note = clean(input.note);
    if (input.outcome === LeadScreening.UNFIT && !note) {
      throw BadUserInputError.field('note', 'say why the lead is unfit');
    }
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    this.assertOpen(before);
    const pending = input.outcome === LeadScreening.PENDING;
    await tx.query(
      `UPDATE leads SET screening = $3, screening_note = $4, screened_at = $5, screened_by = $6, updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [before.branchId, id, input.outcome, note, pending ? null : new Date(), pending ? null : actor.userId],
    );
    await this.event(
      ctx,
      tx,
      before.branchId,
      id,
      LeadEventKind.SCREENED,
      `${input.outcome}${note ? `: ${note}` : ''}`,
    );
    const after = await this.reload(tx, before.branchId, id);
    await writeAudit(ctx, { branchId: before.branchId, entity: 'lead', entityId: id, action: 'screen', before, after });
    return after;
  }

  /** A note on the timeline; allowed after conversion too (the history goes on being read). */
  async addNote(ctx: RequestContext, id: string, note: string): Promise<LeadEvent> {
    const text = note.trim();
    if (text.length < 1 || text.length > 4000) throw BadUserInputError.field('note', 'must be 1 to 4000 characters');
    const tx = await ctx.tx();
    const lead = await this.lock(ctx, tx, id);
    const event = await this.event(ctx, tx, lead.branchId, id, LeadEventKind.NOTE, text);
    await writeAudit(ctx, {
      branchId: lead.branchId,
      entity: 'lead_event',
      entityId: event.id,
      action: 'create',
      after: event,
    });
    return event;
  }

  /**
   * Makes a customer of a valid, not unfit lead, once: the lead row is locked, so a second conversion
   * running at the same time waits and then finds it CONVERTED (CONFLICT). The customer links back to
   * the lead; the lead keeps its timeline and points at the customer.
   */
  async convert(ctx: RequestContext, id: string, input: ConvertLeadInput): Promise<{ lead: Lead; customer: Customer }> {
    const tx = await ctx.tx();
    const lead = await this.lock(ctx, tx, id);
    if (lead.state === LeadState.CONVERTED) {
      throw new ConflictError(`This lead was already converted into a customer (${lead.customerId})`);
    }
    if (!lead.valid) {
      throw new InvalidStateError(`Only a valid lead can be converted; it lacks: ${lead.missing.join(', ')}`);
    }
    if (lead.screening === LeadScreening.UNFIT) {
      throw new InvalidStateError('This lead was screened UNFIT; screen it again before converting it');
    }
    const customer = await this.customers.create(
      ctx,
      {
        branchId: lead.branchId,
        ownerId: lead.ownerId,
        name: input.name?.trim() || lead.company,
        tier: input.tier ?? CustomerTierEnum.LOW,
        industry: input.industry,
        region: input.region,
        address: input.address,
        phone: lead.switchboard ?? undefined,
        email: lead.email ?? undefined,
        contacts: lead.contactName
          ? [
              {
                name: lead.contactName,
                title: lead.contactRole ? ROLE_TITLE[lead.contactRole] : undefined,
                phone: lead.mobile ?? undefined,
                email: lead.email ?? undefined,
                isPrimary: true,
              },
            ]
          : [],
      },
      { leadId: lead.id },
    );
    await tx.query(
      `UPDATE leads SET state = 'CONVERTED', customer_id = $3, converted_at = now(), updated_at = now()
       WHERE branch_id = $1 AND id = $2`,
      [lead.branchId, id, customer.id],
    );
    await this.event(ctx, tx, lead.branchId, id, LeadEventKind.CONVERTED, `Customer ${customer.name}`);
    const after = await this.reload(tx, lead.branchId, id);
    await writeAudit(ctx, {
      branchId: lead.branchId,
      entity: 'lead',
      entityId: id,
      action: 'convert',
      before: lead,
      after,
    });
    return { lead: after, customer };
  }

  // ---------- helpers ----------

  private async checkOwner(ctx: RequestContext, branchId: string, ownerId: string): Promise<void> {
    if (!(await this.branches.memberRole(ctx, branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the lead’s branch');
    }
  }

  private assertOpen(l: Lead): void {
    if (l.state !== LeadState.OPEN) {
      throw new InvalidStateError('This lead was converted into a customer; change the customer instead');
    }
  }

  /** Locks and returns a lead in scope, or NOT_FOUND (the same for another branch's or a colleague's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<Lead> {
    const rows = await tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Lead', id);
    return toLead(rows[0]);
  }

  private async reload(tx: Tx, branchId: string, id: string): Promise<Lead> {
    const rows = await tx.query<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE branch_id = $1 AND id = $2`, [
      branchId,
      id,
    ]);
    if (!rows[0]) throw new NotFoundError('Lead', id); // handed to a colleague by a rep: out of their sight
    return toLead(rows[0]);
  }

  private async event(
    ctx: RequestContext,
    tx: Tx,
    branchId: string,
    leadId: string,
    kind: LeadEventKind,
    note: string | null = null,
  ): Promise<LeadEvent> {
    const rows = await tx.query<LeadEventRow>(
      `INSERT INTO lead_events (branch_id, id, lead_id, kind, note, actor_id) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING branch_id, id, lead_id, kind, note, actor_id, created_at`,
      [branchId, randomUUID(), leadId, kind, note, ctx.requireActor().userId],
    );
    return toLeadEvent(rows[0]);
  }
}
