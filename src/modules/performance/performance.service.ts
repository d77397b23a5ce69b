import { Injectable } from '@nestjs/common';
import { ForbiddenError, addDays, type RequestContext } from '@app/core';
import { can } from '../branches/roles.js';
import { AMOUNT_KPIS, MONEY_KPIS, hasBranchLines } from './kpi-definitions.js';
import { averageSql, checkMeasure, growthSql, sameLastYear, valueSql } from './kpi-figures.js';
import { parseKpiPeriod, shiftPeriod, type KpiPeriod } from './kpi-period.js';
import { KpiRankBy, type KpiPeriodKind } from './kpi.enums.js';
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
  average: string | null;
  on_previous: string | null;
  on_last_year: string | null;
}

/**
 * The figures of a branch (or person) from its rollup rows r of the period ($4), the one before ($5) and a year
 * before ($6), summed in one pass over the rollups of those periods in scope. No explicit `r.branch_id = ANY(...)`
 * beside row-level security's own: PostgreSQL 15 does not merge two arrays on one index column and descends once
 * per pair (1,000 x 1,000 at head office: 1.4 s a ranking at 1,000 branches, against 0.3 s with the policy's array
 * alone, the raw floor's figure); one branch asked for is a filter ($7). MATERIALIZED: inlined, the planner pushes
 * the join's branch into the sum and descends per branch again (4.3 s). A ranking of branches puts their names
 * beside the figures by UNION ALL and GROUP BY, not a join: as a prepared statement the generic plan expects one
 * row on each side and joined 1,000 x 1,000 in a nested loop (125 of the statement's 156 ms at 1,000 branches).
 */
const FIGURES = `coalesce(sum(r.count) FILTER (WHERE r.period_start = $4), 0)::int AS count,
  coalesce(sum(r.amount) FILTER (WHERE r.period_start = $4), 0)::numeric(18, 2) AS amount,
  sum(r.count) FILTER (WHERE r.period_start = $5) AS prev_count, sum(r.amount) FILTER (WHERE r.period_start = $5) AS prev_amount,
  sum(r.count) FILTER (WHERE r.period_start = $6) AS ly_count, sum(r.amount) FILTER (WHERE r.period_start = $6) AS ly_amount,
  count(*) FILTER (WHERE r.period_start = $4) AS lines`;
const ROLLUPS_OF_PERIODS = `r.kpi = $2 AND r.period_kind = $3 AND r.period_start IN ($4, $5, $6)
  AND ($7::uuid IS NULL OR r.branch_id = $7)`;
/**
 * Where a period's figures of whole branches are read: the branch lines (one per branch, KPI and period, written
 * with the people's) for a week or longer, the people's lines summed for a day (no branch lines for days).
 * Measured at 1,000 branches x 5 reps: see BENCHMARKS.md's KPI section.
 */
const linesOf = (kind: KpiPeriodKind) => (hasBranchLines(kind) ? 'kpi_branch_rollups' : 'kpi_rollups');
/** A line's figures with nothing counted as zeros (the growth bases stay null). */
const LINE = `coalesce(x.count, 0) AS count, coalesce(x.amount, 0)::numeric(18, 2) AS amount, x.prev_count,
  x.prev_amount, x.ly_count, x.ly_amount`;

/**
 * Head office's and the branches' KPI figures, answered from the rollups only (one statement each, whatever the
 * number of branches, people or periods). Row-level security limits a sales rep to their own lines.
 */
