import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, todayIn, writeAudit, type RequestContext, type Tx } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import type {
  BranchSatisfaction,
  RecordSatisfactionInput,
  SatisfactionAverageFilter,
  SatisfactionFilter,
  SatisfactionMethod,
  SatisfactionSurvey,
  UpdateSatisfactionInput,
} from './satisfaction.types.js';

const COLUMNS = `branch_id, id, customer_id, period, score, method, comment, surveyed_on::text AS surveyed_on,
  recorded_by, created_at, updated_at`;

interface Row {
  branch_id: string;
  id: string;
  customer_id: string;
  period: string;
  score: number;
  method: SatisfactionMethod;
  comment: string | null;
  surveyed_on: string;
  recorded_by: string;
  created_at: Date;
  updated_at: Date;
}

const toSurvey = (r: Row): SatisfactionSurvey => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  period: r.period,
  score: r.score,
  method: r.method,
  comment: r.comment,
  surveyedOn: r.surveyed_on,
  recordedById: r.recorded_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

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
      columns: COLUMNS,
      from: 'satisfaction_surveys',
      filter,
      order: { column: 'created_at', cast: 'timestamptz', desc: true, value: (s: SatisfactionSurvey) => s.createdAt },
      map: toSurvey,
    });
  }

  /** Per branch and quarter, in one statement over every branch in scope (head office: all of them). */
  async averages(ctx: RequestContext, f: SatisfactionAverageFilter): Promise<BranchSatisfaction[]> {
    const to = f.to ?? f.from;
    if (to < f.from) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
    const filter = new SqlFilter().branches(ctx, f.branchId);
    filter.where((p) => `period BETWEEN ${p(f.from)} AND ${p(to)}`);
    const tx = await ctx.tx();
    const rows = await tx.query<{
      branch_id: string;
      period: string;
      responses: number;
      average: string;
      lowest: number;
      highest: number;
    }>(
      `SELECT branch_id, period, count(*)::int AS responses, round(avg(score), 2)::text AS average,
         min(score)::int AS lowest, max(score)::int AS highest
       FROM satisfaction_surveys WHERE ${filter.sql} GROUP BY period, branch_id ORDER BY period, branch_id`,
      filter.params,
    );
    return rows.map((r) => ({
      branchId: r.branch_id,
      period: r.period,
      responses: r.responses,
      average: r.average,
      lowest: r.lowest,
      highest: r.highest,
    }));
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
    const rows = await tx.query<Row>(
      `INSERT INTO satisfaction_surveys (branch_id, id, customer_id, period, score, method, comment, surveyed_on,
         recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        branchId,
        randomUUID(),
        customer.id,
        input.period,
        input.score,
        input.method,
        input.comment?.trim() ?? null,
        surveyedOn,
        actor.userId,
      ],
    );
    const after = toSurvey(rows[0]);
    await writeAudit(ctx, { branchId, entity: 'satisfaction_survey', entityId: after.id, action: 'record', after });
    return after;
  }

  async update(ctx: RequestContext, id: string, input: UpdateSatisfactionInput): Promise<SatisfactionSurvey> {
    const tx = await ctx.tx();
    const before = await this.lock(ctx, tx, id);
    const rows = await tx.query<Row>(
      `UPDATE satisfaction_surveys SET score = $3, method = $4, comment = $5, updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [
        before.branchId,
        id,
        input.score ?? before.score,
        input.method ?? before.method,
        input.comment !== undefined ? input.comment.trim() : before.comment,
      ],
    );
    const after = toSurvey(rows[0]);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'satisfaction_survey',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  private async lock(ctx: RequestContext, tx: Tx, id: string): Promise<SatisfactionSurvey> {
    const rows = await tx.query<Row>(
      `SELECT ${COLUMNS} FROM satisfaction_surveys WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Satisfaction survey', id);
    return toSurvey(rows[0]);
  }
}
