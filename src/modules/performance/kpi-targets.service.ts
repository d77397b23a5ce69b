import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  describeConstraint,
  fromCents,
  toCents,
  writeAudit,
  type RequestContext,
} from '@app/core';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { can } from '../branches/roles.js';
import { KpiTargetSplits, KpiTargets, type KpiTarget, type KpiTargetSplit } from './kpi-target.entity.js';
import type {
  KpiAttainmentInput,
  KpiAttainmentLine,
  SetKpiTargetInput,
  SplitKpiTargetInput,
} from './kpi-target.types.js';
import { measureText, parseTarget, shareFits, targetMeasure, targetPeriod } from './kpi-targets.js';
import { KpiMeasure, KpiRankBy } from './kpi.enums.js';

describeConstraint('kpi_targets_period', 'Someone set this target at the same moment; read it and try again');
describeConstraint('kpi_target_splits_person', "Someone split this person's target at the same moment; try again");

interface AttainmentRow {
  rank: number;
  branch_id: string;
  person_id: string | null;
  name: string;
  currency: string;
  actual: string;
  target: string | null;
  allocated: string | null;
  attainment: string | null;
}

/**
 * Targets per branch and period (head office) and their split over people (the branch manager), and attainment
 * (actual from the rollups / target) per branch or person in one statement whatever the number of branches.
 */
@Injectable()
export class KpiTargetsService {
  constructor(private readonly branchesService: BranchesService) {}

