import { BadUserInputError, ConflictError, checkQuantity, fromMilli, lineValue, milli, toCents } from '@app/core';

/** One shipment line as finance invoices it: what was delivered, came back, and stands invoiced (quantities). */
export interface DeliveryLineState {
  shipmentLineId: string;
  orderLineId: string;
  description: string;
  unitPrice: string;
  /** The shipment line's quantity once the shipment is ACCEPTED, else 0. */
  delivered: string;
  returned: string;
  /** Quantity of invoice lines not REJECTED less what credit notes gave back. */
  invoiced: string;
  /**
   * On an exchange's replacement only: what the customer holds of the order line less what stands invoiced on it
   * over the whole order (the original shipment's invoice may cover the replaced goods already); else absent.
   */
  orderLeft?: string;
}

/** A line of the invoice request the plan makes: a quantity of one shipment line at its order line's price. */
export interface PlannedDeliveryLine {
  shipmentLineId: string;
  orderLineId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

/**
 * What may still be invoiced of a shipment line: delivered - returned - invoiced, never below zero; on an exchange's
 * replacement no more than the order line has left uninvoiced (goods billed once are not billed again).
 */
export function invoiceableOf(l: DeliveryLineState): bigint {
  let left = milli(l.delivered) - milli(l.returned) - milli(l.invoiced);
  if (l.orderLeft !== undefined && milli(l.orderLeft) < left) left = milli(l.orderLeft);
  return left < 0n ? 0n : left;
}

/** A request asks for more of a shipment line than is left to invoice: names the line and the four quantities. */
export class OverInvoiceError extends ConflictError {
  constructor(
    readonly line: DeliveryLineState,
    readonly requested: string,
  ) {
    super(
      `Shipment line ${line.shipmentLineId} would be invoiced beyond what was delivered: ${line.delivered} delivered, ` +
        `${line.returned} returned, ${line.invoiced} invoiced already, ${requested} requested` +
        (line.orderLeft === undefined
          ? ''
          : `; it replaces exchanged goods and the order line has ${line.orderLeft} left that no invoice covers ` +
            '(credit the exchanged quantity on the original invoice to bill the replacement instead)') +
        `; invoice at most ${fromMilli(invoiceableOf(line))}`,
    );
  }

  override get extensions(): Record<string, unknown> {
    const { shipmentLineId, delivered, returned, invoiced, orderLeft } = this.line;
    return {
      reason: 'OVER_INVOICE',
      shipmentLineId,
      delivered,
      returned,
      invoiced,
      requested: this.requested,
      ...(orderLeft === undefined ? {} : { orderLeft }),
    };
  }
}

/**
 * The lines of an invoice request from a delivery: the named shipment lines (each once, each a line of the shipment,
 * at most what is left), or else every line with something left to invoice and a price. A line worth 0.00 at its
 * price is refused when named and skipped otherwise (the invoice table takes positive amounts only).
 */
export function planDeliveryInvoice(
  shipmentId: string,
  lines: readonly DeliveryLineState[],
  named?: readonly { shipmentLineId: string; quantity: string }[],
): PlannedDeliveryLine[] {
  const plan = (l: DeliveryLineState, quantity: string): PlannedDeliveryLine => ({
    shipmentLineId: l.shipmentLineId,
    orderLineId: l.orderLineId,
    description: l.description.slice(0, 200),
    quantity,
    unitPrice: l.unitPrice,
    amount: lineValue(quantity, l.unitPrice),
  });
  if (!named?.length) {
    const all = lines
      .filter((l) => invoiceableOf(l) > 0n)
      .map((l) => plan(l, fromMilli(invoiceableOf(l))))
      .filter((p) => toCents(p.amount) > 0n);
    if (!all.length) {
      throw new ConflictError(
        `Nothing of shipment ${shipmentId} is left to invoice: every line is invoiced, returned or priced at 0`,
      );
    }
    return all;
  }
  const byId = new Map(lines.map((l) => [l.shipmentLineId, l]));
  const seen = new Set<string>();
  return named.map((n, i) => {
    const id = n.shipmentLineId.toLowerCase();
    const line = byId.get(id);
    if (!line) throw BadUserInputError.field(`lines[${i}].shipmentLineId`, 'is not a line of this shipment');
    if (seen.has(id)) throw BadUserInputError.field(`lines[${i}].shipmentLineId`, 'names a line a second time');
    seen.add(id);
    const quantity = checkQuantity(`lines[${i}].quantity`, n.quantity);
    if (milli(quantity) > invoiceableOf(line)) throw new OverInvoiceError(line, fromMilli(milli(quantity)));
    const p = plan(line, fromMilli(milli(quantity)));
    if (toCents(p.amount) === 0n) {
      throw BadUserInputError.field(`lines[${i}].quantity`, `is worth 0.00 at the order price: nothing to invoice`);
    }
    return p;
  });
}
