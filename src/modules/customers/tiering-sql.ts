import type { Tx } from '@app/core';
import { DEFAULT_CADENCE } from './cadence.js';
import { DEFAULT_TIERING } from './tiering-rules.js';
import type { TierChangeReason } from './tiering.enums.js';

/** Which customers of the branch one re-tiering statement covers. */
export type RetierSelection = { afterId: string | null; limit: number } | { ids: string[] };

export interface RetierOptions {
  branchId: string;
  timeZone: string;
  /** The branch's business day the trailing 12 months end on. */
  today: string;
  reason: TierChangeReason;
  /** The quarter of a QUARTERLY run. */
  period: string | null;
  changedBy: string | null;
  /**
   * Write the owners' notifications in the same statement (the worker may notify anyone; dedupe per
   * customer, quarter and tier). An API transaction leaves it off and notifies through the outbox.
   */
  notifyInline: boolean;
}

export interface TierChangeRow {
  changeId: string;
  customerId: string;
  ownerId: string;
  from: string;
  to: string;
  total: string;
}

export interface RetierResult {
  scanned: number;
  lastId: string | null;
  changes: TierChangeRow[];
}

/**
 * Re-tiers a set of ACTIVE customers of one branch in ONE statement: their trailing-12-month purchases
 * aggregated, tiered against the branch thresholds, the changed ones updated (tier and the next contact
 * due by the new tier's cadence), their history rows and (optionally) owner notifications inserted.
 * The quarterly job runs it over batches of thousands; a large purchase runs it for one customer.
 */
export async function retier(tx: Tx, o: RetierOptions, sel: RetierSelection): Promise<RetierResult> {
  const params: unknown[] = [o.branchId, o.today, o.timeZone, o.reason, o.period, o.changedBy, o.notifyInline];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const selector =
    'ids' in sel
      ? `c.id = ANY(${p(sel.ids)}::uuid[])`
      : `(${p(sel.afterId)}::uuid IS NULL OR c.id > $${params.length}::uuid) ORDER BY c.id LIMIT ${p(sel.limit)}`;
  const rows = await tx.query<{ scanned: number; last_id: string | null; changes: TierChangeRow[] }>(
    `WITH rules AS (
       SELECT coalesce(t.high_above, ${DEFAULT_TIERING.highAbove}) AS high,
              coalesce(t.medium_above, ${DEFAULT_TIERING.mediumAbove}) AS medium,
              coalesce(s.contact_cadence_high_days, ${DEFAULT_CADENCE.contactCadenceHighDays}) AS high_days,
              coalesce(s.contact_cadence_medium_days, ${DEFAULT_CADENCE.contactCadenceMediumDays}) AS medium_days,
              coalesce(s.contact_cadence_low_days, ${DEFAULT_CADENCE.contactCadenceLowDays}) AS low_days
       FROM (SELECT 1) one
       LEFT JOIN tiering_settings t ON t.branch_id = $1
       LEFT JOIN branch_settings s ON s.branch_id = $1
     ), batch AS (
       SELECT c.id, c.tier, c.owner_id, c.name, coalesce(c.last_contact_at, c.created_at) AS since
       FROM customers c WHERE c.branch_id = $1 AND c.status = 'ACTIVE' AND ${selector}
     ), sums AS (
       SELECT p.customer_id, sum(p.amount) AS total FROM customer_purchases p
       WHERE p.branch_id = $1 AND p.customer_id IN (SELECT id FROM batch)
         AND p.purchased_on > ($2::date - interval '1 year') AND p.purchased_on <= $2::date
       GROUP BY p.customer_id
     ), tiered AS (
       SELECT b.*, coalesce(s.total, 0) AS total,
              CASE WHEN coalesce(s.total, 0) > r.high THEN 'HIGH' WHEN coalesce(s.total, 0) > r.medium THEN 'MEDIUM'
                   ELSE 'LOW' END AS to_tier,
              r.high_days, r.medium_days, r.low_days
       FROM batch b CROSS JOIN rules r LEFT JOIN sums s ON s.customer_id = b.id
     ), changed AS (
       UPDATE customers c SET tier = t.to_tier, updated_at = now(),
         next_contact_due_at = (((t.since AT TIME ZONE $3)::date + CASE t.to_tier WHEN 'HIGH' THEN t.high_days
           WHEN 'MEDIUM' THEN t.medium_days ELSE t.low_days END + 1)::timestamp AT TIME ZONE $3)
       FROM tiered t
       WHERE c.branch_id = $1 AND c.id = t.id AND c.tier <> t.to_tier
       RETURNING c.id, c.owner_id, c.name, t.tier AS from_tier, t.to_tier, t.total
     ), history AS (
       INSERT INTO customer_tier_changes (branch_id, id, customer_id, from_tier, to_tier, reason, trailing_total, period,
         changed_by)
       SELECT $1, gen_random_uuid(), id, from_tier, to_tier, $4, total, $5, $6::uuid FROM changed
       RETURNING id, customer_id
     ), notes AS (
       INSERT INTO notifications (branch_id, id, user_id, kind, title, body, subject_type, subject_id, dedupe_key)
       SELECT $1, gen_random_uuid(), c.owner_id, 'CUSTOMER_TIER_CHANGED',
         left(format('%s is now a %s tier customer (was %s)', c.name, c.to_tier, c.from_tier), 300),
         format('Purchases in the last 12 months: %s (quarterly re-tiering, %s)', c.total, $5::text),
         'customer', c.id, format('customer-tier:%s:%s:%s', c.id, coalesce($5::text, h.id::text), c.to_tier)
       FROM changed c JOIN history h ON h.customer_id = c.id
       WHERE $7::boolean
       ON CONFLICT (branch_id, dedupe_key) DO NOTHING
     )
     SELECT (SELECT count(*) FROM batch)::int AS scanned,
            (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last_id,
            coalesce((SELECT json_agg(json_build_object('changeId', h.id, 'customerId', c.id, 'ownerId', c.owner_id,
              'from', c.from_tier, 'to', c.to_tier, 'total', c.total::text))
              FROM changed c JOIN history h ON h.customer_id = c.id), '[]'::json) AS changes`,
    params,
  );
  return { scanned: rows[0].scanned, lastId: rows[0].last_id, changes: rows[0].changes };
}
