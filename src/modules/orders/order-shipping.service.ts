import { Injectable } from '@nestjs/common';
import { BadUserInputError, addDays, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { Orders, SHIP_BREACHED_SQL, type Order } from './order.entity.js';
import type { BranchShippingTimes, ShippingBreachFilter, ShippingTimesInput } from './order-shipping.types.js';

/** The longest period of signing-to-shipment figures, in days. */
const MAX_PERIOD_DAYS = 366;

/**
 * The one-working-day rule measured (DOMAIN.md section 5: goods ship within one working day of signing). The clock
 * is on the order (signedAt, shipBy, firstShippedAt, set by OrdersService and by fulfillment's shipments); this
 * service lists the breaches and gives head office its per-branch figures, each in a constant number of statements.
 */
@Injectable()
export class OrderShippingService {
  /** Fulfillment: a shipment of the order left at `at`; the earliest one is the order's first shipment. */
  async recordShipped(ctx: RequestContext, order: { branchId: string; id: string }, at: Date): Promise<void> {
    const tx = await ctx.tx();
    // LEAST in one statement: two shipments of one order marked SHIPPED at once keep the earlier instant.
    await tx.query(
      `UPDATE orders SET first_shipped_at = LEAST(coalesce(first_shipped_at, $3::timestamptz), $3::timestamptz)
       WHERE branch_id = $1 AND id = $2`,
      [order.branchId, order.id, at],
    );
  }

  /** Orders that broke the rule, latest signed first; head office across its branches, a rep their own orders. */
  breaches(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ShippingBreachFilter },
  ): Promise<ConnectionShape<Order>> {
    const filter = new SqlFilter()
      .branches(ctx, args.filter?.branchId)
      .owner(ctx)
      .where('signed_at IS NOT NULL')
      .where(SHIP_BREACHED_SQL());
    return keysetPage(ctx, args, {
      columns: Orders.cols(),
      from: 'orders',
      filter,
      order: { column: 'signed_at', cast: 'timestamptz', desc: true, value: (o: Order) => o.signedAt! },
      map: Orders.map,
    });
  }

  /**
   * Per branch in scope (one statement whatever the number of branches): orders signed in the period (local
   * business days of each branch), how many shipped, average and median hours to the first shipment, breaches;
   * and the orders waiting for release now with their age.
   */
  async times(ctx: RequestContext, input: ShippingTimesInput): Promise<BranchShippingTimes[]> {
    if (input.to < input.from) throw BadUserInputError.field('to', 'must not be before from');
    if (addDays(input.from, MAX_PERIOD_DAYS) <= input.to) {
      throw BadUserInputError.field('to', `the period is at most ${MAX_PERIOD_DAYS} days`);
    }
    const f = new SqlFilter().branches(ctx, input.branchId, 'sb.id');
    const from = f.param(input.from, 'date');
    const to = f.param(input.to, 'date');
    const hours = (interval: string) => `extract(epoch FROM ${interval}) / 3600`;
    const tx = await ctx.tx();
    const rows = await tx.query<Record<string, string | null>>(
      `WITH b AS (SELECT sb.id, sb.code, sb.name, sb.time_zone FROM scope_branches sb WHERE ${f.sql}),
       s AS (
         SELECT o.branch_id, count(*) AS signed, count(o.first_shipped_at) AS shipped,
           round(avg(${hours('o.first_shipped_at - o.signed_at')}), 2) AS avg_h,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('o.first_shipped_at - o.signed_at')}))::numeric, 2)
             AS median_h,
           count(*) FILTER (WHERE ${SHIP_BREACHED_SQL('o.')}) AS breaches
         FROM b JOIN orders o ON o.branch_id = b.id
           AND o.signed_at >= ${from}::timestamp AT TIME ZONE b.time_zone
           AND o.signed_at < (${to} + 1)::timestamp AT TIME ZONE b.time_zone
         GROUP BY o.branch_id),
       w AS (
         SELECT o.branch_id, count(*) AS waiting,
           round(max(${hours('now() - coalesce(o.signed_at, o.updated_at)')}), 2) AS oldest_h,
           round(avg(${hours('now() - coalesce(o.signed_at, o.updated_at)')}), 2) AS avg_wait_h
         FROM b JOIN orders o ON o.branch_id = b.id AND o.state IN ('CONFIRMED', 'APPROVED')
         GROUP BY o.branch_id)
       SELECT b.id AS "branchId", b.code AS "branchCode", b.name AS "branchName",
         coalesce(s.signed, 0) AS signed, coalesce(s.shipped, 0) AS shipped, s.avg_h::text AS "averageHours",
         s.median_h::text AS "medianHours", coalesce(s.breaches, 0) AS breaches,
         coalesce(w.waiting, 0) AS "awaitingRelease", w.oldest_h::text AS "oldestAwaitingHours",
         w.avg_wait_h::text AS "averageAwaitingHours"
       FROM b LEFT JOIN s ON s.branch_id = b.id LEFT JOIN w ON w.branch_id = b.id
       ORDER BY b.code, b.id`,
      f.params,
    );
    return rows.map((r) => ({
      branchId: r.branchId!,
      branchCode: r.branchCode!,
      branchName: r.branchName!,
      signed: Number(r.signed),
      shipped: Number(r.shipped),
      averageHours: r.averageHours,
      medianHours: r.medianHours,
      breaches: Number(r.breaches),
      awaitingRelease: Number(r.awaitingRelease),
      oldestAwaitingHours: r.oldestAwaitingHours,
      averageAwaitingHours: r.averageAwaitingHours,
    }));
  }
}
