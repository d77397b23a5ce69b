import { transitionGuard as guard, type Moves } from '../transitions.js';
import { ProcurementRequestState, PurchaseContractState, SupplierQuotationState } from './procurement.enums.js';

const R = ProcurementRequestState;
const Q = SupplierQuotationState;

export type ProcurementRequestMove = 'PLAN' | 'SOURCE' | 'AWARD_ALL' | 'REOPEN' | 'CANCEL';

/**
 * A request is planned (and may be re-planned) before suppliers are asked; quotations are requested while it is
 * planned or sourcing; it is AWARDED once every line is on a live purchase contract, and back to SOURCING when
 * such a contract is cancelled; it is cancelled only while nothing is awarded.
 */
export const PROCUREMENT_REQUEST_MOVES: Moves<ProcurementRequestState, ProcurementRequestMove> = {
  PLAN: { from: [R.DRAFT, R.PLANNED], to: R.PLANNED },
  SOURCE: { from: [R.PLANNED, R.SOURCING], to: R.SOURCING },
  AWARD_ALL: { from: [R.SOURCING], to: R.AWARDED },
  REOPEN: { from: [R.AWARDED], to: R.SOURCING },
  CANCEL: { from: [R.DRAFT, R.PLANNED, R.SOURCING], to: R.CANCELLED },
};

export const procurementRequestMove = guard('A procurement request', PROCUREMENT_REQUEST_MOVES);

export type SupplierQuotationMove = 'OFFER' | 'DECLINE';

/** An offer is recorded (and revised) until the supplier declines; a declined request for quotation is final. */
export const SUPPLIER_QUOTATION_MOVES: Moves<SupplierQuotationState, SupplierQuotationMove> = {
  OFFER: { from: [Q.REQUESTED, Q.OFFERED], to: Q.OFFERED },
  DECLINE: { from: [Q.REQUESTED], to: Q.DECLINED },
};

export const supplierQuotationMove = guard('A request for quotation', SUPPLIER_QUOTATION_MOVES);

const C = PurchaseContractState;

export type PurchaseContractMove =
  | 'SUBMIT'
  | 'REVIEW_APPROVED'
  | 'REVIEW_APPROVED_NO_DEPOSIT'
  | 'REVIEW_RETURNED'
  | 'REVIEW_REJECTED'
  | 'RECORD_DEPOSIT'
  | 'RECEIVE_PART'
  | 'RECEIVE_ALL'
  | 'CLOSE'
  | 'CANCEL';

/**
 * A contract is reviewed before anything is paid or delivered (approved only through the approval engine); one that
 * asks for a deposit waits for finance to record it; goods come in only once it is in delivery; it closes once
 * received (in full, or short-closed after a part) and is cancelled only before any goods came (not in review).
 */
export const PURCHASE_CONTRACT_MOVES: Moves<PurchaseContractState, PurchaseContractMove> = {
  SUBMIT: { from: [C.DRAFT], to: C.IN_REVIEW },
  REVIEW_APPROVED: { from: [C.IN_REVIEW], to: C.AWAITING_DEPOSIT },
  REVIEW_APPROVED_NO_DEPOSIT: { from: [C.IN_REVIEW], to: C.IN_DELIVERY },
  REVIEW_RETURNED: { from: [C.IN_REVIEW], to: C.DRAFT },
  REVIEW_REJECTED: { from: [C.IN_REVIEW], to: C.CANCELLED },
  RECORD_DEPOSIT: { from: [C.AWAITING_DEPOSIT], to: C.IN_DELIVERY },
  RECEIVE_PART: { from: [C.IN_DELIVERY, C.PARTLY_RECEIVED], to: C.PARTLY_RECEIVED },
  RECEIVE_ALL: { from: [C.IN_DELIVERY, C.PARTLY_RECEIVED], to: C.RECEIVED },
  CLOSE: { from: [C.PARTLY_RECEIVED, C.RECEIVED], to: C.CLOSED },
  CANCEL: { from: [C.DRAFT, C.AWAITING_DEPOSIT, C.IN_DELIVERY], to: C.CANCELLED },
};

export const purchaseContractMove = guard('A purchase contract', PURCHASE_CONTRACT_MOVES);

/** The states whose delivery is followed up (a new expected day): approved, not yet received in full. */
export const FOLLOWED_UP: readonly PurchaseContractState[] = [C.AWAITING_DEPOSIT, C.IN_DELIVERY, C.PARTLY_RECEIVED];
