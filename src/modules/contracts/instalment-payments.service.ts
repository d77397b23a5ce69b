import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  dayStart,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { ContractInstalments, type ContractInstalment } from './contract-schedule.entity.js';
import { Contracts } from './contract.entity.js';
import { InstalmentStatus } from './contract.enums.js';

/** A payment schedule's balance for one group (a branch, a customer or a contract) as of a business day. */
export interface OpenBalance {
  branchId: string;
  /** The group's key: the branch, customer or contract id. */
  id: string;
  customerId: string | null;
  contractId: string | null;
  currency: string;
  /** The business day aged at (the branch's today when none was given). */
  asOf: string;
  /** What the instalments ask: their amounts, a waived one's paid part only. */
  due: string;
  paid: string;
  /** due - paid. */
  open: string;
  /** Open amounts due after `asOf`. */
  notDue: string;
  /** Open amounts by days past due: 0..bounds[0], bounds[0]+1..bounds[1], ..., over the last bound. */
  bands: string[];
}

export interface BalanceQuery {
  /** The business day the balances are aged at; each branch's today when absent. */
  asOf?: string | null;
  /** Upper ends (days past due, inclusive) of the bands, ascending. */
  bounds: readonly number[];
  branchId?: string | null;
  customerId?: string | null;
  contractId?: string | null;
}

export interface PaymentCall {
  instalmentId: string;
  amount: string;
}

const OPEN_STATES = [InstalmentStatus.PENDING, InstalmentStatus.OVERDUE];
const OPEN = `CASE WHEN x.status = 'WAIVED' THEN 0.00 ELSE x.amount - x.paid_amount END`;
const DUE = `CASE WHEN x.status = 'WAIVED' THEN x.paid_amount ELSE x.amount END`;

/**
 * The payments side of the payment schedule, for finance: receipts paid onto instalments (and taken off again
 * when one is reversed), and the schedule's balances aged by days past due. `paid_amount` is the sum of the
 * live payments on an instalment; each change takes the contract's lock, then the instalment's (the order every
 * schedule write takes), so two receipts paid onto one instalment at the same moment queue and never over-pay.
 */
@Injectable()
export class InstalmentPaymentsService {
  /**
   * Locks an instalment in scope (its contract first): NOT_FOUND alike for another branch's and a random id. With its
   * contract's customer and owner (whose collection a payment is).
   */
  async lockInstalment(
    ctx: RequestContext,
    instalmentId: string,
  ): Promise<ContractInstalment & { customerId: string; ownerId: string }> {
    const tx = await ctx.tx();
    const seen = await ContractInstalments.findInScope(ctx, instalmentId);
    if (!seen) throw new NotFoundError('Instalment', instalmentId);
    const contract = await Contracts.lock(ctx, seen.contractId);
    const row = await ContractInstalments.find(tx, { branchId: seen.branchId, id: seen.id }, { lock: true });
    if (!row) throw new NotFoundError('Instalment', instalmentId);
    return { ...row, customerId: contract.customerId, ownerId: contract.ownerId };
  }

  /**
   * Pays `amount` of a receipt received on `receivedOn` onto a locked open instalment: at most what is still open
   * on it (else BAD_USER_INPUT on `field`); PAID, with that day, when nothing is left open.
   */
  async pay(
    ctx: RequestContext,
    before: ContractInstalment,
    amount: string,
    receivedOn: string,
    field: string,
  ): Promise<ContractInstalment> {
    if (!OPEN_STATES.includes(before.status)) {
      throw new InvalidStateError(`A ${before.status} instalment takes no payment; only PENDING or OVERDUE ones do`);
    }
    const tx = await ctx.tx();
    const [r] = await tx.query<{ open: string; over: boolean; full: boolean }>(
      `SELECT ($1::numeric - $2::numeric)::text AS open, $3::numeric > $1::numeric - $2::numeric AS over,
         $3::numeric = $1::numeric - $2::numeric AS full`,
      [before.amount, before.paidAmount, amount],
    );
    if (r.over) {
      throw BadUserInputError.field(
        field,
        `only ${r.open} ${before.currency} is still open on this instalment; apply at most that`,
      );
    }
    const [row] = await tx.query<ContractInstalment>(
      `UPDATE contract_instalments SET paid_amount = paid_amount + $3::numeric,
         status = CASE WHEN $4 THEN 'PAID' ELSE status END, paid_on = CASE WHEN $4 THEN $5::date ELSE paid_on END,
         next_action_at = CASE WHEN $4 THEN NULL ELSE next_action_at END, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${ContractInstalments.cols()}`,
      [before.branchId, before.id, amount, r.full, receivedOn],
    );
    const after = ContractInstalments.map(row);
    await this.audit(ctx, before, after, 'payment_applied');
    return after;
  }

