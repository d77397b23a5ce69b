import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  InvalidStateError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { SqlFilter, groupByKey, keysetPage, splitKeys, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type {
  CreateDemandSurveyInput,
  CreateResearchEventInput,
  RecordSurveyResponseInput,
  SurveyFindingsInput,
} from './dto/plans.input.js';
import type { DemandSurvey, ResearchEvent, ResearchPeriodFilter, SurveyResponse } from './plans.types.js';

const clean = (s: string | undefined | null) => (s == null ? null : s.trim() || null);

const EVENT_COLUMNS = `branch_id AS "branchId", id, kind, name, location, starts_on::text AS "startsOn",
  ends_on::text AS "endsOn", attendee_ids AS "attendeeIds", takeaways, created_at AS "createdAt"`;

const SURVEY_COLUMNS = `branch_id AS "branchId", id, title, goal, method, starts_on::text AS "startsOn",
  ends_on::text AS "endsOn", created_at AS "createdAt",
  CASE WHEN reported_at IS NULL THEN NULL ELSE json_build_object('potentialDemand', potential_demand,
    'preferences', preferences, 'painPoints', pain_points, 'reportedAt', reported_at) END AS findings`;

type SurveyRow = Omit<DemandSurvey, 'findings'> & {
  findings: { potentialDemand: string; preferences: string; painPoints: string; reportedAt: string } | null;
};
const toSurvey = (r: SurveyRow): DemandSurvey => ({
  ...r,
  findings: r.findings ? { ...r.findings, reportedAt: new Date(r.findings.reportedAt) } : null,
});

const RESPONSE_COLUMNS = `branch_id AS "branchId", id, survey_id AS "surveyId", respondent, organization,
  responded_on::text AS "respondedOn", answers`;

/** A period filter on a start-day column, shared by the events and surveys lists. */
export function periodFilter(ctx: RequestContext, f: ResearchPeriodFilter, column: string): SqlFilter {
  if (f.from && f.to && f.from > f.to) throw BadUserInputError.field('filter.to', 'must not be before filter.from');
  const filter = new SqlFilter().branches(ctx, f.branchId);
  if (f.from) filter.where((p) => `${column} >= ${p(f.from, 'date')}`);
  if (f.to) filter.where((p) => `${column} <= ${p(f.to, 'date')}`);
  return filter;
}

export function checkPeriod(startsOn: string, endsOn: string, field = 'endsOn'): void {
  if (endsOn < startsOn) throw BadUserInputError.field(field, 'must not be before the start');
}

/** Events attended (conferences, forums, trade shows) and market demand surveys (市场需求调研). */
@Injectable()
export class ResearchActivitiesService {
  constructor(private readonly branches: BranchesService) {}

  async events(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchPeriodFilter },
  ): Promise<ConnectionShape<ResearchEvent>> {
    return keysetPage(ctx, args, {
      columns: EVENT_COLUMNS,
      from: 'research_events',
      filter: periodFilter(ctx, args.filter ?? {}, 'starts_on'),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (e: ResearchEvent) => e.startsOn },
      map: (r: ResearchEvent) => r,
    });
  }

  async createEvent(ctx: RequestContext, input: CreateResearchEventInput): Promise<ResearchEvent> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    checkPeriod(input.startsOn, input.endsOn);
    const attendees = [...new Set((input.attendeeIds ?? []).map((a) => a.toLowerCase()))];
    const staff = await this.branches.staffLoader(ctx).loadMany(attendees.map((a) => `${branchId}:${a}`));
    const stranger = attendees.findIndex((_, i) => !staff[i] || staff[i] instanceof Error);
    if (stranger >= 0) throw BadUserInputError.field(`attendeeIds[${stranger}]`, 'must be a person of the branch');
    const tx = await ctx.tx();
    const id = randomUUID();
    const rows = await tx.query<ResearchEvent>(
      `INSERT INTO research_events (branch_id, id, kind, name, location, starts_on, ends_on, attendee_ids, takeaways,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${EVENT_COLUMNS}`,
      [
        branchId,
        id,
        input.kind,
        input.name.trim(),
        clean(input.location),
        input.startsOn,
        input.endsOn,
        attendees,
        clean(input.takeaways),
        actor.userId,
      ],
    );
    await writeAudit(ctx, { branchId, entity: 'research_event', entityId: id, action: 'create', after: rows[0] });
    return rows[0];
  }

  async survey(ctx: RequestContext, id: string): Promise<DemandSurvey | null> {
    const tx = await ctx.tx();
    const rows = await tx.query<SurveyRow>(
      `SELECT ${SURVEY_COLUMNS} FROM demand_surveys WHERE branch_id = ANY($1::uuid[]) AND id = $2`,
      [ctx.branchIds, id],
    );
    return rows[0] ? toSurvey(rows[0]) : null;
  }

  async surveys(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchPeriodFilter },
  ): Promise<ConnectionShape<DemandSurvey>> {
    return keysetPage(ctx, args, {
      columns: SURVEY_COLUMNS,
      from: 'demand_surveys',
      filter: periodFilter(ctx, args.filter ?? {}, 'starts_on'),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (s: DemandSurvey) => s.startsOn },
      map: toSurvey,
    });
  }

  /** The responses of many surveys ("branchId:surveyId" keys), in one statement. */
  responsesLoader(ctx: RequestContext): DataLoader<string, SurveyResponse[]> {
    return ctx.loader(
      'research.surveyResponses',
      () =>
        new DataLoader<string, SurveyResponse[]>(async (keys) => {
          const [branchIds, surveyIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<SurveyResponse>(
            `SELECT ${RESPONSE_COLUMNS} FROM survey_responses
             WHERE (branch_id, survey_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
             ORDER BY responded_on, created_at, id`,
            [branchIds, surveyIds],
          );
          return groupByKey(
            keys,
            rows,
            (r) => `${r.branchId}:${r.surveyId}`,
            (r) => r,
          );
        }),
    );
  }

  async createSurvey(ctx: RequestContext, input: CreateDemandSurveyInput): Promise<DemandSurvey> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    checkPeriod(input.startsOn, input.endsOn);
    const tx = await ctx.tx();
    const id = randomUUID();
    const rows = await tx.query<SurveyRow>(
      `INSERT INTO demand_surveys (branch_id, id, title, goal, method, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SURVEY_COLUMNS}`,
      [branchId, id, input.title.trim(), input.goal.trim(), input.method, input.startsOn, input.endsOn, actor.userId],
    );
    const after = toSurvey(rows[0]);
    await writeAudit(ctx, { branchId, entity: 'demand_survey', entityId: id, action: 'create', after });
    return after;
  }

  /** A response within the survey period, while the findings are not reported yet. */
  async recordResponse(ctx: RequestContext, input: RecordSurveyResponseInput): Promise<SurveyResponse> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const survey = await this.lockSurvey(ctx, tx, input.surveyId.toLowerCase());
    if (survey.findings) throw new InvalidStateError('The findings of this survey are reported; it takes no responses');
    if (input.respondedOn < survey.startsOn || input.respondedOn > survey.endsOn) {
      throw BadUserInputError.field(
        'respondedOn',
        `must be within the survey period, ${survey.startsOn} to ${survey.endsOn}`,
      );
    }
    const rows = await tx.query<SurveyResponse>(
      `INSERT INTO survey_responses (branch_id, id, survey_id, respondent, organization, responded_on, answers,
         recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${RESPONSE_COLUMNS}`,
      [
        survey.branchId,
        randomUUID(),
        survey.id,
        input.respondent.trim(),
        clean(input.organization),
        input.respondedOn,
        input.answers.trim(),
        actor.userId,
      ],
    );
    await writeAudit(ctx, {
      branchId: survey.branchId,
      entity: 'survey_response',
      entityId: rows[0].id,
      action: 'create',
      after: rows[0],
    });
    return rows[0];
  }

  /** The findings report, once, after at least one response. */
  async reportFindings(ctx: RequestContext, id: string, input: SurveyFindingsInput): Promise<DemandSurvey> {
    const tx = await ctx.tx();
    const before = await this.lockSurvey(ctx, tx, id);
    if (before.findings) throw new InvalidStateError('The findings of this survey are already reported');
    const [{ n }] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_responses WHERE branch_id = $1 AND survey_id = $2',
      [before.branchId, id],
    );
    if (n === 0)
      throw new InvalidStateError('A findings report needs at least one response; record the responses first');
    const rows = await tx.query<SurveyRow>(
      `UPDATE demand_surveys SET potential_demand = $3, preferences = $4, pain_points = $5, reported_at = now(),
         updated_at = now()
       WHERE branch_id = $1 AND id = $2 RETURNING ${SURVEY_COLUMNS}`,
      [before.branchId, id, input.potentialDemand.trim(), input.preferences.trim(), input.painPoints.trim()],
    );
    const after = toSurvey(rows[0]);
    await writeAudit(ctx, {
      branchId: after.branchId,
      entity: 'demand_survey',
      entityId: id,
      action: 'report_findings',
      before,
      after,
    });
    return after;
  }

  private async lockSurvey(ctx: RequestContext, tx: Tx, id: string): Promise<DemandSurvey> {
    const rows = await tx.query<SurveyRow>(
      `SELECT ${SURVEY_COLUMNS} FROM demand_surveys WHERE branch_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`,
      [ctx.branchIds, id],
    );
    if (!rows[0]) throw new NotFoundError('Demand survey', id);
    return toSurvey(rows[0]);
  }
}
