import { writeAudit, type RequestContext, type Values } from '@app/core';
import { Quotes, type Quote } from './quote.entity.js';

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

/** Sets some properties of a quote (stamping updated_at) and writes its audit row, with the note if any. */
export async function changeQuote(
  ctx: RequestContext,
  before: Quote,
  set: Values<Quote>,
  action: string,
  note?: string | null,
): Promise<Quote> {
  const after = await Quotes.update(await ctx.tx(), Quotes.keyOf(before), set);
  await auditQuote(ctx, { before, after, action, note });
  return after;
}
