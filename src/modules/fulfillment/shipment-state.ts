import { InvalidStateError } from '@app/core';
import { ShipmentStatus } from './shipment.enums.js';

const S = ShipmentStatus;

/**
 * The status a shipment may move to from each status, recorded by hand. IN_TRANSIT may be skipped (a courier that
 * delivers the same day); a shipment that has left (SHIPPED or later) can no longer be cancelled. A delivery is
 * signed for (the receipt) before the customer accepts or rejects it.
 */
export const SHIPMENT_MOVES: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  PREPARED: [S.SHIPPED, S.CANCELLED],
  SHIPPED: [S.IN_TRANSIT, S.DELIVERED],
  IN_TRANSIT: [S.DELIVERED],
  DELIVERED: [S.RECEIPT_SIGNED],
  RECEIPT_SIGNED: [S.ACCEPTED, S.REJECTED],
  ACCEPTED: [],
  REJECTED: [],
  CANCELLED: [],
};

/** `to`, when the move is allowed; INVALID_STATE naming both states otherwise. */
export function shipmentMove(from: ShipmentStatus, to: ShipmentStatus): ShipmentStatus {
  const allowed = SHIPMENT_MOVES[from];
  if (!allowed.includes(to)) {
    const next = allowed.length ? `from ${from} it may go to ${allowed.join(' or ')}` : `${from} is final`;
    throw new InvalidStateError(`A shipment cannot move from ${from} to ${to}: ${next}`);
  }
  return to;
}