  /** Sets (or changes) a branch's target; never below what is already split over its people. */
  async setTarget(ctx: RequestContext, input: SetKpiTargetInput): Promise<KpiTarget> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const measure = targetMeasure(input.kpi, input.measure);
    const period = targetPeriod(input.period);
    const target = parseTarget('target', measure, input.target, 'positive');
    const tx = await ctx.tx();
    const key = { branchId, kpi: input.kpi, measure, periodKind: period.kind, periodStart: period.start };
    // Locked: a split of this target waits for the change, so shares never outgrow a lowered target.
    const before = await KpiTargets.find(tx, key, { lock: true });
    if (!before) {
      const after = await KpiTargets.insert(tx, { ...key, id: randomUUID(), target, setBy: actor.userId });
      await writeAudit(ctx, { branchId, entity: 'kpiTarget', entityId: after.id, action: 'created', after });
      return after;
    }
    const allocated = await this.allocated(ctx, before, null);
    if (toCents(target) < toCents(allocated)) {
      throw new ConflictError(
        `target: ${measureText(measure, allocated)} of it is already split over people; lower their shares first`,
      );
    }
    return KpiTargets.change(ctx, before, { target, setBy: actor.userId }, 'updated');
  }

  /** Sets a person's share of their branch's target; all shares together never exceed it (the target row is locked). */
  async split(ctx: RequestContext, input: SplitKpiTargetInput): Promise<KpiTargetSplit> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const measure = targetMeasure(input.kpi, input.measure);
    const period = targetPeriod(input.period);
    const share = parseTarget('target', measure, input.target, 'zero');
    const personId = input.personId.toLowerCase();
    if (!(await this.branchesService.memberRole(ctx, branchId, personId))) {
      throw BadUserInputError.field('personId', "must be a person of the target's branch");
    }
    const tx = await ctx.tx();
    const key = { branchId, kpi: input.kpi, measure, periodKind: period.kind, periodStart: period.start };
    const branchTarget = await KpiTargets.find(tx, key, { lock: true });
    if (!branchTarget) {
      throw new NotFoundError('KpiTarget', `${input.kpi} ${measure} ${period.label} (head office sets it first)`);
    }
    const others = await this.allocated(ctx, branchTarget, personId);
    if (!shareFits(branchTarget.target, others, share)) {
      const left = fromCents(toCents(branchTarget.target) - toCents(others));
      throw new ConflictError(
        `target: the shares would exceed the branch's target of ${measureText(measure, branchTarget.target)}; ` +
          `${measureText(measure, left)} is left to split`,
      );
    }
    const before = await KpiTargetSplits.find(tx, { branchId, targetId: branchTarget.id, personId }, { lock: true });
    if (before) return KpiTargetSplits.change(ctx, before, { target: share, setBy: actor.userId }, 'updated');
    const after = await KpiTargetSplits.insert(tx, {
      branchId,
      id: randomUUID(),
      targetId: branchTarget.id,
      personId,
      target: share,
      setBy: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'kpiTargetSplit', entityId: after.id, action: 'created', after });
    return after;
  }

  /**
   * Actual (from the rollups) against target per branch, or per person within each branch, ranked by attainment
   * (none last). One statement for every branch in scope; a sales rep gets their own line only.
   */
  async attainment(ctx: RequestContext, input: KpiAttainmentInput): Promise<KpiAttainmentLine[]> {
    const actor = ctx.requireActor();
    const by = input.by ?? KpiRankBy.BRANCH;
    if (by === KpiRankBy.BRANCH && !can(actor.role, 'kpi:overview')) {
      throw new ForbiddenError('Branch attainment is for branch managers and head office; ask for PERSON');
    }
    const measure = targetMeasure(input.kpi, input.measure);
    const period = targetPeriod(input.period);
    const branches = input.branchId
      ? ctx.branchIds.filter((b) => b === input.branchId!.toLowerCase())
      : [...ctx.branchIds];
    const actual = measure === KpiMeasure.AMOUNT ? 'r.amount' : 'r.count';
    const target = `t.branch_id = $BRANCH AND t.kpi = $2 AND t.measure = $5 AND t.period_kind = $3 AND t.period_start = $4`;
    const params = [branches, input.kpi, period.kind, period.start, measure];
    const tx = await ctx.tx();
    const rows =
      by === KpiRankBy.BRANCH
        ? await tx.query<AttainmentRow>(
            `WITH lines AS (
               SELECT b.id AS branch_id, b.name, b.currency, f.actual, t.target,
                 CASE WHEN t.id IS NOT NULL THEN coalesce((SELECT sum(s.target) FROM kpi_target_splits s
                   WHERE s.branch_id = t.branch_id AND s.target_id = t.id), 0) END AS allocated
               FROM scope_branches b
               CROSS JOIN LATERAL (SELECT coalesce(sum(${actual}), 0)::numeric(18, 2) AS actual FROM kpi_rollups r
                 WHERE r.branch_id = b.id AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4) f
               LEFT JOIN kpi_targets t ON ${target.replace('$BRANCH', 'b.id')}
               WHERE b.kind = 'BRANCH' AND b.id = ANY($1::uuid[]))
             SELECT l.branch_id, NULL::uuid AS person_id, l.name, l.currency, l.actual::text AS actual,
               l.target::text AS target, l.allocated::numeric(18, 2)::text AS allocated,
               round(l.actual / l.target, 4)::text AS attainment,
               rank() OVER (ORDER BY round(l.actual / l.target, 4) DESC NULLS LAST)::int AS rank
             FROM lines l ORDER BY rank, l.name, l.branch_id`,
            params,
          )
        : await tx.query<AttainmentRow>(
            `WITH t AS MATERIALIZED (
               SELECT t.branch_id, t.id FROM kpi_targets t WHERE ${target.replace('$BRANCH', 'ANY($1::uuid[])')}),
             people AS (
               SELECT d.branch_id, d.user_id AS person_id FROM branch_directory d
               WHERE d.branch_id = ANY($1::uuid[]) AND d.role = 'SALES_REP' AND ($6::uuid IS NULL OR d.user_id = $6)
               UNION
               SELECT r.branch_id, r.person_id FROM kpi_rollups r
               WHERE r.branch_id = ANY($1::uuid[]) AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4
               UNION
               SELECT s.branch_id, s.person_id FROM t JOIN kpi_target_splits s
                 ON s.branch_id = t.branch_id AND s.target_id = t.id),
             f AS (
               SELECT p.branch_id, p.person_id, coalesce(sum(${actual}), 0)::numeric(18, 2) AS actual
               FROM people p LEFT JOIN kpi_rollups r ON r.branch_id = p.branch_id AND r.person_id = p.person_id
                 AND r.kpi = $2 AND r.period_kind = $3 AND r.period_start = $4
               GROUP BY 1, 2),
             g AS (
               SELECT f.branch_id, f.person_id, f.actual, s.target FROM f
               LEFT JOIN t ON t.branch_id = f.branch_id
               LEFT JOIN kpi_target_splits s ON s.branch_id = t.branch_id AND s.target_id = t.id
                 AND s.person_id = f.person_id)
             SELECT g.branch_id, g.person_id, g.actual::text AS actual, g.target::text AS target,
               NULL::text AS allocated, b.currency,
               round(g.actual / nullif(g.target, 0), 4)::text AS attainment,
               coalesce((SELECT min(d.display_name) FROM branch_directory d
                 WHERE d.branch_id = g.branch_id AND d.user_id = g.person_id), '') AS name,
               rank() OVER (PARTITION BY g.branch_id
                 ORDER BY round(g.actual / nullif(g.target, 0), 4) DESC NULLS LAST)::int AS rank
             FROM g JOIN scope_branches b ON b.id = g.branch_id AND b.kind = 'BRANCH'
             ORDER BY b.name, g.branch_id, rank, name, g.person_id`,
            [...params, ctx.ownOnly ? actor.userId : null],
          );
    const amount = measure === KpiMeasure.AMOUNT;
    const text = (v: string | null) => (v === null ? null : measureText(measure, v));
    return rows.map((r) => ({
      rank: r.rank,
      branchId: r.branch_id,
      personId: r.person_id,
      name: r.name,
      kpi: input.kpi,
      measure,
      period: period.label,
      periodKind: period.kind,
      actual: text(r.actual)!,
      // A share of 0 is no target for the person (nothing to attain).
      target: r.person_id && r.target !== null && toCents(r.target) === 0n ? null : text(r.target),
      allocated: text(r.allocated),
      attainment: r.attainment,
      currency: amount ? r.currency : null,
    }));
  }

  /** The shares of a branch target split so far, without `exceptPerson`'s. */
  private async allocated(ctx: RequestContext, t: KpiTarget, exceptPerson: string | null): Promise<string> {
    const tx = await ctx.tx();
    const rows = await tx.query<{ total: string }>(
      `SELECT coalesce(sum(s.target), 0)::numeric(18, 2)::text AS total FROM kpi_target_splits s
       WHERE s.branch_id = $1 AND s.target_id = $2 AND ($3::uuid IS NULL OR s.person_id <> $3)`,
      [t.branchId, t.id, exceptPerson],
    );
    return rows[0].total;
  }
}
