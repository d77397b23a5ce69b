import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  todayIn,
  type RequestContext,
  type Tx,
} from '@app/core';
import { groupByKey, keysetPage, splitKeys, SqlFilter, type ConnectionShape } from '@app/graphql';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { dayStart } from './contract-due-dates.js';
import type { Contract } from './contract.types.js';
import { ContractsService } from './contracts.service.js';
import type { ContractFromQuoteInput, CreateQuoteInput, UpdateQuoteInput } from './dto/quote.input.js';
import { checkLines, type CheckedLine } from './quote-lines.js';
import {
  DEFAULT_QUOTE_REMINDER_DAYS,
  LINE_COLUMNS,
  auditQuote,
  quoteColumns,
  toLine,
  toQuote,
  type LineRow,
  type QuoteRow,
} from './quote-rows.js';
import { QUOTE_EDITABLE_STATES, QuoteState, quoteTransition, type QuoteTransition } from './quote-state.js';
import type { Quote, QuoteFilter, QuoteLine } from './quote.types.js';

export const QUOTE_SUBJECT = 'QUOTE';

const OUTCOME_MOVE: Record<ApprovalOutcome, QuoteTransition> = {
  APPROVED: 'APPROVAL_APPROVED',
  RETURNED: 'APPROVAL_RETURNED',
  REJECTED: 'APPROVAL_REJECTED',
  WITHDRAWN: 'APPROVAL_WITHDRAWN',
};

const COLS = quoteColumns('q');
const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

/** The totals of a quote, summed in numeric from its lines (to be set in an UPDATE of quotes q). */
const TOTALS = `subtotal = t.s, total = t.t, discount_amount = t.s - t.t, max_discount_percent = t.m`;
const TOTALS_FROM = `FROM (SELECT coalesce(sum(gross_amount), 0) AS s, coalesce(sum(line_total), 0) AS t,
    coalesce(max(discount_percent), 0) AS m FROM quote_lines WHERE branch_id = $1 AND quote_id = $2) t`;

/**
 * Quotes (报价单): lines priced in numeric by PostgreSQL, the discount gate through the approval
 * engine (subject QUOTE), sending, the customer's answer, and the contract made from an accepted quote.
 */
@Injectable()
export class QuotesService implements OnModuleInit {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
    private readonly contracts: ContractsService,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: QUOTE_SUBJECT,
      label: 'Quote',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  // ---------- reads ----------

