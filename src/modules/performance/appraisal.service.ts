import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ForbiddenError, NotFoundError, clean, writeAudit, type RequestContext, type Tx } from '@app/core';
import type { ApprovalRequest } from '../approvals/approval.entity.js';
import { ApprovalSubjects, type ApprovalOutcome } from '../approvals/approval-subjects.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { actingBranch } from '../branches/acting-branch.js';
import { Role, can } from '../branches/roles.js';
import { appraisalStep, checkWeights, parsePercent, totalScore } from './appraisal-rules.js';
import { DEFAULT_WEIGHTS, cyclePeriodKind, kpiResults } from './appraisal-cycles.js';
import {
  AppraisalCycles,
  AppraisalSettingsTable,
  Appraisals,
  type Appraisal,
  type AppraisalCycle,
  type AppraisalSettings,
} from './appraisal.entity.js';
import type {
  AppraisalCycleFilter,
  AppraisalFilter,
  CheckAppraisalInput,
  ReturnAppraisalInput,
  ScoreAppraisalInput,
  SelfAssessAppraisalInput,
  UpdateAppraisalSettingsInput,
} from './appraisal.types.js';

/** The approval engine's subject of an appraisal checked by HR (default policy: leadership). */
export const APPRAISAL = 'APPRAISAL';

/**
 * Appraisals (绩效考核): the person's self-assessment, the department head's scores (head office's for a branch
 * manager), HR's check with the outcome, leadership's approval through the engine. A person sees their own; the
 * branch's overseers and HR the branch's; head office every branch's.
 */
