import { randomUUID } from 'node:crypto';
import { BadUserInputError, writeAudit, type RequestContext, type Tx } from '@app/core';
import type { ContractTerms } from './contract-diff.js';
import type { ContractState } from './contract-state.js';
import type {
  Contract,
  ContractEvent,
  ContractSpecialFee,
  ContractVersion,
  ContractVersionStatus,
  NegotiationRound,
  Signatory,
} from './contract.types.js';

/** Dates leave PostgreSQL as text: a business day is no instant. */
export const CONTRACT_COLUMNS = `branch_id, id, customer_id, title, amount::text AS amount, currency, starts_on::text AS starts_on,
  ends_on::text AS ends_on, owner_id, special_terms, state, number, signed_on::text AS signed_on, signatories,
  original_received, termination_reason, version, approval_request_id, renewed_from_id, created_by, created_at, updated_at,
  legal_review_request_id, non_standard_price, special_fees, special_terms_request_id`;

export interface ContractRow {
  branch_id: string;
  id: string;
  customer_id: string;
  title: string;
  amount: string;
  currency: string;
  starts_on: string;
  ends_on: string;
  owner_id: string;
  special_terms: string | null;
  state: ContractState;
  number: string | null;
  signed_on: string | null;
  signatories: Signatory[] | null;
  original_received: boolean;
  termination_reason: string | null;
  version: number;
  approval_request_id: string | null;
  renewed_from_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  legal_review_request_id: string | null;
  non_standard_price: string | null;
  special_fees: ContractSpecialFee[] | null;
  special_terms_request_id: string | null;
}

/** Special terms, a non-standard price or special fees: what needs the SPECIAL_TERMS approval before signing. */
export const carriesSpecialTerms = (c: {
  specialTerms: string | null;
  nonStandardPrice: string | null;
  specialFees: ContractSpecialFee[];
}): boolean => c.specialTerms !== null || c.nonStandardPrice !== null || c.specialFees.length > 0;

export const toContract = (r: ContractRow): Contract => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  title: r.title,
  amount: r.amount,
  currency: r.currency,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  ownerId: r.owner_id,
  specialTerms: r.special_terms,
  state: r.state,
  number: r.number,
  signedOn: r.signed_on,
  signatories: r.signatories ?? [],
  originalReceived: r.original_received,
  terminationReason: r.termination_reason,
  version: r.version,
  approvalRequestId: r.approval_request_id,
  renewedFromId: r.renewed_from_id,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  legalReviewRequestId: r.legal_review_request_id,
  nonStandardPrice: r.non_standard_price,
  specialFees: r.special_fees ?? [],
  carriesSpecialTerms: carriesSpecialTerms({
    specialTerms: r.special_terms,
    nonStandardPrice: r.non_standard_price,
    specialFees: r.special_fees ?? [],
  }),
  specialTermsRequestId: r.special_terms_request_id,
});

export const termsOf = (c: Contract): ContractTerms => ({
  title: c.title,
  amount: c.amount,
  currency: c.currency,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  specialTerms: c.specialTerms,
});

export interface RoundRow {
  branch_id: string;
  id: string;
  contract_id: string;
  round: number;
  held_on: string;
  counterpart: string;
  points: string;
  outcome: string;
  recorded_by: string;
  created_at: Date;
}

export const ROUND_COLUMNS = `branch_id, id, contract_id, round, held_on::text AS held_on, counterpart, points, outcome,
  recorded_by, created_at`;

export const toRound = (r: RoundRow): NegotiationRound => ({
  id: r.id,
  branchId: r.branch_id,
  contractId: r.contract_id,
  round: r.round,
  heldOn: r.held_on,
  counterpart: r.counterpart,
  points: r.points,
  outcome: r.outcome,
  recordedById: r.recorded_by,
  createdAt: r.created_at,
});

