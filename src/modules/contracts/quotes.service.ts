import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  clean,
  todayIn,
  type RequestContext,
  type Tx,
} from '@app/core';
import { keysetPage, splitKeys, SqlFilter, type ConnectionShape } from '@app/graphql';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { actingBranch, actingOwner } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { CatalogueService } from '../fulfillment/catalogue.service.js';
import type { CreateQuoteInput, QuoteLineInput, UpdateQuoteInput } from './dto/quote.input.js';
import { auditQuote } from './quote-changes.js';
import { MEASURED_DISCOUNT, checkLines, type CheckedLine } from './quote-lines.js';
import { QUOTE_EDITABLE_STATES, QuoteState, quoteTransition } from './quote-state.js';
import { QuoteLines, Quotes, type Quote, type QuoteLine } from './quote.entity.js';
import type { QuoteFilter } from './quote.types.js';

const COLS = Quotes.cols('q');

/**
 * The totals of a quote, summed in numeric from its lines (to be set in an UPDATE of quotes q); the largest discount
 * is the measured one (against the list price for a catalogue product), the one approval is decided on.
 */
const TOTALS = `subtotal = t.s, total = t.t, discount_amount = t.s - t.t, max_discount_percent = t.m`;
const TOTALS_FROM = `FROM (SELECT coalesce(sum(l.gross_amount), 0) AS s, coalesce(sum(l.line_total), 0) AS t,
    coalesce(max(${MEASURED_DISCOUNT('l')}), 0) AS m FROM quote_lines l WHERE l.branch_id = $1 AND l.quote_id = $2) t`;

/**
 * Quotes (报价单): the reads, and drafting (terms and lines priced in numeric by PostgreSQL). The moves
 * (approval beyond the discount limit, sending, the customer's answer, the contract) are QuoteLifecycleService's.
 */
