import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  clean,
  writeAudit,
  type RequestContext,
  type Values,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalSettingsService } from '../approvals/approval-settings.service.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { ContractLinesService } from '../contracts/contract-lines.service.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { CatalogueService } from '../fulfillment/catalogue.service.js';
import { emitClosingEvents } from './order-closing.js';
import { asInput, checkedLines, draws, insertLines, orderLinesLoader, orderTotal } from './order-lines.js';
import { OrderState, orderTransition, type OrderTransition } from './order-state.js';
import { Orders, type Order, type OrderLine } from './order.entity.js';
import type { OrderFilter } from './order.types.js';
import type { CreateOrderInput, UpdateOrderInput } from './dto/order.input.js';

export const ORDER_SUBJECT = 'ORDER_WITHOUT_CONTRACT';

/** Contract states that back an order without approval. */
const BACKING_STATES = ['SIGNED', 'ACTIVE'];
/** Contract states not signed yet: an order against one is an order without a signed contract (leadership decides). */
const UNSIGNED_STATES = ['DRAFT', 'LEGAL_REVIEW', 'NEGOTIATION', 'APPROVAL', 'APPROVED'];

const OUTCOME_MOVE: Record<ApprovalOutcome, OrderTransition> = {
  APPROVED: 'APPROVAL_APPROVED',
  RETURNED: 'APPROVAL_RETURNED',
  REJECTED: 'APPROVAL_REJECTED',
  WITHDRAWN: 'APPROVAL_WITHDRAWN',
};

