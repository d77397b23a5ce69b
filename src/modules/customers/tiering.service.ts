import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
  parseMoney,
  requireChange,
} from '@app/core';
import { SqlFilter, keysetPage, splitKeys, groupByKey, type ConnectionShape } from '@app/graphql';
import { enqueue } from '@app/jobs';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { Customers } from './customer.entity.js';
import { CustomerStatusEnum } from './customer.enums.js';
import { CustomersService } from './customers.service.js';
import { tieringJobs } from './tiering.job-catalogue.js';
import { DEFAULT_TIERING, mergeRules, type TieringRules } from './tiering-rules.js';
import { retier, type RetierResult } from './tiering-sql.js';
import {
  CustomerPurchases,
  CustomerTierChanges,
  TieringSettingsTable,
  type CustomerPurchase,
  type CustomerTierChange,
} from './tiering.entity.js';
import { PurchaseCause, TierChangeReason, type PurchaseSource } from './tiering.enums.js';
import type { RecordPurchasePayload, TierChangeFilter, UpdateTieringSettingsInput } from './tiering.types.js';

/** A branch's tiering settings as the API shows them (the defaults while it has no row). */
export type BranchTiering = TieringRules & { branchId: string };

/**
 * A purchase to count, or to take off: typed by a person (MANUAL, positive), an accepted shipment (ORDER_DELIVERED,
 * positive), a processed return (RETURN, negative) or a manager's correction (CORRECTION, either sign).
 */
export interface PurchaseFact {
  customerId: string;
  /** The business day; today in the branch's time zone when left out (fulfillment's events). */
  purchasedOn?: string;
  /** Signed decimal text: "-120.00" takes 120 off. */
  amount: string;
  note?: string | null;
  cause?: PurchaseCause;
  source?: PurchaseSource;
  /** The event's own id when `source` is not MANUAL: a second report of the same event adds nothing. */
  sourceId?: string;
}

/**
 * Tiering (客户分级): tiers from the trailing 12 months of purchases against per-branch thresholds.
 * Purchases come in through `recordPurchase` (the GraphQL mutation now, the fulfilment module's orders
 * later); a purchase that is a large change re-tiers its customer at once; the quarterly job re-tiers
 * every customer of a branch, batch by batch, with the same set-based statement (tiering-sql.ts).
 */
