import { BadUserInputError, ConflictError } from '@app/core';

const QUANTITY = /^(0|[1-9]\d{0,14})(\.\d{1,3})?$/;

/** A quantity moved or counted: at most 3 decimals, below 10^15 (numeric(18,3)); positive unless `zeroOk`. */
export function checkQuantity(field: string, value: string, zeroOk = false): string {
  const v = value.trim();
  if (!QUANTITY.test(v)) {
    throw BadUserInputError.field(field, 'must be a quantity of zero or more with at most 3 decimals, such as "12.5"');
  }
  if (!zeroOk && /^0(\.0*)?$/.test(v)) throw BadUserInputError.field(field, 'must be more than zero');
  return v;
}

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
