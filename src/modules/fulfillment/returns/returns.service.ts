import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  fromCents,
  toCents,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { ApprovalSubjects, type ApprovalOutcome } from '../../approvals/approval-subjects.js';
import { ApprovalsService } from '../../approvals/approvals.service.js';
import type { ApprovalRequest } from '../../approvals/approval.entity.js';
import { OrdersService } from '../../orders/orders.service.js';
import { checkQuantity, checkText, fromMilli, milli } from '../fulfillment-rules.js';
import { ShipmentLines, Shipments } from '../shipment.entity.js';
import { ShipmentStatus } from '../shipment.enums.js';
import { returnedByShipmentLine } from './return-records.js';
import { OverReturnError, lineValue } from './return-rules.js';
import { returnMove } from './return-state.js';
import { GoodsReturnLines, GoodsReturns, type GoodsReturn, type GoodsReturnLine } from './return.entity.js';
import { GoodsReturnStatus } from './return.enums.js';
import type { GoodsReturnFilter, RequestGoodsReturnInput, ReturnCheckInput } from './return.types.js';

export const RETURN_SUBJECT = 'RETURN';

const S = GoodsReturnStatus;

/** What the engine's outcome does to a return waiting for it. */
const OUTCOME_STATUS: Record<ApprovalOutcome, GoodsReturnStatus> = {
  APPROVED: S.APPROVED,
  REJECTED: S.REJECTED,
  RETURNED: S.AUTHENTICATED,
  WITHDRAWN: S.AUTHENTICATED,
};

/**
 * Returns and exchanges (退换货, DOMAIN.md section 5) up to approval: the customer's request against an ACCEPTED
 * shipment, the check of name, specification and quantity, the authenticity check with the maker, and the red-letter
 * return note through the approval engine (subject RETURN, built-in default: leadership). Requests of one shipment
 * take its row lock first, so concurrent returns of the last units queue and the second sees the first: never more
 * back than delivered per shipment line (and so per order line). A rep reaches only their own orders' returns (RLS).
 * Processing (stock, purchases, finance) is ReturnProcessingService's.
 */
