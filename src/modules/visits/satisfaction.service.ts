import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { emitEvent } from '@app/jobs';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { KpiEventKind } from '../performance/kpi.enums.js';
import { SatisfactionSurveys, type SatisfactionSurvey } from './satisfaction.entity.js';
import type {
  BranchSatisfaction,
  RecordSatisfactionInput,
  SatisfactionAverageFilter,
  SatisfactionFilter,
  UpdateSatisfactionInput,
} from './satisfaction.types.js';

/** The first day of a quarter such as 2026-Q4 (2026-10-01). */
export function quarterStart(period: string): string {
  const [y, q] = period.split('-Q');
  return `${y}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** Satisfaction (a KPI): one score per customer and quarter, from a survey or a return visit; averages per branch. */
@Injectable()
export class SatisfactionService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  async list(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: SatisfactionFilter },
  ): Promise<ConnectionShape<SatisfactionSurvey>> {
    const f = args.filter ?? {};
    const filter = new SqlFilter()
      .branches(ctx, f.branchId)
      .eq('customer_id', f.customerId?.toLowerCase(), 'uuid')
      .eq('period', f.period)
      .eq('method', f.method);
    return keysetPage(ctx, args, {
      columns: SatisfactionSurveys.cols(),
      from: 'satisfaction_surveys',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (s: SatisfactionSurvey) => s.createdAt },
      map: SatisfactionSurveys.map,
    });
  }

  /** Per branch and quarter, in one statement over every branch in scope (head office: all of them). */
  async averages(ctx: RequestContext, f: SatisfactionAverageFilter): Promise<BranchSatisfaction[]> {
    const to = f.to ?? f.from;
    if (to < f.from) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
    const filter = new SqlFilter().branches(ctx, f.branchId);
    filter.where((p) => `period BETWEEN ${p(f.from)} AND ${p(to)}`);
    const tx = await ctx.tx();
    // Aliased to the object's properties: the rows are the answer.
    return tx.query<BranchSatisfaction>(
      `SELECT branch_id AS "branchId", period, count(*)::int AS responses, round(avg(score), 2)::text AS average,
         min(score)::int AS lowest, max(score)::int AS highest
       FROM satisfaction_surveys WHERE ${filter.sql} GROUP BY period, branch_id ORDER BY period, branch_id`,
      filter.params,
    );
  }

  async record(ctx: RequestContext, input: RecordSatisfactionInput): Promise<SatisfactionSurvey> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    const today = todayIn(branch.timeZone);
    const start = quarterStart(input.period);
    if (start > today) throw BadUserInputError.field('period', `${input.period} has not begun yet`);
    const surveyedOn = input.surveyedOn ?? today;
    if (surveyedOn > today) throw BadUserInputError.field('surveyedOn', `must be today (${today}) or earlier`);
    if (surveyedOn < start)
      throw BadUserInputError.field('surveyedOn', `must not be before ${input.period} began (${start})`);
    const customer = await this.customers.findOne(ctx, input.customerId.toLowerCase());
    if (!customer || customer.branchId !== branchId) throw new NotFoundError('Customer', input.customerId);
    const tx = await ctx.tx();
    const after = await SatisfactionSurveys.insert(tx, {
      branchId,
      id: randomUUID(),
      customerId: customer.id,
      period: input.period,
      score: input.score,
      method: input.method,
      comment: input.comment?.trim() ?? null,
      surveyedOn,
      recordedById: actor.userId,
      creditedTo: customer.ownerId,
    });
    await writeAudit(ctx, { branchId, entity: 'satisfaction_survey', entityId: after.id, action: 'record', after });
    // Satisfaction (a KPI: the sum of scores and their count): the customer owner's, on the day surveyed.
    await emitEvent(ctx, {
      kind: KpiEventKind.SATISFACTION_SCORED,
      branchId,
      subjectId: after.id,
      personId: customer.ownerId,
      day: surveyedOn,
      amount: String(after.score),
    });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateSatisfactionInput): Promise<SatisfactionSurvey> {
    const before = await SatisfactionSurveys.findInScope(ctx, id, { lock: true });
    if (!before) throw new NotFoundError('Satisfaction survey', id);
    const after = await SatisfactionSurveys.update(await ctx.tx(), SatisfactionSurveys.keyOf(before), {
      score: input.score ?? before.score,
      method: input.method ?? before.method,
      comment: input.comment !== undefined ? input.comment.trim() : before.comment,
    });
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'satisfaction_survey',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    // A revised score corrects the KPI's sum (count unchanged) for whoever it counted for, on its day.
    if (before.creditedTo && after.score !== before.score) {
      await emitEvent(ctx, {
        kind: KpiEventKind.SATISFACTION_RESCORED,
        branchId: after.branchId,
        subjectId: randomUUID(),
        personId: before.creditedTo,
        day: before.surveyedOn,
        amount: String(after.score - before.score),
      });
    }
    return after;
  }
}
