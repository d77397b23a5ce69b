import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { Products, type Product } from './catalogue.entity.js';
import { checkQuantity, checkText, fromMilli, milli } from './fulfillment-rules.js';
import { findOrganizationRow } from './organization-rows.js';
import { StockCountLines, StockCounts, type StockCount, type StockCountLine } from './stock-count.entity.js';
import { StockCountStatus } from './stock-count.enums.js';
import type { OpenStockCountInput, RecordStockCountInput, StockCountFilter } from './stock-count.types.js';
import { WarehouseLocations } from './stock.entity.js';
import { StockService } from './stock.service.js';

export const STOCK_COUNT_SUBJECT = 'STOCK_COUNT';

const S = StockCountStatus;

/**
 * Stock counts (盘点, DOMAIN.md section 5: stock reconciled with finance at month end), per location. Opening
 * snapshots the book quantity of every product on hand there; people record what they counted, with a reason for
 * any difference; closing posts each variance as a COUNT_ADJUSTMENT through the approval engine (subject
 * STOCK_COUNT; built-in default: the branch manager when the differences at cost exceed 1,000, nobody below).
 *
 * Goods keep moving during a count. The count is of the shelf as it was when the count opened, so what it posts is
 * counted - book at opening, added to whatever is on hand at posting: on hand after = counted + (movements since
 * opening), exactly, because on hand = the sum of movements. Nothing is reconstructed from timestamps (a movement
 * committed during the count but begun before it is in the difference between now and the snapshot, as it should
 * be). A posting that would take stock below zero (more issued since than the count found) is INSUFFICIENT_STOCK
 * and changes nothing. One count per location is open at a time, and a count closes once (its row lock).
 */
