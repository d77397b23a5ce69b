import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  NotFoundError,
  formatNumber,
  nextInSequence,
  parseMoney,
  todayIn,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch, actingOwner } from '../../branches/acting-branch.js';
import type { Branch } from '../../branches/branch.entity.js';
import { BranchesService } from '../../branches/branches.service.js';
import { Products } from '../catalogue.entity.js';
import { checkQuantity, checkText } from '../fulfillment-rules.js';
import { findOrganizationRow } from '../organization-rows.js';
import type { CreateProcurementRequestInput, PlanProcurementInput } from './procurement.input.js';
import {
  ProcurementRequestLines,
  ProcurementRequests,
  SupplierOfferLines,
  SupplierQuotations,
  type ProcurementRequest,
  type ProcurementRequestLine,
  type SupplierOfferLine,
  type SupplierQuotation,
} from './procurement.entity.js';
import { PROCUREMENT_REQUEST_NUMBER_RULE } from './procurement-rules.js';
import { procurementRequestMove, type ProcurementRequestMove } from './procurement-state.js';
import type { ProcurementRequestFilter } from './procurement.types.js';

/**
 * Procurement requests (采购申请): the need (catalogue products, quantities, wanted-by day, reason), gap-free
 * numbered per branch and year, its plan (budget, order-by day), and cancelling. Requests for quotation and offers
 * are in SupplierQuotationsService, awards and purchase contracts in PurchaseContractsService. Every change is
 * audited; every move goes through the request's transition table (INVALID_STATE names both states).
 */
@Injectable()
export class ProcurementRequestsService {
  constructor(private readonly branches: BranchesService) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<ProcurementRequest | null> {
    return ProcurementRequests.findInScope(ctx, id);
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ProcurementRequestFilter },
  ): Promise<ConnectionShape<ProcurementRequest>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter().branches(ctx, f.branchId).eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: ProcurementRequests.cols(),
      from: 'procurement_requests',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: ProcurementRequest) => r.createdAt },
      map: ProcurementRequests.map,
    });
  }

  /** The lines of many requests ("branchId:requestId" keys), in position order, one statement per batch. */
  linesLoader(ctx: RequestContext): DataLoader<string, ProcurementRequestLine[]> {
    return ProcurementRequestLines.childLoader(ctx, 'requestId', 'x.position');
  }

  /** The requests for quotation of many requests ("branchId:requestId" keys), in the order they were sent. */
  quotationsLoader(ctx: RequestContext): DataLoader<string, SupplierQuotation[]> {
    return SupplierQuotations.childLoader(ctx, 'requestId', 'x.created_at, x.id');
  }

  /** The offer lines of many requests for quotation ("branchId:quotationId" keys). */
  offerLinesLoader(ctx: RequestContext): DataLoader<string, SupplierOfferLine[]> {
    return SupplierOfferLines.childLoader(ctx, 'quotationId', 'x.request_line_id');
  }

  // ---------- writes ----------

  /** A DRAFT request with its gap-free number; the buyer is a person of the branch who may buy. */
  async create(ctx: RequestContext, input: CreateProcurementRequestInput): Promise<ProcurementRequest> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const branch = await this.branch(ctx, branchId);
    const title = checkText('title', input.title, 200, true)!;
    const reason = checkText('reason', input.reason, 4000, true)!;
    if (input.wantedBy < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('wantedBy', 'must be today or later (the branch’s today)');
    }
    const seen = new Set<string>();
    const lines = [];
    for (const [i, l] of input.lines.entries()) {
      const productId = l.productId.toLowerCase();
      if (seen.has(productId)) {
        throw BadUserInputError.field(`lines[${i}].productId`, 'is named twice: one line per product');
      }
      seen.add(productId);
      const quantity = checkQuantity(`lines[${i}].quantity`, l.quantity);
      const product = await findOrganizationRow(ctx, Products, productId);
      if (!product.active) throw BadUserInputError.field(`lines[${i}].productId`, `${product.code} is inactive`);
      lines.push({ product, quantity, note: checkText(`lines[${i}].note`, l.note, 2000) });
    }
    const buyerId = await actingOwner(ctx, this.branches, branchId, input.buyerId, {
      noun: 'procurement request',
      field: 'buyerId',
      ownerMay: 'procurement:write',
    });

    const tx = await ctx.tx();
    const year = Number(todayIn(branch.timeZone).slice(0, 4));
    const sequence = await nextInSequence(tx, 'procurement_request_counters', { branch_id: branchId, year });
    const id = randomUUID();
    const request = await ProcurementRequests.insert(tx, {
      branchId,
      id,
      number: formatNumber(PROCUREMENT_REQUEST_NUMBER_RULE, { branchCode: branch.code, year, sequence }),
      title,
      reason,
      wantedBy: input.wantedBy,
      buyerId,
      currency: branch.currency,
      createdById: actor.userId,
    });
    const written: ProcurementRequestLine[] = [];
    for (const [i, l] of lines.entries()) {
      written.push(
        await ProcurementRequestLines.insert(tx, {
          branchId,
          id: randomUUID(),
          requestId: id,
          position: i + 1,
          organizationId: l.product.organizationId,
          productId: l.product.id,
          quantity: l.quantity,
          note: l.note,
        }),
      );
    }
    await writeAudit(ctx, {
      branchId,
      entity: 'procurementRequest',
      entityId: id,
      action: 'create',
      after: { ...request, lines: written },
    });
    return request;
  }

  /** DRAFT or PLANNED -> PLANNED: the budget and the day to order by (not after the wanted-by day). */
  async plan(ctx: RequestContext, id: string, input: PlanProcurementInput): Promise<ProcurementRequest> {
    const budget = parseMoney('budget', input.budget);
    const note = checkText('note', input.note, 4000);
    const before = await ProcurementRequests.lock(ctx, id.toLowerCase());
    procurementRequestMove(before.state, 'PLAN');
    const branch = await this.branch(ctx, before.branchId);
    if (input.orderBy < todayIn(branch.timeZone)) {
      throw BadUserInputError.field('orderBy', 'must be today or later (the branch’s today)');
    }
    if (input.orderBy > before.wantedBy) {
      throw BadUserInputError.field('orderBy', `must not be after the wanted-by day ${before.wantedBy}`);
    }
    return this.move(ctx, before, 'PLAN', {
      planBudget: budget,
      planOrderBy: input.orderBy,
      planNote: note,
      plannedAt: new Date(),
    });
  }

  /** DRAFT, PLANNED or SOURCING -> CANCELLED. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<ProcurementRequest> {
    const why = checkText('reason', reason, 2000, true)!;
    const before = await ProcurementRequests.lock(ctx, id.toLowerCase());
    return this.move(ctx, before, 'CANCEL', { cancelledAt: new Date(), cancelReason: why });
  }

  /** Sets a new state (and other columns) after the guard, with the audit row of the move. */
  move(
    ctx: RequestContext,
    before: ProcurementRequest,
    move: ProcurementRequestMove,
    set: Values<ProcurementRequest> = {},
  ): Promise<ProcurementRequest> {
    const to = procurementRequestMove(before.state, move);
    return ProcurementRequests.change(ctx, before, { state: to, updatedAt: new Date(), ...set }, move.toLowerCase());
  }

  /** The branch (time zone, code, currency) of a row in scope. */
  async branch(ctx: RequestContext, branchId: string): Promise<Branch> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    return branch;
  }
}
