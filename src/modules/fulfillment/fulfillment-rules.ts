import { BadUserInputError, ConflictError, checkQuantity, fromMilli, milli } from '@app/core';

// The quantity rule is libs/core's (finance's invoices from deliveries and credits take quantities too).
export { checkQuantity, fromMilli, milli };

/** Optional or required text within a length; blank counts as absent. */
export function checkText(
  field: string,
  value: string | null | undefined,
  max: number,
  required = false,
): string | null {
  const v = value?.trim() || null;
  if (!v) {
    if (required) throw BadUserInputError.field(field, 'must not be blank');
    return null;
  }
  if (v.length > max) throw BadUserInputError.field(field, `must be at most ${max} characters`);
  return v;
}

/** Stock would go negative: names the product, the location, what is on hand and what was asked for. */
export class InsufficientStockError extends ConflictError {
  constructor(
    readonly productId: string,
    readonly productCode: string,
    readonly locationId: string,
    readonly locationCode: string,
    readonly onHand: string,
    readonly requested: string,
  ) {
    super(
      `Not enough stock of product ${productCode} at location ${locationCode}: ${onHand} on hand, ${requested} requested`,
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'INSUFFICIENT_STOCK',
      productId: this.productId,
      locationId: this.locationId,
      onHand: this.onHand,
      requested: this.requested,
    };
  }
}

/** A shipment line asks for more than its order line still awaits: names the line and the three quantities. */
export class OverShipmentError extends ConflictError {
  constructor(
    readonly orderLineId: string,
    readonly ordered: string,
    readonly shipped: string,
    readonly requested: string,
  ) {
    super(
      `Order line ${orderLineId} would ship more than ordered: ${ordered} ordered, ${shipped} shipped already, ` +
        `${requested} requested; ship at most ${fromMilli(milli(ordered) - milli(shipped))}`,
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'OVER_SHIPMENT',
      orderLineId: this.orderLineId,
      ordered: this.ordered,
      shipped: this.shipped,
      requested: this.requested,
    };
  }
}