@Injectable()
export class PerformanceService {
  /**
   * Branches (head office and managers) or people within each branch, ranked for one KPI and period by a measure,
   * with the average and the measure's growth on the period before and on the same period a year before.
   */
  async ranking(ctx: RequestContext, input: KpiRankingInput): Promise<KpiRankingLine[]> {
    const actor = ctx.requireActor();
    const period = parseKpiPeriod(input.period);
    const by = input.by ?? KpiRankBy.BRANCH;
    if (by === KpiRankBy.BRANCH && !can(actor.role, 'kpi:overview')) {
      throw new ForbiddenError(
        'Ranking branches is for branch managers and head office; rank PERSON for your own line',
      );
    }
    const measure = checkMeasure(input.kpi, input.measure);
    const value = (pre: string) => valueSql(measure, `f.${pre}count`, `f.${pre}amount`);
    const derived = `${averageSql('f.count', 'f.amount')} AS average,
      ${growthSql(value(''), value('prev_'))} AS on_previous, ${growthSql(value(''), value('ly_'))} AS on_last_year`;
    const branches = this.branches(ctx, input.branchId);
    const lastYear = sameLastYear(period)?.start ?? null;
    const narrow = input.branchId ? (branches[0] ?? input.branchId.toLowerCase()) : null;
    const params = [branches, input.kpi, period.kind, period.start, shiftPeriod(period, -1).start, lastYear, narrow];
    const tx = await ctx.tx();
    const rows =
      by === KpiRankBy.BRANCH
        ? await tx.query<LineRow>(
            `WITH x AS MATERIALIZED (SELECT r.branch_id, ${FIGURES} FROM ${linesOf(period.kind)} r WHERE ${ROLLUPS_OF_PERIODS} GROUP BY 1),
             u AS (
               SELECT b.id AS branch_id, b.name, b.currency, NULL::int AS count, NULL::numeric AS amount,
                 NULL::numeric AS prev_count, NULL::numeric AS prev_amount, NULL::numeric AS ly_count,
                 NULL::numeric AS ly_amount
               FROM scope_branches b WHERE b.kind = 'BRANCH' AND b.id = ANY($1::uuid[])
               UNION ALL
               SELECT x.branch_id, NULL, NULL, x.count, x.amount, x.prev_count, x.prev_amount, x.ly_count, x.ly_amount
               FROM x),
             f AS (SELECT u.branch_id, max(u.name) AS name, max(u.currency) AS currency,
                     coalesce(max(u.count), 0) AS count, coalesce(max(u.amount), 0)::numeric(18, 2) AS amount,
                     max(u.prev_count) AS prev_count, max(u.prev_amount) AS prev_amount, max(u.ly_count) AS ly_count,
                     max(u.ly_amount) AS ly_amount
                   FROM u GROUP BY u.branch_id HAVING count(u.name) > 0)
             SELECT f.branch_id, NULL::uuid AS person_id, f.name, f.currency, f.count, f.amount::text AS amount,
               ${derived}, rank() OVER (ORDER BY ${value('')} DESC NULLS LAST)::int AS rank
             FROM f ORDER BY rank, f.name, f.branch_id`,
            params,
          )
        : await tx.query<LineRow>(
            `WITH x AS MATERIALIZED (
               SELECT r.branch_id, r.person_id, ${FIGURES} FROM kpi_rollups r WHERE ${ROLLUPS_OF_PERIODS} GROUP BY 1, 2),
             people AS (
               SELECT d.branch_id, d.user_id AS person_id FROM branch_directory d
               WHERE d.branch_id = ANY($1::uuid[]) AND d.role = 'SALES_REP' AND ($8::uuid IS NULL OR d.user_id = $8)
               UNION
               SELECT x.branch_id, x.person_id FROM x WHERE x.branch_id = ANY($1::uuid[]) AND x.lines > 0),
             f AS (SELECT p.branch_id, p.person_id, ${LINE} FROM people p LEFT JOIN x USING (branch_id, person_id))
             SELECT f.branch_id, f.person_id, f.count, f.amount::text AS amount, b.currency, ${derived},
               coalesce((SELECT min(d.display_name) FROM branch_directory d
                 WHERE d.branch_id = f.branch_id AND d.user_id = f.person_id), '') AS name,
               rank() OVER (PARTITION BY f.branch_id ORDER BY ${value('')} DESC NULLS LAST)::int AS rank
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
      measure,
      count: r.count,
      amount: money ? r.amount : null,
      average: AMOUNT_KPIS.has(input.kpi) ? r.average : null,
      growthOnPrevious: r.on_previous,
      growthOnLastYear: r.on_last_year,
      currency: r.currency,
    }));
  }

  /**
   * The KPI in each of the last `periods` periods up to `period`, for the branches in scope together (or one), or
   * one person, with the average and the measure's growth on the period before and on the same period a year
   * before. An unknown branch or person (or, for a sales rep, anyone but themselves) gives an empty list.
   */
  async trend(ctx: RequestContext, input: KpiTrendInput): Promise<KpiTrendPoint[]> {
    const actor = ctx.requireActor();
    const last = parseKpiPeriod(input.period);
    const measure = checkMeasure(input.kpi, input.measure);
    const n = input.periods ?? 12;
    const person = input.personId?.toLowerCase() ?? (ctx.ownOnly ? actor.userId : null);
    if (ctx.ownOnly && person !== actor.userId) return [];
    const periods: KpiPeriod[] = Array.from({ length: n }, (_, i) => shiftPeriod(last, i - n + 1));
    const value = (t: string) => valueSql(measure, `${t}.count`, `${t}.amount`);
    // One person's figures from their lines; the branches' from the branch lines (one per branch and period).
    const lines = person ? 'kpi_rollups' : linesOf(last.kind);
    const ofPerson = person ? 'AND r.person_id = $4' : '';
    // Row-level security's array alone picks the branches (see FIGURES); one branch asked for is a filter ($8).
    const tx = await ctx.tx();
    const rows = await tx.query<{
      start: string;
      count: number;
      amount: string;
      average: string | null;
      on_previous: string | null;
      on_last_year: string | null;
    }>(
      `WITH w AS (SELECT * FROM unnest($5::date[], $6::date[], $7::date[]) WITH ORDINALITY AS w(start, prev, ly, i)),
       fig AS MATERIALIZED (
         SELECT r.period_start AS start, sum(r.count)::int AS count, sum(r.amount) AS amount FROM ${lines} r
         WHERE ($8::uuid IS NULL OR r.branch_id = $8) AND r.kpi = $2 AND r.period_kind = $3
           AND r.period_start = ANY($5::date[] || $6::date[] || $7::date[]) ${ofPerson}
         GROUP BY 1),
       c AS (SELECT w.i, w.start, coalesce(x.count, 0) AS count, coalesce(x.amount, 0)::numeric(18, 2) AS amount,
               p.count AS prev_count, p.amount AS prev_amount, l.count AS ly_count, l.amount AS ly_amount
             FROM w LEFT JOIN fig x ON x.start = w.start LEFT JOIN fig p ON p.start = w.prev
               LEFT JOIN fig l ON l.start = w.ly)
       SELECT c.start::text AS start, c.count, c.amount::text AS amount, ${averageSql('c.count', 'c.amount')} AS average,
         ${growthSql(value('c'), valueSql(measure, 'c.prev_count', 'c.prev_amount'))} AS on_previous,
         ${growthSql(value('c'), valueSql(measure, 'c.ly_count', 'c.ly_amount'))} AS on_last_year
       FROM c
       WHERE EXISTS (SELECT 1 FROM scope_branches b WHERE b.id = ANY($1::uuid[]))
         AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM branch_directory d
           WHERE d.user_id = $4 AND d.branch_id = ANY($1::uuid[])))
       ORDER BY c.i`,
      [
        this.branches(ctx, input.branchId),
        input.kpi,
        last.kind,
        person,
        periods.map((p) => p.start),
        periods.map((p) => shiftPeriod(p, -1).start),
        periods.map((p) => sameLastYear(p)?.start ?? null),
        input.branchId?.toLowerCase() ?? null,
      ],
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
        measure,
        count: r.count,
        amount: money ? r.amount : null,
        average: AMOUNT_KPIS.has(input.kpi) ? r.average : null,
        growthOnPrevious: r.on_previous,
        growthOnLastYear: r.on_last_year,
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
}