  /**
   * Takes `amount` off an instalment's paid amount (a receipt reversed). A PAID one opens again as PENDING from
   * its due day: the contract scan reminds it, or marks it OVERDUE at once when that day has passed.
   */
  async unpay(ctx: RequestContext, call: PaymentCall): Promise<ContractInstalment> {
    const before = await this.lockInstalment(ctx, call.instalmentId);
    const tx = await ctx.tx();
    const [row] = await tx.query<ContractInstalment>(
      `UPDATE contract_instalments SET paid_amount = paid_amount - $3::numeric,
         status = CASE WHEN status = 'PAID' THEN 'PENDING' ELSE status END,
         paid_on = CASE WHEN status = 'PAID' THEN NULL ELSE paid_on END,
         next_action_at = CASE WHEN status = 'PAID' THEN ${dayStart('due_on', '$1::uuid')} ELSE next_action_at END,
         updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${ContractInstalments.cols()}`,
      [before.branchId, before.id, call.amount],
    );
    const after = ContractInstalments.map(row);
    await this.audit(ctx, before, after, 'payment_reversed');
    return after;
  }

  /**
   * Balances per customer or per contract, aged as of a day, ordered by branch and key: one statement for the
   * page whatever the number of branches (plus the count when it is asked for).
   */
  balances(
    ctx: RequestContext,
    by: 'CUSTOMER' | 'CONTRACT',
    q: BalanceQuery,
    page: { first?: number; after?: string },
  ): Promise<ConnectionShape<OpenBalance>> {
    const filter = new SqlFilter();
    const inner = this.grouped(ctx, filter, by, q);
    return keysetPage<OpenBalance, OpenBalance>(ctx, page, {
      columns: '*',
      from: `(${inner}) g`,
      filter,
      order: { column: 'g."branchId"', cast: 'uuid', idColumn: 'g.id', value: (n) => n.branchId },
      map: (r) => r,
    });
  }

  /** One row per branch in scope that has a schedule, in one statement. */
  async branchBalances(ctx: RequestContext, q: BalanceQuery): Promise<OpenBalance[]> {
    const filter = new SqlFilter();
    const sql = this.grouped(ctx, filter, 'BRANCH', q);
    const tx = await ctx.tx();
    return tx.query<OpenBalance>(`${sql} ORDER BY x.branch_id`, filter.params);
  }

  private grouped(ctx: RequestContext, f: SqlFilter, by: 'BRANCH' | 'CUSTOMER' | 'CONTRACT', q: BalanceQuery): string {
    const branches = q.branchId ? ctx.branchIds.filter((b) => b === q.branchId!.toLowerCase()) : [...ctx.branchIds];
    const asOf = `coalesce(${f.param(q.asOf ?? null, 'date')}, (now() AT TIME ZONE sb.time_zone)::date)`;
    const where = [`x.branch_id = ANY(${f.param(branches, 'uuid[]')})`];
    if (q.customerId) where.push(`c.customer_id = ${f.param(q.customerId.toLowerCase(), 'uuid')}`);
    if (q.contractId) where.push(`x.contract_id = ${f.param(q.contractId.toLowerCase(), 'uuid')}`);
    const key = { BRANCH: 'x.branch_id', CUSTOMER: 'c.customer_id', CONTRACT: 'x.contract_id' }[by];
    // The contract is read only for its customer: per branch it is a join per instalment for nothing (bench/finance.ts;
    // the instalments' own policy already hides what a rep may not see).
    const contract =
      by === 'BRANCH' && !q.customerId ? '' : 'JOIN contracts c ON c.branch_id = x.branch_id AND c.id = x.contract_id';
    const bands = q.bounds.map((upper, i) => {
      const lower = i === 0 ? 0 : q.bounds[i - 1] + 1;
      return `coalesce(sum(${OPEN}) FILTER (WHERE ${asOf} - x.due_on BETWEEN ${lower} AND ${upper}), 0.00)::text`;
    });
    bands.push(`coalesce(sum(${OPEN}) FILTER (WHERE ${asOf} - x.due_on > ${q.bounds.at(-1)}), 0.00)::text`);
    return `SELECT x.branch_id AS "branchId", ${key} AS id,
        ${by === 'BRANCH' ? 'NULL::uuid' : 'min(c.customer_id::text)::uuid'} AS "customerId",
        ${by === 'CONTRACT' ? 'x.contract_id' : 'NULL::uuid'} AS "contractId", min(x.currency) AS currency,
        min(${asOf})::text AS "asOf",
        sum(${DUE})::text AS due, sum(x.paid_amount)::text AS paid, sum(${OPEN})::text AS open,
        coalesce(sum(${OPEN}) FILTER (WHERE x.due_on > ${asOf}), 0.00)::text AS "notDue",
        ARRAY[${bands.join(', ')}] AS bands
      FROM contract_instalments x
      ${contract}
      JOIN scope_branches sb ON sb.id = x.branch_id
      WHERE ${where.join(' AND ')}
      GROUP BY x.branch_id, ${key}`;
  }

  private audit(ctx: RequestContext, before: ContractInstalment, after: ContractInstalment, action: string) {
    return writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'contract_instalment',
      entityId: after.id,
      action,
      before,
      after,
    });
  }
}
