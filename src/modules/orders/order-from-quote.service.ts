import { Injectable } from '@nestjs/common';
import { ConflictError, milli, type RequestContext } from '@app/core';
import { ContractLinesService } from '../contracts/contract-lines.service.js';
import { QuotesService } from '../contracts/quotes.service.js';
import type { OrderFromQuoteInput, OrderLineInput } from './dto/order.input.js';
import { netUnitPrice } from './order-lines.js';
import type { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

/**
 * An order made from an ACCEPTED quote (DOMAIN.md section 4: the customer's answer, then the order): the quote's
 * customer, owner and contract, and its lines. When the quote became a contract, the order draws down what is left
 * of the contract's lines (the quote's lines, copied): a second order takes the rest, and when nothing is left it is
 * CONFLICT. A quote without a contract becomes one live order (not cancelled or rejected) at most, with the quote's
 * lines at the unit price after discount (half-up to the cent); a second one is CONFLICT naming the first. The quote
 * is locked until the order commits, so two such calls queue. The order starts in DRAFT like any order.
 */
@Injectable()
export class OrderFromQuoteService {
  constructor(
    private readonly orders: OrdersService,
    private readonly quotes: QuotesService,
    private readonly contractLines: ContractLinesService,
  ) {}

  async create(ctx: RequestContext, quoteId: string, input: OrderFromQuoteInput): Promise<Order> {
    const quote = await this.quotes.lockAccepted(ctx, quoteId.toLowerCase());
    const contracted = quote.contractId ? await this.contractLines.linesOf(ctx, quote.branchId, quote.contractId) : [];
    let lines: OrderLineInput[];
    if (contracted.length) {
      const open = contracted.filter((l) => milli(l.remaining) > 0n);
      if (!open.length) {
        throw new ConflictError(
          `Everything contracted from quote ${quote.id} is already ordered (contract ${quote.contractId}): ` +
            'cancel an order to order again',
        );
      }
      lines = open.map((l) => ({ description: l.description, quantity: l.remaining, contractLineId: l.id }));
    } else {
      const tx = await ctx.tx();
      const [live] = await tx.query<{ id: string; state: string }>(
        `SELECT id, state FROM orders WHERE branch_id = $1 AND quote_id = $2 AND state NOT IN ('CANCELLED', 'REJECTED')
         LIMIT 1`,
        [quote.branchId, quote.id],
      );
      if (live) {
        throw new ConflictError(
          `Order ${live.id} (${live.state}) was already made from quote ${quote.id}: a quote without contract lines ` +
            'becomes one order; cancel that one first, or make a contract from the quote and order it in parts',
        );
      }
      const quoted = await this.quotes.linesLoader(ctx).load(`${quote.branchId}:${quote.id}`);
      lines = quoted.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: netUnitPrice(l.unitPrice, l.discountPercent),
        ...(l.productId ? { productId: l.productId } : {}),
      }));
    }
    return this.orders.create(
      ctx,
      {
        branchId: quote.branchId,
        customerId: quote.customerId,
        ownerId: quote.ownerId,
        channel: input.channel,
        receivedOn: input.receivedOn,
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.notes ? { notes: input.notes } : {}),
        ...(quote.contractId ? { contractId: quote.contractId } : {}),
        currency: quote.currency,
        lines,
      },
      { quoteId: quote.id },
    );
  }
}
