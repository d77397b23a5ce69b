import { writeAudit, type RequestContext } from '@app/core';
import type { QuoteState } from './quote-state.js';
import type { Quote, QuoteLine, QuoteLineKind } from './quote.types.js';

/** The standard discount limit of a branch without its own setting (percent). */
export const DEFAULT_QUOTE_DISCOUNT_LIMIT = '10.00';
/** Days before the validity date at which the owner of a SENT quote is reminded, by default. */
export const DEFAULT_QUOTE_REMINDER_DAYS = 3;

/** The branch's limit for the quote row aliased `q` (a primary-key lookup, evaluated in the same statement). */
const LIMIT = (q: string) =>
  `coalesce((SELECT s.quote_discount_limit_percent FROM contract_settings s WHERE s.branch_id = ${q}.branch_id), ${DEFAULT_QUOTE_DISCOUNT_LIMIT})`;

/**
 * The columns of a quote, with the branch's limit and whether the quote exceeds it: a line's discount
 * above the limit, or an overall discount above the limit applied to the subtotal (rounded to the cent,
 * so lines exactly at the limit never need approval through rounding).
 */
export const quoteColumns = (q = 'q') => `${q}.branch_id, ${q}.id, ${q}.customer_id, ${q}.owner_id, ${q}.title,
  ${q}.currency, ${q}.valid_until::text AS valid_until, ${q}.state, ${q}.notes, ${q}.subtotal::text AS subtotal,
  ${q}.discount_amount::text AS discount_amount, ${q}.total::text AS total,
  ${q}.max_discount_percent::text AS max_discount_percent, ${LIMIT(q)}::text AS discount_limit_percent,
  (${q}.max_discount_percent > ${LIMIT(q)} OR ${q}.discount_amount > round(${q}.subtotal * ${LIMIT(q)} / 100, 2))
    AS needs_approval,
  ${q}.approval_request_id, ${q}.approval_note, ${q}.decline_reason, ${q}.contract_id, ${q}.sent_at, ${q}.created_by,
  ${q}.created_at, ${q}.updated_at`;

export interface QuoteRow {
  branch_id: string;
  id: string;
  customer_id: string;
  owner_id: string;
  title: string;
  currency: string;
  valid_until: string;
  state: QuoteState;
  notes: string | null;
  subtotal: string;
  discount_amount: string;
  total: string;
  max_discount_percent: string;
  discount_limit_percent: string;
  needs_approval: boolean;
  approval_request_id: string | null;
  approval_note: string | null;
  decline_reason: string | null;
  contract_id: string | null;
  sent_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toQuote = (r: QuoteRow): Quote => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  title: r.title,
  currency: r.currency,
  validUntil: r.valid_until,
  state: r.state,
  notes: r.notes,
  subtotal: r.subtotal,
  discountAmount: r.discount_amount,
  total: r.total,
  maxDiscountPercent: r.max_discount_percent,
  discountLimitPercent: r.discount_limit_percent,
  needsApproval: r.needs_approval,
  approvalRequestId: r.approval_request_id,
  approvalNote: r.approval_note,
  declineReason: r.decline_reason,
  contractId: r.contract_id,
  sentAt: r.sent_at,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const LINE_COLUMNS = `branch_id, id, quote_id, position, kind, description, quantity::text AS quantity,
  unit_price::text AS unit_price, discount_percent::text AS discount_percent, gross_amount::text AS gross_amount,
  line_total::text AS line_total`;

export interface LineRow {
  branch_id: string;
  id: string;
  quote_id: string;
  position: number;
  kind: QuoteLineKind;
  description: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  gross_amount: string;
  line_total: string;
}

export const toLine = (r: LineRow): QuoteLine => ({
  id: r.id,
  branchId: r.branch_id,
  quoteId: r.quote_id,
  position: r.position,
  kind: r.kind,
  description: r.description,
  quantity: r.quantity,
  unitPrice: r.unit_price,
  discountPercent: r.discount_percent,
  grossAmount: r.gross_amount,
  lineTotal: r.line_total,
});

/** The audit row of a change to a quote; a transition's note (e.g. a rejection's reason) goes with it. */
export async function auditQuote(
  ctx: RequestContext,
  e: { before: Quote | null; after: Quote; action: string; note?: string | null },
): Promise<void> {
  await writeAudit(ctx, {
    branchId: e.after.branchId,
    entity: 'quote',
    entityId: e.after.id,
    action: e.action.toLowerCase(),
    before: e.before ?? undefined,
    after: e.note ? { ...e.after, note: e.note } : e.after,
  });
}
