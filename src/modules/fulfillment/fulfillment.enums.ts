import { registerEnumType } from '@nestjs/graphql';

export enum VendorKind {
  MAKER = 'MAKER',
  SUPPLIER = 'SUPPLIER',
  MAKER_AND_SUPPLIER = 'MAKER_AND_SUPPLIER',
}

registerEnumType(VendorKind, {
  name: 'VendorKind',
  description: 'What a vendor is to the organization',
  valuesMap: {
    MAKER: { description: 'Manufacturer (厂家) of catalogue products' },
    SUPPLIER: { description: 'Supplier (供应商) the organization buys from' },
    MAKER_AND_SUPPLIER: { description: 'Makes products and sells them to the organization directly' },
  },
});

/** Why stock moved: receipts and returns bring it in, shipments take it out, a count corrects it either way. */
export enum StockCause {
  PURCHASE_RECEIPT = 'PURCHASE_RECEIPT',
  SHIPMENT = 'SHIPMENT',
  RETURN = 'RETURN',
  COUNT_ADJUSTMENT = 'COUNT_ADJUSTMENT',
}

registerEnumType(StockCause, {
  name: 'StockCause',
  description: 'The cause of a stock movement',
  valuesMap: {
    PURCHASE_RECEIPT: { description: 'Goods received from a maker or supplier (in)' },
    SHIPMENT: { description: 'Goods shipped to a customer (out)' },
    RETURN: { description: 'Goods a customer returned (in)' },
    COUNT_ADJUSTMENT: { description: 'A stock count found more or less than recorded (in or out)' },
  },
});

/** The causes that bring stock in (receiveStock). */
export enum StockInCause {
  PURCHASE_RECEIPT = 'PURCHASE_RECEIPT',
  RETURN = 'RETURN',
}

registerEnumType(StockInCause, {
  name: 'StockInCause',
  description: 'Why goods come into stock',
  valuesMap: {
    PURCHASE_RECEIPT: { description: 'Goods received from a maker or supplier' },
    RETURN: { description: 'Goods a customer returned' },
  },
});
