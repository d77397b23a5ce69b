import { Injectable } from '@nestjs/common';
import { writeAudit, type RequestContext, type Tx } from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import type { ChannelSettings, UpdateChannelSettingsInput } from './evaluation.types.js';
import { DEFAULT_SCORING, checkScoring, type ScoringRules } from './evaluation-rules.js';

/** Per-branch scoring of partners: the weights, the sales target and the tier cut-offs (defaults when unset). */
@Injectable()
export class ChannelSettingsService {
  /** The rules in force for a branch, read in the caller's transaction; numbers as PostgreSQL writes them. */
  async rules(tx: Tx, branchId: string): Promise<ScoringRules & { customized: boolean }> {
    const rows = await tx.query<Record<keyof ScoringRules, string>>(
      `SELECT weight_sales::text AS "weightSales", weight_coverage::text AS "weightCoverage",
         weight_feedback::text AS "weightFeedback", sales_target::text AS "salesTarget", tier_a_min::text AS "tierAMin",
         tier_b_min::text AS "tierBMin", tier_c_min::text AS "tierCMin"
       FROM channel_settings WHERE branch_id = $1`,
      [branchId],
    );
    return rows[0] ? { ...rows[0], customized: true } : { ...DEFAULT_SCORING, customized: false };
  }

  async settings(ctx: RequestContext, branchId?: string): Promise<ChannelSettings> {
    const branch = actingBranch(ctx, branchId);
    return { branchId: branch, ...(await this.rules(await ctx.tx(), branch)) };
  }

  async update(ctx: RequestContext, input: UpdateChannelSettingsInput): Promise<ChannelSettings> {
    const branchId = actingBranch(ctx, input.branchId);
    const tx = await ctx.tx();
    const { customized, ...old } = await this.rules(tx, branchId);
    const next: ScoringRules = { ...old };
    for (const k of Object.keys(old) as (keyof ScoringRules)[]) {
      if (input[k] != null) next[k] = input[k]!.trim();
    }
    checkScoring(next);
    await tx.query(
      `INSERT INTO channel_settings (branch_id, weight_sales, weight_coverage, weight_feedback, sales_target, tier_a_min,
         tier_b_min, tier_c_min)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (branch_id) DO UPDATE SET weight_sales = $2, weight_coverage = $3, weight_feedback = $4,
         sales_target = $5, tier_a_min = $6, tier_b_min = $7, tier_c_min = $8, updated_at = now()`,
      [
        branchId,
        next.weightSales,
        next.weightCoverage,
        next.weightFeedback,
        next.salesTarget,
        next.tierAMin,
        next.tierBMin,
        next.tierCMin,
      ],
    );
    const after = await this.settings(ctx, branchId);
    await writeAudit(ctx, {
      branchId,
      entity: 'channel_settings',
      entityId: branchId,
      action: 'update',
      before: { branchId, ...old, customized },
      after,
    });
    return after;
  }
}
