import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';

/** The unit of a purchase statistic: ISO weeks (Monday first) or calendar months. */
export type PurchasePeriodUnit = 'WEEK' | 'MONTH';

/** One customer's signed contracts in one period of one branch. */
export interface PurchaseGroup {
  branchId: string;
  /** First business day of the period. */
  periodStart: string;
  customerId: string;
  contracts: number;
  /** Exact decimal (text), in `currency`. */
  amount: string;
  currency: string;
}

/** One period of one branch: every customer's purchases, and those of the customers named as targets. */
export interface PurchaseTotal {
  branchId: string;
  periodStart: string;
  currency: string;
  contracts: number;
  customers: number;
  amount: string;
  targetContracts: number;
  targetCustomers: number;
  targetAmount: string;
}

export interface PurchaseQuery {
  unit: PurchasePeriodUnit;
  from: string;
  to: string;
  branchIds: readonly string[];
  /** Only these customers (target-customer statistics); null for all. */
  customerIds?: readonly string[] | null;
}

/** Where a page of groups continues: after this (period, branch, customer). */
export interface PurchaseCursor {
  periodStart: string;
  branchId: string;
  customerId: string;
}

/**
 * Purchases as the statistics read them: contracts by the business day they were signed (`signed_on`, set when the
 * contract is signed and never moved: a period's figures do not change when a contract later ends or terminates).
 * A sales rep counts their own contracts. Rows come in keyset pages (period, branch, customer), so an export of a
 * year of a large branch reads a bounded page at a time; each page scans from its cursor's period on, through the
 * index on (branch_id, signed_on).
 */
@Injectable()
export class ContractPurchasesService {
  async groups(
    ctx: RequestContext,
    q: PurchaseQuery,
    page: { after?: PurchaseCursor | null; limit: number },
  ): Promise<PurchaseGroup[]> {
    const a = page.after;
    const params: unknown[] = [
      q.branchIds,
      q.from,
      q.to,
      ctx.ownOnly ? ctx.actor!.userId : null,
      q.customerIds ?? null,
      unitOf(q.unit),
      a?.periodStart ?? null,
      a?.branchId ?? null,
      a?.customerId ?? null,
      page.limit,
    ];
    const tx = await ctx.tx();
    return tx.query<PurchaseGroup>(
      `SELECT c.branch_id AS "branchId", c.period::text AS "periodStart", c.customer_id AS "customerId",
         count(*)::int AS contracts, sum(c.amount)::text AS amount, c.currency
       FROM (SELECT branch_id, customer_id, amount, currency, date_trunc($6, signed_on)::date AS period
             FROM contracts
             WHERE branch_id = ANY($1::uuid[]) AND signed_on BETWEEN $2::date AND $3::date
               AND signed_on >= coalesce($7::date, $2::date)
               AND ($4::uuid IS NULL OR owner_id = $4::uuid)
               AND ($5::uuid[] IS NULL OR customer_id = ANY($5::uuid[]))) c
       WHERE $7::date IS NULL OR (c.period, c.branch_id, c.customer_id) > ($7::date, $8::uuid, $9::uuid)
       GROUP BY c.period, c.branch_id, c.customer_id, c.currency
       ORDER BY c.period, c.branch_id, c.customer_id, c.currency
       LIMIT $10`,
      params,
    );
  }

  /** Per period and branch: all purchases, and the target customers' (one statement; a row per period and branch). */
  async totals(ctx: RequestContext, q: PurchaseQuery): Promise<PurchaseTotal[]> {
    const tx = await ctx.tx();
    return tx.query<PurchaseTotal>(
      `SELECT c.branch_id AS "branchId", c.period::text AS "periodStart", c.currency,
         count(*)::int AS contracts, count(DISTINCT c.customer_id)::int AS customers, sum(c.amount)::text AS amount,
         count(*) FILTER (WHERE c.target)::int AS "targetContracts",
         count(DISTINCT c.customer_id) FILTER (WHERE c.target)::int AS "targetCustomers",
         coalesce(sum(c.amount) FILTER (WHERE c.target), 0)::numeric(18, 2)::text AS "targetAmount"
       FROM (SELECT branch_id, customer_id, amount, currency, date_trunc($6, signed_on)::date AS period,
               coalesce(customer_id = ANY($5::uuid[]), false) AS target
             FROM contracts
             WHERE branch_id = ANY($1::uuid[]) AND signed_on BETWEEN $2::date AND $3::date
               AND ($4::uuid IS NULL OR owner_id = $4::uuid)) c
       GROUP BY c.period, c.branch_id, c.currency
       ORDER BY c.period, c.branch_id, c.currency`,
      [q.branchIds, q.from, q.to, ctx.ownOnly ? ctx.actor!.userId : null, q.customerIds ?? [], unitOf(q.unit)],
    );
  }
}

const unitOf = (u: PurchasePeriodUnit) => (u === 'WEEK' ? 'week' : 'month');
