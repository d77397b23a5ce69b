import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  fromCents,
  parseMoney,
  toCents,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { Contract } from '../contracts/contract.entity.js';
import type { Order } from '../orders/order.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { checkInvoiceMove } from './invoice-state.js';
import { InvoiceLines, Invoices, type Invoice, type InvoiceLine } from './invoice.entity.js';
import { InvoiceKind, InvoiceState } from './invoice.enums.js';
import type { ContractInvoicing, InvoiceFilter } from './invoice.types.js';
import type { RequestInvoiceInput } from './dto/invoice.input.js';

export const INVOICE_REQUEST = 'INVOICE_REQUEST';

/** A line of a new invoice request: a contract line (amount), or a delivery line (shipment line, quantity, price). */
export type NewInvoiceLine = Pick<InvoiceLine, 'description' | 'amount'> &
  Partial<Pick<InvoiceLine, 'shipmentLineId' | 'orderLineId' | 'quantity' | 'unitPrice'>>;

/** Contract states an invoice may be requested in: signed and after (a terminated contract takes none). */
const INVOICEABLE_CONTRACT_STATES = ['SIGNED', 'ACTIVE', 'COMPLETED'];

/**
 * Invoice requests (开票申请): asked on a contract, up to what is still invoiceable (the contract amount less the
 * invoices not rejected, less what credit notes took off them), reviewed by finance through the approval engine
 * (subject INVOICE_REQUEST, default policy: the branch's finance reviewer). The contract row is locked first, so two
 * requests on one contract at the same moment queue, and the second sees the first: never over-invoiced.
 * A sales rep sees the requests they made; everyone else every invoice of the branches in scope.
 */