/**
 * Orders taken by phone, fax, e-mail or in person. Backed by a signed contract of the customer, an
 * order is confirmed directly; without one it is approved by leadership through the approval
 * engine (ORDER_WITHOUT_CONTRACT) first. Only APPROVED or CONFIRMED orders are released for shipment.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly calendars: ApprovalSettingsService,
    readonly catalogue: CatalogueService,
    readonly contractLines: ContractLinesService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: ORDER_SUBJECT,
      label: 'Order without contract',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Order | null> {
    return Orders.findInScope(ctx, id);
  }

  /** Newest first. Head office without a branch filter pages across its branches in one statement. */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: OrderFilter },
  ): Promise<ConnectionShape<Order>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx)
      .eq('state', f.state)
      .eq('customer_id', f.customerId, 'uuid')
      .eq('owner_id', f.ownerId, 'uuid');
    if (f.withoutContract != null) filter.where(f.withoutContract ? 'contract_id IS NULL' : 'contract_id IS NOT NULL');
    return keysetPage(ctx, args, {
      columns: Orders.cols(),
      from: 'orders',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (o: Order) => o.createdAt },
      map: Orders.map,
    });
  }

  /** The lines of many orders ("branchId:orderId" keys) in one statement. */
  linesLoader(ctx: RequestContext): DataLoader<string, OrderLine[]> {
    return orderLinesLoader(ctx);
  }

  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return ctx.loader(
      'orders.approvalRequest',
      () =>
        new DataLoader<string, ApprovalRequest | null>((ids) =>
          Promise.all(ids.map((i) => this.approvals.findRequest(ctx, i))),
        ),
    );
  }

  /**
   * The gate of fulfillment: the order a shipment draws down, locked FOR UPDATE until the shipping transaction
   * ends (so concurrent shipments of one order count each other's lines), with its lines. Only a RELEASED order
   * ships; NOT_FOUND for an order out of scope, as for a random id.
   */
  lockForShipment(ctx: RequestContext, id: string): Promise<{ order: Order; lines: OrderLine[] }> {
    return this.lockIn(
      ctx,
      id,
      [OrderState.RELEASED],
      'nothing ships before the order is RELEASED for shipment; release it first',
    );
  }

  /**
   * An order that has shipped (RELEASED, or CLOSED: an exchange's replacement ships after the order closed, under
   * the exchange's approved note, and the order stays CLOSED), locked with its lines, for replacements and acceptance.
   */
  lockShipped(ctx: RequestContext, id: string): Promise<{ order: Order; lines: OrderLine[] }> {
    return this.lockIn(
      ctx,
      id,
      [OrderState.RELEASED, OrderState.CLOSED],
      'only a RELEASED or CLOSED order has shipped',
    );
  }

  /** Purchasing: a binding order locked with its lines (purchase orders of one order queue); else INVALID_STATE. */
  lockForPurchase(ctx: RequestContext, id: string): Promise<{ order: Order; lines: OrderLine[] }> {
    const states = [OrderState.CONFIRMED, OrderState.APPROVED, OrderState.RELEASED];
    return this.lockIn(ctx, id, states, 'only a CONFIRMED, APPROVED or RELEASED order is bought for');
  }

  /**
   * RELEASED -> CLOSED, for fulfillment once every line is shipped, delivered and accepted (it holds the order's
   * lock and values the goods); the KPI events go with it. INVALID_STATE naming both states otherwise.
   */
  async close(ctx: RequestContext, order: Order, costOfGoods: string | null): Promise<Order> {
    const after = await this.move(ctx, order, 'CLOSE', { closedAt: new Date(), costOfGoods });
    await emitClosingEvents(ctx, after);
    return after;
  }

  // ---------- writes ----------

  /** A DRAFT order; lines naming contract lines draw them down in the same transaction (never beyond). */
  async create(ctx: RequestContext, input: CreateOrderInput, from: { quoteId?: string } = {}): Promise<Order> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const currency = await this.currency(ctx, branchId, input.currency);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'order' });
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    if (customer.status !== 'ACTIVE') {
      throw new InvalidStateError(`Customer "${customer.name}" is archived; it can place no new order`);
    }
    const contractId = input.contractId
      ? await this.backingContract(ctx, branchId, customer.id, input.contractId)
      : null;
    const lines = await checkedLines(ctx, this, branchId, currency, contractId, input.lines);
    const tx = await ctx.tx();
    const amount = await orderTotal(tx, lines);
    await this.contractLines.change(ctx, branchId, contractId, { draw: draws(lines) });
    const order = await Orders.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      ownerId,
      channel: input.channel,
      contractId,
      quoteId: from.quoteId ?? null,
      receivedOn: input.receivedOn,
      reference: clean(input.reference),
      amount,
      currency,
      notes: clean(input.notes),
      createdById: actor.userId,
    });
    await insertLines(tx, branchId, order.id, lines);
    await writeAudit(ctx, { branchId, entity: 'order', entityId: order.id, action: 'create', after: order });
    return order;
  }

  async update(ctx: RequestContext, id: string, input: UpdateOrderInput): Promise<Order> {
    if (input.contractId && input.clearContract) {
      throw BadUserInputError.field('clearContract', 'give a contractId or clearContract, not both');
    }
    const tx = await ctx.tx();
    const before = await Orders.lock(ctx, id);
    if (before.state !== OrderState.DRAFT) {
      throw new InvalidStateError(`An order in ${before.state} cannot be edited (only in DRAFT)`);
    }
    let contractId = input.clearContract ? null : before.contractId;
    if (input.contractId) {
      contractId = await this.backingContract(ctx, before.branchId, before.customerId, input.contractId);
    }
    // Another contract checks the lines again (as given, or as they are): they must draw on its lines, if it has any.
    const key = `${before.branchId}:${before.id}`;
    const old = await this.linesLoader(ctx).clear(key).load(key);
    const given = input.lines ?? (contractId !== before.contractId ? old.map(asInput) : null);
    const lines = given ? await checkedLines(ctx, this, before.branchId, before.currency, contractId, given) : null;
    const amount = lines ? await orderTotal(tx, lines) : before.amount;
    if (lines) {
      await this.contractLines.change(ctx, before.branchId, contractId, { release: draws(old), draw: draws(lines) });
      await tx.query('DELETE FROM order_lines WHERE branch_id = $1 AND order_id = $2', [before.branchId, id]);
      await insertLines(tx, before.branchId, id, lines);
      this.linesLoader(ctx).clear(key);
    }
    const set: Values<Order> = {
      contractId,
      channel: input.channel ?? before.channel,
      receivedOn: input.receivedOn ?? before.receivedOn,
      reference: input.reference !== undefined ? clean(input.reference) : before.reference,
      notes: input.notes !== undefined ? clean(input.notes) : before.notes,
      amount,
    };
    return Orders.change(ctx, before, set, 'update');
  }

  /**
   * DRAFT -> CONFIRMED when a SIGNED or ACTIVE contract of the customer backs the order; without a signed contract
   * (none, or one not signed yet: its lines stay drawn while leadership decides) DRAFT -> PENDING_APPROVAL with an
   * ORDER_WITHOUT_CONTRACT request; a COMPLETED or TERMINATED contract confirms nothing.
   */
  async confirm(ctx: RequestContext, id: string): Promise<Order> {
    const tx = await ctx.tx();
    const before = await Orders.lock(ctx, id);
    let unsigned = '';
    if (before.contractId) {
      orderTransition(before.state, 'CONFIRM');
      const contract = await this.contracts.findOne(ctx, before.contractId);
      if (!contract) throw new NotFoundError('Contract', before.contractId);
      if (BACKING_STATES.includes(contract.state)) return this.move(ctx, before, 'CONFIRM');
      if (!UNSIGNED_STATES.includes(contract.state)) {
        throw new InvalidStateError(
          `Contract "${contract.title}" is ${contract.state}: only a SIGNED or ACTIVE contract confirms an order; ` +
            'remove it so that leadership approves the order, or order against a live contract',
        );
      }
      unsigned = ` on unsigned contract "${contract.title}" (${contract.state})`;
    }
    // The state moves first: a policy without a step for this order approves it inside submit().
    await this.move(ctx, before, 'SUBMIT_FOR_APPROVAL');
    const customer = await this.customers.byKeyLoader(ctx).load(`${before.branchId}:${before.customerId}`);
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: ORDER_SUBJECT,
      subjectId: before.id,
      title: `Order without contract (${before.channel}): ${customer?.name ?? before.customerId}${unsigned}`.slice(
        0,
        200,
      ),
      amount: before.amount,
      currency: before.currency,
    });
    // submit() may have decided already (decided() moved the state): the row is read back as written.
    return Orders.update(tx, Orders.keyOf(before), { approvalRequestId: request.id });
  }

  /** The one way to RELEASED: from APPROVED (leadership approved) or CONFIRMED (contract-backed). */
  async release(ctx: RequestContext, id: string): Promise<Order> {
    const tx = await ctx.tx();
    const before = await Orders.lock(ctx, id);
    const approved = before.state === OrderState.APPROVED && before.approvalRequestId !== null;
    const confirmed = before.state === OrderState.CONFIRMED && before.contractId !== null;
    if (!approved && !confirmed) {
      throw new InvalidStateError(
        `An order cannot move from ${before.state} to RELEASED: it is released for shipment only when APPROVED ` +
          '(leadership approval) or CONFIRMED (backed by a signed contract)',
      );
    }
    if (confirmed) {
      // The contract may have been terminated since the order was confirmed: it must still back the order now,
      // and stays so (FOR SHARE) until this release commits.
      const [contract] = await tx.query<{ title: string; state: string }>(
        'SELECT title, state FROM contracts WHERE branch_id = $1 AND id = $2 FOR SHARE',
        [before.branchId, before.contractId],
      );
      if (!contract || !BACKING_STATES.includes(contract.state)) {
        throw new InvalidStateError(
          `Contract "${contract?.title ?? before.contractId}" is ${contract?.state ?? 'gone'}: only a SIGNED or ACTIVE ` +
            'contract backs a shipment; cancel the order, or renew the contract first',
        );
      }
    }
    return this.move(ctx, before, 'RELEASE', { releasedAt: new Date() });
  }

  /** Cancels a DRAFT, PENDING_APPROVAL, APPROVED or CONFIRMED order; a pending request is withdrawn first. */
  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Order> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const tx = await ctx.tx();
    let before = await Orders.lock(ctx, id);
    orderTransition(before.state, 'CANCEL');
    if (before.state === OrderState.PENDING_APPROVAL && before.approvalRequestId) {
      // The engine tells this module (decided(): back to DRAFT) in this transaction.
      await this.approvals.withdraw(ctx, before.approvalRequestId, `Order cancelled: ${why}`.slice(0, 2000));
      before = (await Orders.find(tx, Orders.keyOf(before)))!;
    }
    return this.move(ctx, before, 'CANCEL', { stateReason: why });
  }

  /** In the deciding transaction: APPROVED opens release, RETURNED / WITHDRAWN reopen the DRAFT, REJECTED ends it. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await Orders.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before) throw new NotFoundError('Order', request.subjectId);
    await this.move(ctx, before, OUTCOME_MOVE[outcome], {
      approvalRequestId: request.id,
      ...(outcome === 'REJECTED' ? { stateReason: await this.rejectionReason(ctx, request) } : {}),
    });
  }

  /** The approver's reason, from the request's REJECTED event (written before the engine calls decided()). */
  private async rejectionReason(ctx: RequestContext, request: ApprovalRequest): Promise<string> {
    const key = `${request.branchId}:${request.id}`;
    const events = await this.approvals.eventsLoader(ctx).clear(key).load(key);
    const rejected = events.filter((e) => e.action === 'REJECTED').pop();
    return (rejected?.comment?.trim() || 'Rejected in approval').slice(0, 2000);
  }

  // ---------- helpers ----------

  /**
   * Sets a new state (and other columns) after the guard, with the audit row of the transition. Becoming binding
   * (CONFIRMED or APPROVED) starts the one-working-day shipping clock; cancelling stops the worker's breach check.
   */
  private async move(ctx: RequestContext, before: Order, t: OrderTransition, set: Values<Order> = {}): Promise<Order> {
    const to = orderTransition(before.state, t);
    const clock: Values<Order> = {};
    if (to === OrderState.CONFIRMED || to === OrderState.APPROVED) {
      const signedAt = new Date();
      const shipBy = await this.calendars.nextWorkingDayClose(ctx, before.branchId, signedAt);
      Object.assign(clock, { signedAt, shipBy, shipBreachCheckAt: shipBy });
    }
    if (to === OrderState.CANCELLED) clock.shipBreachCheckAt = null;
    if (to === OrderState.CANCELLED || to === OrderState.REJECTED) {
      // What the order held of its contract's lines is free again.
      const lines = await this.linesLoader(ctx).load(`${before.branchId}:${before.id}`);
      await this.contractLines.change(ctx, before.branchId, before.contractId, { release: draws(lines) });
    }
    return Orders.change(ctx, before, { state: to, ...clock, ...set }, t.toLowerCase());
  }

  /** The order locked FOR UPDATE with its lines when it is in one of `states`; INVALID_STATE saying why otherwise. */
  private async lockIn(ctx: RequestContext, id: string, states: OrderState[], why: string) {
    const order = await Orders.lock(ctx, id);
    if (!states.includes(order.state)) throw new InvalidStateError(`Order ${order.id} is ${order.state}: ${why}`);
    const key = `${order.branchId}:${order.id}`;
    return { order, lines: await this.linesLoader(ctx).clear(key).load(key) };
  }

  /** A contract named for an order: in scope (else NOT_FOUND, like a random id) and of the order's customer. */
  private async backingContract(
    ctx: RequestContext,
    branchId: string,
    customerId: string,
    contractId: string,
  ): Promise<string> {
    const contract = await this.contracts.findOne(ctx, contractId.toLowerCase());
    if (!contract || contract.branchId !== branchId) throw new NotFoundError('Contract', contractId);
    if (contract.customerId !== customerId) {
      throw BadUserInputError.field(
        'contractId',
        'is a contract of another customer: name one of the order’s customer',
      );
    }
    return contract.id;
  }

  /** The branch's currency, checking a currency the caller named against it. */
  private async currency(ctx: RequestContext, branchId: string, given?: string | null): Promise<string> {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    if (given != null && given.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `orders of this branch are in ${branch.currency}`);
    }
    return branch.currency;
  }
}
