import { registerEnumType } from '@nestjs/graphql';

export enum StatementState {
  SENT = 'SENT',
  SIGNED = 'SIGNED',
  DISPUTED = 'DISPUTED',
  RESOLVED = 'RESOLVED',
}

export enum StatementCadence {
  HALF_YEAR = 'HALF_YEAR',
  MONTH = 'MONTH',
}

export enum StatementLineKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
  RECEIPT = 'RECEIPT',
}

registerEnumType(StatementState, {
  name: 'StatementState',
  description: 'Where a reconciliation statement (对账单) is: sent, then signed back or disputed; disputes resolved',
  valuesMap: {
    SENT: { description: 'Generated and sent; the customer has not answered' },
    SIGNED: { description: 'Signed back by the customer (the scan is on file)' },
    DISPUTED: { description: 'The customer disputed one or more lines; finance has not resolved them all' },
    RESOLVED: { description: 'Every disputed line was resolved by finance' },
  },
});
registerEnumType(StatementLineKind, {
  name: 'StatementLineKind',
  description: 'What a statement line records',
  valuesMap: {
    INVOICE: { description: 'An invoice issued in the period (adds to the balance)' },
    CREDIT_NOTE: { description: 'A red-letter invoice issued in the period (takes off the balance)' },
    RECEIPT: { description: 'Money received in the period (takes off the balance)' },
  },
});
registerEnumType(StatementCadence, {
  name: 'StatementCadence',
  description: 'How often a customer is sent a statement (对账周期)',
  valuesMap: {
    HALF_YEAR: { description: 'Every customer with books, at the end of June and of December' },
    MONTH: { description: 'A partner buying under a customer record, at every month-end, with the month’s rebate' },
  },
});
