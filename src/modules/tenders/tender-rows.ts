import { BadUserInputError, type Tx } from '@app/core';
import { branchToday, dayStart } from '../contracts/contract-due-dates.js';
import type { TenderState } from './tender-state.js';
import type { Tender, TenderDocument } from './tender.types.js';

export const TENDER_COLUMNS = `branch_id, id, project, issuer, customer_id, owner_id, submission_deadline, opening_at,
  opening_place, scope, bid_amount::text AS bid_amount, currency, deposit_amount::text AS deposit_amount,
  deposit_returned, state, submitted_at, result_notes, winner_name, contract_id, next_reminder_at, created_by,
  created_at, updated_at`;

export interface TenderRow {
  branch_id: string;
  id: string;
  project: string;
  issuer: string;
  customer_id: string | null;
  owner_id: string;
  submission_deadline: Date;
  opening_at: Date | null;
  opening_place: string | null;
  scope: string | null;
  bid_amount: string | null;
  currency: string;
  deposit_amount: string | null;
  deposit_returned: boolean;
  state: TenderState;
  submitted_at: Date | null;
  result_notes: string | null;
  winner_name: string | null;
  contract_id: string | null;
  next_reminder_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toTender = (r: TenderRow): Tender => ({
  id: r.id,
  branchId: r.branch_id,
  project: r.project,
  issuer: r.issuer,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  submissionDeadline: r.submission_deadline,
  openingAt: r.opening_at,
  openingPlace: r.opening_place,
  scope: r.scope,
  bidAmount: r.bid_amount,
  currency: r.currency,
  depositAmount: r.deposit_amount,
  depositReturned: r.deposit_returned,
  state: r.state,
  submittedAt: r.submitted_at,
  resultNotes: r.result_notes,
  winnerName: r.winner_name,
  contractId: r.contract_id,
  nextReminderAt: r.next_reminder_at,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const DOCUMENT_COLUMNS = `branch_id, id, tender_id, name, required, ready, due_on::text AS due_on`;

export interface DocumentRow {
  branch_id: string;
  id: string;
  tender_id: string;
  name: string;
  required: boolean;
  ready: boolean;
  due_on: string | null;
}

export const toDocument = (r: DocumentRow): TenderDocument => ({
  id: r.id,
  branchId: r.branch_id,
  tenderId: r.tender_id,
  name: r.name,
  required: r.required,
  ready: r.ready,
  dueOn: r.due_on,
});

const AMOUNT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** A bid or deposit amount: positive, at most 2 decimals, below 10^13 (numeric(18,2) in the database). */
export function checkMoney(field: string, value: string): string {
  const v = value.trim();
  if (v.startsWith('-') || /^0(\.0*)?$/.test(v)) throw BadUserInputError.field(field, 'must be positive');
  if (!AMOUNT.test(v)) {
    throw BadUserInputError.field(field, 'must be an amount with at most 2 decimals, below 10,000,000,000,000');
  }
  return v;
}

/** Days before the deadline's day (branch time zone) on which the owner is reminded; 0 is the day itself. */
export const TENDER_REMINDER_DAYS = [7, 1, 0];

/** The deadline's business day in the branch's time zone. */
const deadlineDay = (t: string) =>
  `(${t}.submission_deadline AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb WHERE sb.id = ${t}.branch_id))::date`;

/**
 * Sets each tender's next deadline reminder: the largest threshold whose day (the deadline's day
 * less that many days, branch time zone) is today or later; after a reminder was sent
 * (`afterSent`), only thresholds below the one just sent. Only PREPARING tenders have one.
 */
export async function refreshTenderReminders(
  tx: Tx,
  branchId: string,
  tenderIds: string[],
  afterSent = false,
): Promise<void> {
  await tx.query(
    `UPDATE tenders t SET (reminder_days, next_reminder_at) = (
       SELECT d, ${dayStart(`${deadlineDay('t')} - d`, 't.branch_id')}
       FROM unnest('{${TENDER_REMINDER_DAYS.join(',')}}'::smallint[]) AS d
       WHERE t.state = 'PREPARING' AND ${deadlineDay('t')} - d >= ${branchToday('t.branch_id')}
         AND (NOT $3::boolean OR d < t.reminder_days)
       ORDER BY d DESC LIMIT 1)
     WHERE t.branch_id = $1 AND t.id = ANY($2::uuid[])`,
    [branchId, tenderIds, afterSent],
  );
}
