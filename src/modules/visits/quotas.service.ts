import { Injectable } from '@nestjs/common';
import { BadUserInputError, writeAudit, type RequestContext, type Tx } from '@app/core';
import { SqlFilter, checkFirst, decodeCursor, encodeCursor, toConnection, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type { Role } from '../branches/roles.js';
import { parseQuotaPeriod, type QuotaPeriod } from './quota-period.js';
import { ActivityQuotaSettingsTable, type ActivityQuotaSettings } from './quota.entity.js';
import {
  QuotaMetric,
  QuotaPeriodKind,
  type AttainmentFilter,
  type BranchAttainment,
  type RepAttainment,
  type UpdateActivityQuotaSettingsInput,
} from './quota.types.js';

/** DOMAIN.md section 2: 10 valid leads and 10 proposals sent per week, 6 effective visits per month. */
export const DEFAULT_QUOTAS = { validLeadsPerWeek: 10, proposalsPerWeek: 10, effectiveVisitsPerMonth: 6 };

/** The settings as GraphQL answers them (updatedAt is the table's own bookkeeping; the defaults have none). */
type Settings = Omit<ActivityQuotaSettings, 'updatedAt'> & { updatedAt?: Date };

const WEEK_METRICS = [QuotaMetric.VALID_LEADS, QuotaMetric.PROPOSALS_SENT];
const MONTH_METRICS = [QuotaMetric.EFFECTIVE_VISITS];

interface RepPageRow {
  branch_id: string;
  user_id: string;
  display_name: string;
  email: string;
  role: Role;
  a1: number;
  t1: number;
  a2?: number;
  t2?: number;
}

/** A row of the rep list: the rep's id is the keyset tie-breaker (a rep appears once per branch). */
export type RepAttainmentNode = RepAttainment & { id: string };

/** actual / target in percent with one decimal, as PostgreSQL's round(numeric, 1) writes it; null for a 0 target. */
export function percentOf(actual: number, target: number): string | null {
  if (target === 0) return null;
  // 1000 * actual / target is exact whenever it ends in .5 (a float division of integers is correctly rounded),
  // so rounding half up here is numeric rounding (half away from zero; the figures are never negative).
  const tenths = Math.round((1000 * actual) / target);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

interface BranchRow {
  branch_id: string;
  metric: QuotaMetric;
  reps: number;
  actual: number;
  target: number;
  on_target: number;
  percent: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 864e5).toISOString().slice(0, 10);

/**
 * Activity quotas per representative (SALES_REP) against the branch's targets, counted from the
 * source rows: valid leads by creation time and quotes by sending time within the ISO week's days,
 * effective visits by the day visited within the month; days are the branch's (its time zone).
 */
@Injectable()
export class QuotasService {
  constructor(private readonly branches: BranchesService) {}

  async settings(ctx: RequestContext, branchId?: string): Promise<Settings> {
    const branch = actingBranch(ctx, branchId);
    return this.read(await ctx.tx(), branch);
  }

  async updateSettings(ctx: RequestContext, input: UpdateActivityQuotaSettingsInput): Promise<Settings> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const before = await this.read(tx, branchId);
    const after = await ActivityQuotaSettingsTable.upsert(tx, {
      branchId,
      validLeadsPerWeek: input.validLeadsPerWeek ?? before.validLeadsPerWeek,
      proposalsPerWeek: input.proposalsPerWeek ?? before.proposalsPerWeek,
      effectiveVisitsPerMonth: input.effectiveVisitsPerMonth ?? before.effectiveVisitsPerMonth,
    });
    await writeAudit(ctx, {
      branchId,
      entity: 'activity_quota_settings',
      entityId: branchId,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  /**
   * Per representative, a keyset page in (branch, rep) order; a sales rep gets their own line only. One
   * statement for the page, names included, whatever the number of branches and reps in scope (plus a count over
   * the same reps when `totalCount` is selected): the page is taken first, branch by branch in id order, each
   * branch's reps from branch_directory in rep order (a security-barrier view is planned on its own: joined to
   * the whole scope, all its memberships x users were hashed and sorted before the LIMIT), and only the page's
   * reps are counted (each metric an index range of the rep's branch). The names prime the staff loader.
   */
  async repAttainment(
    ctx: RequestContext,
    periodText: string,
    args: { first?: number; after?: string; filter?: AttainmentFilter },
  ): Promise<ConnectionShape<RepAttainmentNode>> {
    const period = parseQuotaPeriod(periodText);
    const first = checkFirst(args.first);
    const f = args.filter ?? {};
    const userId = ctx.ownOnly ? ctx.actor!.userId : (f.userId?.toLowerCase() ?? null);
    const branchIds = f.branchId ? ctx.branchIds.filter((b) => b === f.branchId!.toLowerCase()) : [...ctx.branchIds];
    const none = ctx.ownOnly && f.userId && f.userId.toLowerCase() !== userId;
    const after = args.after ? decodeCursor(args.after) : undefined;
    if (after && !UUID.test(String(after[0]))) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this list; pass an endCursor you received');
    }
    // The page's SQL: the branches in scope from the cursor's on, each branch's reps after the cursor, in order.
    const q = new SqlFilter();
    const branches = q.param(none ? [] : branchIds, 'uuid[]');
    const lo = q.param(period.start, 'date');
    const hi = q.param(period.end, 'date');
    const limit = q.param(first + 1, 'int');
    const reps: string[] = ["d.branch_id = b.id AND d.role = 'SALES_REP'"];
    if (userId) reps.push(`d.user_id = ${q.param(userId, 'uuid')}`);
    let from = '';
    if (after) {
      const [afterBranch, afterUser] = [q.param(String(after[0]), 'uuid'), q.param(after[1], 'uuid')];
      from = ` AND sb.id >= ${afterBranch}`;
      reps.push(`(b.id > ${afterBranch} OR d.user_id > ${afterUser})`);
    }
    const week = period.kind === 'WEEK';
    const count = (table: string, where: string) =>
      `(SELECT count(*)::int FROM ${table} WHERE x.branch_id = r.branch_id AND x.owner_id = r.user_id AND ${where})`;
    const columns = week
      ? `${count('leads x', 'x.valid AND x.created_at >= r.lo AND x.created_at < r.hi')} AS a1,
         coalesce(s.valid_leads_per_week, ${DEFAULT_QUOTAS.validLeadsPerWeek}) AS t1,
         ${count('quotes x', 'x.sent_at >= r.lo AND x.sent_at < r.hi')} AS a2,
         coalesce(s.proposals_per_week, ${DEFAULT_QUOTAS.proposalsPerWeek}) AS t2`
      : `${count('visits x', `x.effective AND x.visited_on >= ${lo} AND x.visited_on < ${hi}`)} AS a1,
         coalesce(s.effective_visits_per_month, ${DEFAULT_QUOTAS.effectiveVisitsPerMonth}) AS t1`;
    const tx = await ctx.tx();
    const rows = await tx.query<RepPageRow>(
      `SELECT r.branch_id, r.user_id, r.display_name, r.email, r.role, ${columns}
       FROM (
         SELECT b.id AS branch_id, d.user_id, d.display_name, d.email, d.role, b.lo, b.hi
         FROM (SELECT sb.id, ${lo}::timestamp AT TIME ZONE sb.time_zone AS lo,
                 ${hi}::timestamp AT TIME ZONE sb.time_zone AS hi
               FROM scope_branches sb WHERE sb.id = ANY(${branches}) AND sb.kind = 'BRANCH'${from}
               ORDER BY sb.id) b
         CROSS JOIN LATERAL (SELECT d.user_id, d.display_name, d.email, d.role FROM branch_directory d
           WHERE ${reps.join(' AND ')} ORDER BY d.user_id LIMIT ${limit}) d
         ORDER BY b.id, d.user_id LIMIT ${limit}
       ) r LEFT JOIN activity_quota_settings s ON s.branch_id = r.branch_id
       ORDER BY r.branch_id, r.user_id`,
      q.params,
    );
    const metrics = week ? WEEK_METRICS : MONTH_METRICS;
    const fields = this.periodFields(period);
    const staff = this.branches.staffLoader(ctx);
    const nodes = rows.map((row): RepAttainmentNode => {
      staff.prime(`${row.branch_id}:${row.user_id}`, {
        id: row.user_id,
        displayName: row.display_name,
        email: row.email,
        role: row.role,
      });
      return {
        id: row.user_id,
        branchId: row.branch_id,
        userId: row.user_id,
        ...fields,
        metrics: metrics.map((metric, i) => {
          const actual = i === 0 ? row.a1 : row.a2!;
          const target = i === 0 ? row.t1 : row.t2!;
          return { metric, actual, target, attained: actual >= target, percent: percentOf(actual, target) };
        }),
      };
    });
    return toConnection(
      nodes,
      first,
      (n) => encodeCursor(n.branchId, n.id),
      async () => {
        const c = new SqlFilter()
          .where((p) => `r.branch_id = ANY(${p(none ? [] : branchIds, 'uuid[]')}) AND r.role = 'SALES_REP'`)
          .eq('r.user_id', userId, 'uuid');
        const [{ n }] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM branch_directory r JOIN scope_branches sb ON sb.id = r.branch_id
           WHERE sb.kind = 'BRANCH' AND ${c.sql}`,
          c.params,
        );
        return n;
      },
    );
  }

  /** Per branch, over its representatives: head office gets every branch of its scope in one statement. */
  async branchAttainment(ctx: RequestContext, periodText: string, branchId?: string): Promise<BranchAttainment[]> {
    const period = parseQuotaPeriod(periodText);
    const q = this.repQuery(ctx, period, branchId, null);
    const tx = await ctx.tx();
    const rows = await tx.query<BranchRow>(
      `${q.with}, x AS (${q.select})
       SELECT b.branch_id, m.metric, count(x.user_id)::int AS reps, coalesce(sum(x.actual), 0)::int AS actual,
         coalesce(sum(x.target), 0)::int AS target, count(*) FILTER (WHERE x.actual >= x.target)::int AS on_target,
         round(100.0 * sum(x.actual) / nullif(sum(x.target), 0), 1)::text AS percent
       FROM b CROSS JOIN metrics m LEFT JOIN x ON x.branch_id = b.branch_id AND x.metric = m.metric
       GROUP BY b.branch_id, m.metric ORDER BY b.branch_id, m.metric`,
      q.params,
    );
    const out = new Map<string, BranchAttainment>();
    for (const r of rows) {
      let b = out.get(r.branch_id);
      if (!b) {
        const { period: p, periodKind } = this.periodFields(period);
        b = { branchId: r.branch_id, period: p, periodKind, reps: r.reps, metrics: [] };
        out.set(r.branch_id, b);
      }
      b.metrics.push({
        metric: r.metric,
        actual: r.actual,
        target: r.target,
        repsOnTarget: r.on_target,
        percent: r.percent,
      });
    }
    return [...out.values()];
  }

  // ---------- helpers ----------

  private periodFields(p: QuotaPeriod) {
    return {
      period: p.label,
      periodKind: p.kind === 'WEEK' ? QuotaPeriodKind.WEEK : QuotaPeriodKind.MONTH,
      from: p.start,
      to: lastDay(p.end),
    };
  }

  /**
   * The per-rep rows (branch, rep, metric, actual, target, percent) as `select`, after the CTEs `with`:
   * `b` (branches in scope with the period's bounds in their time zone), `metrics` and `counts`.
   * Each metric is one index range per branch (leads_quota_valid, quotes_quota_sent, visits_quota_effective).
   */
  private repQuery(ctx: RequestContext, period: QuotaPeriod, branchId: string | undefined, userId: string | null) {
    const branches = branchId ? ctx.branchIds.filter((b) => b === branchId.toLowerCase()) : [...ctx.branchIds];
    const week = period.kind === 'WEEK';
    const counts = week
      ? `SELECT l.branch_id, l.owner_id, 'VALID_LEADS' AS metric, count(*)::int AS n
           FROM b JOIN leads l ON l.branch_id = b.branch_id AND l.valid AND l.created_at >= b.lo AND l.created_at < b.hi
           GROUP BY 1, 2
         UNION ALL
         SELECT q.branch_id, q.owner_id, 'PROPOSALS_SENT', count(*)::int
           FROM b JOIN quotes q ON q.branch_id = b.branch_id AND q.sent_at >= b.lo AND q.sent_at < b.hi
           GROUP BY 1, 2`
      : `SELECT v.branch_id, v.owner_id, 'EFFECTIVE_VISITS' AS metric, count(*)::int AS n
           FROM b JOIN visits v ON v.branch_id = b.branch_id AND v.effective
             AND v.visited_on >= $2::date AND v.visited_on < $3::date
           GROUP BY 1, 2`;
    const ctes = `WITH b AS MATERIALIZED (
        SELECT sb.id AS branch_id, $2::date::timestamp AT TIME ZONE sb.time_zone AS lo,
          $3::date::timestamp AT TIME ZONE sb.time_zone AS hi
        FROM scope_branches sb WHERE sb.id = ANY($1::uuid[]) AND sb.kind = 'BRANCH'
      ), metrics AS (SELECT unnest($5::text[]) AS metric),
      counts AS (${counts})`;
    const select = `SELECT r.branch_id, r.user_id, m.metric, coalesce(c.n, 0) AS actual, t.target,
        round(100.0 * coalesce(c.n, 0) / nullif(t.target, 0), 1)::text AS percent
      FROM branch_directory r JOIN b ON b.branch_id = r.branch_id
      CROSS JOIN metrics m
      LEFT JOIN activity_quota_settings s ON s.branch_id = r.branch_id
      CROSS JOIN LATERAL (SELECT CASE m.metric
        WHEN 'VALID_LEADS' THEN coalesce(s.valid_leads_per_week, ${DEFAULT_QUOTAS.validLeadsPerWeek})
        WHEN 'PROPOSALS_SENT' THEN coalesce(s.proposals_per_week, ${DEFAULT_QUOTAS.proposalsPerWeek})
        ELSE coalesce(s.effective_visits_per_month, ${DEFAULT_QUOTAS.effectiveVisitsPerMonth}) END AS target) t
      LEFT JOIN counts c ON c.branch_id = r.branch_id AND c.owner_id = r.user_id AND c.metric = m.metric
      WHERE r.role = 'SALES_REP' AND ($4::uuid IS NULL OR r.user_id = $4::uuid)`;
    return {
      with: ctes,
      select,
      params: [branches, period.start, period.end, userId, week ? WEEK_METRICS : MONTH_METRICS],
    };
  }

  /** A branch's settings; the defaults (with no updatedAt) where it has not set its own. */
  private async read(tx: Tx, branchId: string): Promise<Settings> {
    return (await ActivityQuotaSettingsTable.find(tx, { branchId })) ?? { branchId, ...DEFAULT_QUOTAS };
  }
}
