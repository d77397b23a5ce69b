import { registerEnumType } from '@nestjs/graphql';

export enum InvoiceKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}

export enum InvoiceState {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  ISSUED = 'ISSUED',
  DELIVERED = 'DELIVERED',
  CONFIRMED = 'CONFIRMED',
}

export enum InvoiceType {
  VAT_SPECIAL = 'VAT_SPECIAL',
  VAT_ORDINARY = 'VAT_ORDINARY',
}

registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'An invoice, or a red-letter invoice (credit note) against one',
  valuesMap: {
    CREDIT_NOTE: { description: 'Red-letter invoice (红字发票): takes amounts off an issued invoice, per line' },
    INVOICE: { description: 'An invoice (发票), from an invoice request (开票申请) on a contract' },
  },
});
registerEnumType(InvoiceState, {
  name: 'InvoiceState',
  description: 'Where an invoice is: requested and reviewed by finance, issued, delivered, confirmed by the customer',
  valuesMap: {
    APPROVED: { description: 'Finance approved the request: waiting to be issued' },
    CONFIRMED: { description: 'The customer confirmed receiving it' },
    DELIVERED: { description: 'Handed or sent to the customer' },
    ISSUED: { description: 'Issued with its number, day, type and tax (a credit note is issued at once)' },
    REJECTED: { description: 'The review did not approve it (rejected, returned or withdrawn): counts nowhere' },
    REQUESTED: { description: 'Requested, waiting for finance’s review (approval subject INVOICE_REQUEST)' },
  },
});
registerEnumType(InvoiceType, {
  name: 'InvoiceType',
  description: 'The kind of VAT invoice',
  valuesMap: {
    VAT_ORDINARY: { description: 'VAT ordinary invoice (增值税普通发票)' },
    VAT_SPECIAL: { description: 'VAT special invoice (增值税专用发票): the customer may deduct its input tax' },
  },
});
