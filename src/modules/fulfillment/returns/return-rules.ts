import { ConflictError } from '@app/core';
import { fromMilli, milli } from '../fulfillment-rules.js';

export { lineValue } from '@app/core';

/** A return line asks for more than its shipment line delivered less what came back before: names all three. */
export class OverReturnError extends ConflictError {
  constructor(
    readonly shipmentLineId: string,
    readonly shipped: string,
    readonly returned: string,
    readonly requested: string,
  ) {
    super(
      `Shipment line ${shipmentLineId} would take back more than it delivered: ${shipped} delivered, ${returned} ` +
        `returned or being returned already, ${requested} requested; return at most ` +
        fromMilli(milli(shipped) - milli(returned)),
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'OVER_RETURN',
      shipmentLineId: this.shipmentLineId,
      shipped: this.shipped,
      returned: this.returned,
      requested: this.requested,
    };
  }
}