  async findOne(ctx: RequestContext, id: string): Promise<Quote | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<QuoteRow>(
      `SELECT ${COLS} FROM quotes q WHERE q.branch_id = ANY($1::uuid[]) AND q.id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toQuote(rows[0]) : null;
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
      map: toQuote,
    });
  }

  /** The lines of many quotes ("branchId:quoteId" keys) in one statement, in position order. */
  linesLoader(ctx: RequestContext): DataLoader<string, QuoteLine[]> {
    return ctx.loader(
      'quotes.lines',
      () =>
        new DataLoader<string, QuoteLine[]>(async (keys) => {
          const [branchIds, quoteIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<LineRow>(
            `SELECT l.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, quote_id)
             CROSS JOIN LATERAL (SELECT ${LINE_COLUMNS} FROM quote_lines x
               WHERE x.branch_id = k.branch_id AND x.quote_id = k.quote_id ORDER BY x.position) l`,
            [branchIds, quoteIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.quote_id}`, toLine);
        }),
    );
  }

  /** The quote a contract was created from ("branchId:contractId" keys), in one statement. */
  byContractLoader(ctx: RequestContext): DataLoader<string, Quote | null> {
    return ctx.loader(
      'quotes.byContract',
      () =>
        new DataLoader<string, Quote | null>(async (keys) => {
          const [branchIds, contractIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<QuoteRow>(
            `SELECT ${COLS} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, contract_id)
             JOIN quotes q ON q.branch_id = k.branch_id AND q.contract_id = k.contract_id`,
            [branchIds, contractIds],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.contract_id}`, toQuote(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** The approval request of a quote, for its field (visible to the same people the engine shows it to). */
  requestLoader(ctx: RequestContext): DataLoader<string, ApprovalRequest | null> {
    return this.approvals.requestLoader(ctx);
  }

  // ---------- writes ----------

  /** Locks and returns a quote in scope, or NOT_FOUND (the same for another branch's or a colleague's). */
  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<Quote> {
    const rows = await tx.query<QuoteRow>(
      `SELECT ${COLS} FROM quotes q WHERE q.branch_id = ANY($1::uuid[]) AND q.id = $2 FOR UPDATE OF q`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Quote', id);
    return toQuote(rows[0]);
  }

  /** Sets a new state (and any other columns) after the guard, with its audit row. */
  private async move(
    ctx: RequestContext,
    tx: Tx,
    before: Quote,
    t: QuoteTransition,
    extra: { set?: Record<string, unknown>; sql?: string; note?: string | null } = {},
  ): Promise<Quote> {
    const to = quoteTransition(before.state, t);
    const set = { state: to, ...(extra.set ?? {}) };
    const cols = Object.keys(set);
    const assignments = [...cols.map((c, i) => `${c} = $${i + 3}`), ...(extra.sql ? [extra.sql] : [])];
    const rows = await tx.query<QuoteRow>(
      `UPDATE quotes q SET ${assignments.join(', ')}, updated_at = now()
       WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [before.branchId, before.id, ...Object.values(set)],
    );
    const after = toQuote(rows[0]);
    await auditQuote(ctx, { before, after, action: t, note: extra.note });
    return after;
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
         discount_percent, gross_amount, line_total)
       SELECT $1, x.id, $2, x.position, x.kind, x.description, x.q, x.p, x.d, round(x.q * x.p, 2),
         round(x.q * x.p * (1 - x.d / 100), 2)
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[])
         AS x(id, position, kind, description, q, p, d)`,
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
      ],
    );
  }

  async create(ctx: RequestContext, input: CreateQuoteInput): Promise<Quote> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const lines = checkLines(input.lines);
    const branch = await this.branchOf(ctx, branchId);
    if (input.currency != null && input.currency.trim().toUpperCase() !== branch.currency) {
      throw BadUserInputError.field('currency', `quotes of this branch are in ${branch.currency}`);
    }
    await this.checkValidUntil(ctx, branchId, input.validUntil);
    const ownerId = (input.ownerId ?? actor.userId).toLowerCase();
    if (ctx.ownOnly && ownerId !== actor.userId) {
      throw new ForbiddenError('A sales representative owns the quotes they create; leave ownerId out');
    }
    if (actor.headOffice && !input.ownerId) {
      throw BadUserInputError.field('ownerId', 'head office must name the person of the branch who owns the quote');
    }
    if (!(await this.branches.memberRole(ctx, branchId, ownerId))) {
      throw BadUserInputError.field('ownerId', 'must be a person of the quote’s branch');
    }
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    if (customer.status !== 'ACTIVE') {
      throw new InvalidStateError(`Customer "${customer.name}" is archived; it can have no new quote`);
    }
    const tx = await ctx.tx();
    const id = randomUUID();
    await tx.query(
      `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        branchId,
        id,
        customer.id,
        ownerId,
        input.title.trim(),
        branch.currency,
        input.validUntil,
        clean(input.notes),
        actor.userId,
      ],
    );
    await this.writeLines(tx, { branchId, id }, lines, false);
    const rows = await tx.query<QuoteRow>(
      `UPDATE quotes q SET ${TOTALS} ${TOTALS_FROM} WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [branchId, id],
    );
    const quote = toQuote(rows[0]);
    await auditQuote(ctx, { before: null, after: quote, action: 'CREATED' });
    return quote;
  }

  /** Changes the terms or replaces the lines, in DRAFT; an approved quote goes back to DRAFT (the approval was for the old terms). */
  async update(ctx: RequestContext, id: string, input: UpdateQuoteInput): Promise<Quote> {
    const lines = input.lines ? checkLines(input.lines) : null;
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    if (!QUOTE_EDITABLE_STATES.includes(before.state)) {
      throw new InvalidStateError(
        `A quote in ${before.state} cannot be edited (only in DRAFT${before.state === QuoteState.PENDING_APPROVAL ? '; withdraw the approval request first' : ''})`,
      );
    }
    if (input.validUntil != null) await this.checkValidUntil(ctx, before.branchId, input.validUntil);
    if (lines) await this.writeLines(tx, before, lines, true);
    const state =
      before.state === QuoteState.APPROVED ? quoteTransition(before.state, 'APPROVAL_INVALIDATED') : before.state;
    const rows = await tx.query<QuoteRow>(
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
    const after = toQuote(rows[0]);
    await auditQuote(ctx, { before, after, action: 'UPDATED' });
    if (state !== before.state) {
      await auditQuote(ctx, { before, after, action: 'APPROVAL_INVALIDATED', note: 'Edited after approval' });
    }
    return after;
  }

  /** DRAFT -> PENDING_APPROVAL: only a quote beyond the branch's discount limit needs (and gets) an approval request. */
  async submitForApproval(ctx: RequestContext, id: string): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    quoteTransition(before.state, 'SUBMIT_FOR_APPROVAL');
    if (!before.needsApproval) {
      throw new InvalidStateError(
        `A quote within the discount limit (${before.discountLimitPercent}%) needs no approval: send it`,
      );
    }
    // The state moves first: an amount no policy step covers is approved inside submit().
    await this.move(ctx, tx, before, 'SUBMIT_FOR_APPROVAL', { set: { approval_note: null } });
    const request = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: QUOTE_SUBJECT,
      subjectId: before.id,
      title: `Quote: ${before.title}`.slice(0, 200),
      amount: before.total,
      currency: before.currency,
    });
    const rows = await tx.query<QuoteRow>(
      `UPDATE quotes q SET approval_request_id = $3 WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [before.branchId, before.id, request.id],
    );
    return toQuote(rows[0]);
  }

  /** In the deciding transaction: APPROVED opens sending; every other outcome sends the quote back to DRAFT with the reason. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const rows = await tx.query<QuoteRow>(
      `SELECT ${COLS} FROM quotes q WHERE q.branch_id = $1 AND q.id = $2 FOR UPDATE`,
      [request.branchId, request.subjectId],
    );
    if (!rows[0]) throw new NotFoundError('Quote', request.subjectId);
    const before = toQuote(rows[0]);
    let note: string | null = null;
    if (outcome !== 'APPROVED') {
      const key = `${request.branchId}:${request.id}`;
      const events = await this.approvals.eventsLoader(ctx).clear(key).load(key);
      const last = [...events].reverse().find((e) => e.action === outcome && e.comment);
      note = `Approval ${outcome.toLowerCase()}${last?.comment ? `: ${last.comment}` : ''}`.slice(0, 2000);
    }
    await this.move(ctx, tx, before, OUTCOME_MOVE[outcome], {
      set: { approval_request_id: request.id, approval_note: note },
      note,
    });
  }

  /**
   * DRAFT -> SENT within the discount limit; beyond it only APPROVED -> SENT with the quote's own
   * approval request APPROVED. Sets the expiry (the day after validUntil) and the reminder before it.
   */
  async send(ctx: RequestContext, id: string): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    quoteTransition(before.state, 'SEND');
    if (before.needsApproval) {
      const request = before.approvalRequestId ? await this.approvals.findRequest(ctx, before.approvalRequestId) : null;
      const approved =
        before.state === QuoteState.APPROVED &&
        request?.status === 'APPROVED' &&
        request.subjectType === QUOTE_SUBJECT &&
        request.subjectId === before.id;
      if (!approved) {
        throw new InvalidStateError(
          `A quote cannot move from ${before.state} to SENT: a discount beyond the branch limit of ` +
            `${before.discountLimitPercent}% is sent only after its approval request is APPROVED (submitQuoteForApproval)`,
        );
      }
    }
    const today = todayIn((await this.branchOf(ctx, before.branchId)).timeZone);
    if (before.validUntil < today) {
      throw new InvalidStateError(
        `A quote cannot move from ${before.state} to SENT: it was valid until ${before.validUntil}; set a new validUntil first`,
      );
    }
    const reminder = dayStart(
      `q.valid_until - coalesce((SELECT s.quote_expiry_reminder_days FROM contract_settings s WHERE s.branch_id = q.branch_id), ${DEFAULT_QUOTE_REMINDER_DAYS})`,
      'q.branch_id',
    );
    return this.move(ctx, tx, before, 'SEND', {
      sql: `sent_at = now(), expires_at = ${dayStart('q.valid_until + 1', 'q.branch_id')},
        next_reminder_at = CASE WHEN ${reminder} > now() THEN ${reminder} END`,
    });
  }

  /** The customer accepted: SENT -> ACCEPTED, on or before the validity date (branch time zone). */
  async accept(ctx: RequestContext, id: string): Promise<Quote> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    quoteTransition(before.state, 'ACCEPT');
    const today = todayIn((await this.branchOf(ctx, before.branchId)).timeZone);
    if (before.validUntil < today) {
      throw new InvalidStateError(
        `A quote cannot move from ${before.state} to ACCEPTED: it expired after ${before.validUntil} (branch time zone)`,
      );
    }
    return this.move(ctx, tx, before, 'ACCEPT', { sql: 'expires_at = NULL, next_reminder_at = NULL' });
  }

  async decline(ctx: RequestContext, id: string, reason: string): Promise<Quote> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 2000) throw BadUserInputError.field('reason', 'must be 1 to 2000 characters');
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    return this.move(ctx, tx, before, 'DECLINE', {
      set: { decline_reason: why },
      sql: 'expires_at = NULL, next_reminder_at = NULL',
      note: why,
    });
  }

  /** A DRAFT contract from an ACCEPTED quote (customer, owner, title, total and currency copied); one per quote. */
  async createContract(ctx: RequestContext, quoteId: string, input: ContractFromQuoteInput): Promise<Contract> {
    const tx = await ctx.tx();
    const quote = await this.lock(ctx, tx, quoteId);
    if (quote.state !== QuoteState.ACCEPTED) {
      throw new InvalidStateError(`A contract is created from an ACCEPTED quote; this quote is ${quote.state}`);
    }
    if (quote.contractId) throw new ConflictError('A contract was already created from this quote');
    const contract = await this.contracts.create(ctx, {
      branchId: quote.branchId,
      customerId: quote.customerId,
      title: input.title ?? quote.title,
      amount: quote.total,
      currency: quote.currency,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ownerId: quote.ownerId,
      specialTerms: input.specialTerms,
    });
    const rows = await tx.query<QuoteRow>(
      `UPDATE quotes q SET contract_id = $3, updated_at = now() WHERE q.branch_id = $1 AND q.id = $2 RETURNING ${COLS}`,
      [quote.branchId, quote.id, contract.id],
    );
    await auditQuote(ctx, { before: quote, after: toQuote(rows[0]), action: 'CONTRACT_CREATED', note: contract.id });
    return contract;
  }
}
