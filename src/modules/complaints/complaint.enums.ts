import { registerEnumType } from '@nestjs/graphql';
import { ComplaintState } from './complaint-state.js';

export enum ComplaintChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  VISIT = 'VISIT',
  WEB = 'WEB',
  LETTER = 'LETTER',
}

export enum ComplaintCategory {
  PRODUCT = 'PRODUCT',
  DELIVERY = 'DELIVERY',
  SERVICE = 'SERVICE',
  BILLING = 'BILLING',
  OTHER = 'OTHER',
}

export enum ComplaintSeverity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export enum ComplaintAction {
  RECEIVED = 'RECEIVED',
  INVESTIGATION_STARTED = 'INVESTIGATION_STARTED',
  ROOT_CAUSE_RECORDED = 'ROOT_CAUSE_RECORDED',
  RESOLVED = 'RESOLVED',
  CONFIRMED = 'CONFIRMED',
  NOT_FIXED = 'NOT_FIXED',
  ESCALATED = 'ESCALATED',
}

registerEnumType(ComplaintState, {
  name: 'ComplaintState',
  description: 'RECEIVED -> INVESTIGATING -> RESOLVED -> CLOSED (the customer confirmed); "not fixed" reopens',
  valuesMap: {
    CLOSED: { description: 'The customer confirmed the fix' },
    INVESTIGATING: { description: 'Answered; root cause being investigated' },
    RECEIVED: { description: 'Taken in, waiting for the response (escalated when late)' },
    RESOLVED: { description: "Fixed; waiting for the customer's confirmation" },
  },
});
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: 'How the complaint came in',
  valuesMap: {
    EMAIL: { description: 'By e-mail' },
    LETTER: { description: 'By letter' },
    PHONE: { description: 'By telephone' },
    VISIT: { description: 'In person, during a visit' },
    WEB: { description: 'Through the web site' },
  },
});
registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: 'What a complaint is about',
  valuesMap: {
    BILLING: { description: 'Invoices and payments' },
    DELIVERY: { description: 'Shipping and delivery' },
    OTHER: { description: 'Anything else' },
    PRODUCT: { description: 'Product quality or fitness' },
    SERVICE: { description: 'Service or staff behaviour' },
  },
});
registerEnumType(ComplaintSeverity, {
  name: 'ComplaintSeverity',
  description: 'Sets the response deadline (per-branch complaint settings)',
  valuesMap: {
    CRITICAL: { description: 'Critical: answer within the shortest window (default 4 hours)' },
    HIGH: { description: 'High (default 24 hours)' },
    LOW: { description: 'Low (default 120 hours)' },
    MEDIUM: { description: 'Medium (default 72 hours)' },
  },
});
registerEnumType(ComplaintAction, {
  name: 'ComplaintAction',
  description: 'A move on the complaint’s timeline',
  valuesMap: {
    CONFIRMED: { description: 'The customer confirmed the fix: closed' },
    ESCALATED: { description: 'The worker escalated it past its response deadline' },
    INVESTIGATION_STARTED: { description: 'The response: investigation started' },
    NOT_FIXED: { description: 'The customer said it is not fixed: investigation reopened' },
    RECEIVED: { description: 'Taken in' },
    RESOLVED: { description: 'Resolved, with the resolution' },
    ROOT_CAUSE_RECORDED: { description: 'Root cause recorded' },
  },
});
