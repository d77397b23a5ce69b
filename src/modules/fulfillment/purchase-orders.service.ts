import { Injectable, type OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  NotFoundError,
  parseMoney,
  todayIn,
  type RequestContext,
  type Tx,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { BranchesService } from '../branches/branches.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { Products, Vendors } from './catalogue.entity.js';
import type { CreatePurchaseOrderInput } from './dto/purchase-order.input.js';
import { VendorKind } from './fulfillment.enums.js';
import { checkQuantity, fromMilli, milli } from './fulfillment-rules.js';
import { findOrganizationRow } from './organization-rows.js';
import {
  PurchaseOrderLines,
  PurchaseOrders,
  type PurchaseOrder,
  type PurchaseOrderLine,
} from './purchase-order.entity.js';
import { OverPurchaseError, PURCHASE_ORDER_NUMBER_RULE, PURCHASE_ORDER_SUBJECT } from './purchase-order-rules.js';
import { purchaseOrderMove, type PurchaseOrderMove } from './purchase-order-state.js';
import type { PurchaseOrderFilter } from './purchase-order.types.js';
import {
  insertWithLines,
  linesLoader,
  lockReviewed,
  moveDocument,
  nextDocumentNumber,
  priceLines,
  submitForReview,
  type SupplierDocumentKind,
} from './supplier-documents.js';

/** Purchase orders as a supplier document with lines (supplier-documents.ts, supplier-receipts.ts hold the rules). */
export const PURCHASE_ORDER: SupplierDocumentKind<PurchaseOrder, PurchaseOrderLine, PurchaseOrderMove> = {
  noun: 'purchase order',
  documents: PurchaseOrders,
  lines: PurchaseOrderLines,
  parent: 'purchaseOrderId',
  counters: 'purchase_order_counters',
  numberRule: PURCHASE_ORDER_NUMBER_RULE,
  guard: purchaseOrderMove,
  receivedCap: 'ordered',
};

const OUTCOME_MOVE: Record<ApprovalOutcome, PurchaseOrderMove> = {
  APPROVED: 'REVIEW_APPROVED',
  RETURNED: 'REVIEW_RETURNED',
  WITHDRAWN: 'REVIEW_RETURNED',
  REJECTED: 'REVIEW_REJECTED',
};

/**
 * Purchase orders to the maker (设备采购单) for a binding sales order, and finance's review of them through the
 * approval engine (subject PURCHASE_ORDER, default policy: the branch's finance reviewer) before they are placed.
 * The sales order is locked first (OrdersService.lockForPurchase), so two purchase orders of one order queue and
 * the second counts the first: what purchase orders not cancelled buy never exceeds an order line. The maker's
 * confirmation, goods received and closing are in PurchaseReceiptsService.
 */
@Injectable()
export class PurchaseOrdersService implements OnModuleInit {
  constructor(
    private readonly orders: OrdersService,
    private readonly branches: BranchesService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: PURCHASE_ORDER_SUBJECT,
      label: 'Purchase order',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<PurchaseOrder | null> {
    return PurchaseOrders.findInScope(ctx, id);
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PurchaseOrderFilter },
  ): Promise<ConnectionShape<PurchaseOrder>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('order_id', f.orderId?.toLowerCase(), 'uuid')
      .eq('maker_id', f.makerId?.toLowerCase(), 'uuid')
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: PurchaseOrders.cols(),
      from: 'purchase_orders',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (p: PurchaseOrder) => p.createdAt },
      map: PurchaseOrders.map,
    });
  }

  /** The lines of many purchase orders ("branchId:purchaseOrderId" keys), in position order, in one statement. */
  linesLoader(ctx: RequestContext): DataLoader<string, PurchaseOrderLine[]> {
    return linesLoader(ctx, PURCHASE_ORDER);
  }

  // ---------- writes ----------

  /** A DRAFT purchase order with its gap-free number; OVER_PURCHASE (CONFLICT) and no change when a line asks too much. */
  async create(ctx: RequestContext, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
    const actor = ctx.requireActor();
    const note = input.note?.trim() || null;
    const seen = new Set<string>();
    const requested = input.lines.map((l, i) => {
      const orderLineId = l.orderLineId.toLowerCase();
      if (seen.has(orderLineId)) {
        throw BadUserInputError.field(
          `lines[${i}].orderLineId`,
          'is named twice: one purchase order line per order line',
        );
      }
      seen.add(orderLineId);
      return {
        orderLineId,
        productId: l.productId.toLowerCase(),
        quantity: checkQuantity(`lines[${i}].quantity`, l.quantity),
        unitPrice: parseMoney(`lines[${i}].unitPrice`, l.unitPrice),
        expectedOn: l.expectedOn ?? null,
      };
    });
    const maker = await findOrganizationRow(ctx, Vendors, input.makerId.toLowerCase());
    if (maker.kind === VendorKind.SUPPLIER) {
      throw BadUserInputError.field('makerId', `${maker.name} is a supplier, not a maker: name a MAKER vendor`);
    }
    if (!maker.active) throw BadUserInputError.field('makerId', `${maker.name} is no longer dealt with (inactive)`);

    // The order's row lock: purchase orders of one order run one after another and count each other's lines.
    const { order, lines: orderLines } = await this.orders.lockForPurchase(ctx, input.orderId.toLowerCase());
    const ordered = new Map(orderLines.map((l) => [l.id, l.quantity]));
    const tx = await ctx.tx();
    const purchased = await this.purchasedByLine(tx, order.branchId, order.id);
    for (const [i, l] of requested.entries()) {
      const quantity = ordered.get(l.orderLineId);
      if (quantity === undefined)
        throw BadUserInputError.field(`lines[${i}].orderLineId`, 'is not a line of this order');
      const already = purchased.get(l.orderLineId) ?? 0n;
      if (already + milli(l.quantity) > milli(quantity)) {
        throw new OverPurchaseError(l.orderLineId, quantity, fromMilli(already), l.quantity);
      }
      const product = await findOrganizationRow(ctx, Products, l.productId);
      if (!product.active) throw BadUserInputError.field(`lines[${i}].productId`, `${product.code} is inactive`);
    }

    const { lines, amount } = priceLines('lines', requested);
    const branch = await this.branches.branchLoader(ctx).load(order.branchId);
    if (!branch) throw new NotFoundError('Branch', order.branchId);
    const document = {
      branchId: order.branchId,
      number: await nextDocumentNumber(tx, PURCHASE_ORDER, branch, todayIn(branch.timeZone)),
      orderId: order.id,
      organizationId: maker.organizationId,
      makerId: maker.id,
      ownerId: order.ownerId,
      currency: branch.currency,
      amount,
      expectedOn: input.expectedOn ?? null,
      note,
      createdById: actor.userId,
    };
    const rows = lines.map((l) => ({ ...l, orderId: order.id, organizationId: maker.organizationId }));
    return insertWithLines(ctx, PURCHASE_ORDER, document, rows, 'create');
  }

  /** DRAFT -> IN_REVIEW: finance reviews the contract and the purchase order (approval subject PURCHASE_ORDER). */
  submit(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
    return submitForReview(ctx, PURCHASE_ORDER, this.approvals, id, PURCHASE_ORDER_SUBJECT, async (before) => {
      const order = await this.orders.findOne(ctx, before.orderId);
      const contract = order?.contractId ? `contract ${order.contractId}` : 'no contract (leadership-approved order)';
      return `Purchase order ${before.number} for order ${order?.reference ?? before.orderId}, ${contract}`;
    });
  }

  /** APPROVED -> PLACED: sent to the maker. */
  async place(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
    const before = await PurchaseOrders.lock(ctx, id.toLowerCase());
    return this.move(ctx, before, 'PLACE', { placedAt: new Date() });
  }

  /** Sets a new state (and other columns) after the guard, with the audit row of the move. */
  move(
    ctx: RequestContext,
    before: PurchaseOrder,
    move: PurchaseOrderMove,
    set: Values<PurchaseOrder> = {},
  ): Promise<PurchaseOrder> {
    return moveDocument(ctx, PURCHASE_ORDER, before, move, set);
  }

  /** In the deciding transaction: APPROVED opens placing, RETURNED / WITHDRAWN reopen the DRAFT, REJECTED cancels. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const before = await lockReviewed(ctx, PURCHASE_ORDER, request);
    const rejected: Values<PurchaseOrder> =
      outcome === 'REJECTED' ? { cancelledAt: new Date(), cancelReason: 'Rejected in finance’s review' } : {};
    await this.move(ctx, before, OUTCOME_MOVE[outcome], { approvalRequestId: request.id, ...rejected });
  }

  /** What purchase orders not cancelled buy per order line, in thousandths. */
  private async purchasedByLine(tx: Tx, branchId: string, orderId: string): Promise<Map<string, bigint>> {
    const rows = await tx.query<{ orderLineId: string; quantity: string }>(
      `SELECT l.order_line_id AS "orderLineId", sum(l.quantity)::text AS quantity
       FROM purchase_order_lines l JOIN purchase_orders p ON p.branch_id = l.branch_id AND p.id = l.purchase_order_id
       WHERE l.branch_id = $1 AND l.order_id = $2 AND p.state <> 'CANCELLED'
       GROUP BY l.order_line_id`,
      [branchId, orderId],
    );
    return new Map(rows.map((r) => [r.orderLineId, milli(r.quantity)]));
  }
}
