import { registerEnumType } from '@nestjs/graphql';

/** Where a procurement request (采购申请) is. */
export enum ProcurementRequestState {
  DRAFT = 'DRAFT',
  PLANNED = 'PLANNED',
  SOURCING = 'SOURCING',
  AWARDED = 'AWARDED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ProcurementRequestState, {
  name: 'ProcurementRequestState',
  description: 'Where a procurement request is',
  valuesMap: {
    DRAFT: { description: 'The need is recorded; plan it next' },
    PLANNED: { description: 'Planned (budget, order-by date); ask suppliers for quotations next' },
    SOURCING: { description: 'Quotations were requested; offers are recorded, compared and awarded' },
    AWARDED: { description: 'Every line is on a purchase contract' },
    CANCELLED: { description: 'Cancelled before anything was awarded' },
  },
});

/** Where a request for quotation to one supplier (询价) is. */
export enum SupplierQuotationState {
  REQUESTED = 'REQUESTED',
  OFFERED = 'OFFERED',
  DECLINED = 'DECLINED',
}

registerEnumType(SupplierQuotationState, {
  name: 'SupplierQuotationState',
  description: 'Where a request for quotation to one supplier is',
  valuesMap: {
    REQUESTED: { description: 'Sent to the supplier; waiting for its offer' },
    OFFERED: { description: 'The supplier’s offer is recorded (it may be revised)' },
    DECLINED: { description: 'The supplier declined to quote' },
  },
});

/** Where a purchase contract with a supplier (采购合同) is. */
export enum PurchaseContractState {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  AWAITING_DEPOSIT = 'AWAITING_DEPOSIT',
  IN_DELIVERY = 'IN_DELIVERY',
  PARTLY_RECEIVED = 'PARTLY_RECEIVED',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PurchaseContractState, {
  name: 'PurchaseContractState',
  description: 'Where a purchase contract with a supplier is',
  valuesMap: {
    DRAFT: { description: 'Awarded from an offer; submit it for review' },
    IN_REVIEW: { description: 'Reviewed through the approval engine (subject PURCHASE_CONTRACT)' },
    AWAITING_DEPOSIT: { description: 'Approved; finance records the deposit the contract asks for' },
    IN_DELIVERY: { description: 'Approved (and its deposit paid): the supplier delivers; goods may be received' },
    PARTLY_RECEIVED: { description: 'Some of the goods were received into stock' },
    RECEIVED: { description: 'Every line was received in full' },
    CLOSED: { description: 'Done: nothing more is expected from the supplier' },
    CANCELLED: { description: 'Cancelled (by hand, or rejected in review) before any goods came' },
  },
});