@Injectable()
export class StockCountsService implements OnModuleInit {
  constructor(
    private readonly stock: StockService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: STOCK_COUNT_SUBJECT,
      label: 'Stock count differences',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<StockCount | null> {
    return StockCounts.findInScope(ctx, id.toLowerCase());
  }

  /** Newest first; head office without a branch filter pages across its branches. */
  list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: StockCountFilter },
  ): Promise<ConnectionShape<StockCount>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('location_id', f.locationId?.toLowerCase(), 'uuid')
      .eq('status', f.status);
    return keysetPage(ctx, args, {
      columns: StockCounts.cols(),
      from: 'stock_counts',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (c: StockCount) => c.createdAt },
      map: StockCounts.map,
    });
  }

  /** The lines of many counts ("branchId:countId"), by product, in one statement. */
  linesLoader(ctx: RequestContext): DataLoader<string, StockCountLine[]> {
    return StockCountLines.childLoader(ctx, 'countId', 'x.product_id');
  }

  // ---------- writes ----------

  /** OPEN, with the book quantity of every product on hand at the location now. */
  async open(ctx: RequestContext, input: OpenStockCountInput): Promise<StockCount> {
    const actor = ctx.requireActor();
    const note = checkText('note', input.note, 2000);
    const location = await WarehouseLocations.findInScope(ctx, input.locationId.toLowerCase());
    if (!location) throw new NotFoundError('WarehouseLocation', input.locationId);
    const tx = await ctx.tx();
    const [open] = await tx.query<{ id: string }>(
      `SELECT id FROM stock_counts WHERE branch_id = $1 AND location_id = $2 AND status <> 'CLOSED'`,
      [location.branchId, location.id],
    );
    if (open) {
      throw new ConflictError(`Location ${location.code} is being counted already (count ${open.id}): close it first`);
    }
    const count = await StockCounts.insert(tx, {
      branchId: location.branchId,
      id: randomUUID(),
      locationId: location.id,
      note,
      openedById: actor.userId,
    });
    // The snapshot: one statement, so the book is one consistent moment of the location.
    await tx.query(
      `INSERT INTO stock_count_lines (branch_id, id, count_id, organization_id, product_id, book_quantity)
       SELECT branch_id, gen_random_uuid(), $3, organization_id, product_id, on_hand FROM stock_levels
       WHERE branch_id = $1 AND location_id = $2 AND on_hand > 0`,
      [location.branchId, location.id, count.id],
    );
    await writeAudit(ctx, {
      branchId: count.branchId,
      entity: 'stockCount',
      entityId: count.id,
      action: 'open',
      after: count,
    });
    return count;
  }

  /** Counted quantities of an OPEN count (a product again replaces its figure; one not on the book has book 0). */
  async record(ctx: RequestContext, id: string, input: RecordStockCountInput): Promise<StockCount> {
    const before = await StockCounts.lock(ctx, id.toLowerCase());
    if (before.status !== S.OPEN) {
      throw new InvalidStateError(`Count ${before.id} is ${before.status}: counted quantities are recorded while OPEN`);
    }
    const key = `${before.branchId}:${before.id}`;
    const book = new Map((await this.linesLoader(ctx).clear(key).load(key)).map((l) => [l.productId, l.bookQuantity]));
    const seen = new Set<string>();
    const lines: { product: Product; counted: string; reason: string | null }[] = [];
    for (const [i, l] of input.lines.entries()) {
      const counted = checkQuantity(`lines[${i}].countedQuantity`, l.countedQuantity, true);
      const reason = checkText(`lines[${i}].reason`, l.reason, 2000);
      const product = await findOrganizationRow(ctx, Products, l.productId.toLowerCase());
      if (seen.has(product.id)) throw BadUserInputError.field(`lines[${i}].productId`, 'is named twice');
      seen.add(product.id);
      const onBook = book.get(product.id) ?? '0';
      if (milli(counted) !== milli(onBook) && !reason) {
        throw BadUserInputError.field(`lines[${i}].reason`, `counted ${counted} but the book says ${onBook}: say why`);
      }
      lines.push({ product, counted, reason });
    }
    const tx = await ctx.tx();
    const arrays = (ls: typeof lines) => [
      ls.map((l) => l.product.organizationId),
      ls.map((l) => l.product.id),
      ls.map((l) => l.counted),
      ls.map((l) => l.reason),
    ];
    // Products on the book take their figure; others found on the shelf come in with book 0.
    await tx.query(
      `UPDATE stock_count_lines l SET counted_quantity = x.counted, reason = x.reason
       FROM unnest($3::uuid[], $4::uuid[], $5::numeric[], $6::text[]) AS x(org, product, counted, reason)
       WHERE l.branch_id = $1 AND l.count_id = $2 AND l.product_id = x.product`,
      [before.branchId, before.id, ...arrays(lines.filter((l) => book.has(l.product.id)))],
    );
    await tx.query(
      `INSERT INTO stock_count_lines (branch_id, id, count_id, organization_id, product_id, book_quantity,
         counted_quantity, reason)
       SELECT $1, gen_random_uuid(), $2, x.org, x.product, 0, x.counted, x.reason
       FROM unnest($3::uuid[], $4::uuid[], $5::numeric[], $6::text[]) AS x(org, product, counted, reason)`,
      [before.branchId, before.id, ...arrays(lines.filter((l) => !book.has(l.product.id)))],
    );
    this.linesLoader(ctx).clear(key); // the answer's lines are the ones just written
    return StockCounts.change(ctx, before, { updatedAt: new Date() }, 'record');
  }

  /**
   * OPEN -> CLOSED when every product is counted and nothing differs; with differences, PENDING_APPROVAL with a
   * STOCK_COUNT request for their value at cost (a policy without a step for that amount approves at once, and the
   * variances are posted in this transaction).
   */
  async close(ctx: RequestContext, id: string): Promise<StockCount> {
    const before = await StockCounts.lock(ctx, id.toLowerCase());
    if (before.status !== S.OPEN) {
      const next = before.status === S.CLOSED ? 'a count closes once' : 'it waits for the approval of its differences';
      throw new InvalidStateError(`A count cannot move from ${before.status} to CLOSED: ${next}`);
    }
    const tx = await ctx.tx();
    const [sum] = await tx.query<{ uncounted: number; differing: number; value: string }>(
      `SELECT count(*) FILTER (WHERE l.counted_quantity IS NULL)::int AS uncounted,
              count(*) FILTER (WHERE l.counted_quantity <> l.book_quantity)::int AS differing,
              coalesce(round(sum(abs(l.counted_quantity - l.book_quantity) * p.cost_price), 2), 0)::text AS value
       FROM stock_count_lines l JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
       WHERE l.branch_id = $1 AND l.count_id = $2`,
      [before.branchId, before.id],
    );
    if (sum.uncounted > 0) {
      throw new InvalidStateError(
        `Count ${before.id} has ${sum.uncounted} product(s) on the book not counted yet: record them (0 when none were found)`,
      );
    }
    if (sum.differing === 0) return this.post(ctx, before, '0.00');
    await StockCounts.change(
      ctx,
      before,
      { status: S.PENDING_APPROVAL, varianceValue: sum.value, updatedAt: new Date() },
      'submit',
    );
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: STOCK_COUNT_SUBJECT,
      subjectId: before.id,
      title: `Stock count differences: ${sum.differing} product(s), ${sum.value} at cost`.slice(0, 200),
      amount: sum.value,
    });
    await StockCounts.update(tx, StockCounts.keyOf(before), { approvalRequestId: request.id });
    return (await StockCounts.find(tx, StockCounts.keyOf(before)))!;
  }

  // ---------- helpers ----------

  /** In the deciding transaction: APPROVED posts the variances and closes; any other outcome reopens the count. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await StockCounts.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.status !== S.PENDING_APPROVAL) return;
    const at = { approvalRequestId: request.id, updatedAt: new Date() };
    if (outcome === 'APPROVED') await this.post(ctx, { ...before, ...at }, before.varianceValue ?? '0.00');
    else await StockCounts.change(ctx, before, { status: S.OPEN, ...at }, `approval_${outcome.toLowerCase()}`);
  }

  /** Every difference as a COUNT_ADJUSTMENT (products in a fixed order, as shipments lock them), then CLOSED. */
  private async post(ctx: RequestContext, count: StockCount, value: string): Promise<StockCount> {
    const key = `${count.branchId}:${count.id}`;
    const lines = await this.linesLoader(ctx).clear(key).load(key);
    for (const l of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      const delta = milli(l.countedQuantity!) - milli(l.bookQuantity);
      if (delta === 0n) continue;
      await this.stock.adjustBy(ctx, {
        productId: l.productId,
        locationId: count.locationId,
        delta: fromMilli(delta),
        reference: `Count ${count.id}`,
        note: l.reason!,
      });
    }
    const tx = await ctx.tx();
    await tx.query(
      `UPDATE stock_count_lines SET posted_quantity = counted_quantity - book_quantity
       WHERE branch_id = $1 AND count_id = $2`,
      [count.branchId, count.id],
    );
    this.linesLoader(ctx).clear(key);
    const now = new Date();
    const set = { status: S.CLOSED, varianceValue: value, closedAt: now, updatedAt: now };
    const before = (await StockCounts.find(tx, StockCounts.keyOf(count)))!;
    return StockCounts.change(ctx, before, { ...set, approvalRequestId: count.approvalRequestId }, 'close');
  }
}
