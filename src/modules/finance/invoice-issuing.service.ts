import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  checkQuantity,
  InvalidStateError,
  NotFoundError,
  formatNumber,
  fromCents,
  nextInSequence,
  parseMoney,
  taxOfGross,
  toCents,
  todayIn,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { BranchesService } from '../branches/branches.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { emitCreditNoteEvents } from './credit-note-kpi.js';
import { checkLineIds, creditLine, parseTaxRate } from './invoice-rules.js';
import { ISSUED_STATES, checkInvoiceMove, type InvoiceMove } from './invoice-state.js';
import { InvoiceLines, Invoices, type Invoice, type InvoiceLine } from './invoice.entity.js';
import { InvoiceKind, InvoiceState } from './invoice.enums.js';
import type { CreditInvoiceInput, IssueInvoiceInput } from './dto/invoice.input.js';

/** How issued invoices and credit notes are numbered: branch code, 发票 (FP) / 红字 (HZ), year, sequence. */
const NUMBER_RULES: Record<InvoiceKind, string> = {
  [InvoiceKind.INVOICE]: '{BRANCH}-FP-{YYYY}-{NNNNNN}',
  [InvoiceKind.CREDIT_NOTE]: '{BRANCH}-HZ-{YYYY}-{NNNNNN}',
};

/**
 * Finance's side of invoices: issuing an approved request (number gap-free per branch, series and year; today's
 * business day; VAT type; tax per line half-up to the cent), delivery and the customer's confirmation, and
 * red-letter invoices (credit notes) against an issued one, never more than what remains on each line (with their
 * KPI events: credit-note-kpi.ts). Every
 * write locks the invoice first, so two credit notes on one invoice queue and never over-credit.
 */
@Injectable()
export class InvoiceIssuingService {
  constructor(
    private readonly branches: BranchesService,
    private readonly orders: OrdersService,
  ) {}

  async issue(ctx: RequestContext, id: string, input: IssueInvoiceInput): Promise<Invoice> {
    const actor = ctx.requireActor();
    const rate = parseTaxRate('taxRate', input.taxRate);
    const before = await Invoices.lock(ctx, id);
    if (before.kind !== InvoiceKind.INVOICE) throw new InvalidStateError('A credit note is issued when it is made');
    const to = checkInvoiceMove(before.state, 'ISSUE');
    const tx = await ctx.tx();
    const lines = await this.lines(tx, before);
    const overrides = input.lineTaxRates ?? [];
    const named = checkLineIds('lineTaxRates', overrides, lines);
    const rates = new Map(
      [...named.keys()].map((lineId, i) => [lineId, parseTaxRate(`lineTaxRates[${i}].taxRate`, overrides[i].taxRate)]),
    );
    let tax = 0n;
    for (const line of lines) {
      const lineRate = rates.get(line.id) ?? rate;
      const lineTax = taxOfGross(line.amount, lineRate);
      tax += toCents(lineTax);
      await InvoiceLines.update(tx, InvoiceLines.keyOf(line), { taxRate: lineRate, taxAmount: lineTax });
    }
    const numbered = await this.number(ctx, tx, before.branchId, InvoiceKind.INVOICE);
    return Invoices.change(
      ctx,
      before,
      {
        state: to,
        type: input.type,
        taxAmount: fromCents(tax),
        ...numbered,
        issuedById: actor.userId,
        updatedAt: new Date(),
      },
      'issue',
    );
  }

  /** ISSUED -> DELIVERED (handed or sent to the customer), DELIVERED -> CONFIRMED (the customer confirmed it). */
  async move(ctx: RequestContext, id: string, move: Extract<InvoiceMove, 'DELIVER' | 'CONFIRM'>): Promise<Invoice> {
    const before = await Invoices.lock(ctx, id);
    const to = checkInvoiceMove(before.state, move);
    const at = new Date();
    const set = move === 'DELIVER' ? { deliveredAt: at } : { confirmedAt: at };
    return Invoices.change(
      ctx,
      before,
      { state: to, ...set, updatedAt: at },
      move === 'DELIVER' ? 'delivered' : 'confirmed',
    );
  }

