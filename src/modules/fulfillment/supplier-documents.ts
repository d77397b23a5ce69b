import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import {
  BadUserInputError,
  NotFoundError,
  formatNumber,
  fromCents,
  lineValue,
  nextInSequence,
  toCents,
  writeAudit,
  type RequestContext,
  type Table,
  type Tx,
  type Values,
} from '@app/core';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import type { ApprovalsService } from '../approvals/approvals.service.js';
import type { SupplierLine } from './supplier-document-columns.js';

/** What the shared helpers read of any supplier document (a purchase order, a purchase contract). */
export interface SupplierDocument {
  branchId: string;
  id: string;
  number: string;
  state: string;
  amount: string;
  currency: string;
  approvalRequestId: string | null;
}

/** The moves every kind's transition table has (the helpers name them): a review, goods received in part or all. */
export type SupplierMove = 'SUBMIT' | 'RECEIVE_PART' | 'RECEIVE_ALL';

/**
 * One kind of supplier document with lines, approved, received into stock: its tables, the column of a line naming
 * its document, its transition guard, and what it is called. The rules written once in this file and in
 * supplier-receipts.ts (numbering, lines and their total, moves with their audit row, review, receipts) read it.
 */
export interface SupplierDocumentKind<D extends SupplierDocument, L extends SupplierLine, M extends string> {
  /** "purchase order", "purchase contract": in messages, stock references and NOT_FOUND. */
  noun: string;
  documents: Table<D>;
  lines: Table<L>;
  /** The line's property holding its document's id. */
  parent: keyof L & string;
  /** The counter table of the gap-free number per branch and year, and its rule. */
  counters: string;
  numberRule: string;
  guard: (from: D['state'], move: M) => D['state'];
  /** The over-receipt conflict's word for what the line asks ("ordered", "contracted"). */
  receivedCap: string;
}

/** The lines of many documents ("branchId:documentId" keys), in position order, one statement per batch. */
export function linesLoader<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  kind: SupplierDocumentKind<D, L, M>,
): DataLoader<string, L[]> {
  return kind.lines.childLoader(ctx, kind.parent, 'x.position');
}

/** The next gap-free number of a document of this kind for the branch and year (counter row locked to the end). */
export async function nextDocumentNumber<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  tx: Tx,
  kind: SupplierDocumentKind<D, L, M>,
  branch: { id: string; code: string },
  today: string,
): Promise<string> {
  const year = Number(today.slice(0, 4));
  const sequence = await nextInSequence(tx, kind.counters, { branch_id: branch.id, year });
  return formatNumber(kind.numberRule, { branchCode: branch.code, year, sequence });
}

/** Each line's total (quantity × unit price, half-up to the cent) and the document's amount, below 10^13. */
export function priceLines<T extends { quantity: string; unitPrice: string }>(
  field: string,
  lines: readonly T[],
): { lines: (T & { lineTotal: string })[]; amount: string } {
  const priced = lines.map((l) => ({ ...l, lineTotal: lineValue(l.quantity, l.unitPrice) }));
  const cents = priced.reduce((s, l) => s + toCents(l.lineTotal), 0n);
  if (cents >= 10n ** 15n) throw BadUserInputError.field(field, 'the total must be below 10^13');
  return { lines: priced, amount: fromCents(cents) };
}

/**
 * Writes a new document and its lines (positions from 1, each naming the document) with one audit row holding
 * both, under `action` ("create", "award").
 */
export async function insertWithLines<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  kind: SupplierDocumentKind<D, L, M>,
  document: Values<D> & { branchId: string },
  lines: readonly Values<L>[],
  action: string,
): Promise<D> {
  const tx = await ctx.tx();
  const id = randomUUID();
  const written = await kind.documents.insert(tx, { ...document, id });
  const writtenLines: L[] = [];
  for (const [i, l] of lines.entries()) {
    const line = { ...l, branchId: document.branchId, id: randomUUID(), position: i + 1, [kind.parent]: id };
    writtenLines.push(await kind.lines.insert(tx, line as Values<L>));
  }
  await writeAudit(ctx, {
    branchId: written.branchId,
    entity: kind.documents.noun.charAt(0).toLowerCase() + kind.documents.noun.slice(1),
    entityId: id,
    action,
    after: { ...written, lines: writtenLines },
  });
  return written;
}

/** Sets a new state (and other columns) after the kind's guard, with the audit row of the move. */
export function moveDocument<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  kind: SupplierDocumentKind<D, L, M>,
  before: D,
  move: M,
  set: Values<D> = {},
): Promise<D> {
  const to = kind.guard(before.state, move);
  const values = { state: to, updatedAt: new Date(), ...set } as Values<D>;
  return kind.documents.change(ctx, before, values, move.toLowerCase());
}

/**
 * DRAFT -> IN_REVIEW through the approval engine (the document's row locked first); the request's id is written
 * back after submit(), which may have decided already (a policy without steps moved the state): read as written.
 */
export async function submitForReview<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  kind: SupplierDocumentKind<D, L, M>,
  approvals: ApprovalsService,
  id: string,
  subjectType: string,
  title: (before: D) => string | Promise<string>,
): Promise<D> {
  const tx = await ctx.tx();
  const before = await kind.documents.lock(ctx, id.toLowerCase());
  await moveDocument(ctx, kind, before, 'SUBMIT' as M);
  const request = await approvals.submit(ctx, {
    branchId: before.branchId,
    subjectType,
    subjectId: before.id,
    title: (await title(before)).slice(0, 200),
    amount: before.amount,
    currency: before.currency,
  });
  return kind.documents.update(tx, kind.documents.keyOf(before), { approvalRequestId: request.id } as Values<D>);
}

/** In the deciding transaction: the reviewed document, locked (NOT_FOUND if it is gone). */
export async function lockReviewed<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  kind: SupplierDocumentKind<D, L, M>,
  request: ApprovalRequest,
): Promise<D> {
  const tx = await ctx.tx();
  const key = { branchId: request.branchId, id: request.subjectId } as Values<D>;
  const before = await kind.documents.find(tx, key, { lock: true });
  if (!before) throw new NotFoundError(kind.documents.noun, request.subjectId);
  return before;
}
