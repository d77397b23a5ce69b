import { Injectable } from '@nestjs/common';
import { BadUserInputError, ForbiddenError, addDays, type RequestContext } from '@app/core';
import { can } from '../branches/roles.js';
import { MONEY_KPIS } from './kpi-definitions.js';
import { parseKpiPeriod, shiftPeriod, type KpiPeriod } from './kpi-period.js';
import { KpiMeasure, KpiRankBy, type Kpi } from './kpi.enums.js';
import { KpiChecks, KpiDifferences, type KpiCheck, type KpiDifference } from './performance.entity.js';
import type { KpiRankingInput, KpiRankingLine, KpiTrendInput, KpiTrendPoint } from './performance.types.js';

interface LineRow {
  rank: number;
  branch_id: string;
  person_id: string | null;
  name: string;
  currency: string;
  count: number;
  amount: string;
}

/**
 * Head office's and the branches' KPI figures, answered from the rollups only (one statement each, whatever the
 * number of branches, people or periods). Row-level security limits a sales rep to their own lines.
 */
@Injectable()
export class PerformanceService {
  /** Branches (head office and managers) or people within each branch, ranked for one KPI and period. */
  async ranking(ctx: RequestContext, input: KpiRankingInput): Promise<KpiRankingLine[]> {
    const actor = ctx.requireActor();
    const period = parseKpiPeriod(input.period);
    const by = input.by ?? KpiRankBy.BRANCH;
    if (by === KpiRankBy.BRANCH && !can(actor.role, 'kpi:overview')) {
      throw new ForbiddenError(
        'Ranking branches is for branch managers and head office; rank PERSON for your own line',
      );
    }
    const order = this.measure(input.kpi, input.measure);
    const branches = this.branches(ctx, input.branchId);
    const params = [branches, input.kpi, period.kind, period.start];
    const tx = await ctx.tx();
    const rows =
      by === KpiRankBy.BRANCH
        ? await tx.query<LineRow>(
            `SELECT b.id AS branch_id, NULL::uuid AS person_id, b.name, b.currency, f.count, f.amount::text AS amount,
               rank() OVER (ORDER BY f.${order} DESC)::int AS rank
             FROM scope_branches b
             CROSS JOIN LATERAL (SELECT coalesce(sum(r.count), 0)::int AS count,
                 coalesce(sum(r.amount), 0)::numeric(18, 2) AS amount
               FROM kpi_rollups r WHERE r.branch_id = b.id AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4) f
             WHERE b.kind = 'BRANCH' AND b.id = ANY($1::uuid[])
             ORDER BY rank, b.name, b.id`,
            params,
          )
        : await tx.query<LineRow>(
            `WITH people AS (
               SELECT d.branch_id, d.user_id AS person_id FROM branch_directory d
               WHERE d.branch_id = ANY($1::uuid[]) AND d.role = 'SALES_REP' AND ($5::uuid IS NULL OR d.user_id = $5)
               UNION
               SELECT r.branch_id, r.person_id FROM kpi_rollups r
               WHERE r.branch_id = ANY($1::uuid[]) AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4),
             f AS (
               SELECT p.branch_id, p.person_id, coalesce(sum(r.count), 0)::int AS count,
                 coalesce(sum(r.amount), 0)::numeric(18, 2) AS amount
               FROM people p LEFT JOIN kpi_rollups r ON r.branch_id = p.branch_id AND r.person_id = p.person_id
                 AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4
               GROUP BY 1, 2)
             SELECT f.branch_id, f.person_id, f.count, f.amount::text AS amount, b.currency,
               coalesce((SELECT min(d.display_name) FROM branch_directory d
                 WHERE d.branch_id = f.branch_id AND d.user_id = f.person_id), '') AS name,
               rank() OVER (PARTITION BY f.branch_id ORDER BY f.${order} DESC)::int AS rank
             FROM f JOIN scope_branches b ON b.id = f.branch_id AND b.kind = 'BRANCH'
             ORDER BY b.name, f.branch_id, rank, name, f.person_id`,
            [...params, ctx.ownOnly ? actor.userId : null],
          );
    const money = MONEY_KPIS.has(input.kpi);
    return rows.map((r) => ({
      rank: r.rank,
      branchId: r.branch_id,
      personId: r.person_id,
      name: r.name,
      kpi: input.kpi,
      period: period.label,
      periodKind: period.kind,
      count: r.count,
      amount: money ? r.amount : null,
      currency: r.currency,
    }));
  }