@Injectable()
export class AppraisalService implements OnModuleInit {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly subjects: ApprovalSubjects,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      type: APPRAISAL,
      label: 'Appraisal',
      onDecided: (ctx, request, outcome) => this.decided(ctx, request, outcome),
    });
  }

  /** The branch's weights (the defaults until it sets its own). */
  async settings(ctx: RequestContext, branchId?: string): Promise<AppraisalSettings> {
    const branch = actingBranch(ctx, branchId);
    const row = await AppraisalSettingsTable.find(await ctx.tx(), { branchId: branch });
    return row ?? { branchId: branch, ...DEFAULT_WEIGHTS, updatedAt: new Date(0) };
  }

  /** Sets the branch's weights (exact, summing to 100); cycles opened later use them, open ones keep theirs. */
  async updateSettings(ctx: RequestContext, input: UpdateAppraisalSettingsInput): Promise<AppraisalSettings> {
    const branchId = actingBranch(ctx, input.branchId);
    const weights = checkWeights(input);
    const tx = await ctx.tx();
    const before = await AppraisalSettingsTable.find(tx, { branchId }, { lock: true });
    const after = await AppraisalSettingsTable.upsert(tx, { branchId, ...weights });
    await writeAudit(ctx, {
      branchId,
      entity: 'appraisalSettings',
      entityId: branchId,
      action: 'updated',
      before,
      after,
    });
    return after;
  }

  /** Cycles of the branches in scope (or one), newest first. */
  async cycles(ctx: RequestContext, filter: AppraisalCycleFilter = {}): Promise<AppraisalCycle[]> {
    const branches = filter.branchId
      ? ctx.branchIds.filter((b) => b === filter.branchId!.toLowerCase())
      : [...ctx.branchIds];
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${AppraisalCycles.cols('c')} FROM appraisal_cycles c
       WHERE c.branch_id = ANY($1::uuid[]) AND ($2::text IS NULL OR c.kind = $2)
       ORDER BY c.period_start DESC, c.kind, c.branch_id, c.id LIMIT $3`,
      [branches, filter.kind ?? null, filter.first ?? 24],
    );
    return rows.map(AppraisalCycles.map);
  }

  /** The appraisals the caller may see: their own; the branch's for overseers and HR; newest first. */
  async list(ctx: RequestContext, filter: AppraisalFilter = {}): Promise<Appraisal[]> {
    const actor = ctx.requireActor();
    const own = can(actor.role, 'appraisals:overview') ? null : actor.userId;
    const rows = await (
      await ctx.tx()
    ).query(
      `SELECT ${Appraisals.cols('a')} FROM appraisals a
       WHERE a.branch_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR a.person_id = $2)
         AND ($3::uuid IS NULL OR a.cycle_id = $3) AND ($4::uuid IS NULL OR a.person_id = $4)
         AND ($5::text IS NULL OR a.state = $5)
       ORDER BY a.created_at DESC, a.id DESC LIMIT $6`,
      [
        ctx.branchIds,
        own,
        filter.cycleId?.toLowerCase() ?? null,
        filter.personId?.toLowerCase() ?? null,
        filter.state ?? null,
        filter.first ?? 50,
      ],
    );
    return rows.map(Appraisals.map);
  }

  /** One appraisal the caller may see, or NOT_FOUND (the same for another branch's or a colleague's). */
  async get(ctx: RequestContext, id: string, lock = false): Promise<Appraisal> {
    const actor = ctx.requireActor();
    const row = await Appraisals.findInScope(ctx, id.toLowerCase(), { lock });
    if (!row || (row.personId !== actor.userId && !can(actor.role, 'appraisals:overview'))) {
      throw new NotFoundError('Appraisal', id);
    }
    return row;
  }

  async selfAssess(ctx: RequestContext, input: SelfAssessAppraisalInput): Promise<Appraisal> {
    const actor = ctx.requireActor();
    const before = await this.get(ctx, input.id, true);
    if (before.personId !== actor.userId) {
      throw new ForbiddenError('Only the person appraised writes the self-assessment');
    }
    const state = appraisalStep(before.state, 'SELF_ASSESS');
    return Appraisals.change(
      ctx,
      before,
      {
        state,
        selfAssessment: input.selfAssessment.trim(),
        selfAssessedAt: new Date(),
        kpiResults: await this.freshKpis(await ctx.tx(), before),
      },
      'self-assessed',
    );
  }

  /** The head's scores: the branch manager for the branch's people, head office for a branch manager. */
  async score(ctx: RequestContext, input: ScoreAppraisalInput): Promise<Appraisal> {
    const actor = ctx.requireActor();
    const before = await this.get(ctx, input.id, true);
    if (before.personId === actor.userId) throw new ForbiddenError('Nobody scores their own appraisal');
    if (before.personRole === Role.BRANCH_MANAGER && !actor.headOffice) {
      throw new ForbiddenError("A department head's appraisal is scored by head office");
    }
    const state = appraisalStep(before.state, 'SCORE');
    const scores = {
      resultsScore: parsePercent('resultsScore', input.resultsScore),
      attitudeScore: parsePercent('attitudeScore', input.attitudeScore),
      teamworkScore: parsePercent('teamworkScore', input.teamworkScore),
    };
    const tx = await ctx.tx();
    const cycle = await this.cycleOf(tx, before);
    return Appraisals.change(
      ctx,
      before,
      {
        state,
        ...scores,
        totalScore: totalScore(cycle, scores),
        headComment: input.comment.trim(),
        scoredBy: actor.userId,
        scoredAt: new Date(),
        kpiResults: await this.freshKpis(tx, before),
      },
      'scored',
    );
  }

  /** HR checks the total and records the outcome; leadership approves it through the engine. */
  async check(ctx: RequestContext, input: CheckAppraisalInput): Promise<Appraisal> {
    const actor = ctx.requireActor();
    const before = await this.get(ctx, input.id, true);
    if (before.personId === actor.userId) throw new ForbiddenError('Nobody checks their own appraisal');
    const state = appraisalStep(before.state, 'CHECK');
    const tx = await ctx.tx();
    const cycle = await this.cycleOf(tx, before);
    const approval = await this.approvals.submit(ctx, {
      branchId: before.branchId,
      subjectType: APPRAISAL,
      subjectId: before.id,
      title: `Appraisal ${cycle.period}: total ${before.totalScore}, outcome ${input.outcome}`,
    });
    return Appraisals.change(
      ctx,
      before,
      {
        state,
        outcome: input.outcome,
        hrNote: clean(input.note) ?? null,
        checkedBy: actor.userId,
        checkedAt: new Date(),
        approvalRequestId: approval.id,
        kpiResults: await this.freshKpis(tx, before),
      },
      'checked',
    );
  }

  /** HR sends an appraisal back to the head (the scores stay until the head scores again). */
  async returnToHead(ctx: RequestContext, input: ReturnAppraisalInput): Promise<Appraisal> {
    const actor = ctx.requireActor();
    const before = await this.get(ctx, input.id, true);
    if (before.personId === actor.userId) throw new ForbiddenError('Nobody checks their own appraisal');
    const state = appraisalStep(before.state, 'RETURN');
    return Appraisals.change(ctx, before, { state, hrNote: input.note.trim() }, 'returned');
  }

  /** In the deciding transaction: approved is final; a refusal or a return goes back to HR's check. */
  private async decided(ctx: RequestContext, request: ApprovalRequest, outcome: ApprovalOutcome): Promise<void> {
    const tx = await ctx.tx();
    const before = await Appraisals.find(tx, { branchId: request.branchId, id: request.subjectId }, { lock: true });
    if (!before || before.approvalRequestId !== request.id) return;
    const approved = outcome === 'APPROVED';
    const state = appraisalStep(before.state, approved ? 'APPROVE' : 'SEND_BACK');
    await Appraisals.change(ctx, before, { state, approvedAt: approved ? new Date() : null }, outcome.toLowerCase());
  }

  private async cycleOf(tx: Tx, a: Appraisal): Promise<AppraisalCycle> {
    return (await AppraisalCycles.find(tx, { branchId: a.branchId, id: a.cycleId }))!;
  }

  private async freshKpis(tx: Tx, a: Appraisal) {
    const cycle = await this.cycleOf(tx, a);
    const kpis = await kpiResults(tx, a.branchId, [a.personId], {
      kind: cyclePeriodKind(cycle.kind),
      start: cycle.periodStart,
    });
    return kpis.get(a.personId) ?? [];
  }
}
