import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, NotFoundError, writeAudit, type RequestContext, type Tx, type Values } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { ComplaintSettingsService } from './complaint-settings.service.js';
import { ComplaintEvents, Complaints, OVERDUE_SQL, type Complaint, type ComplaintEvent } from './complaint.entity.js';
import { ComplaintAction } from './complaint.enums.js';
import { ComplaintState, complaintMove, type ComplaintMove } from './complaint-state.js';
import type { ComplaintCount, ComplaintCountFilter, ComplaintFilter } from './complaint.types.js';
import type { ComplaintFollowUpInput, CreateComplaintInput, ResolveComplaintInput } from './dto/complaint.input.js';
import { emitEvent } from '@app/jobs';
import { KpiEventKind } from '../performance/kpi.enums.js';

const text = (field: string, s: string): string => {
  const v = s.trim();
  if (v.length < 1 || v.length > 4000) throw BadUserInputError.field(field, 'must be 1 to 4000 characters');
  return v;
};

/**
 * Customer complaints (客户投诉): intake with a response deadline by severity, the investigation and its
 * root cause, the resolution and the customer's follow-up, every move on the timeline. Escalation of an
 * unanswered complaint is the worker's (complaints.jobs.ts).
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    readonly settings: ComplaintSettingsService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Complaint | null> {
    return Complaints.findInScope(ctx, id);
  }

  /**
   * Newest first. Head office without a branch filter gets every branch in one statement, walking
   * complaints_received (received_at, id, branch_id) in the page's order.
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ComplaintFilter },
  ): Promise<ConnectionShape<Complaint>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('owner_id', f.ownerId?.toLowerCase(), 'uuid')
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('state', f.state)
      .eq('severity', f.severity)
      .eq('category', f.category)
      .eq('channel', f.channel);
    if (f.overdue != null) filter.where(f.overdue ? OVERDUE_SQL() : `NOT ${OVERDUE_SQL()}`);
    return keysetPage(ctx, args, {
      columns: Complaints.cols(),
      from: 'complaints',
      filter,
      order: { column: 'received_at', cast: 'timestamptz', desc: true, value: (c: Complaint) => c.receivedAt },
      map: Complaints.map,
    });
  }

  /** Per branch, state and severity: how many, and how many of them are overdue. One statement for all branches. */
  async counts(ctx: RequestContext, f: ComplaintCountFilter = {}): Promise<ComplaintCount[]> {
    const filter = new SqlFilter().branches(ctx, f.branchId).owner(ctx);
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string; state: string; severity: string; n: number; overdue: number }>(
      `SELECT branch_id, state, severity, count(*)::int AS n, (count(*) FILTER (WHERE ${OVERDUE_SQL()}))::int AS overdue
       FROM complaints WHERE ${filter.sql}
       GROUP BY branch_id, state, severity
       ORDER BY branch_id, array_position('{RECEIVED,INVESTIGATING,RESOLVED,CLOSED}'::text[], state),
         array_position('{CRITICAL,HIGH,MEDIUM,LOW}'::text[], severity)`,
      filter.params,
    );
    return rows.map((r) => ({
      branchId: r.branch_id,
      state: r.state as ComplaintCount['state'],
      severity: r.severity as ComplaintCount['severity'],
      count: r.n,
      overdue: r.overdue,
    }));
  }

  /** The timelines of many complaints ("branchId:complaintId" keys) in one statement. */
  timelineLoader(ctx: RequestContext): DataLoader<string, ComplaintEvent[]> {
    return ComplaintEvents.childLoader(ctx, 'complaintId', 'x.at, x.seq');
  }

  // ---------- writes ----------

  async create(ctx: RequestContext, input: CreateComplaintInput): Promise<Complaint> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const description = text('description', input.description);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'complaint' });
    // A customer the actor may not see (another branch, a colleague's for a rep) is NOT_FOUND, like a random id.
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    const tx = await ctx.tx();
    const window = await this.settings.windowFor(tx, branchId, input.severity);
    const receivedAt = new Date();
    const due = await this.settings.addHours(ctx, branchId, receivedAt, window.hours, window.workingTime);
    const after = await Complaints.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      ownerId,
      channel: input.channel,
      category: input.category,
      severity: input.severity,
      description,
      receivedAt,
      responseHours: window.hours,
      workingTime: window.workingTime,
      responseDueAt: due,
      nextEscalationAt: due,
      createdById: actor.userId,
    });
    await this.event(
      tx,
      branchId,
      after.id,
      ComplaintAction.RECEIVED,
      null,
      ComplaintState.RECEIVED,
      actor.userId,
      null,
    );
    await writeAudit(ctx, { branchId, entity: 'complaint', entityId: after.id, action: 'create', after });
    return after;
  }

  /** RECEIVED -> INVESTIGATING: the response; no escalation is due after it. */
  async startInvestigation(ctx: RequestContext, id: string, note?: string | null): Promise<Complaint> {
    const why = note == null ? null : text('note', note);
    const tx = await ctx.tx();
    const before = await Complaints.lock(ctx, id);
    return this.move(ctx, tx, before, 'START_INVESTIGATION', ComplaintAction.INVESTIGATION_STARTED, why, {
      respondedAt: new Date(),
      nextEscalationAt: null,
    });
  }

  async recordRootCause(ctx: RequestContext, id: string, rootCause: string): Promise<Complaint> {
    const cause = text('rootCause', rootCause);
    const tx = await ctx.tx();
    const before = await Complaints.lock(ctx, id);
    return this.move(ctx, tx, before, 'RECORD_ROOT_CAUSE', ComplaintAction.ROOT_CAUSE_RECORDED, cause, {
      rootCause: cause,
    });
  }

  /** INVESTIGATING -> RESOLVED: needs a root cause (recorded before, or given now) and the resolution. */
  async resolve(ctx: RequestContext, id: string, input: ResolveComplaintInput): Promise<Complaint> {
    const resolution = text('resolution', input.resolution);
    const cause = input.rootCause == null ? null : text('rootCause', input.rootCause);
    const tx = await ctx.tx();
    const before = await Complaints.lock(ctx, id);
    complaintMove(before.state, 'RESOLVE');
    if (!cause && !before.rootCause) {
      throw BadUserInputError.field('rootCause', 'the root cause must be recorded before the complaint is resolved');
    }
    if (before.respondedAt && before.respondedAt <= before.responseDueAt)
      await emitEvent(ctx, {
        kind: KpiEventKind.COMPLAINT_RESOLVED_IN_TIME,
        branchId: before.branchId,
        subjectId: before.id,
        personId: before.ownerId,
      });
    return this.move(ctx, tx, before, 'RESOLVE', ComplaintAction.RESOLVED, resolution, {
      rootCause: cause ?? before.rootCause,
      resolution,
      resolvedAt: new Date(),
    });
  }

  /** The customer's follow-up: confirmed closes the complaint; not fixed reopens the investigation. */
  async followUp(ctx: RequestContext, id: string, input: ComplaintFollowUpInput): Promise<Complaint> {
    const note = input.note == null ? null : text('note', input.note);
    if (!input.confirmed && !note) {
      throw BadUserInputError.field('note', 'say what the customer reports as still not fixed');
    }
    const tx = await ctx.tx();
    const before = await Complaints.lock(ctx, id);
    if (input.confirmed) {
      return this.move(ctx, tx, before, 'CONFIRM', ComplaintAction.CONFIRMED, note, { closedAt: new Date() });
    }
    return this.move(ctx, tx, before, 'NOT_FIXED', ComplaintAction.NOT_FIXED, note, {
      resolution: null,
      resolvedAt: null,
    });
  }

  // ---------- helpers ----------

  /** A guarded move: the check runs before anything is written, so a refused move changes nothing. */
  private async move(
    ctx: RequestContext,
    tx: Tx,
    before: Complaint,
    m: ComplaintMove,
    action: ComplaintAction,
    note: string | null,
    set: Values<Complaint>,
  ): Promise<Complaint> {
    const to = complaintMove(before.state, m);
    const actorId = ctx.requireActor().userId;
    await this.event(tx, before.branchId, before.id, action, before.state, to, actorId, note);
    return Complaints.change(ctx, before, { ...set, state: to }, action.toLowerCase());
  }

  private async event(
    tx: Tx,
    branchId: string,
    complaintId: string,
    action: ComplaintAction,
    fromState: ComplaintState | null,
    toState: ComplaintState,
    actorId: string | null,
    note: string | null,
  ): Promise<void> {
    await ComplaintEvents.insert(tx, {
      branchId,
      id: randomUUID(),
      complaintId,
      action,
      fromState,
      toState,
      actorId,
      note,
    });
  }
}
