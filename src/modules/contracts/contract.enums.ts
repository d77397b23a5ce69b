import { registerEnumType } from '@nestjs/graphql';
import { ContractState } from './contract-state.js';
import { RiskPriority } from './risk-priority.js';

export enum SignatorySide {
  OURS = 'OURS',
  CUSTOMER = 'CUSTOMER',
}

export enum ContractVersionStatus {
  PENDING = 'PENDING',
  EFFECTIVE = 'EFFECTIVE',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum InstalmentKind {
  PREPAYMENT = 'PREPAYMENT',
  PROGRESS = 'PROGRESS',
  FINAL = 'FINAL',
}

export enum InstalmentStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  WAIVED = 'WAIVED',
}

export enum MilestoneStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  OVERDUE = 'OVERDUE',
  CANCELLED = 'CANCELLED',
}

export enum RiskCategory {
  COMMERCIAL = 'COMMERCIAL',
  FINANCIAL = 'FINANCIAL',
  LEGAL = 'LEGAL',
  TECHNICAL = 'TECHNICAL',
  DELIVERY = 'DELIVERY',
  COMPLIANCE = 'COMPLIANCE',
  OTHER = 'OTHER',
}

registerEnumType(ContractState, {
  name: 'ContractState',
  description: 'Where a contract is in its lifecycle',
  valuesMap: {
    ACTIVE: { description: 'Being performed' },
    APPROVAL: { description: 'Waiting in the approval engine (by amount; above 500,000 leadership too)' },
    APPROVED: { description: 'Approved, may be signed' },
    COMPLETED: { description: 'Performed and closed' },
    DRAFT: { description: 'The application: terms may change' },
    LEGAL_REVIEW: { description: 'With legal for review' },
    NEGOTIATION: { description: 'Terms negotiated with the customer (rounds recorded)' },
    SIGNED: { description: 'Signed and numbered' },
    TERMINATED: { description: 'Ended early, with a reason' },
  },
});
registerEnumType(SignatorySide, {
  name: 'SignatorySide',
  description: 'Which party a signatory signed for',
  valuesMap: {
    CUSTOMER: { description: 'The customer' },
    OURS: { description: 'Our company' },
  },
});
registerEnumType(ContractVersionStatus, {
  name: 'ContractVersionStatus',
  description: 'EFFECTIVE: signed or approved terms; PENDING: an amendment waiting for approval',
  valuesMap: {
    EFFECTIVE: { description: 'In force (the latest approved version)' },
    PENDING: { description: 'Waiting for approval' },
    REJECTED: { description: 'Refused by an approver; never in force' },
    RETURNED: { description: 'Returned for changes; never in force' },
    WITHDRAWN: { description: 'Withdrawn by the requester; never in force' },
  },
});
registerEnumType(InstalmentKind, {
  name: 'InstalmentKind',
  description: 'What an instalment pays for, by when in the contract it falls due',
  valuesMap: {
    FINAL: { description: 'Final payment after acceptance' },
    PREPAYMENT: { description: 'Prepayment before work starts' },
    PROGRESS: { description: 'Progress payment during performance' },
  },
});
registerEnumType(InstalmentStatus, {
  name: 'InstalmentStatus',
  description: 'OVERDUE: the worker marks a PENDING instalment the day after it was due (branch time zone)',
  valuesMap: {
    OVERDUE: { description: 'Not paid by its due day (set by the worker the day after)' },
    PAID: { description: 'Paid (paidOn says when)' },
    PENDING: { description: 'Due on dueOn, not paid yet' },
    WAIVED: { description: 'Will not be collected; no longer counts against the contract amount' },
  },
});
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'Where a delivery milestone stands',
  valuesMap: {
    CANCELLED: { description: 'No longer needed' },
    DONE: { description: 'Done (doneOn says when)' },
    OVERDUE: { description: 'Not done by its due day (set by the worker the day after)' },
    PENDING: { description: 'Open, due on dueOn' },
  },
});
registerEnumType(RiskCategory, {
  name: 'RiskCategory',
  description: 'The kind of a contract risk',
  valuesMap: {
    COMMERCIAL: { description: 'Price, demand, the customer’s commitment' },
    FINANCIAL: { description: 'Payment, credit, currency' },
    LEGAL: { description: 'Liability, warranties, jurisdiction, clauses' },
    TECHNICAL: { description: 'Feasibility, specifications, integration' },
    DELIVERY: { description: 'Schedule, capacity, logistics' },
    COMPLIANCE: { description: 'Regulation, permits, export control' },
    OTHER: { description: 'Anything else' },
  },
});
registerEnumType(RiskPriority, {
  name: 'RiskPriority',
  description: 'HIGH at score 15+ or impact 5, MEDIUM at 8+, else LOW (score = probability x impact)',
  valuesMap: {
    HIGH: { description: 'Score 15 or more, or impact 5: signing waits for its response' },
    MEDIUM: { description: 'Score 8 to 14' },
    LOW: { description: 'Score below 8' },
  },
});
