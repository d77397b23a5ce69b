import { registerEnumType } from '@nestjs/graphql';

/** Where the goods of a shipment come from. */
export enum ShipmentMode {
  FROM_STOCK = 'FROM_STOCK',
  DIRECT_FROM_MAKER = 'DIRECT_FROM_MAKER',
}

registerEnumType(ShipmentMode, {
  name: 'ShipmentMode',
  description: 'Where the goods of a shipment come from',
  valuesMap: {
    FROM_STOCK: { description: 'From a warehouse location of the branch: each line issues stock (cause SHIPMENT)' },
    DIRECT_FROM_MAKER: { description: 'The maker ships to the customer directly: no stock moves' },
  },
});

/**
 * PREPARED -> SHIPPED -> IN_TRANSIT -> DELIVERED -> RECEIPT_SIGNED -> ACCEPTED or REJECTED; CANCELLED only before
 * SHIPPED.
 */
export enum ShipmentStatus {
  PREPARED = 'PREPARED',
  SHIPPED = 'SHIPPED',
  IN_TRANSIT = 'IN_TRANSIT',
  DELIVERED = 'DELIVERED',
  RECEIPT_SIGNED = 'RECEIPT_SIGNED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description:
    'PREPARED -> SHIPPED -> IN_TRANSIT (may be skipped) -> DELIVERED -> RECEIPT_SIGNED -> ACCEPTED or REJECTED; ' +
    'CANCELLED only before SHIPPED',
  valuesMap: {
    PREPARED: { description: 'Recorded and packed (stock already issued); may still be cancelled' },
    SHIPPED: { description: 'Handed to the carrier (or dispatched by the maker)' },
    IN_TRANSIT: { description: 'On its way, as the carrier reports' },
    DELIVERED: { description: 'Arrived at the consignee' },
    RECEIPT_SIGNED: { description: 'The customer signed the delivery receipt (设备签收单); its scan is kept' },
    ACCEPTED: { description: 'The customer accepted the goods; final' },
    REJECTED: { description: 'The customer rejected the goods, with a reason; final' },
    CANCELLED: { description: 'Cancelled before it left; stock taken for it is back' },
  },
});