@Injectable()
export class InvoicesService implements OnModuleInit {
  constructor(
    private readonly contracts: ContractsService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: INVOICE_REQUEST,
      label: 'Invoice request',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Invoice | null> {
    const row = await Invoices.findInScope(ctx, id);
    return row && this.visible(ctx, row) ? row : null;
  }

  /** Newest first; head office every branch in one statement. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: InvoiceFilter },
  ): Promise<ConnectionShape<Invoice>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .owner(ctx, 'requested_by')
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('contract_id', f.contractId?.toLowerCase(), 'uuid')
      .eq('shipment_id', f.shipmentId?.toLowerCase(), 'uuid')
      .eq('kind', f.kind)
      .eq('state', f.state);
    return keysetPage(ctx, args, {
      columns: Invoices.cols(),
      from: 'invoices',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (r: Invoice) => r.createdAt },
      map: Invoices.map,
    });
  }

  /** The lines of many invoices ("branchId:invoiceId"), in position order, one statement per batch. */
  linesLoader(ctx: RequestContext): DataLoader<string, InvoiceLine[]> {
    return ctx.loader(
      'finance.invoiceLines',
      () =>
        new DataLoader<string, InvoiceLine[]>(async (keys) => {
          const [branchIds, invoiceIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<InvoiceLine>(
            `SELECT l.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, invoice_id)
             CROSS JOIN LATERAL (SELECT ${InvoiceLines.cols('x')} FROM invoice_lines x
               WHERE x.branch_id = k.branch_id AND x.invoice_id = k.invoice_id ORDER BY x.position) l`,
            [branchIds, invoiceIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.invoiceId}`, InvoiceLines.map);
        }),
    );
  }

  /** How much of a contract is invoiced and what may still be requested. */
  async contractInvoicing(ctx: RequestContext, contractId: string): Promise<ContractInvoicing | null> {
    const contract = await this.contracts.findOne(ctx, contractId);
    if (!contract || !this.mayInvoice(ctx, contract)) return null;
    return this.invoicing(ctx, contract);
  }

  /**
   * Standing invoiced quantity per shipment line of a shipment (numeric(18,3) text): invoice lines of invoices not
   * REJECTED, less what credit notes gave back.
   */
  async invoicedByShipmentLine(
    ctx: RequestContext,
    branchId: string,
    shipmentId: string,
  ): Promise<Map<string, string>> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ shipmentLineId: string; invoiced: string }>(
      `SELECT l.shipment_line_id AS "shipmentLineId", sum(l.quantity - l.credited_quantity)::text AS invoiced
       FROM invoices i JOIN invoice_lines l ON l.branch_id = i.branch_id AND l.invoice_id = i.id
       WHERE i.branch_id = $1 AND i.shipment_id = $2 AND i.kind = 'INVOICE' AND i.state <> 'REJECTED'
       GROUP BY l.shipment_line_id`,
      [branchId, shipmentId],
    );
    return new Map(rows.map((r) => [r.shipmentLineId, r.invoiced]));
  }

  /**
   * Standing invoiced quantity per order line over every delivery invoice of an order (numeric(18,3) text): what an
   * exchange's replacement is weighed against (the original shipment's invoice may cover its goods already).
   */
  async invoicedByOrderLine(ctx: RequestContext, branchId: string, orderId: string): Promise<Map<string, string>> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ orderLineId: string; invoiced: string }>(
      `SELECT l.order_line_id AS "orderLineId", sum(l.quantity - l.credited_quantity)::text AS invoiced
       FROM invoices i JOIN invoice_lines l ON l.branch_id = i.branch_id AND l.invoice_id = i.id
       WHERE i.branch_id = $1 AND i.order_id = $2 AND i.kind = 'INVOICE' AND i.state <> 'REJECTED'
       GROUP BY l.order_line_id`,
      [branchId, orderId],
    );
    return new Map(rows.map((r) => [r.orderLineId, r.invoiced]));
  }

  // ---------- writes ----------

  /** A request on a contract, for finance to review: REQUESTED, with its approval request. */
  async request(ctx: RequestContext, input: RequestInvoiceInput): Promise<Invoice> {
    ctx.requireActor();
    const lines = input.lines.map((l, i) => ({
      description: l.description.trim(),
      amount: parseMoney(`lines[${i}].amount`, l.amount, 'positive'),
    }));
    const seen = await this.contracts.findOne(ctx, input.contractId.toLowerCase());
    if (!seen || !this.mayInvoice(ctx, seen)) throw new NotFoundError('Contract', input.contractId);
    const contract = await this.lockInvoiceable(ctx, seen);
    return this.open(ctx, contract, { type: input.type ?? null, note: input.note?.trim() ?? null }, lines);
  }

  /**
   * A signed contract locked for invoicing (requests on it queue, each sees the others), or INVALID_STATE naming
   * its state; NOT_FOUND out of scope.
   */
  async lockInvoiceable(ctx: RequestContext, seen: { branchId: string; id: string }): Promise<Contract> {
    const contract = await this.contracts.lockKey(await ctx.tx(), seen.branchId, seen.id);
    if (!INVOICEABLE_CONTRACT_STATES.includes(contract.state)) {
      throw new InvalidStateError(
        `A ${contract.state} contract takes no invoice request; only ${INVOICEABLE_CONTRACT_STATES.join(', ')} ones do`,
      );
    }
    return contract;
  }

  /**
   * A REQUESTED invoice with its lines and its approval request. On a locked contract, after checking that the lines
   * together fit what is still invoiceable on it (BAD_USER_INPUT on `lines` otherwise); from a delivery of an order
   * without a contract (`order`), the caller has counted the shipment's lines under the shipment's lock.
   */
  async open(
    ctx: RequestContext,
    on: Contract | { order: Pick<Order, 'branchId' | 'id' | 'customerId' | 'currency'> },
    head: Pick<Invoice, 'type' | 'note'> & Partial<Pick<Invoice, 'orderId' | 'shipmentId'>>,
    lines: NewInvoiceLine[],
  ): Promise<Invoice> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const total = lines.reduce((s, l) => s + toCents(l.amount), 0n);
    const contract = 'order' in on ? null : on;
    const { branchId, customerId, currency } = 'order' in on ? on.order : on;
    if (contract) {
      const { invoiceable } = await this.invoicing(ctx, contract);
      if (total > toCents(invoiceable)) {
        throw BadUserInputError.field(
          'lines',
          `together ${fromCents(total)} ${currency}, more than the ${invoiceable} still invoiceable on this contract`,
        );
      }
    }
    const id = randomUUID();
    const invoice = await Invoices.insert(tx, {
      branchId,
      id,
      kind: InvoiceKind.INVOICE,
      customerId,
      contractId: contract?.id ?? null,
      orderId: head.orderId ?? null,
      shipmentId: head.shipmentId ?? null,
      state: InvoiceState.REQUESTED,
      type: head.type,
      currency,
      amount: fromCents(total),
      note: head.note,
      requestedById: actor.userId,
    });
    for (const [i, l] of lines.entries()) {
      await InvoiceLines.insert(tx, {
        branchId,
        id: randomUUID(),
        invoiceId: id,
        position: i + 1,
        ...l,
      });
    }
    await writeAudit(ctx, {
      branchId: invoice.branchId,
      entity: 'invoice',
      entityId: id,
      action: head.shipmentId ? 'request_from_delivery' : 'request',
      after: { ...invoice, lines },
    });
    const request = await this.approvals.submit(ctx, {
      branchId,
      subjectType: INVOICE_REQUEST,
      subjectId: id,
      title: `Invoice request: ${contract ? (contract.number ?? contract.title) : `order ${head.orderId}`}`.slice(
        0,
        200,
      ),
      amount: invoice.amount,
    });
    // submit() may have decided already (a policy without steps): the row is read back as written.
    await Invoices.update(tx, Invoices.keyOf(invoice), { approvalRequestId: request.id });
    return (await Invoices.find(tx, Invoices.keyOf(invoice)))!;
  }

  /** In the deciding transaction: APPROVED lets finance issue it; anything else rejects it (it stops counting). */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await Invoices.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.state !== InvoiceState.REQUESTED) return;
    const move = outcome === 'APPROVED' ? 'APPROVE' : 'REJECT';
    await Invoices.change(
      ctx,
      before,
      { state: checkInvoiceMove(before.state, move), updatedAt: new Date() },
      outcome === 'APPROVED' ? 'approved' : `review_${outcome.toLowerCase()}`,
    );
  }

  // ---------- helpers ----------

  /** A sales rep reads and requests on their own only (the contracts they own, the requests they made). */
  private mayInvoice(ctx: RequestContext, contract: Contract): boolean {
    return !ctx.ownOnly || contract.ownerId === ctx.actor?.userId;
  }

  private visible(ctx: RequestContext, invoice: Invoice): boolean {
    return !ctx.ownOnly || invoice.requestedById === ctx.actor?.userId;
  }

  private async invoicing(ctx: RequestContext, contract: Contract): Promise<ContractInvoicing> {
    const tx = await ctx.tx();
    const [r] = await tx.query<{ standing: string }>(
      `SELECT coalesce(sum(amount - credited_amount), 0.00)::text AS standing FROM invoices
       WHERE branch_id = $1 AND contract_id = $2 AND kind = 'INVOICE' AND state <> 'REJECTED'`,
      [contract.branchId, contract.id],
    );
    const invoiceable = toCents(contract.amount) - toCents(r.standing);
    return {
      branchId: contract.branchId,
      contractId: contract.id,
      currency: contract.currency,
      amount: contract.amount,
      standing: r.standing,
      invoiceable: fromCents(invoiceable < 0n ? 0n : invoiceable),
    };
  }
}
