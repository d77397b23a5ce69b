import { BadUserInputError, ConflictError, NotFoundError, type RequestContext, type Values } from '@app/core';
import { StockInCause } from './fulfillment.enums.js';
import { checkQuantity, checkText, fromMilli, milli } from './fulfillment-rules.js';
import type { SupplierLine } from './supplier-document-columns.js';
import { linesLoader, moveDocument, type SupplierDocument, type SupplierDocumentKind } from './supplier-documents.js';
import { WarehouseLocations } from './stock.entity.js';
import type { StockService } from './stock.service.js';

/** Goods of some lines of a supplier document received at one location of its branch. */
export interface SupplierReceiptInput {
  locationId: string;
  lines: readonly { lineId: string; quantity: string }[];
  note?: string | null;
}

/** A receipt brings in more than a line still awaits (CONFLICT OVER_RECEIPT): names the line and the three quantities. */
export class OverReceiptError extends ConflictError {
  constructor(
    noun: string,
    cap: string,
    readonly lineId: string,
    readonly quantity: string,
    readonly received: string,
    readonly requested: string,
  ) {
    super(
      `${noun.charAt(0).toUpperCase()}${noun.slice(1)} line ${lineId} would receive more than ${cap}: ${quantity} ` +
        `${cap}, ${received} received already, ${requested} now; receive at most ` +
        fromMilli(milli(quantity) - milli(received)),
    );
  }

  override get extensions(): Record<string, unknown> {
    return {
      reason: 'OVER_RECEIPT',
      lineId: this.lineId,
      quantity: this.quantity,
      received: this.received,
      requested: this.requested,
    };
  }
}

/**
 * Goods received into stock against a supplier document's lines: RECEIVE_PART, or RECEIVE_ALL once every line has
 * all it asks (with `whenComplete` set too). Each line is a PURCHASE_RECEIPT movement through StockService in the
 * same transaction, never more than the line awaits: the document's row lock queues receipts of one document (the
 * lines are read after it), a CHECK holds received <= quantity, and OVER_RECEIPT changes nothing. The guard runs
 * first: a document that is not (yet) receiving takes no goods, whatever the lines say.
 */
export async function receiveIntoStock<D extends SupplierDocument, L extends SupplierLine, M extends string>(
  ctx: RequestContext,
  stock: StockService,
  kind: SupplierDocumentKind<D, L, M>,
  id: string,
  input: SupplierReceiptInput,
  whenComplete: Values<D> = {},
): Promise<D> {
  const note = checkText('note', input.note, 2000);
  const seen = new Set<string>();
  const requested = input.lines.map((l, i) => {
    const lineId = l.lineId.toLowerCase();
    if (seen.has(lineId)) throw BadUserInputError.field(`lines[${i}].lineId`, 'is named twice');
    seen.add(lineId);
    return { lineId, quantity: checkQuantity(`lines[${i}].quantity`, l.quantity) };
  });
  const before = await kind.documents.lock(ctx, id.toLowerCase());
  kind.guard(before.state, 'RECEIVE_PART' as M);
  const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
  if (!location || location.branchId !== before.branchId) {
    throw new NotFoundError('WarehouseLocation', input.locationId);
  }
  const key = `${before.branchId}:${before.id}`;
  const lines = await linesLoader(ctx, kind).clear(key).load(key);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const left = new Map(lines.map((l) => [l.id, milli(l.quantity) - milli(l.received)]));
  for (const [i, r] of requested.entries()) {
    const line = byId.get(r.lineId);
    if (!line) throw BadUserInputError.field(`lines[${i}].lineId`, `is not a line of this ${kind.noun}`);
    if (milli(r.quantity) > left.get(r.lineId)!) {
      throw new OverReceiptError(kind.noun, kind.receivedCap, line.id, line.quantity, line.received, r.quantity);
    }
    left.set(r.lineId, left.get(r.lineId)! - milli(r.quantity));
  }
  const complete = [...left.values()].every((q) => q === 0n);
  const after = complete
    ? await moveDocument(ctx, kind, before, 'RECEIVE_ALL' as M, whenComplete)
    : await moveDocument(ctx, kind, before, 'RECEIVE_PART' as M);
  const tx = await ctx.tx();
  const reference = `${kind.noun.charAt(0).toUpperCase()}${kind.noun.slice(1)} ${before.number}`;
  // Product order: two receipts of the same products lock their stock rows in the same order.
  const ordered = requested
    .map((r) => ({ ...r, line: byId.get(r.lineId)! }))
    .sort((a, b) => a.line.productId.localeCompare(b.line.productId));
  for (const r of ordered) {
    await stock.receive(ctx, {
      productId: r.line.productId,
      locationId: location.id,
      quantity: r.quantity,
      cause: StockInCause.PURCHASE_RECEIPT,
      reference,
      note: note ?? undefined,
    });
    const received = fromMilli(milli(r.line.received) + milli(r.quantity));
    await kind.lines.update(tx, kind.lines.keyOf(r.line), { received } as Values<L>);
  }
  // The lines read above are stale now: the answer's `lines` reads them again.
  linesLoader(ctx, kind).clear(key);
  return after;
}
