import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, writeAudit, type RequestContext, parseMoney } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { BranchesService } from '../branches/branches.service.js';
import { ChannelSettingsService } from './channel-settings.service.js';
import { checkPercent, periodStart } from './evaluation-rules.js';
import { Partners, PartnerEvaluations, type PartnerEvaluation } from './channel.entity.js';
import type { PartnerScorecard, PartnerScorecardFilter, RecordPartnerEvaluationInput } from './evaluation.types.js';
import { PartnersService } from './partners.service.js';

/** An evaluation with the partner's period before it (one index probe per row, in the same statement). */
const FROM = `partner_evaluations e LEFT JOIN LATERAL (
    SELECT x.period, x.score, x.tier FROM partner_evaluations x
    WHERE x.branch_id = e.branch_id AND x.partner_id = e.partner_id AND x.period < e.period
    ORDER BY x.period DESC LIMIT 1) prev ON true`;

/** The evaluation's columns and the previous period's (not columns of the table: see the entity). */
const COLUMNS = `${PartnerEvaluations.cols('e')}, prev.period AS "previousPeriod", prev.score::text AS "previousScore",
  prev.tier AS "previousTier", (e.score - prev.score)::text AS "scoreChange"`;

/**
 * Quarterly partner evaluations: sales (against the branch's target), market coverage and customer
 * feedback weighted into a score and a tier, all in PostgreSQL numeric; the scorecard with its trend.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly partners: PartnersService,
    private readonly branches: BranchesService,
    private readonly settings: ChannelSettingsService,
  ) {}

  /** A partner's scorecard: every evaluated period, oldest first, each with its change; null when not visible. */
  async scorecard(ctx: RequestContext, partnerId: string): Promise<PartnerScorecard | null> {
    const partner = await this.partners.findOne(ctx, partnerId);
    if (!partner) return null;
    const tx = await ctx.tx();
    const rows = await tx.query<PartnerEvaluation>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.branch_id = $1 AND e.partner_id = $2 ORDER BY e.period`,
      [partner.branchId, partner.id],
    );
    const periods = rows.map(PartnerEvaluations.map);
    return { partner, periods, latest: periods.at(-1) ?? null };
  }

  /**
   * Evaluations across the partners in scope, best score first. Head office without a branch filter gets
   * every branch in one statement (partner_evaluations_score / _period_score walk the page's order).
   */
  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: PartnerScorecardFilter },
  ): Promise<ConnectionShape<PartnerEvaluation>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId, 'e.branch_id')
      .eq('e.period', f.period)
      .eq('e.tier', f.tier);
    if (ctx.ownOnly) {
      filter.where(
        (p) => `EXISTS (SELECT 1 FROM partners o WHERE o.branch_id = e.branch_id AND o.id = e.partner_id
          AND o.owner_id = ${p(ctx.actor!.userId, 'uuid')})`,
      );
    }
    return keysetPage(ctx, args, {
      columns: COLUMNS,
      from: FROM,
      filter,
      order: {
        column: 'e.score',
        cast: 'numeric',
        desc: true,
        idColumn: 'e.id',
        value: (n: PartnerEvaluation) => n.score,
      },
      map: PartnerEvaluations.map,
    });
  }

  async record(ctx: RequestContext, input: RecordPartnerEvaluationInput): Promise<PartnerEvaluation> {
    const actor = ctx.requireActor();
    const start = periodStart(input.period);
    if (!start) throw BadUserInputError.field('period', 'must be a quarter such as 2026-Q3, from 2000 on');
    const sales = parseMoney('salesAmount', input.salesAmount);
    const coverage = checkPercent('marketCoverage', input.marketCoverage);
    const feedback = checkPercent('customerFeedback', input.customerFeedback);
    const tx = await ctx.tx();
    const partner = await Partners.lock(ctx, input.partnerId.toLowerCase());
    const branch = await this.branches.branchLoader(ctx).load(partner.branchId);
    if (!branch) throw new NotFoundError('Branch', partner.branchId);
    if (start > todayIn(branch.timeZone)) {
      throw BadUserInputError.field('period', `has not begun yet (it starts on ${start})`);
    }
    const r = await this.settings.rules(tx, partner.branchId);
    const id = randomUUID();
    // The sub-score of sales is linear up to the branch's target and capped at 100; everything in numeric.
    await tx.query(
      `INSERT INTO partner_evaluations (branch_id, id, partner_id, period, sales_amount, currency, market_coverage,
         customer_feedback, sales_target, weight_sales, weight_coverage, weight_feedback, sales_score, score, tier, notes,
         evaluated_by)
       SELECT $1, $2, $3, $4, $5::numeric, $6, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11::numeric,
         $12::numeric, s.sales_score, w.score,
         CASE WHEN w.score >= $13::numeric THEN 'A' WHEN w.score >= $14::numeric THEN 'B'
              WHEN w.score >= $15::numeric THEN 'C' ELSE 'D' END, $16, $17
       FROM (SELECT least(100, round($5::numeric * 100 / $9::numeric, 2)) AS sales_score) s
       CROSS JOIN LATERAL (SELECT round($10::numeric * s.sales_score + $11::numeric * $7::numeric
         + $12::numeric * $8::numeric, 2) AS score) w`,
      [
        partner.branchId,
        id,
        partner.id,
        input.period,
        sales,
        branch.currency,
        coverage,
        feedback,
        r.salesTarget,
        r.weightSales,
        r.weightCoverage,
        r.weightFeedback,
        r.tierAMin,
        r.tierBMin,
        r.tierCMin,
        input.notes?.trim() || null,
        actor.userId,
      ],
    );
    const [row] = await tx.query<PartnerEvaluation>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.branch_id = $1 AND e.id = $2`,
      [partner.branchId, id],
    );
    const after = PartnerEvaluations.map(row);
    // The partner carries the tier of its latest evaluated period (an older period recorded late leaves it).
    await tx.query(
      `UPDATE partners SET tier = $3, tier_period = $4, updated_at = now()
       WHERE branch_id = $1 AND id = $2 AND (tier_period IS NULL OR tier_period <= $4)`,
      [partner.branchId, partner.id, after.tier, after.period],
    );
    await writeAudit(ctx, {
      branchId: partner.branchId,
      entity: 'partner_evaluation',
      entityId: id,
      action: 'create',
      after,
    });
    return after;
  }
}