  /** A credit note (ISSUED at once, with its own number series) taking amounts off lines of an issued invoice. */
  async credit(ctx: RequestContext, input: CreditInvoiceInput): Promise<Invoice> {
    const actor = ctx.requireActor();
    const reason = input.reason.trim();
    const parts = input.lines.map((l, i) => {
      if (l.quantity != null) return { ...l, quantity: checkQuantity(`lines[${i}].quantity`, l.quantity) };
      if (l.amount != null) parseMoney(`lines[${i}].amount`, l.amount, 'positive');
      return l;
    });
    const invoice = await Invoices.lock(ctx, input.invoiceId.toLowerCase());
    if (invoice.kind !== InvoiceKind.INVOICE)
      throw new InvalidStateError('A credit note cannot be credited; credit its invoice');
    if (!ISSUED_STATES.includes(invoice.state)) {
      throw new InvalidStateError(
        `A ${invoice.state} invoice cannot be credited; only ${ISSUED_STATES.join(', ')} ones can`,
      );
    }
    const tx = await ctx.tx();
    const lines = await this.lines(tx, invoice);
    const named = [...checkLineIds('lines', parts, lines).values()];
    const credits = parts.map((p, i) => creditLine(`lines[${i}]`, named[i], p, invoice.currency));
    const amount = credits.reduce((s, c) => s + toCents(c.amount), 0n);
    const tax = credits.reduce((s, c) => s + toCents(c.tax), 0n);
    const id = randomUUID();
    const numbered = await this.number(ctx, tx, invoice.branchId, InvoiceKind.CREDIT_NOTE);
    const note = await Invoices.insert(tx, {
      branchId: invoice.branchId,
      id,
      kind: InvoiceKind.CREDIT_NOTE,
      customerId: invoice.customerId,
      contractId: invoice.contractId,
      creditedInvoiceId: invoice.id,
      state: InvoiceState.ISSUED,
      type: invoice.type,
      currency: invoice.currency,
      amount: fromCents(amount),
      taxAmount: fromCents(tax),
      note: reason,
      requestedById: actor.userId,
      issuedById: actor.userId,
      ...numbered,
    });
    for (const [i, c] of credits.entries()) {
      await InvoiceLines.insert(tx, {
        branchId: invoice.branchId,
        id: randomUUID(),
        invoiceId: id,
        position: i + 1,
        description: c.line.description,
        amount: c.amount,
        taxRate: c.line.taxRate,
        taxAmount: c.tax,
        creditedLineId: c.line.id,
        shipmentLineId: c.line.shipmentLineId,
        orderLineId: c.line.orderLineId,
        unitPrice: c.line.unitPrice,
        quantity: c.quantity,
      });
      await tx.query(
        `UPDATE invoice_lines SET credited_amount = credited_amount + $3::numeric, credited_tax = credited_tax + $4::numeric,
           credited_quantity = credited_quantity + $5::numeric
         WHERE branch_id = $1 AND id = $2`,
        [c.line.branchId, c.line.id, c.amount, c.tax, c.quantity ?? '0'],
      );
    }
    await writeAudit(ctx, {
      branchId: note.branchId,
      entity: 'invoice',
      entityId: id,
      action: 'credit_note',
      after: note,
    });
    await Invoices.change(
      ctx,
      invoice,
      { creditedAmount: fromCents(toCents(invoice.creditedAmount) + amount), updatedAt: new Date() },
      'credited',
    );
    const order = invoice.orderId ? await this.orders.findOne(ctx, invoice.orderId) : null;
    await emitCreditNoteEvents(ctx, note, order, credits);
    return (await Invoices.find(tx, Invoices.keyOf(note)))!;
  }

  private async lines(tx: Tx, invoice: Invoice): Promise<InvoiceLine[]> {
    const rows = await tx.query<InvoiceLine>(
      `SELECT ${InvoiceLines.cols()} FROM invoice_lines WHERE branch_id = $1 AND invoice_id = $2 ORDER BY position`,
      [invoice.branchId, invoice.id],
    );
    return rows.map(InvoiceLines.map);
  }

  /** The next number of the series in the branch's year (today in its time zone), gap-free. */
  private async number(ctx: RequestContext, tx: Tx, branchId: string, series: InvoiceKind) {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    const issuedOn = todayIn(branch.timeZone);
    const year = Number(issuedOn.slice(0, 4));
    const sequence = await nextInSequence(tx, 'invoice_number_counters', { branch_id: branchId, series, year });
    const number = formatNumber(NUMBER_RULES[series], { branchCode: branch.code, year, sequence });
    return { number, numberYear: year, numberSeq: sequence, issuedOn };
  }
}
