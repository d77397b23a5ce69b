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
} from '@app/core';
import { SqlFilter, keysetPage, splitKeys, groupByKey, type ConnectionShape } from '@app/graphql';
import { enqueue } from '@app/jobs';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomerStatusEnum } from './customer.types.js';
import { CustomersService } from './customers.service.js';
import { tieringJobs } from './tiering-jobs.js';
import { DEFAULT_TIERING, checkAmount, mergeRules, type TieringRules } from './tiering-rules.js';
import { retier, type RetierResult } from './tiering-sql.js';
import {
  TierChangeReason,
  type CustomerPurchase,
  type CustomerTierChange,
  type RecordPurchasePayload,
  type TierChangeFilter,
  type TieringSettings,
  type UpdateTieringSettingsInput,
} from './tiering.types.js';

const CHANGE_COLUMNS = `branch_id, id, customer_id, from_tier, to_tier, reason, trailing_total::text AS trailing_total,
  period, changed_by, changed_at`;

interface ChangeRow {
  branch_id: string;
  id: string;
  customer_id: string;
  from_tier: CustomerTierChange['fromTier'];
  to_tier: CustomerTierChange['toTier'];
  reason: TierChangeReason;
  trailing_total: string | null;
  period: string | null;
  changed_by: string | null;
  changed_at: Date;
}

const toChange = (r: ChangeRow): CustomerTierChange => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  fromTier: r.from_tier,
  toTier: r.to_tier,
  reason: r.reason,
  trailingTotal: r.trailing_total,
  period: r.period,
  changedById: r.changed_by,
  changedAt: r.changed_at,
});

const PURCHASE_COLUMNS = `branch_id, id, customer_id, purchased_on::text AS purchased_on, amount::text AS amount, currency,
  source, note, created_at`;

interface PurchaseRow {
  branch_id: string;
  id: string;
  customer_id: string;
  purchased_on: string;
  amount: string;
  currency: string;
  source: string;
  note: string | null;
  created_at: Date;
}

const toPurchase = (r: PurchaseRow): CustomerPurchase => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  purchasedOn: r.purchased_on,
  amount: r.amount,
  currency: r.currency,
  source: r.source,
  note: r.note,
  createdAt: r.created_at,
});

/** A purchase to count: by a person now, by fulfilment (an order, counted once) later. */
export interface PurchaseFact {
  customerId: string;
  purchasedOn: string;
  amount: string;
  note?: string | null;
  source?: 'MANUAL' | 'ORDER';
  /** The order's id when `source` is ORDER: a second report of the same order adds nothing. */
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
    const rows = await tx.query<{ h: string; m: string; a: string; p: number }>(
      `SELECT high_above::text AS h, medium_above::text AS m, large_change_amount::text AS a, large_change_percent AS p
       FROM tiering_settings WHERE branch_id = $1`,
      [branchId],
    );
    const r = rows[0];
    return r ? { highAbove: r.h, mediumAbove: r.m, largeChangeAmount: r.a, largeChangePercent: r.p } : DEFAULT_TIERING;
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<TieringSettings> {
    const branch = actingBranch(ctx, branchId);
    return { branchId: branch, ...(await this.rules(await ctx.tx(), branch)) };
  }

