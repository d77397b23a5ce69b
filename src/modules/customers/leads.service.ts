import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  clean,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner, checkOwner, type Owned } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import type { Customer } from './customer.entity.js';
import { CustomerTierEnum } from './customer.enums.js';
import { CustomersService } from './customers.service.js';
import type { ConvertLeadInput, CreateLeadInput, ScreenLeadInput, UpdateLeadInput } from './dto/lead.input.js';
import { LeadEvents, Leads, type Lead, type LeadEvent } from './lead.entity.js';
import { LeadEventKind, LeadScreening, LeadState } from './lead.enums.js';
import { LeadMatch, type LeadDuplicate, type LeadFilter } from './lead.types.js';
import { phoneKey } from './phone-key.js';
import { emitEvent } from '@app/jobs';
import { KpiEventKind } from '../performance/kpi.enums.js';

/** Optional text as a lead stores it: trimmed, blank or absent is null. */
const LEAD: Owned = { noun: 'lead', assign: 'customers:assign' };
const text = (s: string | undefined | null): string | null => clean(s) ?? null;
const lower = (s: string | undefined | null) => text(s)?.toLowerCase() ?? null;
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

  findOne(ctx: RequestContext, id: string): Promise<Lead | null> {
    return Leads.findInScope(ctx, id);
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
      columns: Leads.cols(),
      from: 'leads',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (l: Lead) => l.createdAt },
      map: Leads.map,
    });
  }

  /** Leads by "branchId:id" in one statement per batch (a customer's lead). */
  byKeyLoader(ctx: RequestContext): DataLoader<string, Lead | null> {
    return Leads.loader(ctx);
  }

  /** The timelines of many leads ("branchId:leadId" keys) in one statement, oldest entry first. */
  eventsLoader(ctx: RequestContext): DataLoader<string, LeadEvent[]> {
    return LeadEvents.childLoader(ctx, 'leadId', 'x.created_at, x.id');
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
            const visible = await tx.query<Lead & { of_branch: string; of_id: string; on: LeadMatch[] }>(
              `SELECT k.b AS of_branch, k.l AS of_id, x.*
               FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS k(b, l, mobile, email)
               CROSS JOIN LATERAL (
                 SELECT ${Leads.cols()}, array_remove(ARRAY[
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
            for (const { of_branch, of_id, on, ...r } of visible) {
              const lead = Leads.map(r);
              push(`${of_branch}:${of_id}`, {
                matchedOn: on,
                lead,
                message: `${lead.company}${lead.contactName ? ` (${lead.contactName})` : ''} has the same ${on
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
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, LEAD);
    const tx = await ctx.tx();
    const id = randomUUID();
    const lead = await Leads.insert(tx, {
      branchId,
      id,
      source: input.source,
      company: input.company.trim(),
      contactName: text(input.contactName),
      contactRole: input.contactRole ?? null,
      mobile: text(input.mobile),
      messagingAccount: text(input.messagingAccount),
      email: lower(input.email),
      switchboard: text(input.switchboard),
      mobileKey: phoneKey(input.mobile),
      switchboardKey: phoneKey(input.switchboard),
      ownerId,
      createdById: actor.userId,
    });
    await this.event(ctx, tx, branchId, id, LeadEventKind.CREATED, text(input.note));
    await writeAudit(ctx, { branchId, entity: 'lead', entityId: id, action: 'create', after: lead });
    if (lead.valid)
      await emitEvent(ctx, { kind: KpiEventKind.LEAD_VALIDATED, branchId, subjectId: id, personId: ownerId });
    return lead;
  }

  async update(ctx: RequestContext, id: string, input: UpdateLeadInput): Promise<Lead> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const before = await Leads.lock(ctx, id);
    this.assertOpen(before);
    const ownerId = input.ownerId?.toLowerCase() ?? before.ownerId;
    if (ownerId !== before.ownerId) {
      if (!can(actor.role, 'customers:assign')) {
        throw new ForbiddenError('Only a branch manager or head office can hand a lead to someone else');
      }
      await checkOwner(ctx, this.branches, before.branchId, ownerId, LEAD);
    }
    const pick = <T>(v: T | null | undefined, old: T | null, f: (x: T | null | undefined) => T | null) =>
      v === undefined ? old : f(v);
    const mobile = pick(input.mobile, before.mobile, text);
    const switchboard = pick(input.switchboard, before.switchboard, text);
    const after = await Leads.change(
      ctx,
      before,
      {
        source: input.source ?? before.source,
        company: text(input.company) ?? before.company,
        contactName: pick(input.contactName, before.contactName, text),
        contactRole: input.contactRole === undefined ? before.contactRole : input.contactRole,
        mobile,
        messagingAccount: pick(input.messagingAccount, before.messagingAccount, text),
        email: pick(input.email, before.email, lower),
        switchboard,
        mobileKey: phoneKey(mobile),
        switchboardKey: phoneKey(switchboard),
        ownerId,
      },
      'update',
    );
    if (after.valid && !before.valid)
      await emitEvent(ctx, {
        kind: KpiEventKind.LEAD_VALIDATED,
        branchId: after.branchId,
        subjectId: id,
        personId: ownerId,
      });
    // One entry per change: two in one transaction could share a millisecond and swap places in the timeline.
    if (ownerId !== before.ownerId) {
      await this.event(ctx, tx, before.branchId, id, LeadEventKind.REASSIGNED, `Handed to ${ownerId}`);
    } else {
      await this.event(ctx, tx, before.branchId, id, LeadEventKind.UPDATED);
    }
    return after;
  }

  async screen(ctx: RequestContext, id: string, input: ScreenLeadInput): Promise<Lead> {
    const actor = ctx.requireActor();
    const note = text(input.note);
    if (input.outcome === LeadScreening.UNFIT && !note) {
      throw BadUserInputError.field('note', 'say why the lead is unfit');
    }
    const tx = await ctx.tx();
    const before = await Leads.lock(ctx, id);
    this.assertOpen(before);
    const pending = input.outcome === LeadScreening.PENDING;
    const after = await Leads.change(
      ctx,
      before,
      {
        screening: input.outcome,
        screeningNote: note,
        screenedAt: pending ? null : new Date(),
        screenedById: pending ? null : actor.userId,
      },
      'screen',
    );
    await this.event(
      ctx,
      tx,
      before.branchId,
      id,
      LeadEventKind.SCREENED,
      `${input.outcome}${note ? `: ${note}` : ''}`,
    );
    return after;
  }

  /** A note on the timeline; allowed after conversion too (the history goes on being read). */
  async addNote(ctx: RequestContext, id: string, note: string): Promise<LeadEvent> {
    const body = note.trim();
    if (body.length < 1 || body.length > 4000) throw BadUserInputError.field('note', 'must be 1 to 4000 characters');
    const tx = await ctx.tx();
    const lead = await Leads.lock(ctx, id);
    const event = await this.event(ctx, tx, lead.branchId, id, LeadEventKind.NOTE, body);
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
    const lead = await Leads.lock(ctx, id);
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
    const after = await Leads.change(
      ctx,
      lead,
      { state: LeadState.CONVERTED, customerId: customer.id, convertedAt: new Date() },
      'convert',
    );
    await this.event(ctx, tx, lead.branchId, id, LeadEventKind.CONVERTED, `Customer ${customer.name}`);
    return { lead: after, customer };
  }

  // ---------- helpers ----------

  private assertOpen(l: Lead): void {
    if (l.state !== LeadState.OPEN) {
      throw new InvalidStateError('This lead was converted into a customer; change the customer instead');
    }
  }

  private async event(
    ctx: RequestContext,
    tx: Tx,
    branchId: string,
    leadId: string,
    kind: LeadEventKind,
    note: string | null = null,
  ): Promise<LeadEvent> {
    return LeadEvents.insert(tx, {
      branchId,
      id: randomUUID(),
      leadId,
      kind,
      note,
      actorId: ctx.requireActor().userId,
    });
  }
}
