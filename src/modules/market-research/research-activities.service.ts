import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { BadUserInputError, InvalidStateError, clean, writeAudit, type RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import type {
  CreateDemandSurveyInput,
  CreateResearchEventInput,
  RecordSurveyResponseInput,
  SurveyFindingsInput,
} from './dto/plans.input.js';
import {
  DemandSurveys,
  ResearchEvents,
  SurveyResponses,
  type DemandSurvey,
  type ResearchEvent,
  type SurveyResponse,
} from './plans.entity.js';
import type { ResearchPeriodFilter } from './plans.types.js';

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
      columns: ResearchEvents.cols(),
      from: 'research_events',
      filter: periodFilter(ctx, args.filter ?? {}, 'starts_on'),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (e: ResearchEvent) => e.startsOn },
      map: ResearchEvents.map,
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
    const after = await ResearchEvents.insert(await ctx.tx(), {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      name: input.name.trim(),
      location: clean(input.location) ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      attendeeIds: attendees,
      takeaways: clean(input.takeaways) ?? null,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'research_event', entityId: after.id, action: 'create', after });
    return after;
  }

  survey(ctx: RequestContext, id: string): Promise<DemandSurvey | null> {
    return DemandSurveys.findInScope(ctx, id);
  }

  async surveys(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchPeriodFilter },
  ): Promise<ConnectionShape<DemandSurvey>> {
    return keysetPage(ctx, args, {
      columns: DemandSurveys.cols(),
      from: 'demand_surveys',
      filter: periodFilter(ctx, args.filter ?? {}, 'starts_on'),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (s: DemandSurvey) => s.startsOn },
      map: DemandSurveys.map,
    });
  }

  /** The responses of many surveys ("branchId:surveyId" keys), in one statement. */
  responsesLoader(ctx: RequestContext): DataLoader<string, SurveyResponse[]> {
    return SurveyResponses.childLoader(ctx, 'surveyId', 'x.responded_on, x.created_at, x.id');
  }

  async createSurvey(ctx: RequestContext, input: CreateDemandSurveyInput): Promise<DemandSurvey> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    checkPeriod(input.startsOn, input.endsOn);
    const after = await DemandSurveys.insert(await ctx.tx(), {
      branchId,
      id: randomUUID(),
      title: input.title.trim(),
      goal: input.goal.trim(),
      method: input.method,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'demand_survey', entityId: after.id, action: 'create', after });
    return after;
  }

  /** A response within the survey period, while the findings are not reported yet. */
  async recordResponse(ctx: RequestContext, input: RecordSurveyResponseInput): Promise<SurveyResponse> {
    const actor = ctx.requireActor();
    const survey = await DemandSurveys.lock(ctx, input.surveyId.toLowerCase());
    if (survey.findings) throw new InvalidStateError('The findings of this survey are reported; it takes no responses');
    if (input.respondedOn < survey.startsOn || input.respondedOn > survey.endsOn) {
      throw BadUserInputError.field(
        'respondedOn',
        `must be within the survey period, ${survey.startsOn} to ${survey.endsOn}`,
      );
    }
    const after = await SurveyResponses.insert(await ctx.tx(), {
      branchId: survey.branchId,
      id: randomUUID(),
      surveyId: survey.id,
      respondent: input.respondent.trim(),
      organization: clean(input.organization) ?? null,
      respondedOn: input.respondedOn,
      answers: input.answers.trim(),
      recordedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: survey.branchId,
      entity: 'survey_response',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  /** The findings report, once, after at least one response. */
  async reportFindings(ctx: RequestContext, id: string, input: SurveyFindingsInput): Promise<DemandSurvey> {
    const tx = await ctx.tx();
    const before = await DemandSurveys.lock(ctx, id);
    if (before.findings) throw new InvalidStateError('The findings of this survey are already reported');
    const [{ n }] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_responses WHERE branch_id = $1 AND survey_id = $2',
      [before.branchId, id],
    );
    if (n === 0)
      throw new InvalidStateError('A findings report needs at least one response; record the responses first');
    const after = await DemandSurveys.update(tx, DemandSurveys.keyOf(before), {
      potentialDemand: input.potentialDemand.trim(),
      preferences: input.preferences.trim(),
      painPoints: input.painPoints.trim(),
      reportedAt: new Date(),
    });
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
}
