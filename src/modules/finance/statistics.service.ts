import { Injectable } from '@nestjs/common';
import { BadUserInputError, addDays, type RequestContext } from '@app/core';
import { checkFirst, decodeCursor, encodeCursor, toConnection, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import {
  ContractPurchasesService,
  type PurchaseCursor,
  type PurchaseQuery,
} from '../contracts/contract-purchases.service.js';
import { CustomerTierEnum } from '../customers/customer.enums.js';
import { CustomersService } from '../customers/customers.service.js';
import { StatisticsPeriod } from './statistics.enums.js';
import type { PurchaseStatistic, PurchaseTotal, StatisticsQuery } from './statistics.types.js';

/** A statistic covers at most three years. */
const MAX_DAYS = 3 * 366;
/** Rows an export reads per statement: its memory is one page, whatever the year holds. */
export const EXPORT_PAGE = 500;

/** The last business day of the period that starts on `start`. */
export function periodEnd(period: StatisticsPeriod, start: string): string {
  if (period === StatisticsPeriod.WEEK) return addDays(start, 6);
  const [y, m] = start.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * Purchase/sales statistics (购销统计) and target-customer statistics (重点客户统计). A purchase is a contract signed
 * (DOMAIN.md section 4: what a customer commits to buy; orders and deliveries follow from it), counted on the business
 * day it was signed; a target customer is one of the HIGH tier. The figures come from the contracts module (its
 * ContractPurchasesService) in keyset pages; this service names the customers and branches of each page.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly purchases: ContractPurchasesService,
    private readonly customers: CustomersService,
    private readonly branches: BranchesService,
  ) {}

  /** Per period and branch: all purchases and the target customers' (one statement each). */
  async totals(ctx: RequestContext, q: StatisticsQuery): Promise<PurchaseTotal[]> {
    const query = await this.query(ctx, { ...q, targetOnly: false });
    query.customerIds = await this.customers.targetIds(ctx, query.branchIds);
    const rows = await this.purchases.totals(ctx, query);
    return rows.map((r) => ({ ...r, periodEnd: periodEnd(q.period, r.periodStart) }));
  }

  /** A page of per-customer rows, by period, branch and customer. */
  async page(
    ctx: RequestContext,
    q: StatisticsQuery,
    args: { first?: number; after?: string },
  ): Promise<ConnectionShape<PurchaseStatistic>> {
    const first = checkFirst(args.first);
    const query = await this.query(ctx, q);
    const rows = await this.rows(ctx, query, q.period, cursorOf(args.after), first + 1);
    return toConnection(
      rows,
      first,
      (r) => encodeCursor(`${r.periodStart}|${r.branchId}`, r.customerId),
      async () => {
        let n = 0;
        for await (const page of this.pages(ctx, q)) n += page.length;
        return n;
      },
    );
  }

  /** Every row of the statistic, a page at a time (the exports): never more than one page in memory. */
  async *pages(ctx: RequestContext, q: StatisticsQuery): AsyncGenerator<PurchaseStatistic[]> {
    const query = await this.query(ctx, q);
    let after: PurchaseCursor | null = null;
    for (;;) {
      const rows = await this.rows(ctx, query, q.period, after, EXPORT_PAGE);
      if (rows.length) yield rows;
      if (rows.length < EXPORT_PAGE) return;
      const last = rows[rows.length - 1];
      after = { periodStart: last.periodStart, branchId: last.branchId, customerId: last.customerId };
    }
  }

  /** Checks the arguments and fixes the branches and customers counted. */
  private async query(ctx: RequestContext, q: StatisticsQuery): Promise<PurchaseQuery> {
    ctx.requireActor();
    if (q.to < q.from) throw BadUserInputError.field('to', `must not be before from (${q.from})`);
    if (q.to > addDays(q.from, MAX_DAYS)) throw BadUserInputError.field('to', 'a statistic covers at most three years');
    const wanted = q.branchId?.toLowerCase();
    // A branch outside the scope counts nothing, as for an id that does not exist.
    const branchIds = wanted ? ctx.branchIds.filter((b) => b === wanted) : ctx.branchIds;
    const customerIds = q.targetOnly ? await this.customers.targetIds(ctx, branchIds) : null;
    return { unit: q.period, from: q.from, to: q.to, branchIds, customerIds };
  }

  /** A page of groups with their customers' and branches' names (loaders cleared: memory stays one page). */
  private async rows(
    ctx: RequestContext,
    query: PurchaseQuery,
    period: StatisticsPeriod,
    after: PurchaseCursor | null,
    limit: number,
  ): Promise<PurchaseStatistic[]> {
    if (!query.branchIds.length) return [];
    const groups = await this.purchases.groups(ctx, query, { after, limit });
    const customers = this.customers.byKeyLoader(ctx);
    const branches = this.branches.branchLoader(ctx);
    const [named, codes] = await Promise.all([
      customers.loadMany(groups.map((g) => `${g.branchId}:${g.customerId}`)),
      branches.loadMany([...new Set(groups.map((g) => g.branchId))]),
    ]);
    const codeOf = new Map(codes.map((b) => (b && !(b instanceof Error) ? [b.id, b.code] : ['', ''])));
    customers.clearAll();
    return groups.map((g, i) => {
      const c = named[i];
      const customer = c && !(c instanceof Error) ? c : null;
      const tier = customer?.tier ?? CustomerTierEnum.LOW;
      return {
        id: `${g.periodStart}:${g.branchId}:${g.customerId}`,
        branchId: g.branchId,
        branchCode: codeOf.get(g.branchId) ?? '',
        periodStart: g.periodStart,
        periodEnd: periodEnd(period, g.periodStart),
        customerId: g.customerId,
        customerName: customer?.name ?? '',
        tier,
        target: tier === CustomerTierEnum.HIGH,
        contracts: g.contracts,
        amount: g.amount,
        currency: g.currency,
      };
    });
  }
}

function cursorOf(after?: string): PurchaseCursor | null {
  if (!after) return null;
  const [value, customerId] = decodeCursor(after);
  const [periodStart, branchId] = String(value).split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(periodStart) || !/^[0-9a-f-]{36}$/.test(branchId ?? '')) {
    throw BadUserInputError.field('after', 'is not a cursor of this list');
  }
  return { periodStart, branchId, customerId };
}
