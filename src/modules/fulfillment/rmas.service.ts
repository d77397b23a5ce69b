import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { Products, Vendors } from './catalogue.entity.js';
import type { CreateRmaInput, MoveRmaInput } from './dto/rma.input.js';
import { VendorKind } from './fulfillment.enums.js';
import { checkText } from './fulfillment-rules.js';
import { findOrganizationRow } from './organization-rows.js';
import { RMA_OVERDUE_SQL, Rmas, type Rma } from './rma.entity.js';
import { RmaState } from './rma.enums.js';
import { OPEN_RMA_STATES, rmaMove } from './rma-state.js';
import { RmaSettingsService } from './rma-settings.service.js';
import type { OpenRmaAge, RmaFilter } from './rma.types.js';

/**
 * After-sales cases (RMA): request -> engineer confirms -> technical check -> sent to the maker -> returned ->
 * result confirmed by the customer. Entering a step stamps it and sets its deadline from the branch's limits
 * (working hours); the worker (RmaJobs) reminds the owner when the step passes it and escalates to the branch
 * manager one interval later. A rep sees the RMAs of the customers they see (row-level security).
 */
@Injectable()
export class RmasService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly settings: RmaSettingsService,
  ) {}

  findOne(ctx: RequestContext, id: string): Promise<Rma | null> {
    return Rmas.findInScope(ctx, id);
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: RmaFilter },
  ): Promise<ConnectionShape<Rma>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('state', f.state);
    if (f.overdue != null) filter.where(f.overdue ? RMA_OVERDUE_SQL() : `NOT ${RMA_OVERDUE_SQL()}`);
    return keysetPage(ctx, args, {
      columns: Rmas.cols(),
      from: 'rmas',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: Rma) => r.createdAt },
      map: Rmas.map,
    });
  }

  async create(ctx: RequestContext, input: CreateRmaInput): Promise<Rma> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const problem = checkText('problem', input.problem, 4000, true)!;
    const serialNumber = checkText('serialNumber', input.serialNumber, 100);
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'RMA' });
    const product = input.productId ? await findOrganizationRow(ctx, Products, input.productId.toLowerCase()) : null;
    const now = new Date();
    const tx = await ctx.tx();
    const due = (await this.settings.dueAt(ctx, branchId, RmaState.REQUESTED, now))!;
    const rma = await Rmas.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      ownerId,
      organizationId: product?.organizationId ?? null,
      productId: product?.id ?? null,
      serialNumber,
      problem,
      requestedAt: now,
      stateSince: now,
      stateDueAt: due,
      overdueCheckAt: due,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'rma', entityId: rma.id, action: 'create', after: rma });
    return rma;
  }

  /** The next step (or CANCELLED), stamped, with the new step's deadline; INVALID_STATE naming both states. */
  async move(ctx: RequestContext, id: string, input: MoveRmaInput): Promise<Rma> {
    const note = checkText('note', input.note, 4000);
    const makerReference = checkText('makerReference', input.makerReference, 200);
    const before = await Rmas.lock(ctx, id.toLowerCase());
    const to = rmaMove(before.state, input.state);
    const now = new Date();
    const set: Values<Rma> = { state: to, stateSince: now, remindedAt: null, escalatedAt: null, updatedAt: now };
    const need = (field: string, what: string) => BadUserInputError.field(field, `${to} records ${what}: give it`);
    switch (to) {
      case RmaState.ENGINEER_CONFIRMED:
        Object.assign(set, { engineerConfirmedAt: now, engineerId: ctx.requireActor().userId });
        break;
      case RmaState.CHECKED:
        if (!note) throw need('note', 'the technical check’s result');
        Object.assign(set, { checkedAt: now, checkResult: note });
        break;
      case RmaState.AT_MAKER: {
        if (!input.makerId) throw need('makerId', 'the maker it goes to');
        const maker = await findOrganizationRow(ctx, Vendors, input.makerId.toLowerCase());
        if (maker.kind === VendorKind.SUPPLIER) {
          throw BadUserInputError.field('makerId', `${maker.name} is a supplier, not a maker: name a MAKER vendor`);
        }
        if (before.organizationId && before.organizationId !== maker.organizationId) {
          throw new InvalidStateError('The RMA’s product and the maker belong to different organizations');
        }
        Object.assign(set, { sentAt: now, makerId: maker.id, organizationId: maker.organizationId, makerReference });
        break;
      }
      case RmaState.RETURNED:
        set.returnedAt = now;
        break;
      case RmaState.RESOLVED:
        if (!note) throw need('note', 'the result the customer confirmed');
        Object.assign(set, { resolvedAt: now, result: note });
        break;
      case RmaState.CANCELLED:
        if (!note) throw need('note', 'why it is cancelled');
        Object.assign(set, { cancelledAt: now, cancelReason: note.slice(0, 2000) });
        break;
    }
    const due = await this.settings.dueAt(ctx, before.branchId, to, now);
    Object.assign(set, { stateDueAt: due, overdueCheckAt: due });
    return Rmas.change(ctx, before, set, to.toLowerCase());
  }

  /**
   * Head office: open RMAs per branch in scope and step, by age since the request (buckets, average, oldest) and
   * how many are past the step's limit; one statement whatever the number of branches (rmas_branch_open).
   */
  async openByAge(ctx: RequestContext, branchId?: string): Promise<OpenRmaAge[]> {
    const f = new SqlFilter().branches(ctx, branchId, 'sb.id');
    const age = `extract(epoch FROM now() - r.requested_at) / 3600`;
    const tx = await ctx.tx();
    const rows = await tx.query<Record<string, string>>(
      `WITH b AS (SELECT sb.id, sb.code FROM scope_branches sb WHERE ${f.sql})
       SELECT r.branch_id AS "branchId", r.state, count(*) AS open,
         count(*) FILTER (WHERE ${RMA_OVERDUE_SQL('r.')}) AS overdue,
         count(*) FILTER (WHERE ${age} < 24) AS "underOneDay",
         count(*) FILTER (WHERE ${age} >= 24 AND ${age} < 72) AS "oneToThreeDays",
         count(*) FILTER (WHERE ${age} >= 72 AND ${age} < 168) AS "threeToSevenDays",
         count(*) FILTER (WHERE ${age} >= 168) AS "overSevenDays",
         round(avg(${age}), 2)::text AS "averageAgeHours", round(max(${age}), 2)::text AS "oldestAgeHours"
       FROM b JOIN rmas r ON r.branch_id = b.id AND r.state NOT IN ('RESOLVED', 'CANCELLED')
       GROUP BY b.code, r.branch_id, r.state
       ORDER BY b.code, r.branch_id, array_position(${f.param(OPEN_RMA_STATES, 'text[]')}, r.state)`,
      f.params,
    );
    const n = (v: string) => Number(v);
    return rows.map((r) => ({
      branchId: r.branchId,
      state: r.state as RmaState,
      open: n(r.open),
      overdue: n(r.overdue),
      underOneDay: n(r.underOneDay),
      oneToThreeDays: n(r.oneToThreeDays),
      threeToSevenDays: n(r.threeToSevenDays),
      overSevenDays: n(r.overSevenDays),
      averageAgeHours: r.averageAgeHours,
      oldestAgeHours: r.oldestAgeHours,
    }));
  }
}