  /**
   * The KPI in each of the last `periods` periods up to `period`, for the branches in scope together (or one), or
   * one person. An unknown branch or person (or, for a sales rep, anyone but themselves) gives an empty list.
   */
  async trend(ctx: RequestContext, input: KpiTrendInput): Promise<KpiTrendPoint[]> {
    const actor = ctx.requireActor();
    const last = parseKpiPeriod(input.period);
    const n = input.periods ?? 12;
    const person = input.personId?.toLowerCase() ?? (ctx.ownOnly ? actor.userId : null);
    if (ctx.ownOnly && person !== actor.userId) return [];
    const periods: KpiPeriod[] = Array.from({ length: n }, (_, i) => shiftPeriod(last, i - n + 1));
    const tx = await ctx.tx();
    const rows = await tx.query<{ start: string; count: number; amount: string }>(
      `SELECT p.start::text AS start, coalesce(sum(r.count), 0)::int AS count,
         coalesce(sum(r.amount), 0)::numeric(18, 2)::text AS amount
       FROM unnest($5::date[]) AS p(start)
       LEFT JOIN kpi_rollups r ON r.branch_id = ANY($1::uuid[]) AND r.kpi = $2 AND r.period_kind = $3
         AND r.period_start = p.start AND ($4::uuid IS NULL OR r.person_id = $4)
       WHERE EXISTS (SELECT 1 FROM scope_branches b WHERE b.id = ANY($1::uuid[]))
         AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM branch_directory d
           WHERE d.user_id = $4 AND d.branch_id = ANY($1::uuid[])))
       GROUP BY p.start ORDER BY p.start`,
      [this.branches(ctx, input.branchId), input.kpi, last.kind, person, periods.map((p) => p.start)],
    );
    const money = MONEY_KPIS.has(input.kpi);
    const byStart = new Map(periods.map((p) => [p.start, p]));
    return rows.map((r) => {
      const p = byStart.get(r.start)!;
      return {
        period: p.label,
        periodKind: p.kind,
        from: p.start,
        to: addDays(p.end, -1),
        count: r.count,
        amount: money ? r.amount : null,
      };
    });
  }

  /** The recompute's last check of each KPI for a period, per branch (head office and managers). */
  async checks(ctx: RequestContext, periodText: string, branchId?: string): Promise<KpiCheck[]> {
    const period = parseKpiPeriod(periodText);
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${KpiChecks.cols('c')} FROM kpi_checks c
       WHERE c.branch_id = ANY($1::uuid[]) AND c.period_kind = $2 AND c.period_start = $3
       ORDER BY c.branch_id, c.kpi`,
      [this.branches(ctx, branchId), period.kind, period.start],
    );
    return rows.map(KpiChecks.map);
  }

  /** What the recompute found different (and repaired) for a period, newest first, at most 200. */
  async differences(ctx: RequestContext, periodText: string, branchId?: string): Promise<KpiDifference[]> {
    const period = parseKpiPeriod(periodText);
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${KpiDifferences.cols('d')} FROM kpi_differences d
       WHERE d.branch_id = ANY($1::uuid[]) AND d.period_kind = $2 AND d.period_start = $3
       ORDER BY d.found_at DESC, d.id LIMIT 200`,
      [this.branches(ctx, branchId), period.kind, period.start],
    );
    return rows.map(KpiDifferences.map);
  }

  // ---------- helpers ----------

  /** The branches in scope, narrowed to `branchId` when given (one outside the scope gives none, as RLS would). */
  private branches(ctx: RequestContext, branchId?: string): string[] {
    return branchId ? ctx.branchIds.filter((b) => b === branchId.toLowerCase()) : [...ctx.branchIds];
  }

  private measure(kpi: Kpi, measure = KpiMeasure.COUNT): 'count' | 'amount' {
    if (measure === KpiMeasure.AMOUNT && !MONEY_KPIS.has(kpi)) {
      throw BadUserInputError.field('measure', `${kpi} has no amount; order it by COUNT`);
    }
    return measure === KpiMeasure.AMOUNT ? 'amount' : 'count';
  }
}
