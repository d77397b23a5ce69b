import { describe, expect, it } from '@jest/globals';
import { InvalidStateError } from '@app/core';
import { ShipmentStatus } from './shipment.enums.js';
import { SHIPMENT_MOVES, shipmentMove } from './shipment-state.js';

const ALL = Object.values(ShipmentStatus);

describe('shipment status moves', () => {
  it('allows exactly the moves of the table and names both states otherwise', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        if (SHIPMENT_MOVES[from].includes(to)) {
          expect(shipmentMove(from, to)).toBe(to);
        } else {
          expect(() => shipmentMove(from, to)).toThrow(InvalidStateError);
          expect(() => shipmentMove(from, to)).toThrow(new RegExp(`from ${from} to ${to}`));
        }
      }
    }
  });

  it('cancels only before the goods left, and ACCEPTED, REJECTED and CANCELLED are final', () => {
    expect(ALL.filter((s) => SHIPMENT_MOVES[s].includes(ShipmentStatus.CANCELLED))).toEqual([ShipmentStatus.PREPARED]);
    expect(SHIPMENT_MOVES.ACCEPTED).toEqual([]);
    expect(SHIPMENT_MOVES.REJECTED).toEqual([]);
    expect(SHIPMENT_MOVES.CANCELLED).toEqual([]);
  });

  it('a receipt follows only DELIVERED, and acceptance or rejection only the receipt', () => {
    expect(ALL.filter((s) => SHIPMENT_MOVES[s].includes(ShipmentStatus.RECEIPT_SIGNED))).toEqual([
      ShipmentStatus.DELIVERED,
    ]);
    for (const to of [ShipmentStatus.ACCEPTED, ShipmentStatus.REJECTED]) {
      expect(ALL.filter((s) => SHIPMENT_MOVES[s].includes(to))).toEqual([ShipmentStatus.RECEIPT_SIGNED]);
    }
    expect(() => shipmentMove(ShipmentStatus.IN_TRANSIT, ShipmentStatus.ACCEPTED)).toThrow(
      'A shipment cannot move from IN_TRANSIT to ACCEPTED: from IN_TRANSIT it may go to DELIVERED',
    );
  });
});
