import { ConflictError } from '@app/core';
import { fromMilli, milli } from './fulfillment-rules.js';

/** Human purchase order numbers: the branch code, the year and a gap-free sequence. */
export const PURCHASE_ORDER_NUMBER_RULE = 'PO-{BRANCH}-{YYYY}-{NNNN}';

/** The approval subject of finance's review of a purchase order (default policy: the branch's finance reviewer). */
export const PURCHASE_ORDER_SUBJECT = 'PURCHASE_ORDER';

/** A purchase order line asks for more than its order line still needs: names the line and the three quantities. */
export class OverPurchaseError extends ConflictError {
  constructor(
    readonly orderLineId: string,
    readonly ordered: string,
    readonly purchased: string,
    readonly requested: string,
  ) {
    super(
      `Order line ${orderLineId} would be bought for more than it needs: ${ordered} ordered, ${purchased} on ` +
        `purchase orders already, ${requested} requested; buy at most ${fromMilli(milli(ordered) - milli(purchased))}`,
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'OVER_PURCHASE',
      orderLineId: this.orderLineId,
      ordered: this.ordered,
      purchased: this.purchased,
      requested: this.requested,
    };
  }
}