export interface VersionRow {
  branch_id: string;
  id: string;
  contract_id: string;
  version: number;
  status: ContractVersionStatus;
  snapshot: ContractTerms;
  reason: string;
  approval_request_id: string | null;
  created_by: string;
  created_at: Date;
}

export const toVersion = (r: VersionRow): ContractVersion => ({
  id: r.id,
  branchId: r.branch_id,
  contractId: r.contract_id,
  version: r.version,
  status: r.status,
  terms: r.snapshot,
  reason: r.reason,
  approvalRequestId: r.approval_request_id,
  createdById: r.created_by,
  createdAt: r.created_at,
});

export interface EventRow {
  branch_id: string;
  id: string;
  contract_id: string;
  action: string;
  from_state: ContractState | null;
  to_state: ContractState | null;
  actor_id: string | null;
  note: string | null;
  at: Date;
}

export const toEvent = (r: EventRow): ContractEvent => ({
  id: r.id,
  branchId: r.branch_id,
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  actorId: r.actor_id,
  note: r.note,
  at: r.at,
});

/** Writes one timeline entry alone (the caller writes the audit row of what changed). */
export async function recordEvent(
  ctx: RequestContext,
  tx: Tx,
  c: Contract,
  action: string,
  note: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO contract_events (branch_id, id, contract_id, action, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.branchId, randomUUID(), c.id, action, ctx.actor?.userId ?? null, note],
  );
}

/** Writes one timeline entry and the audit row of a change to a contract. */
export async function recordChange(
  ctx: RequestContext,
  tx: Tx,
  e: { before: Contract | null; after: Contract; action: string; note?: string | null },
): Promise<void> {
  const from = e.before?.state ?? null;
  const to = e.after.state;
  await tx.query(
    `INSERT INTO contract_events (branch_id, id, contract_id, action, from_state, to_state, actor_id, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.after.branchId,
      randomUUID(),
      e.after.id,
      e.action,
      from,
      from === to ? null : to,
      ctx.actor?.userId ?? null,
      e.note ?? null,
    ],
  );
  await writeAudit(ctx, {
    branchId: e.after.branchId,
    entity: 'contract',
    entityId: e.after.id,
    action: e.action.toLowerCase(),
    before: e.before ?? undefined,
    after: e.after,
  });
}

const AMOUNT = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** A contract amount: positive, at most 2 decimals, below 10^13 (numeric(18,2) in the database). */
export function checkContractAmount(field: string, value: string): string {
  const v = value.trim();
  if (v.startsWith('-')) throw BadUserInputError.field(field, 'must be positive');
  if (!AMOUNT.test(v)) {
    throw BadUserInputError.field(field, 'must be an amount with at most 2 decimals, below 10,000,000,000,000');
  }
  if (/^0(\.0+)?$/.test(v)) throw BadUserInputError.field(field, 'must be positive');
  return v;
}

/** Special fees as the contract keeps them: 0 to 20, each a description and a positive amount. */
export function checkSpecialFees(
  fees: readonly { description: string; amount: string }[],
  field = 'specialFees',
): ContractSpecialFee[] {
  if (fees.length > 20) throw BadUserInputError.field(field, 'at most 20 special fees');
  return fees.map((f, i) => {
    const description = f.description.trim();
    if (description.length < 1 || description.length > 200) {
      throw BadUserInputError.field(`${field}[${i}].description`, 'must be 1 to 200 characters');
    }
    return { description, amount: normaliseAmount(checkContractAmount(`${field}[${i}].amount`, f.amount)) };
  });
}

/** "85.5" -> "85.50": amounts leave the database with two decimals; fees kept in JSON look the same. */
function normaliseAmount(v: string): string {
  const [i, f = ''] = v.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

/** A term: both days given, the end not before the start. */
export function checkTerm(startsOn: string, endsOn: string, field = 'endsOn'): void {
  if (endsOn < startsOn) throw BadUserInputError.field(field, `must not be before the start (${startsOn})`);
}