@Injectable()
export class TieringService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  // ---------- settings ----------

  async rules(tx: Tx, branchId: string): Promise<TieringRules> {
    const r = await TieringSettingsTable.find(tx, { branchId });
    return r
      ? {
          highAbove: r.highAbove,
          mediumAbove: r.mediumAbove,
          largeChangeAmount: r.largeChangeAmount,
          largeChangePercent: r.largeChangePercent,
        }
      : DEFAULT_TIERING;
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<BranchTiering> {
    const branch = actingBranch(ctx, branchId);
    return { branchId: branch, ...(await this.rules(await ctx.tx(), branch)) };
  }

  async updateSettings(ctx: RequestContext, input: UpdateTieringSettingsInput): Promise<BranchTiering> {
    const { branchId: wanted, ...change } = input;
    requireChange(change, 'setting', { nullMeansUnset: true });
    const branchId = actingBranch(ctx, wanted);
    const tx = await ctx.tx();
    const before = await this.rules(tx, branchId);
    const after = mergeRules(before, change);
    await TieringSettingsTable.upsert(tx, { branchId, ...after });
    const saved = await this.rules(tx, branchId);
    await writeAudit(ctx, {
      branchId,
      entity: 'tiering_settings',
      entityId: branchId,
      action: 'update',
      before,
      after: saved,
    });
    return { branchId, ...saved };
  }

  // ---------- purchases ----------

  /**
   * Records a purchase and, when it is a large change under the branch's rule (at least
   * `largeChangeAmount`, or at least `largeChangePercent`% of the trailing-12-month purchases before
   * it), re-tiers the customer at once. The owner hears of a change through the outbox.
   */
  async recordPurchase(ctx: RequestContext, fact: PurchaseFact): Promise<RecordPurchasePayload> {
    const cause = fact.cause ?? PurchaseCause.MANUAL;
    const source = fact.source ?? 'MANUAL';
    const amount = signedAmount(fact.amount, cause);
    const tx = await ctx.tx();
    const found = await this.customers.findOne(ctx, fact.customerId.toLowerCase());
    if (!found) throw new NotFoundError('Customer', fact.customerId);
    // Fulfillment's events still count for an archived customer: the goods moved; a person's entry does not.
    if (found.status !== CustomerStatusEnum.ACTIVE && source === 'MANUAL') {
      throw new InvalidStateError(`Customer "${found.name}" is archived; its purchases are no longer recorded`);
    }
    const branch = await this.branches.branchLoader(ctx).load(found.branchId);
    const timeZone = branch?.timeZone ?? 'UTC';
    const [{ today }] = await tx.query<{ today: string }>(`SELECT ((now() AT TIME ZONE $1)::date)::text AS today`, [
      timeZone,
    ]);
    const purchasedOn = fact.purchasedOn ?? today;
    if (purchasedOn > today) {
      throw BadUserInputError.field('purchasedOn', `cannot be after today (${today} in the branch’s time zone)`);
    }
    // Serializes purchases of one customer, so "the total before" of two at once is not the same sum.
    await Customers.find(tx, Customers.keyOf(found), { lock: true });
    const inserted = await tx.query<CustomerPurchase>(
      `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source, source_id, note,
         recorded_by, cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (branch_id, source, source_id) DO NOTHING
       RETURNING ${CustomerPurchases.cols()}`,
      [
        found.branchId,
        randomUUID(),
        found.id,
        purchasedOn,
        amount,
        branch?.currency ?? 'CNY',
        source,
        fact.sourceId ?? null,
        fact.note?.trim() || null,
        ctx.actor?.userId ?? null,
        cause,
      ],
    );
    if (!inserted[0]) {
      // The same event reported again: it was counted the first time.
      const again = await CustomerPurchases.find(tx, { branchId: found.branchId, source, sourceId: fact.sourceId });
      return { purchase: again!, customer: found, largeChange: false, tierChange: null };
    }
    const purchase = CustomerPurchases.map(inserted[0]);
    // A large return is a large change too (DOMAIN.md: re-tiered on a large change in purchases): the size counts.
    const [{ large }] = await tx.query<{ large: boolean }>(
      `SELECT p.purchased_on > ($3::date - interval '1 year') AND (abs(p.amount) >= r.a OR abs(p.amount) * 100 >= r.pct * coalesce((
         SELECT sum(x.amount) FROM customer_purchases x WHERE x.branch_id = p.branch_id AND x.customer_id = p.customer_id
           AND x.id <> p.id AND x.purchased_on > ($3::date - interval '1 year') AND x.purchased_on <= $3::date), 0)) AS large
       FROM customer_purchases p
       CROSS JOIN (SELECT coalesce((SELECT large_change_amount FROM tiering_settings WHERE branch_id = $1), $4::numeric) AS a,
                          coalesce((SELECT large_change_percent FROM tiering_settings WHERE branch_id = $1), $5::int) AS pct) r
       WHERE p.branch_id = $1 AND p.id = $2`,
      [found.branchId, purchase.id, today, DEFAULT_TIERING.largeChangeAmount, DEFAULT_TIERING.largeChangePercent],
    );
    let result: RetierResult | null = null;
    if (large) {
      result = await retier(
        tx,
        {
          branchId: found.branchId,
          timeZone,
          today,
          reason: TierChangeReason.LARGE_CHANGE,
          period: null,
          changedBy: ctx.actor?.userId ?? null,
          notifyInline: false,
        },
        { ids: [found.id] },
      );
      for (const c of result.changes) {
        await enqueue(ctx, tieringJobs.tierChanged, { branchId: found.branchId, changeId: c.changeId });
      }
    }
    await writeAudit(ctx, {
      branchId: found.branchId,
      entity: 'customer_purchase',
      entityId: purchase.id,
      action: 'create',
      after: { ...purchase, largeChange: large },
    });
    const changeId = result?.changes[0]?.changeId;
    const tierChange = changeId ? await CustomerTierChanges.find(tx, { branchId: found.branchId, id: changeId }) : null;
    const customer = tierChange ? ((await this.customers.findOne(ctx, found.id)) ?? found) : found;
    return { purchase, customer, largeChange: large, tierChange };
  }

  // ---------- reads ----------

  /** Tier changes, newest first; head office across branches in one statement (customer_tier_changes_changed). */
  async changes(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: TierChangeFilter },
  ): Promise<ConnectionShape<CustomerTierChange>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 'x.branch_id')
      .eq('x.customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('x.reason', f.reason)
      .eq('x.to_tier', f.toTier);
    if (ctx.ownOnly) {
      filter.where(
        (p) =>
          `EXISTS (SELECT 1 FROM customers c WHERE c.branch_id = x.branch_id AND c.id = x.customer_id AND c.owner_id = ${p(ctx.actor!.userId, 'uuid')})`,
      );
    }
    return keysetPage(ctx, args, {
      columns: CustomerTierChanges.cols('x'),
      from: 'customer_tier_changes x',
      filter,
      order: {
        column: 'x.changed_at',
        cast: 'timestamptz',
        desc: true,
        value: (c: CustomerTierChange) => c.changedAt,
        idColumn: 'x.id',
      },
      map: CustomerTierChanges.map,
    });
  }

  /** The tier history of many customers ("branchId:customerId") in one statement, newest first. */
  historyLoader(ctx: RequestContext): DataLoader<string, CustomerTierChange[]> {
    return ctx.loader(
      'tiering.history',
      () =>
        new DataLoader<string, CustomerTierChange[]>(async (keys) => {
          const [branchIds, customerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<CustomerTierChange>(
            `SELECT ${CustomerTierChanges.cols('x')}
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             JOIN customer_tier_changes x ON x.branch_id = k.branch_id AND x.customer_id = k.customer_id
             ORDER BY x.changed_at DESC, x.id DESC`,
            [branchIds, customerIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.customerId}`, CustomerTierChanges.map);
        }),
    );
  }

  /** Trailing-12-month purchases (to today in each branch's time zone) of many customers in one statement. */
  trailingTotalLoader(ctx: RequestContext): DataLoader<string, string> {
    return ctx.loader(
      'tiering.trailing',
      () =>
        new DataLoader<string, string>(async (keys) => {
          const [branchIds, customerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<{ branch_id: string; customer_id: string; total: string }>(
            `SELECT k.branch_id, k.customer_id, coalesce(sum(p.amount), 0)::numeric(18, 2)::text AS total
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             JOIN scope_branches sb ON sb.id = k.branch_id
             LEFT JOIN customer_purchases p ON p.branch_id = k.branch_id AND p.customer_id = k.customer_id
               AND p.purchased_on > ((now() AT TIME ZONE sb.time_zone)::date - interval '1 year')
               AND p.purchased_on <= (now() AT TIME ZONE sb.time_zone)::date
             GROUP BY k.branch_id, k.customer_id`,
            [branchIds, customerIds],
          );
          const byKey = new Map(rows.map((r) => [`${r.branch_id}:${r.customer_id}`, r.total]));
          return keys.map((k) => byKey.get(k) ?? '0');
        }),
    );
  }

  /** The most recent purchases of many customers, `limit` each, in one statement. */
  purchasesLoader(ctx: RequestContext, limit: number): DataLoader<string, CustomerPurchase[]> {
    return ctx.loader(
      `tiering.purchases:${limit}`,
      () =>
        new DataLoader<string, CustomerPurchase[]>(async (keys) => {
          const [branchIds, customerIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<CustomerPurchase>(
            `SELECT p.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             CROSS JOIN LATERAL (SELECT ${CustomerPurchases.cols('x')} FROM customer_purchases x
               WHERE x.branch_id = k.branch_id AND x.customer_id = k.customer_id
               ORDER BY x.purchased_on DESC, x.id DESC LIMIT $3) p`,
            [branchIds, customerIds, limit],
          );
          return groupByKey(keys, rows, (r) => `${r.branchId}:${r.customerId}`, CustomerPurchases.map);
        }),
    );
  }
}

/** The amount of a fact, checked against its cause: MANUAL and ORDER_DELIVERED add, RETURN takes off. */
function signedAmount(value: string, cause: PurchaseCause): string {
  const negative = value.trim().startsWith('-');
  const abs = parseMoney('amount', negative ? value.trim().slice(1) : value, 'positive');
  if (negative && (cause === PurchaseCause.MANUAL || cause === PurchaseCause.ORDER_DELIVERED)) {
    throw BadUserInputError.field(
      'amount',
      `must be positive for a ${cause} purchase; take amounts off by a correction`,
    );
  }
  if (!negative && cause === PurchaseCause.RETURN) {
    throw BadUserInputError.field('amount', 'a return takes purchases off: the amount is negative');
  }
  return negative ? `-${abs}` : abs;
}