  async updateSettings(ctx: RequestContext, input: UpdateTieringSettingsInput): Promise<TieringSettings> {
    const { branchId: wanted, ...change } = input;
    if (Object.values(change).every((v) => v == null)) {
      throw BadUserInputError.field('input', 'name at least one setting to change');
    }
    const branchId = actingBranch(ctx, wanted);
    const tx = await ctx.tx();
    const before = await this.rules(tx, branchId);
    const after = mergeRules(before, change);
    await tx.query(
      `INSERT INTO tiering_settings (branch_id, high_above, medium_above, large_change_amount, large_change_percent)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (branch_id) DO UPDATE SET high_above = $2, medium_above = $3, large_change_amount = $4,
         large_change_percent = $5, updated_at = now()`,
      [branchId, after.highAbove, after.mediumAbove, after.largeChangeAmount, after.largeChangePercent],
    );
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
    const amount = checkAmount('amount', fact.amount);
    const tx = await ctx.tx();
    const found = await this.customers.findOne(ctx, fact.customerId.toLowerCase());
    if (!found) throw new NotFoundError('Customer', fact.customerId);
    if (found.status !== CustomerStatusEnum.ACTIVE) {
      throw new InvalidStateError(`Customer "${found.name}" is archived; its purchases are no longer recorded`);
    }
    const branch = await this.branches.branchLoader(ctx).load(found.branchId);
    const timeZone = branch?.timeZone ?? 'UTC';
    const [{ today }] = await tx.query<{ today: string }>(`SELECT ((now() AT TIME ZONE $1)::date)::text AS today`, [
      timeZone,
    ]);
    if (fact.purchasedOn > today) {
      throw BadUserInputError.field('purchasedOn', `cannot be after today (${today} in the branch’s time zone)`);
    }
    // Serializes purchases of one customer, so "the total before" of two at once is not the same sum.
    await tx.query(`SELECT 1 FROM customers WHERE branch_id = $1 AND id = $2 FOR UPDATE`, [found.branchId, found.id]);
    const source = fact.source ?? 'MANUAL';
    const inserted = await tx.query<PurchaseRow>(
      `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source, source_id, note,
         recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (branch_id, source, source_id) DO NOTHING
       RETURNING ${PURCHASE_COLUMNS}`,
      [
        found.branchId,
        randomUUID(),
        found.id,
        fact.purchasedOn,
        amount,
        branch?.currency ?? 'CNY',
        source,
        fact.sourceId ?? null,
        fact.note?.trim() || null,
        ctx.actor?.userId ?? null,
      ],
    );
    if (!inserted[0]) {
      // The same order reported again: it was counted the first time.
      const again = await tx.query<PurchaseRow>(
        `SELECT ${PURCHASE_COLUMNS} FROM customer_purchases WHERE branch_id = $1 AND source = $2 AND source_id = $3`,
        [found.branchId, source, fact.sourceId],
      );
      return { purchase: toPurchase(again[0]), customer: found, largeChange: false, tierChange: null };
    }
    const purchase = toPurchase(inserted[0]);
    const [{ large }] = await tx.query<{ large: boolean }>(
      `SELECT p.purchased_on > ($3::date - interval '1 year') AND (p.amount >= r.a OR p.amount * 100 >= r.pct * coalesce((
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
    const tierChange = changeId ? await this.change(tx, found.branchId, changeId) : null;
    const customer = tierChange ? ((await this.customers.findOne(ctx, found.id)) ?? found) : found;
    return { purchase, customer, largeChange: large, tierChange };
  }

  private async change(tx: Tx, branchId: string, id: string): Promise<CustomerTierChange | null> {
    const rows = await tx.query<ChangeRow>(
      `SELECT ${CHANGE_COLUMNS} FROM customer_tier_changes WHERE branch_id = $1 AND id = $2`,
      [branchId, id],
    );
    return rows[0] ? toChange(rows[0]) : null;
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
      columns: CHANGE_COLUMNS.split(',')
        .map((c) => `x.${c.trim()}`)
        .join(', '),
      from: 'customer_tier_changes x',
      filter,
      order: {
        column: 'x.changed_at',
        cast: 'timestamptz',
        desc: true,
        value: (c: CustomerTierChange) => c.changedAt,
        idColumn: 'x.id',
      },
      map: toChange,
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
          const rows = await tx.query<ChangeRow>(
            `SELECT ${CHANGE_COLUMNS.split(',')
              .map((c) => `x.${c.trim()}`)
              .join(', ')}
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             JOIN customer_tier_changes x ON x.branch_id = k.branch_id AND x.customer_id = k.customer_id
             ORDER BY x.changed_at DESC, x.id DESC`,
            [branchIds, customerIds],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.customer_id}`, toChange);
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
          const rows = await tx.query<PurchaseRow>(
            `SELECT p.* FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, customer_id)
             CROSS JOIN LATERAL (SELECT ${PURCHASE_COLUMNS} FROM customer_purchases x
               WHERE x.branch_id = k.branch_id AND x.customer_id = k.customer_id
               ORDER BY x.purchased_on DESC, x.id DESC LIMIT $3) p`,
            [branchIds, customerIds, limit],
          );
          return groupByKey(keys, rows, (r) => `${r.branch_id}:${r.customer_id}`, toPurchase);
        }),
    );
  }

  // ---------- the quarterly run (worker) ----------

  /** One batch of a claimed quarterly run: the set-based statement, then the run's cursor moves on. */
  async quarterlyBatch(
    tx: Tx,
    run: { branch_id: string; quarter: string; last_customer_id: string | null; time_zone: string; today: string },
    batchSize: number,
  ): Promise<{ scanned: number; changed: number; finished: boolean }> {
    const r = await retier(
      tx,
      {
        branchId: run.branch_id,
        timeZone: run.time_zone,
        today: run.today,
        reason: TierChangeReason.QUARTERLY,
        period: run.quarter,
        changedBy: null,
        notifyInline: true,
      },
      { afterId: run.last_customer_id, limit: batchSize },
    );
    const finished = r.scanned < batchSize;
    await tx.query(
      `UPDATE tiering_runs SET last_customer_id = coalesce($3, last_customer_id), customers = customers + $4,
         changed = changed + $5, finished_at = CASE WHEN $6::boolean THEN now() END
       WHERE branch_id = $1 AND quarter = $2`,
      [run.branch_id, run.quarter, r.lastId, r.scanned, r.changes.length, finished],
    );
    return { scanned: r.scanned, changed: r.changes.length, finished };
  }

  /** The owner's notice of a change made in an API transaction (from the outbox), once per change. */
  async notifyChange(tx: Tx, branchId: string, changeId: string): Promise<number> {
    const rows = await tx.query(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
       SELECT x.branch_id, gen_random_uuid(), c.owner_id, 'CUSTOMER_TIER_CHANGED',
         left(format('%s is now a %s tier customer (was %s)', c.name, x.to_tier, x.from_tier), 300),
         CASE x.reason WHEN 'MANUAL' THEN 'The tier was set by hand'
           ELSE format('Purchases in the last 12 months: %s (a large purchase)', x.trailing_total) END,
         'customer', c.id, format('customer-tier-change:%s', x.id)
       FROM customer_tier_changes x JOIN customers c ON c.branch_id = x.branch_id AND c.id = x.customer_id
       WHERE x.branch_id = $1 AND x.id = $2
       ON CONFLICT (branch_id, dedupe_key) DO NOTHING RETURNING id`,
      [branchId, changeId],
    );
    return rows.length;
  }
}
