import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { emitEvent, enqueue } from '@app/jobs';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner, type Owned } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { QuotesService } from '../contracts/quotes.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { VisitFilesService } from './visit-files.service.js';
import { VisitTasksService } from './visit-tasks.service.js';
import { visitJobs } from './visit.job-catalogue.js';
import { assessVisit } from './visit-effectiveness.js';
import { VisitState, visitTransition } from './visit-state.js';
import { VisitAttendees, Visits, type Visit, type VisitAttendee } from './visit.entity.js';
import type { VisitFilter } from './visit.types.js';
import type { PlanVisitInput, UpdateVisitInput, VisitReportInput } from './dto/visit.input.js';
import { KpiEventKind } from '../performance/kpi.enums.js';

/** A visit's owner is someone who makes visits. */
const VISIT: Owned = { noun: 'visit', ownerMay: 'visits:write' };

function textOf(field: string, value: string, max: number): string {
  const v = value.trim();
  if (v.length < 1 || v.length > max) throw BadUserInputError.field(field, `must be 1 to ${max} characters`);
  return v;
}

/** Customer visits (客户拜访): planning, the report filed after, the superior's review, the effective-visit flag. */
@Injectable()
export class VisitsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly quotes: QuotesService,
    private readonly tasks: VisitTasksService,
    private readonly files: VisitFilesService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Visit | null> {
    return Visits.findInScope(ctx, id);
  }

  /**
   * By planned day, earliest first. Head office without a branch filter gets every branch in one
   * statement, walking visits_planned (planned_on, id, branch_id) in the page's order.
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: VisitFilter },
  ): Promise<ConnectionShape<Visit>> {
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('owner_id', f.ownerId?.toLowerCase(), 'uuid')
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('state', f.state)
      .eq('effective', f.effective);
    if (f.from) filter.where((p) => `planned_on >= ${p(f.from, 'date')}`);
    if (f.to) filter.where((p) => `planned_on <= ${p(f.to, 'date')}`);
    return keysetPage(ctx, args, {
      columns: Visits.cols(),
      from: 'visits',
      filter,
      order: { column: 'planned_on', cast: 'date', value: (v: Visit) => v.plannedOn },
      map: Visits.map,
    });
  }

  /** The attendees of many visits ("branchId:visitId" keys) in one statement. */
  attendeesLoader(ctx: RequestContext): DataLoader<string, VisitAttendee[]> {
    return ctx.loader(
      'visits.attendees',
      () =>
        new DataLoader<string, VisitAttendee[]>(async (keys) => {
          const [branchIds, visitIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<VisitAttendee>(
            `SELECT ${VisitAttendees.cols('a')}, v.customer_id AS "customerId"
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, visit_id)
             JOIN visits v ON v.branch_id = k.branch_id AND v.id = k.visit_id
             JOIN visit_attendees a ON a.branch_id = k.branch_id AND a.visit_id = k.visit_id
             ORDER BY a.user_id IS NULL, a.id`,
            [branchIds, visitIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.visitId}`, VisitAttendees.map);
        }),
    );
  }

  // ---------- writes ----------

  async plan(ctx: RequestContext, input: PlanVisitInput): Promise<Visit> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, VISIT);
    const purpose = textOf('purpose', input.purpose, 500);
    const today = await this.today(ctx, branchId);
    if (input.plannedOn < today) throw BadUserInputError.field('plannedOn', `must be today (${today}) or later`);
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    const quoteId = input.quoteId ? await this.checkQuote(ctx, branchId, customer.id, input.quoteId) : null;
    const members = await this.checkMembers(ctx, branchId, input.memberIds ?? []);
    const contacts = await this.checkContacts(ctx, branchId, customer.id, input.contactIds ?? []);
    const tx = await ctx.tx();
    const visit = await Visits.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      ownerId,
      plannedOn: input.plannedOn,
      purpose,
      requestedByCustomer: input.requestedByCustomer ?? false,
      quoteId,
      createdById: actor.userId,
    });
    await this.writeAttendees(tx, branchId, visit.id, members, contacts);
    await writeAudit(ctx, {
      branchId,
      entity: 'visit',
      entityId: visit.id,
      action: 'plan',
      after: { ...visit, members, contacts },
    });
    return visit;
  }

  async update(ctx: RequestContext, id: string, input: UpdateVisitInput): Promise<Visit> {
    const purpose = input.purpose !== undefined ? textOf('purpose', input.purpose, 500) : undefined;
    const before = await Visits.lock(ctx, id);
    if (before.state !== VisitState.PLANNED) {
      throw new InvalidStateError(`A visit in ${before.state} cannot be changed (only while PLANNED)`);
    }
    if (input.plannedOn !== undefined) {
      const today = await this.today(ctx, before.branchId);
      if (input.plannedOn < today) throw BadUserInputError.field('plannedOn', `must be today (${today}) or later`);
    }
    const quoteId = input.quoteId
      ? await this.checkQuote(ctx, before.branchId, before.customerId, input.quoteId)
      : before.quoteId;
    const members = input.memberIds ? await this.checkMembers(ctx, before.branchId, input.memberIds) : undefined;
    const contacts = input.contactIds
      ? await this.checkContacts(ctx, before.branchId, before.customerId, input.contactIds)
      : undefined;
    const tx = await ctx.tx();
    const after = await Visits.update(tx, Visits.keyOf(before), {
      plannedOn: input.plannedOn ?? before.plannedOn,
      purpose: purpose ?? before.purpose,
      requestedByCustomer: input.requestedByCustomer ?? before.requestedByCustomer,
      quoteId,
    });
    if (members) {
      await tx.query('DELETE FROM visit_attendees WHERE branch_id = $1 AND visit_id = $2 AND user_id IS NOT NULL', [
        before.branchId,
        id,
      ]);
      await this.writeAttendees(tx, before.branchId, id, members, []);
    }
    if (contacts) {
      await tx.query('DELETE FROM visit_attendees WHERE branch_id = $1 AND visit_id = $2 AND contact_id IS NOT NULL', [
        before.branchId,
        id,
      ]);
      await this.writeAttendees(tx, before.branchId, id, [], contacts);
    }
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'visit',
      entityId: id,
      action: 'update',
      before,
      after: { ...after, members, contacts },
    });
    return after;
  }

  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Visit> {
    const why = textOf('reason', reason, 2000);
    const before = await Visits.lock(ctx, id);
    const to = visitTransition(before.state, 'CANCEL');
    return Visits.change(ctx, before, { state: to, cancelReason: why }, 'cancel');
  }

  /**
   * PLANNED -> DONE with the report: decides the effective-visit flag (the quote's sending day read now,
   * in the branch's time zone), turns the commitments into follow-up tasks, and an urgent report tells
   * the branch manager at once (through the outbox: another person's notification).
   */
  async fileReport(ctx: RequestContext, id: string, input: VisitReportInput): Promise<Visit> {
    const actor = ctx.requireActor();
    const summary = textOf('summary', input.summary, 4000);
    const needs = input.customerNeeds != null ? textOf('customerNeeds', input.customerNeeds, 4000) : null;
    const before = await Visits.lock(ctx, id);
    const to = visitTransition(before.state, 'FILE_REPORT');
    const branch = await this.branches.branchLoader(ctx).load(before.branchId);
    if (!branch) throw new NotFoundError('Branch', before.branchId);
    const today = todayIn(branch.timeZone);
    const visitedOn = input.visitedOn ?? today;
    if (visitedOn > today)
      throw BadUserInputError.field('visitedOn', `a report is filed after the visit: ${today} or earlier`);
    const quoteId = input.quoteId
      ? await this.checkQuote(ctx, before.branchId, before.customerId, input.quoteId)
      : before.quoteId;
    const commitments = await this.tasks.checkCommitments(ctx, before, input.commitments ?? [], today);
    let quoteSentOn: string | null = null;
    if (quoteId) {
      const quote = await this.quotes.findOne(ctx, quoteId);
      quoteSentOn = quote?.sentAt ? todayIn(branch.timeZone, quote.sentAt) : null;
    }
    const requestedByCustomer = input.requestedByCustomer ?? before.requestedByCustomer;
    const { effective } = assessVisit({ state: to, requestedByCustomer, quoteId, quoteSentOn, visitedOn });
    const after = await Visits.change(
      ctx,
      before,
      {
        state: to,
        visitedOn,
        reportSummary: summary,
        customerNeeds: needs,
        urgent: input.urgent ?? false,
        reportedAt: new Date(),
        reportedById: actor.userId,
        requestedByCustomer,
        quoteId,
        quoteSentOn,
        effective,
      },
      'file_report',
    );
    await this.tasks.createFromCommitments(ctx, after, commitments);
    if (input.fileIds?.length) await this.files.attachReport(ctx, after, input.fileIds);
    if (effective)
      await emitEvent(ctx, {
        kind: KpiEventKind.VISIT_EFFECTIVE,
        branchId: after.branchId,
        subjectId: id,
        personId: after.ownerId,
        day: visitedOn,
      });
    if (after.urgent) await enqueue(ctx, visitJobs.urgentReport, { branchId: after.branchId, visitId: after.id });
    return after;
  }

  /** The superior (branch manager, head office) reviews a filed report: a comment, and it is acknowledged. */
  async review(ctx: RequestContext, id: string, comment: string): Promise<Visit> {
    const actor = ctx.requireActor();
    const text = textOf('comment', comment, 2000);
    const before = await Visits.lock(ctx, id);
    if (before.state !== VisitState.DONE) {
      throw new InvalidStateError(
        `Only a visit with its report filed (DONE) is reviewed; this visit is ${before.state}`,
      );
    }
    if (before.reviewedAt) throw new InvalidStateError('This visit report is already reviewed and acknowledged');
    if (before.ownerId === actor.userId) {
      throw new ForbiddenError('A visit report is reviewed by the owner’s superior, not by the owner');
    }
    return Visits.change(
      ctx,
      before,
      { reviewComment: text, reviewedById: actor.userId, reviewedAt: new Date() },
      'review',
    );
  }

  // ---------- helpers ----------

  private async today(ctx: RequestContext, branchId: string): Promise<string> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    return todayIn(branch.timeZone);
  }

  /** A quote of this customer in the branch (another branch's, or one the caller cannot see: NOT_FOUND). */
  private async checkQuote(ctx: RequestContext, branchId: string, customerId: string, quoteId: string) {
    const quote = await this.quotes.findOne(ctx, quoteId.toLowerCase());
    if (!quote || quote.branchId !== branchId) throw new NotFoundError('Quote', quoteId);
    if (quote.customerId !== customerId) {
      throw BadUserInputError.field('quoteId', 'is a quote to another customer than the visit’s');
    }
    return quote.id;
  }

  private async checkMembers(ctx: RequestContext, branchId: string, ids: string[]): Promise<string[]> {
    const members = [...new Set(ids.map((x) => x.toLowerCase()))];
    const roles = await Promise.all(members.map((m) => this.branches.memberRole(ctx, branchId, m)));
    const bad = roles.findIndex((r) => !r);
    if (bad >= 0) throw BadUserInputError.field(`memberIds[${bad}]`, 'is not a person of the visit’s branch');
    return members;
  }

  private async checkContacts(ctx: RequestContext, branchId: string, customerId: string, ids: string[]) {
    const contacts = [...new Set(ids.map((x) => x.toLowerCase()))];
    if (!contacts.length) return contacts;
    const known = new Set(
      (await this.customers.contactsLoader(ctx).load(`${branchId}:${customerId}`)).map((c) => c.id),
    );
    const bad = contacts.findIndex((c) => !known.has(c));
    if (bad >= 0) throw BadUserInputError.field(`contactIds[${bad}]`, 'is not a contact of the visit’s customer');
    return contacts;
  }

  private async writeAttendees(tx: Tx, branchId: string, visitId: string, members: string[], contacts: string[]) {
    if (!members.length && !contacts.length) return;
    await tx.query(
      `INSERT INTO visit_attendees (branch_id, id, visit_id, user_id, contact_id)
       SELECT $1::uuid, gen_random_uuid(), $2::uuid, u, NULL::uuid FROM unnest($3::uuid[]) AS u
       UNION ALL SELECT $1::uuid, gen_random_uuid(), $2::uuid, NULL::uuid, c FROM unnest($4::uuid[]) AS c`,
      [branchId, visitId, members, contacts],
    );
  }
}
