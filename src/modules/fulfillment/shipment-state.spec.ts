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

  it('cancels only before the goods left, and DELIVERED and CANCELLED are final', () => {
    expect(ALL.filter((s) => SHIPMENT_MOVES[s].includes(ShipmentStatus.CANCELLED))).toEqual([ShipmentStatus.PREPARED]);
    expect(SHIPMENT_MOVES.DELIVERED).toEqual([]);
    expect(SHIPMENT_MOVES.CANCELLED).toEqual([]);
  });
});
