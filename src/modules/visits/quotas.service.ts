import { Injectable } from '@nestjs/common';
import { writeAudit, type RequestContext, type Tx } from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { parseQuotaPeriod, type QuotaPeriod } from './quota-period.js';
import {
  QuotaMetric,
  QuotaPeriodKind,
  type ActivityQuotaSettings,
  type AttainmentFilter,
  type BranchAttainment,
  type RepAttainment,
  type UpdateActivityQuotaSettingsInput,
} from './quota.types.js';

/** DOMAIN.md section 2: 10 valid leads and 10 proposals sent per week, 6 effective visits per month. */
export const DEFAULT_QUOTAS = { validLeadsPerWeek: 10, proposalsPerWeek: 10, effectiveVisitsPerMonth: 6 };

const WEEK_METRICS = [QuotaMetric.VALID_LEADS, QuotaMetric.PROPOSALS_SENT];
const MONTH_METRICS = [QuotaMetric.EFFECTIVE_VISITS];

interface RepRow {
  branch_id: string;
  user_id: string;
  metric: QuotaMetric;
  actual: number;
  target: number;
  percent: string | null;
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

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 864e5).toISOString().slice(0, 10);

/**
 * Activity quotas per representative (SALES_REP) against the branch's targets, counted from the
 * source rows: valid leads by creation time and quotes by sending time within the ISO week's days,
 * effective visits by the day visited within the month; days are the branch's (its time zone).
 */
@Injectable()
export class QuotasService {
  async settings(ctx: RequestContext, branchId?: string): Promise<ActivityQuotaSettings> {
    const branch = actingBranch(ctx, branchId);
    return this.read(await ctx.tx(), branch);
  }

  async updateSettings(ctx: RequestContext, input: UpdateActivityQuotaSettingsInput): Promise<ActivityQuotaSettings> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const before = await this.read(tx, branchId);
    const after = {
      branchId,
      validLeadsPerWeek: input.validLeadsPerWeek ?? before.validLeadsPerWeek,
      proposalsPerWeek: input.proposalsPerWeek ?? before.proposalsPerWeek,
      effectiveVisitsPerMonth: input.effectiveVisitsPerMonth ?? before.effectiveVisitsPerMonth,
    };
    await tx.query(
      `INSERT INTO activity_quota_settings (branch_id, valid_leads_per_week, proposals_per_week, effective_visits_per_month)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (branch_id) DO UPDATE SET valid_leads_per_week = $2, proposals_per_week = $3,
         effective_visits_per_month = $4, updated_at = now()`,
      [branchId, after.validLeadsPerWeek, after.proposalsPerWeek, after.effectiveVisitsPerMonth],
    );
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

  /** Per representative; a sales rep gets their own line only. One statement for every branch in scope. */
  async repAttainment(ctx: RequestContext, periodText: string, f: AttainmentFilter = {}): Promise<RepAttainment[]> {
    const period = parseQuotaPeriod(periodText);
    const userId = ctx.ownOnly ? ctx.actor!.userId : (f.userId?.toLowerCase() ?? null);
    if (ctx.ownOnly && f.userId && f.userId.toLowerCase() !== userId) return [];
    const q = this.repQuery(ctx, period, f.branchId, userId);
    const tx = await ctx.tx();
    const rows = await tx.query<RepRow>(`${q.with} ${q.select} ORDER BY r.branch_id, r.user_id, m.metric`, q.params);
    const out = new Map<string, RepAttainment>();
    for (const r of rows) {
      const key = `${r.branch_id}:${r.user_id}`;
      let rep = out.get(key);
      if (!rep) {
        rep = { branchId: r.branch_id, userId: r.user_id, ...this.periodFields(period), metrics: [] };
        out.set(key, rep);
      }
      rep.metrics.push({
        metric: r.metric,
        actual: r.actual,
        target: r.target,
        attained: r.actual >= r.target,
        percent: r.percent,
      });
    }
    return [...out.values()];
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

  private async read(tx: Tx, branchId: string): Promise<ActivityQuotaSettings> {
    const rows = await tx.query<{ l: number; p: number; v: number }>(
      `SELECT valid_leads_per_week AS l, proposals_per_week AS p, effective_visits_per_month AS v
       FROM activity_quota_settings WHERE branch_id = $1`,
      [branchId],
    );
    return rows[0]
      ? { branchId, validLeadsPerWeek: rows[0].l, proposalsPerWeek: rows[0].p, effectiveVisitsPerMonth: rows[0].v }
      : { branchId, ...DEFAULT_QUOTAS };
  }
}
