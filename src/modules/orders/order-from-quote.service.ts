import { Injectable } from '@nestjs/common';
import { InvalidStateError, NotFoundError, type RequestContext } from '@app/core';
import { QuotesService } from '../contracts/quotes.service.js';
import type { OrderFromQuoteInput } from './dto/order.input.js';
import { netUnitPrice } from './order-lines.js';
import type { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

/**
 * An order made from an ACCEPTED quote (DOMAIN.md section 4: the customer's answer, then the order): the quote's
 * customer, owner and contract (when the quote became one, the order is backed by it), and its lines as they were
 * accepted: description, quantity, the catalogue product they name, and the unit price after the line's discount
 * (half-up to the cent, so an order line's total may differ from the quote line's by rounding). It starts in DRAFT
 * like any order: confirmed against the contract, or approved by leadership without one.
 */
@Injectable()
export class OrderFromQuoteService {
  constructor(
    private readonly orders: OrdersService,
    private readonly quotes: QuotesService,
  ) {}

  async create(ctx: RequestContext, quoteId: string, input: OrderFromQuoteInput): Promise<Order> {
    const quote = await this.quotes.findOne(ctx, quoteId.toLowerCase());
    if (!quote) throw new NotFoundError('Quote', quoteId);
    if ((quote.state as string) !== 'ACCEPTED') {
      throw new InvalidStateError(`Quote ${quote.id} is ${quote.state}: only an ACCEPTED quote becomes an order`);
    }
    const lines = await this.quotes.linesLoader(ctx).load(`${quote.branchId}:${quote.id}`);
    return this.orders.create(ctx, {
      branchId: quote.branchId,
      customerId: quote.customerId,
      ownerId: quote.ownerId,
      channel: input.channel,
      receivedOn: input.receivedOn,
      ...(input.reference ? { reference: input.reference } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      ...(quote.contractId ? { contractId: quote.contractId } : {}),
      currency: quote.currency,
      lines: lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: netUnitPrice(l.unitPrice, l.discountPercent),
        ...(l.productId ? { productId: l.productId } : {}),
      })),
    });
  }
}