@Injectable()
export class QuotesService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly approvals: ApprovalsService,
    private readonly catalogue: CatalogueService,
  ) {}

  // ---------- reads ----------

  findOne(ctx: RequestContext, id: string): Promise<Quote | null> {
    return Quotes.findInScope(ctx, id);
  }

  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: QuoteFilter },
  ): Promise<ConnectionShape<Quote>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 'q.branch_id')
      .owner(ctx, 'q.owner_id')
      .eq('q.state', f.state)
      .eq('q.customer_id', f.customerId, 'uuid')
      .eq('q.owner_id', f.ownerId, 'uuid');
    return keysetPage(ctx, args, {
      columns: COLS,
      from: 'quotes q',
      filter,
      order: {
        column: 'q.created_at',
        idColumn: 'q.id',
        cast: 'timestamptz',
        desc: true,
        value: (x: Quote) => x.createdAt,
      },
      map: Quotes.map,
    });
  }

  /**
   * An ACCEPTED quote locked FOR UPDATE until the caller's transaction ends (orders made from one quote queue on
   * it); NOT_FOUND out of scope, INVALID_STATE in any other state.
   */
  async lockAccepted(ctx: RequestContext, id: string): Promise<Quote> {
    const quote = await Quotes.lock(ctx, id);
    if (quote.state !== QuoteState.ACCEPTED) {
      throw new InvalidStateError(`Quote ${quote.id} is ${quote.state}: only an ACCEPTED quote becomes an order`);
    }
    return quote;
  }

  /** The lines of many quotes ("branchId:quoteId" keys) in one statement, in position order. */
  linesLoader(ctx: RequestContext): DataLoader<string, QuoteLine[]> {
    return QuoteLines.childLoader(ctx, 'quoteId', 'x.position');
  }

  /** The quote a contract was created from ("branchId:contractId" keys), in one statement. */
  byContractLoader(ctx: RequestContext): DataLoader<string, Quote | null> {
    return ctx.loader(
      'quotes.byContract',
      () =>
        new DataLoader<string, Quote | null>(async (keys) => {
          const [branchIds, contractIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<Quote>(
            `SELECT ${COLS} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, contract_id)
             JOIN quotes q ON q.branch_id = k.branch_id AND q.contract_id = k.contract_id`,
            [branchIds, contractIds],
          );
          const byKey = new Map(rows.map((r) => [`${r.branchId}:${r.contractId}`, Quotes.map(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** The approval request of a quote, for its field (visible to the same people the engine shows it to). */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return this.approvals.requestLoader(ctx);
  }

  // ---------- drafting ----------

  async create(ctx: RequestContext, input: CreateQuoteInput): Promise<Quote> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const branch = await this.branchOf(ctx, branchId);
    if (input.currency != null && input.currency.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `quotes of this branch are in ${branch.currency}`);
    }
    const lines = await this.priced(ctx, branchId, branch.currency, input.lines);
    await this.checkValidUntil(ctx, branchId, input.validUntil);
    const ownerId = await actingOwner(ctx, this.branches, branchId, input.ownerId, { noun: 'quote' });
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    if (customer.status !== 'ACTIVE') {
      throw new InvalidStateError(`Customer "${customer.name}" is archived; it can have no new quote`);
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await Quotes.insert(tx, {
      branchId,
      id,
      customerId: customer.id,
      ownerId,
      title: input.title.trim(),
      currency: branch.currency,
      validUntil: input.validUntil,
      notes: clean(input.notes),
      createdById: actor.userId,
    });
    await this.writeLines(tx, { branchId, id }, lines, false);
    const rows = await tx.query<Quote>(
      `UPDATE quotes q SET ${TOTALS} ${TOTALS_FROM} WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [branchId, id],
    );
    const quote = Quotes.map(rows[0]);
    await auditQuote(ctx, { before: null, after: quote, action: 'CREATED' });
    return quote;
  }

  /** Changes the terms or replaces the lines, in DRAFT; an approved quote goes back to DRAFT (the approval was for the old terms). */
  async update(ctx: RequestContext, id: string, input: UpdateQuoteInput): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await Quotes.lock(ctx, id);
    const lines = input.lines ? await this.priced(ctx, before.branchId, before.currency, input.lines) : null;
    if (!QUOTE_EDITABLE_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A quote in ${before.state} cannot be edited (only in DRAFT${before.state === QuoteState.PENDING_APPROVAL ? '; withdraw the approval request first' : ''})`,
      );
    }
    if (input.validUntil != null) await this.checkValidUntil(ctx, before.branchId, input.validUntil);
    if (lines) await this.writeLines(tx, before, lines, true);
    const state =
      before.state === QuoteState.APPROVED ? quoteTransition(before.state, 'APPROVAL_INVALIDATED') : before.state;
    const rows = await tx.query<Quote>(
      `UPDATE quotes q SET ${TOTALS}, title = $3, valid_until = $4, notes = $5, state = $6, updated_at = now()
       ${TOTALS_FROM} WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [
        before.branchId,
        before.id,
        input.title?.trim() ?? before.title,
        input.validUntil ?? before.validUntil,
        input.notes !== undefined ? clean(input.notes) : before.notes,
        state,
      ],
    );
    const after = Quotes.map(rows[0]);
    await auditQuote(ctx, { before, after, action: 'UPDATED' });
    if (state !== before.state) {
      await auditQuote(ctx, { before, after, action: 'APPROVAL_INVALIDATED', note: 'Edited after approval' });
    }
    return after;
  }

  // ---------- helpers ----------

  /** The lines checked, each naming a catalogue product taking its price (branch, else list) unless it gives one. */
  private async priced(ctx: RequestContext, branchId: string, currency: string, lines: QuoteLineInput[]) {
    const found = await this.catalogue.forLines(
      ctx,
      branchId,
      currency,
      lines.map((l) => l.productId),
    );
    return checkLines(
      lines.map((l, i) => {
        const unitPrice = l.unitPrice ?? found[i]?.price;
        if (unitPrice == null) {
          throw BadUserInputError.field(`lines[${i}].unitPrice`, 'give a unit price, or name a catalogue product');
        }
        const product = found[i]?.product;
        return {
          ...l,
          unitPrice,
          productId: product?.id ?? null,
          organizationId: product?.organizationId ?? null,
          listPrice: product?.listPrice ?? null,
        };
      }),
    );
  }

  private async branchOf(ctx: RequestContext, branchId: string) {
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    return branch;
  }

  private async checkValidUntil(ctx: RequestContext, branchId: string, validUntil: string): Promise<void> {
    const today = todayIn((await this.branchOf(ctx, branchId)).timeZone);
    if (validUntil < today) {
      throw BadUserInputError.field('validUntil', `must be today (${today}, branch time zone) or later`);
    }
  }

  /** Writes the lines (numeric amounts computed by PostgreSQL), replacing any there were. */
  private async writeLines(tx: Tx, q: { branchId: string; id: string }, lines: CheckedLine[], replace: boolean) {
    if (replace) await tx.query('DELETE FROM quote_lines WHERE branch_id = $1 AND quote_id = $2', [q.branchId, q.id]);
    await tx.query(
      `INSERT INTO quote_lines (branch_id, id, quote_id, position, kind, description, quantity, unit_price,
         discount_percent, gross_amount, line_total, organization_id, product_id, list_price)
       SELECT $1, x.id, $2, x.position, x.kind, x.description, x.q, x.p, x.d, round(x.q * x.p, 2),
         round(x.q * x.p * (1 - x.d / 100), 2), x.org, x.product, x.list
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[],
         $10::uuid[], $11::uuid[], $12::numeric[]) AS x(id, position, kind, description, q, p, d, org, product, list)`,
      [
        q.branchId,
        q.id,
        lines.map(() => randomUUID()),
        lines.map((_, i) => i + 1),
        lines.map((l) => l.kind),
        lines.map((l) => l.description),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPrice),
        lines.map((l) => l.discountPercent),
        lines.map((l) => l.organizationId),
        lines.map((l) => l.productId),
        lines.map((l) => l.listPrice),
      ],
    );
  }
}