@Injectable()
export class ReturnsService implements OnModuleInit {
  constructor(
    private readonly orders: OrdersService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: RETURN_SUBJECT,
      label: 'Return note',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<GoodsReturn | null> {
    return GoodsReturns.findInScope(ctx, id.toLowerCase());
  }

  /** Newest first; head office without a branch filter pages across its branches; a rep their own orders'. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: GoodsReturnFilter },
  ): Promise<ConnectionShape<GoodsReturn>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('shipment_id', f.shipmentId?.toLowerCase(), 'uuid')
      .eq('order_id', f.orderId?.toLowerCase(), 'uuid')
      .eq('status', f.status);
    return keysetPage(ctx, args, {
      columns: GoodsReturns.cols(),
      from: 'goods_returns',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: GoodsReturn) => r.createdAt },
      map: GoodsReturns.map,
    });
  }

  /** The lines of many returns ("branchId:returnId") in one statement. */
  linesLoader(ctx: RequestContext): DataLoader<string, GoodsReturnLine[]> {
    return ctx.loader(
      'returns.lines',
      () =>
        new DataLoader<string, GoodsReturnLine[]>(async (keys) => {
          const [branchIds, returnIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<GoodsReturnLine>(
            `SELECT x.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, return_id)
             CROSS JOIN LATERAL (SELECT ${GoodsReturnLines.cols('l')} FROM goods_return_lines l
               WHERE l.branch_id = k.branch_id AND l.return_id = k.return_id ORDER BY l.id) x`,
            [branchIds, returnIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.returnId}`, GoodsReturnLines.map);
        }),
    );
  }

  // ---------- writes ----------

  /** REQUESTED: what comes back from an ACCEPTED shipment, valued at the order's prices. */
  async request(ctx: RequestContext, input: RequestGoodsReturnInput): Promise<GoodsReturn> {
    const actor = ctx.requireActor();
    const description = checkText('description', input.description, 4000, true)!;
    const seen = new Set<string>();
    const requested = input.lines.map((l, i) => {
      const shipmentLineId = l.shipmentLineId.toLowerCase();
      if (seen.has(shipmentLineId)) {
        throw BadUserInputError.field(
          `lines[${i}].shipmentLineId`,
          'is named twice: one return line per shipment line',
        );
      }
      seen.add(shipmentLineId);
      return { shipmentLineId, quantity: checkQuantity(`lines[${i}].quantity`, l.quantity) };
    });
    const found = await Shipments.findInScope(ctx, input.shipmentId.toLowerCase());
    // A rep reaches only the shipments of their own orders: a colleague's answers as an unknown id, with the same
    // statements (the order is looked up either way).
    const order = await this.orders.findOne(ctx, found?.orderId ?? input.shipmentId.toLowerCase());
    if (!found || !order) throw new NotFoundError('Shipment', input.shipmentId);
    // The shipment's lock queues returns of the same goods: each sees what the others took back.
    const shipment = await Shipments.lock(ctx, found.id);
    if (shipment.status !== ShipmentStatus.ACCEPTED) {
      throw new InvalidStateError(
        `Shipment ${shipment.id} is ${shipment.status}: only goods of an ACCEPTED shipment can be returned`,
      );
    }
    const tx = await ctx.tx();
    const shipLines = new Map(
      (
        await tx.query(
          `SELECT ${ShipmentLines.cols('l')} FROM shipment_lines l WHERE l.branch_id = $1 AND l.shipment_id = $2`,
          [shipment.branchId, shipment.id],
        )
      )
        .map(ShipmentLines.map)
        .map((l) => [l.id, l]),
    );
    const orderKey = `${order.branchId}:${order.id}`;
    const prices = new Map((await this.orders.linesLoader(ctx).load(orderKey)).map((l) => [l.id, l.unitPrice]));
    const returned = await returnedByShipmentLine(ctx, shipment.branchId, shipment.id);
    const lines = requested.map((l, i) => {
      const line = shipLines.get(l.shipmentLineId);
      if (!line) throw BadUserInputError.field(`lines[${i}].shipmentLineId`, 'is not a line of this shipment');
      const before = returned.get(line.id) ?? 0n;
      if (before + milli(l.quantity) > milli(line.quantity)) {
        throw new OverReturnError(line.id, line.quantity, fromMilli(before), l.quantity);
      }
      const unitPrice = prices.get(line.orderLineId) ?? '0.00';
      return { line, quantity: l.quantity, unitPrice, amount: lineValue(l.quantity, unitPrice) };
    });
    const id = randomUUID();
    const ret = await GoodsReturns.insert(tx, {
      branchId: shipment.branchId,
      id,
      kind: input.kind,
      shipmentId: shipment.id,
      orderId: order.id,
      customerId: order.customerId,
      ownerId: order.ownerId,
      reason: input.reason,
      description,
      amount: fromCents(lines.reduce((s, l) => s + toCents(l.amount), 0n)),
      currency: order.currency,
      requestedById: actor.userId,
    });
    const written: GoodsReturnLine[] = [];
    for (const l of lines) {
      written.push(
        await GoodsReturnLines.insert(tx, {
          branchId: shipment.branchId,
          id: randomUUID(),
          returnId: id,
          shipmentLineId: l.line.id,
          orderLineId: l.line.orderLineId,
          organizationId: l.line.organizationId,
          productId: l.line.productId,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          amount: l.amount,
        }),
      );
    }
    await writeAudit(ctx, {
      branchId: ret.branchId,
      entity: 'goods_return',
      entityId: id,
      action: 'request',
      after: { ...ret, lines: written },
    });
    return ret;
  }

  /** REQUESTED -> GOODS_CHECKED (name, specification and quantity match), or REJECTED with what was found. */
  checkGoods(ctx: RequestContext, id: string, input: ReturnCheckInput): Promise<GoodsReturn> {
    return this.check(ctx, id, input, S.GOODS_CHECKED, (note, at) => ({ goodsCheckNote: note, goodsCheckedAt: at }));
  }

  /** GOODS_CHECKED -> AUTHENTICATED (the maker confirmed them genuine), or REJECTED with what the maker said. */
  checkAuthenticity(ctx: RequestContext, id: string, input: ReturnCheckInput): Promise<GoodsReturn> {
    return this.check(ctx, id, input, S.AUTHENTICATED, (note, at) => ({
      authenticityNote: note,
      authenticatedAt: at,
    }));
  }

  /** AUTHENTICATED -> PENDING_APPROVAL: the red-letter return note goes to leadership (approval subject RETURN). */
  async submitNote(ctx: RequestContext, id: string): Promise<GoodsReturn> {
    const before = await GoodsReturns.lock(ctx, id.toLowerCase());
    const to = returnMove(before.status, S.PENDING_APPROVAL);
    const tx = await ctx.tx();
    await GoodsReturns.change(ctx, before, { status: to, updatedAt: new Date() }, 'submit_note');
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: RETURN_SUBJECT,
      subjectId: before.id,
      title: `Red-letter return note: -${before.amount} ${before.currency} (${before.reason})`.slice(0, 200),
      amount: before.amount,
    });
    // submit() may have decided already (a policy without steps): the row is read back as the decision left it.
    await GoodsReturns.update(tx, GoodsReturns.keyOf(before), { approvalRequestId: request.id });
    return (await GoodsReturns.find(tx, GoodsReturns.keyOf(before)))!;
  }

  // ---------- helpers ----------

  private async check(
    ctx: RequestContext,
    id: string,
    input: ReturnCheckInput,
    passTo: GoodsReturnStatus,
    record: (note: string | null, at: Date) => Values<GoodsReturn>,
  ): Promise<GoodsReturn> {
    const note = checkText('note', input.note, 2000, !input.passed);
    const before = await GoodsReturns.lock(ctx, id.toLowerCase());
    const to = returnMove(before.status, input.passed ? passTo : S.REJECTED);
    const now = new Date();
    const set: Values<GoodsReturn> = { status: to, updatedAt: now, ...record(note, now) };
    if (to === S.REJECTED) Object.assign(set, { rejectedAt: now, rejectionReason: note });
    return GoodsReturns.change(ctx, before, set, to.toLowerCase());
  }

  /** In the deciding transaction: APPROVED opens processing, REJECTED ends it, RETURNED/WITHDRAWN reopen it. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await GoodsReturns.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.status !== S.PENDING_APPROVAL) return;
    const to = returnMove(before.status, OUTCOME_STATUS[outcome]);
    const now = new Date();
    const set: Values<GoodsReturn> = { status: to, approvalRequestId: request.id, updatedAt: now };
    if (to === S.APPROVED) set.approvedAt = now;
    if (to === S.REJECTED) Object.assign(set, { rejectedAt: now, rejectionReason: 'Return note rejected in approval' });
    await GoodsReturns.change(ctx, before, set, `approval_${outcome.toLowerCase()}`);
  }
}
