import { registerEnumType } from '@nestjs/graphql';

export enum ReceiptKind {
  BANK_TRANSFER = 'BANK_TRANSFER',
  CHEQUE = 'CHEQUE',
  BANK_ACCEPTANCE_BILL = 'BANK_ACCEPTANCE_BILL',
  BANK_DRAFT = 'BANK_DRAFT',
}

export enum ReceiptState {
  RECORDED = 'RECORDED',
  REVERSED = 'REVERSED',
}

export enum ReceivableGrouping {
  CUSTOMER = 'CUSTOMER',
  CONTRACT = 'CONTRACT',
}

registerEnumType(ReceiptKind, {
  name: 'ReceiptKind',
  description: 'How the money came in (回款方式)',
  valuesMap: {
    BANK_ACCEPTANCE_BILL: { description: 'Bank acceptance bill (银行承兑汇票): paid by the bank at its maturity day' },
    BANK_DRAFT: { description: 'Bank draft (银行汇票)' },
    BANK_TRANSFER: { description: 'Bank transfer into the branch’s account' },
    CHEQUE: { description: 'Cheque (支票)' },
  },
});
registerEnumType(ReceiptState, {
  name: 'ReceiptState',
  description: 'RECORDED counts; REVERSED was recorded in error and counts nowhere',
  valuesMap: {
    RECORDED: { description: 'In the books: its applications pay instalments' },
    REVERSED: { description: 'Reversed with a reason: its applications were taken off the instalments' },
  },
});
registerEnumType(ReceivableGrouping, {
  name: 'ReceivableGrouping',
  description: 'One receivable row per customer or per contract',
  valuesMap: {
    CONTRACT: { description: 'One row per contract with a payment schedule' },
    CUSTOMER: { description: 'One row per customer, over all their contracts' },
  },
});
