import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import type { ApprovalRequest } from './approval.entity.js';

/** Subject types the engine knows; later modules register theirs (the list in the database is open). */
export const SUBJECT_TYPES = [
  'CONTRACT',
  'QUOTE',
  'SPECIAL_TERMS',
  'LEGAL_REVIEW',
  'ORDER_WITHOUT_CONTRACT',
  'INVOICE_REQUEST',
  'RETURN',
  'LEAVE',
  'DOCUMENT_BORROWING',
  'APPRAISAL',
  'WORK_PLAN_CHANGE',
  'BUSINESS_TRIP',
  'EXPENSE_OVERRUN',
] as const;

export type ApprovalOutcome = 'APPROVED' | 'REJECTED' | 'RETURNED' | 'WITHDRAWN';

/**
 * What a subject module tells the engine. `onDecided` runs in the transaction that records the final
 * decision, so the subject moves past its gate exactly when (and only when) the request is decided.
 */
export interface ApprovalSubject {
  type: string;
  /** A person-readable name, e.g. "Contract". */
  label: string;
  onDecided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void>;
}

/** The registry subject modules add themselves to at start. */
@Injectable()
export class ApprovalSubjects {
  private readonly subjects = new Map<string, ApprovalSubject>();

  register(subject: ApprovalSubject): void {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(subject.type)) throw new Error(`bad approval subject type "${subject.type}"`);
    if (this.subjects.has(subject.type)) throw new Error(`approval subject "${subject.type}" registered twice`);
    this.subjects.set(subject.type, subject);
  }

  get(type: string): ApprovalSubject | undefined {
    return this.subjects.get(type);
  }

  /** Types a policy may be written for: the known list plus whatever is registered. */
  knownTypes(): string[] {
    return [...new Set([...SUBJECT_TYPES, ...this.subjects.keys()])].sort();
  }
}
